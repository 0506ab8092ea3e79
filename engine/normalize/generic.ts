/**
 * Intrinsic clean-ups GOBL applies to every object whatever the regime (spec gobl-core §1.4):
 * text is trimmed and freed of NUL characters, all-zero UUIDs disappear, extension maps lose
 * empty values and empty maps are dropped. Runs once over the whole document, in place.
 */
const ZERO_UUID = '00000000-0000-0000-0000-000000000000';

/** Visible ASCII (not a space): never removed by trimming nor changed by NFC. */
const isVisibleAscii = (c: number): boolean => c > 0x20 && c < 0x7f;

/** Codes: Unicode NFC, no control characters, trimmed. */
export function normalizeCode(s: string): string {
  if (isCleanAsciiCode(s)) return s;
  // eslint-disable-next-line no-control-regex
  return s.normalize('NFC').replace(/[\u0000-\u001f\u007f-\u009f]/g, '').trim();
}

/** Printable ASCII that starts and ends with a visible character: normalizeCode leaves it as is. */
function isCleanAsciiCode(s: string): boolean {
  const n = s.length;
  if (n === 0 || !isVisibleAscii(s.charCodeAt(0)) || !isVisibleAscii(s.charCodeAt(n - 1))) return false;
  for (let i = 1; i < n - 1; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c >= 0x7f) return false;
  }
  return true;
}

/** Free text: no NUL characters, trimmed. */
export function normalizeText(s: string): string {
  // Text that starts and ends with a visible ASCII character and has no NUL stays as it is.
  const n = s.length;
  if (n > 0 && isVisibleAscii(s.charCodeAt(0)) && isVisibleAscii(s.charCodeAt(n - 1)) && s.indexOf('\u0000') < 0) return s;
  return s.replace(/\u0000/g, '').trim();
}

const CODE_FIELDS = new Set(['code', 'series', 'state', 'ref', 'order', 'cost', 'scheme', 'country', 'currency', 'type', 'prices_include', 'cat', 'key', 'rate']);

function cleanMap(map: Record<string, unknown>): Record<string, unknown> | undefined {
  let any = false;
  for (const k of Object.keys(map)) {
    const v = map[k];
    if (v === '' || v === undefined || v === null) delete map[k];
    else {
      if (typeof v === 'string') map[k] = normalizeCode(v);
      any = true;
    }
  }
  return any ? map : undefined;
}

/** No null, undefined or missing element: filtering out nil elements would keep them all. */
function hasNoGaps(list: readonly unknown[]): boolean {
  for (let i = 0; i < list.length; i++) {
    const x = list[i];
    if (x === null || x === undefined) return false;
    if (!(i in list)) return false;
  }
  return true;
}

/** Object.prototype has enumerable properties (someone added some): for-in would list them too. */
let inherited = false;

export function cleanDeep(node: unknown): void {
  inherited = false;
  for (const _ in Object.prototype) inherited = true;
  clean(node);
}

function clean(node: unknown): void {
  if (Array.isArray(node)) {
    for (const v of node) clean(v);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const obj = node as Record<string, unknown>;
  if (!inherited && Object.getPrototypeOf(obj) === Object.prototype) {
    // For a plain object for-in visits what Object.keys lists, in order, without an array (the
    // only key deleted meanwhile is the current one, and none are added).
    for (const k in obj) cleanMember(obj, k);
  } else {
    for (const k of Object.keys(obj)) cleanMember(obj, k);
  }
}

function cleanMember(obj: Record<string, unknown>, k: string): void {
  const v = obj[k];
  if (typeof v === 'string') {
    if (k === 'uuid' && v === ZERO_UUID) delete obj[k];
    else obj[k] = CODE_FIELDS.has(k) ? normalizeCode(v) : normalizeText(v);
  } else if ((k === 'ext' || k === 'meta') && v && typeof v === 'object' && !Array.isArray(v)) {
    const cleaned = k === 'ext' ? cleanMap(v as Record<string, unknown>) : Object.keys(v).length ? v : undefined;
    if (cleaned === undefined) delete obj[k];
  } else if (Array.isArray(v)) {
    // GOBL prunes nil elements from slices (and `filter` drops holes too).
    if (hasNoGaps(v)) {
      clean(v);
      return;
    }
    const kept = v.filter((x) => x !== null && x !== undefined);
    if (kept.length !== v.length) obj[k] = kept;
    clean(kept);
  } else if (v && typeof v === 'object') {
    if (k === 'complements') return;
    clean(v);
  }
}
