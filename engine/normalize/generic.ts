/**
 * Intrinsic clean-ups GOBL applies to every object whatever the regime (spec gobl-core §1.4):
 * text is trimmed and freed of NUL characters, all-zero UUIDs disappear, extension maps lose
 * empty values and empty maps are dropped. Runs once over the whole document, in place.
 */
const ZERO_UUID = '00000000-0000-0000-0000-000000000000';

/** Codes: Unicode NFC, no control characters, trimmed. */
export function normalizeCode(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.normalize('NFC').replace(/[\u0000-\u001f\u007f-\u009f]/g, '').trim();
}

/** Free text: no NUL characters, trimmed. */
export function normalizeText(s: string): string {
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

export function cleanDeep(node: unknown): void {
  if (Array.isArray(node)) {
    for (const v of node) cleanDeep(v);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const obj = node as Record<string, unknown>;
  for (const k of Object.keys(obj)) {
    const v = obj[k];
    if (typeof v === 'string') {
      if (k === 'uuid' && v === ZERO_UUID) delete obj[k];
      else obj[k] = CODE_FIELDS.has(k) ? normalizeCode(v) : normalizeText(v);
    } else if ((k === 'ext' || k === 'meta') && v && typeof v === 'object' && !Array.isArray(v)) {
      const cleaned = k === 'ext' ? cleanMap(v as Record<string, unknown>) : Object.keys(v).length ? v : undefined;
      if (cleaned === undefined) delete obj[k];
    } else if (Array.isArray(v)) {
      // GOBL prunes nil elements from slices.
      const kept = v.filter((x) => x !== null && x !== undefined);
      if (kept.length !== v.length) obj[k] = kept;
      cleanDeep(kept);
    } else if (v && typeof v === 'object') {
      if (k === 'complements') continue;
      cleanDeep(v);
    }
  }
}
