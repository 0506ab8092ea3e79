/**
 * The studio's client for the proxy API (proxy/README.md). The proxy serves the built studio and
 * sets its token as an HttpOnly cookie on the index page, so calls are same-origin `fetch`es
 * that carry the cookie by themselves: page scripts never see the token.
 *
 * Nothing here throws for an HTTP or network failure: every call resolves to `{ok, data}` or
 * `{ok: false, error}`, so the panel always has something to say. And before any call that
 * needs the token, `probe()` asks the unauthenticated `GET /api/health` whether a proxy is there
 * and whether the cookie works — a studio not served by the proxy (vite preview, a static host)
 * then makes no request that fails, which browsers would log as console errors.
 */
import type { ApiError, ApiErrorDetail } from './types.ts';

export type Connection =
  /** Not asked yet, or asking. */
  | { readonly state: 'unknown' | 'checking' }
  /** No proxy behind this page (why, for the person). */
  | { readonly state: 'absent'; readonly reason: string }
  /** A proxy, but it does not accept this page's cookie (token changed: reload the page). */
  | { readonly state: 'unauthorized' }
  | { readonly state: 'ready' };

export type ApiResult<T> = { readonly ok: true; readonly status: number; readonly data: T } | { readonly ok: false; readonly error: ApiError };

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** The proxy listens on loopback only and refuses other host names (DNS rebinding). */
export function isLoopback(hostname: string): boolean {
  return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]' || hostname === '::1';
}

function isApiError(v: unknown): v is { error: { kind: string; message: string; details?: ApiErrorDetail[] } } {
  const e = (v as { error?: { kind?: unknown; message?: unknown } } | null)?.error;
  return !!e && typeof e.kind === 'string' && typeof e.message === 'string';
}

export class ProxyClient {
  readonly #base: string;
  readonly #fetch: Fetch;
  /** Where the page was loaded from (hostname and protocol); tests pass their own. */
  readonly #location: { hostname: string; protocol: string };

  constructor(opts: { base?: string; fetch?: Fetch; location?: { hostname: string; protocol: string } } = {}) {
    this.#base = opts.base ?? '';
    this.#fetch = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#location = opts.location ?? globalThis.location;
  }

  /** Is this page served by the proxy, and does its cookie work? Makes at most one request. */
  async probe(): Promise<Connection> {
    const { hostname, protocol } = this.#location;
    if (!/^https?:$/.test(protocol) || !isLoopback(hostname)) {
      return { state: 'absent', reason: `this page comes from ${hostname || protocol}, and the proxy serves the studio on 127.0.0.1 or localhost only` };
    }
    let res: Response;
    try {
      // Accept */*: a static server's SPA fallback (vite preview) answers 200 with the index page
      // instead of a 404 the browser would log.
      res = await this.#fetch(`${this.#base}/api/health`, { headers: { accept: 'application/json, */*' }, cache: 'no-store', credentials: 'same-origin' });
    } catch {
      return { state: 'absent', reason: 'the server did not answer' };
    }
    const type = res.headers.get('content-type') ?? '';
    if (!res.ok || !type.includes('application/json')) return { state: 'absent', reason: 'the server that sent this page has no proxy API' };
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      return { state: 'absent', reason: 'the server that sent this page has no proxy API' };
    }
    const health = body as { ok?: unknown; authenticated?: unknown };
    if (health?.ok !== true) return { state: 'absent', reason: 'the server that sent this page has no proxy API' };
    return health.authenticated === false ? { state: 'unauthorized' } : { state: 'ready' };
  }

  get<T>(path: string): Promise<ApiResult<T>> {
    return this.#call<T>('GET', path);
  }

  post<T>(path: string, body: unknown, headers: Record<string, string> = {}): Promise<ApiResult<T>> {
    return this.#call<T>('POST', path, body, headers);
  }

  delete<T>(path: string): Promise<ApiResult<T>> {
    return this.#call<T>('DELETE', path);
  }

  async #call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResult<T>> {
    let res: Response;
    try {
      res = await this.#fetch(`${this.#base}${path}`, {
        method,
        credentials: 'same-origin',
        cache: 'no-store',
        headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (e) {
      return { ok: false, error: { kind: 'network', message: `the proxy did not answer (${e instanceof Error ? e.message : String(e)}); is it still running?` } };
    }
    let data: unknown;
    try {
      data = await res.json();
    } catch {
      return { ok: false, error: { kind: 'bad_answer', message: `the proxy answered ${res.status} without JSON`, status: res.status } };
    }
    if (!res.ok) {
      if (isApiError(data)) return { ok: false, error: { ...data.error, status: res.status } };
      return { ok: false, error: { kind: 'bad_answer', message: `the proxy answered ${res.status}`, status: res.status } };
    }
    return { ok: true, status: res.status, data: data as T };
  }
}
