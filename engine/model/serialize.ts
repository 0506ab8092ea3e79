/**
 * Output as GOBL prints it: Go's `omitempty` drops nil pointers, empty strings, empty lists and
 * maps, false and zero scalars; structs are always printed (even `{}`), as are amounts.
 */
const MAP_FIELDS = new Set(['ext', 'meta']);

export function pruneEmpty(node: unknown): unknown {
  if (Array.isArray(node)) return node.map((v) => pruneEmpty(v));
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
    if (v === undefined || v === null || v === '' || v === false || v === 0) continue;
    if (Array.isArray(v)) {
      if (v.length === 0) continue;
      out[k] = pruneEmpty(v);
      continue;
    }
    if (typeof v === 'object') {
      if (MAP_FIELDS.has(k) && Object.keys(v).length === 0) continue;
      if (k === 'complements') {
        out[k] = v;
        continue;
      }
      out[k] = pruneEmpty(v);
      continue;
    }
    out[k] = v;
  }
  return out;
}
