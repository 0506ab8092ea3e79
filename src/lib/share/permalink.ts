/**
 * Permalinks that carry the whole document in the URL fragment: `#doc=` + base64url of the
 * deflate-raw compressed text (the platform's CompressionStream). Browsers never send the
 * fragment to the server, so a shared document stays between the people holding the link.
 */
export const FRAGMENT_KEY = 'doc';

/** Links longer than this may be cut by chat tools and mail clients (browsers take ~2 MB). */
export const LONG_LINK = 8_000;

/**
 * What the sender was looking at, carried beside the document so the link opens on the same tab
 * (and, for XML, the same format and province). Values are checked on the way in.
 */
export interface SharedView {
  readonly tab?: string;
  readonly format?: string;
  readonly zone?: string;
}
const VIEW_KEYS = ['tab', 'format', 'zone'] as const;
const VIEW_VALUE = /^[a-z-]{1,20}$|^(BI|SS|VI)$/;

export type Decoded = { readonly ok: true; readonly text: string; readonly view?: SharedView } | { readonly ok: false; readonly message: string };

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

export function compress(text: string): Promise<Uint8Array> {
  return pipe(new TextEncoder().encode(text), new CompressionStream('deflate-raw'));
}

export async function decompress(bytes: Uint8Array): Promise<string> {
  return new TextDecoder('utf-8', { fatal: true }).decode(await pipe(bytes, new DecompressionStream('deflate-raw')));
}

export function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(s: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) throw new Error('not base64url');
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The page's address with the document in its fragment (any other fragment is replaced). */
export async function permalinkFor(pageUrl: string, text: string, view: SharedView = {}): Promise<string> {
  const url = new URL(pageUrl);
  const extra = VIEW_KEYS.filter((k) => view[k] && VIEW_VALUE.test(view[k]!)).map((k) => `&${k}=${view[k]}`);
  url.hash = `${FRAGMENT_KEY}=${toBase64Url(await compress(text))}${extra.join('')}`;
  return url.toString();
}

/** The view part of a fragment; unknown keys and odd values are ignored. */
export function fragmentView(hash: string): SharedView | undefined {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const view: Record<string, string> = {};
  for (const k of VIEW_KEYS) {
    const v = params.get(k);
    if (v && VIEW_VALUE.test(v)) view[k] = v;
  }
  return Object.keys(view).length ? view : undefined;
}

/** The `doc` value of a fragment (`#doc=…`), or undefined when the fragment carries none. */
export function fragmentPayload(hash: string): string | undefined {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  return params.get(FRAGMENT_KEY) ?? undefined;
}

/** Reads the document of a permalink's fragment; undefined when there is none. */
export async function readPermalink(hash: string): Promise<Decoded | undefined> {
  const payload = fragmentPayload(hash);
  if (payload === undefined) return undefined;
  try {
    const text = await decompress(fromBase64Url(payload));
    const view = fragmentView(hash);
    return view ? { ok: true, text, view } : { ok: true, text };
  } catch {
    return { ok: false, message: 'The shared link is damaged (it may have been cut short when copied); the document could not be read.' };
  }
}
