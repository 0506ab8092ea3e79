/**
 * The Workflows and Organisation panels' calls to the proxy (proxy/src/workflows/routes.ts,
 * proxy/src/organisations/routes.ts). Same-origin fetches: the proxy token travels in its HttpOnly
 * cookie; an organisation's access token (kept in memory only) goes as `X-Access-Token`.
 *
 * Nothing is asked before `probe()` found a proxy behind this page (GET /api/health with
 * Accept: *, which a static server answers with its index page instead of a logged 404), and
 * no call throws: each resolves to `{ok, data}` or `{ok: false, error}`.
 */

export interface ApiError {
  readonly kind: string;
  readonly message: string;
  readonly status?: number;
  readonly details?: readonly { code?: string; path?: string; message: string }[];
}

export type Result<T> = { readonly ok: true; readonly status: number; readonly data: T } | { readonly ok: false; readonly error: ApiError };

export type Presence = { readonly state: 'unknown' | 'checking' | 'ready' } | { readonly state: 'absent'; readonly reason: string };

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export async function probe(): Promise<Presence> {
  if (!/^https?:$/.test(location.protocol) || !LOOPBACK.has(location.hostname)) {
    return { state: 'absent', reason: `this page comes from ${location.hostname || location.protocol}; the proxy serves the studio on 127.0.0.1 or localhost` };
  }
  try {
    const res = await fetch('/api/health', { headers: { accept: 'application/json, */*' }, cache: 'no-store', credentials: 'same-origin' });
    const body = (res.headers.get('content-type') ?? '').includes('application/json') ? ((await res.json()) as { ok?: unknown }) : undefined;
    return res.ok && body?.ok === true ? { state: 'ready' } : { state: 'absent', reason: 'the server that sent this page has no proxy API' };
  } catch {
    return { state: 'absent', reason: 'the server did not answer' };
  }
}

export async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown, accessToken?: string): Promise<Result<T>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      cache: 'no-store',
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(accessToken ? { 'x-access-token': accessToken } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    return { ok: false, error: { kind: 'network', message: `the proxy did not answer (${e instanceof Error ? e.message : String(e)})` } };
  }
  let data: unknown;
  try {
    data = await res.json();
  } catch {
    return { ok: false, error: { kind: 'bad_answer', message: `the proxy answered ${res.status} without JSON`, status: res.status } };
  }
  if (!res.ok) {
    const e = (data as { error?: ApiError } | null)?.error;
    return { ok: false, error: e && typeof e.message === 'string' ? { ...e, status: res.status } : { kind: 'bad_answer', message: `the proxy answered ${res.status}`, status: res.status } };
  }
  return { ok: true, status: res.status, data: data as T };
}

/** An artifact's bytes (XML, PDF, JSON) as a Blob. */
export async function blob(path: string, accessToken?: string): Promise<Result<Blob>> {
  try {
    const res = await fetch(path, { credentials: 'same-origin', cache: 'no-store', headers: accessToken ? { 'x-access-token': accessToken } : {} });
    if (!res.ok) return { ok: false, error: { kind: 'not_found', message: `the proxy answered ${res.status}`, status: res.status } };
    return { ok: true, status: res.status, data: await res.blob() };
  } catch (e) {
    return { ok: false, error: { kind: 'network', message: e instanceof Error ? e.message : String(e) } };
  }
}

// ---------------------------------------------------------------------------------------------
// What the API answers (only what the panels show)

export type StepStatus = 'pending' | 'running' | 'ok' | 'failed' | 'skipped';

export interface StepView {
  readonly phase: 'steps' | 'rescue';
  readonly index: number;
  readonly id: string;
  readonly name: string;
  readonly provider: string;
  readonly summary?: string;
  readonly status: StepStatus;
  readonly durationMs?: number;
  readonly output?: Record<string, unknown>;
  readonly error?: { message: string; code?: string; details?: readonly { code?: string; path?: string; message: string }[] };
  readonly artifacts: readonly { name: string; contentType: string; size: number }[];
}

export interface EntryView {
  readonly id: string;
  readonly env: string;
  readonly schema: string;
  readonly state: string;
  readonly code?: string;
  readonly series?: string;
  readonly name?: string;
  readonly sealed: boolean;
  readonly stamps: Record<string, string>;
  readonly createdAt: string;
}

export interface JobView {
  readonly id: string;
  readonly entryId: string;
  readonly scope: string;
  readonly env: string;
  readonly name: string;
  readonly status: 'queued' | 'running' | 'completed' | 'failed';
  readonly attempt: number;
  readonly rerunOf?: string;
  readonly clientId?: string;
  readonly error?: { message: string; code?: string };
  readonly createdAt: string;
  readonly finishedAt?: string;
  readonly entry?: EntryView;
  readonly steps?: readonly StepView[];
}

export interface Problem {
  readonly code: string;
  readonly path: string;
  readonly message: string;
}

export const finished = (j: JobView | undefined) => j?.status === 'completed' || j?.status === 'failed';
