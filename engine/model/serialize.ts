/**
 * Output as GOBL prints it: Go's `omitempty` drops nil pointers, empty strings, empty lists and
 * maps, false and zero scalars; structs are always printed (even `{}`), as are amounts.
 */
const isMapField = (k: string): boolean => k === 'ext' || k === 'meta';

const pruneItem = (v: unknown): unknown => pruneEmpty(v);

export function pruneEmpty(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(pruneItem);
  if (node === null || typeof node !== 'object') return node;
  const obj = node as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const keys = Object.keys(obj);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const v = obj[k];
    if (v === undefined || v === null || v === '' || v === false || v === 0) continue;
    if (Array.isArray(v)) {
      if (v.length === 0) continue;
      out[k] = v.map(pruneItem);
      continue;
    }
    if (typeof v === 'object') {
      if (isMapField(k) && Object.keys(v).length === 0) continue;
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

/** State of a tracked pruning pass (see `pruneEmptyTracked`). */
export interface PruneState {
  /** An ext/meta map came out empty: pruning the result again would drop it. */
  emptiedMap: boolean;
}

/**
 * Thrown by tracked pruning on a `__proto__` key, which pruneEmpty assigns as the copy's prototype
 * rather than as a key: the caller starts again with plain `pruneEmpty`.
 */
export const PROTO_KEY: unique symbol = Symbol('__proto__ key');

/** Whether pruneEmpty keeps member `k` with value `v` of an object. */
export function keepMember(k: string, v: unknown): boolean {
  if (v === undefined || v === null || v === '' || v === false || v === 0) return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object' && isMapField(k) && Object.keys(v).length === 0) return false;
  return true;
}

/** Records an assignment `out[k] = v` of a pruned object, for `PruneState.emptiedMap`. */
export function noteMember(k: string, v: unknown, st: PruneState): void {
  if (isMapField(k) && v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0) st.emptiedMap = true;
}

/** `pruneEmpty(node)`, updating `st` and throwing PROTO_KEY where plain pruning is needed. */
export function pruneEmptyTracked(node: unknown, st: PruneState): unknown {
  if (Array.isArray(node)) return node.map((v) => pruneEmptyTracked(v, st));
  if (node === null || typeof node !== 'object') return node;
  const obj = node as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const keys = Object.keys(obj);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const v = obj[k];
    if (!keepMember(k, v)) continue;
    if (k === '__proto__') throw PROTO_KEY;
    const r = prunedMember(k, v, st);
    out[k] = r;
    noteMember(k, r, st);
  }
  return out;
}

/** What pruneEmpty makes of a kept member `k` with value `v`. */
export function prunedMember(k: string, v: unknown, st: PruneState): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => pruneEmptyTracked(x, st));
  return k === 'complements' ? v : pruneEmptyTracked(v, st);
}
