/**
 * Prints documents with their fields in GOBL's order (the order of the zod shapes) and map keys
 * sorted (Go sorts map keys when it marshals JSON), without parsing the document a second time.
 * The plan for each schema is computed once from zod's definitions and cached.
 */
import type { z } from 'zod';
import { PROTO_KEY, keepMember, noteMember, pruneEmpty, pruneEmptyTracked, prunedMember, type PruneState } from './serialize.ts';

interface ObjectPlan {
  readonly kind: 'object';
  readonly fields: readonly (readonly [string, () => Plan])[];
  /** The fields' names, in order. */
  readonly names: readonly string[];
  /** The fields' plans, resolved on first use. */
  readonly plans: (Plan | undefined)[];
  /** Field name -> position in `fields`. */
  readonly index: ReadonlyMap<string, number>;
  /**
   * No field name is also a property of Object.prototype, so on a plain object `k in obj` is
   * "obj has k" and the fields present can be found from the object's own keys.
   */
  readonly plain: boolean;
}

type Plan =
  | ObjectPlan
  | { readonly kind: 'array'; readonly item: () => Plan }
  | { readonly kind: 'map'; readonly value: () => Plan }
  | { readonly kind: 'any' };

const ANY: Plan = { kind: 'any' };
const plans = new WeakMap<object, Plan>();

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  getter?: () => z.ZodType;
}

const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

function planFor(schema: z.ZodType): Plan {
  const cached = plans.get(schema);
  if (cached) return cached;
  const def = defOf(schema);
  let plan: Plan;
  switch (def.type) {
    case 'object': {
      const fields = Object.entries(def.shape ?? {}).map(([k, v]) => [k, lazy(v)] as const);
      const index = new Map(fields.map(([k], i) => [k, i]));
      plan = { kind: 'object', fields, names: fields.map(([k]) => k), plans: fields.map(() => undefined), index, plain: index.size === fields.length && fields.every(([k]) => !(k in Object.prototype)) };
      break;
    }
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      plan = planFor(def.innerType!);
      break;
    case 'pipe':
      // z.preprocess is transform → schema; `.transform()` is schema → transform.
      plan = defOf(def.in!).type === 'transform' ? planFor(def.out!) : planFor(def.in!);
      break;
    case 'array':
      plan = { kind: 'array', item: lazy(def.element!) };
      break;
    case 'record':
      plan = { kind: 'map', value: lazy(def.valueType!) };
      break;
    case 'lazy':
      plan = planFor(def.getter!());
      break;
    default:
      plan = ANY;
  }
  plans.set(schema, plan);
  return plan;
}

function lazy(schema: z.ZodType): () => Plan {
  let p: Plan | undefined;
  return () => (p ??= planFor(schema));
}

function apply(plan: Plan, value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    if (plan.kind !== 'array') return value;
    const item = plan.item();
    return value.map((v) => apply(item, v));
  }
  const obj = value as Record<string, unknown>;
  if (plan.kind === 'map') {
    const out: Record<string, unknown> = {};
    const sub = plan.value();
    for (const k of Object.keys(obj).sort()) out[k] = apply(sub, obj[k]);
    return out;
  }
  if (plan.kind !== 'object') return value;
  const keys = Object.keys(obj);
  const out: Record<string, unknown> = {};
  if (plan.plain && Object.getPrototypeOf(obj) === Object.prototype) {
    // The known fields present, from the object's own keys, in the plan's order: objects hold a
    // few of their schema's many fields, and usually in schema order already.
    const at: number[] = [];
    for (let i = 0; i < keys.length; i++) {
      const n = plan.index.get(keys[i]);
      if (n === undefined) continue;
      let j = at.length;
      while (j > 0 && at[j - 1] > n) {
        at[j] = at[j - 1];
        j--;
      }
      at[j] = n;
    }
    for (let i = 0; i < at.length; i++) {
      const [k, sub] = plan.fields[at[i]];
      out[k] = apply(sub(), obj[k]);
    }
  } else {
    for (const [k, sub] of plan.fields) if (k in obj) out[k] = apply(sub(), obj[k]);
  }
  // Anything the model does not know stays, after the known fields.
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (!(k in out)) out[k] = obj[k];
  }
  return out;
}

export function orderFields<T>(schema: z.ZodType, value: T): T {
  return apply(planFor(schema), value) as T;
}

/**
 * `orderFields(schema, pruneEmpty(value))` in one pass, without building the pruned copy first.
 * Objects and arrays of `value` that the copy would repeat exactly (same keys in the same order,
 * same members) are used as they are rather than copied, so the result shares them with `value`:
 * pass a value the caller owns (build passes its own parsed document). `prunedAgainIsSame` tells
 * whether `pruneEmpty` of the result would give the same structure back (no ext/meta map came
 * out empty), so a caller that prunes it again can keep it as is.
 */
export function orderPruned<T>(schema: z.ZodType, value: T): { value: T; prunedAgainIsSame: boolean } {
  const st: PruneState = { emptiedMap: false };
  depth = 0;
  protoEnumerable = false;
  for (const _ in Object.prototype) protoEnumerable = true;
  try {
    const out = pruneApply(planFor(schema), value, st) as T;
    return { value: out, prunedAgainIsSame: !st.emptiedMap };
  } catch (e) {
    for (const sc of scratch) sc.vals.length = sc.res.length = 0;
    if (e !== PROTO_KEY) throw e;
    return { value: orderFields(schema, pruneEmpty(value) as T), prunedAgainIsSame: false };
  }
}

/**
 * Per-object working arrays of `pruneApply`, one set per nesting depth and reused from one object
 * to the next (allocating them for every object was a good part of the cost). Nothing in here
 * calls out, so no other pass can start while one runs; `orderPruned` resets the depth.
 */
interface Scratch {
  /** The object's own keys (the first `n`). */
  readonly keys: string[];
  /** For each own key: its field's position in the plan, -1 for an unknown key, -2 when pruned. */
  readonly pos: number[];
  /** For each kept key: its value. */
  readonly vals: unknown[];
  /** Key indices in output order. */
  readonly order: number[];
  /** The members' new values, in output order. */
  readonly res: unknown[];
}
const scratch: Scratch[] = [];
let depth = 0;
/** Object.prototype has enumerable properties (someone added some): for-in would list them. */
let protoEnumerable = false;

/**
 * `Object.keys(obj)` written into `into` from 0; returns the count. For a plain object for-in
 * lists the same keys in the same order (nothing inherited is enumerable) without allocating an
 * array for every object.
 */
function ownKeys(obj: Record<string, unknown>, into: string[]): number {
  let n = 0;
  if (!protoEnumerable && Object.getPrototypeOf(obj) === Object.prototype) {
    for (const k in obj) into[n++] = k;
    return n;
  }
  const keys = Object.keys(obj);
  for (; n < keys.length; n++) into[n] = keys[n];
  return n;
}

const PRUNED = -2;
const UNKNOWN = -1;

/** apply(plan, pruneEmpty(value)). */
function pruneApply(plan: Plan, value: unknown, st: PruneState): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    if (plan.kind !== 'array') return pruneEmptyTracked(value, st);
    const item = plan.item();
    if (Object.getPrototypeOf(value) !== Array.prototype) return value.map((v) => pruneApply(item, v, st));
    // As `value.map(...)`, but the array itself when every element comes back unchanged.
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) {
        if (copy) copy.length = i + 1; // keep the hole, as map does
        continue;
      }
      const v: unknown = value[i];
      const r = pruneApply(item, v, st);
      if (copy) copy[i] = r;
      else if (r !== v) {
        copy = value.slice(0, i);
        copy[i] = r;
      }
    }
    if (copy) copy.length = value.length;
    return copy ?? value;
  }
  if (plan.kind !== 'map' && !(plan.kind === 'object' && plan.plain)) {
    // `apply` on the pruned copy (which it returns as is unless the plan is an object's).
    if (plan.kind === 'object') st.emptiedMap = true; // not tracked through apply: prune again
    return apply(plan, pruneEmptyTracked(value, st));
  }
  const obj = value as Record<string, unknown>;
  const sc = (scratch[depth] ??= { keys: [], pos: [], vals: [], order: [], res: [] });
  depth++;
  const { keys: all, pos, vals, order, res } = sc;
  const n = ownKeys(obj, all);
  // The members pruneEmpty keeps, with their fields' positions. Members mostly come in the plan's
  // order already, so each key is first looked for among the fields after the previous one found
  // (property names are interned: comparing them is cheap).
  const names = plan.kind === 'object' ? plan.names : EMPTY;
  let kept = 0;
  let known = 0;
  let inOrder = true;
  let last = -1;
  let next = 0;
  for (let i = 0; i < n; i++) {
    const k = all[i];
    const v = obj[k];
    if (!keepMember(k, v)) {
      pos[i] = PRUNED;
      continue;
    }
    if (k === '__proto__') throw PROTO_KEY;
    vals[i] = v;
    kept++;
    pos[i] = UNKNOWN;
    if (plan.kind === 'map') continue;
    let p = UNKNOWN;
    for (let c = next; c < names.length; c++) {
      if (names[c] === k) {
        p = c;
        break;
      }
    }
    if (p >= 0) next = p + 1;
    else p = plan.index.get(k) ?? UNKNOWN;
    pos[i] = p;
    if (p === UNKNOWN) continue;
    known++;
    if (p < last) inOrder = false;
    last = p;
  }
  // The object stands for its own copy when nothing is dropped, the members already come in
  // output order and each comes back unchanged: the copy would be the same, key for key.
  let same = kept === n && Object.getPrototypeOf(obj) === Object.prototype;
  let m = 0;
  if (plan.kind === 'map') {
    // Map keys sorted (as `Object.keys(pruned).sort()`: UTF-16 order; keys are distinct).
    const sub = plan.value();
    for (let i = 0; i < n; i++) {
      if (pos[i] === PRUNED) continue;
      const k = all[i];
      let j = m++;
      while (j > 0 && all[order[j - 1]] > k) {
        order[j] = order[j - 1];
        j--;
      }
      order[j] = i;
    }
    for (let j = 0; j < m; j++) {
      const i = order[j];
      const r = pruneApplyMember(sub, all[i], vals[i], st);
      res[j] = r;
      if (r !== vals[i] || i !== j) same = false;
    }
  } else {
    // Known fields in the plan's order (as `apply` finds them with `k in pruned`)...
    if (!inOrder || known !== kept) same = false;
    for (let i = 0; i < n; i++) {
      const p = pos[i];
      if (p < 0) continue;
      let j = m++;
      if (!inOrder) {
        while (j > 0 && pos[order[j - 1]] > p) {
          order[j] = order[j - 1];
          j--;
        }
      }
      order[j] = i;
    }
    for (let j = 0; j < m; j++) {
      const i = order[j];
      const r = pruneApplyMember(fieldPlan(plan, pos[i]), all[i], vals[i], st);
      res[j] = r;
      if (r !== vals[i]) same = false;
    }
  }
  let out: Record<string, unknown> = obj;
  if (!same) {
    out = {};
    for (let j = 0; j < m; j++) {
      const k = all[order[j]];
      out[k] = res[j];
      noteMember(k, res[j], st);
    }
    // ...then unknown members in the object's order (`k in out` also skips Object.prototype's names).
    if (plan.kind === 'object' && known !== kept) {
      for (let i = 0; i < n; i++) {
        if (pos[i] !== UNKNOWN) continue;
        const k = all[i];
        if (k in out) continue;
        const r = prunedMember(k, vals[i], st);
        out[k] = r;
        noteMember(k, r, st);
      }
    }
  }
  // Drop the references, so the pool does not keep a document alive.
  for (let i = 0; i < n; i++) vals[i] = undefined;
  for (let j = 0; j < m; j++) res[j] = undefined;
  depth--;
  return out;
}

const EMPTY: readonly string[] = [];

/** The plan of field `i` of an object plan. */
function fieldPlan(plan: ObjectPlan, i: number): Plan {
  return (plan.plans[i] ??= plan.fields[i][1]());
}

/** apply(plan, <what pruneEmpty makes of member k>). */
function pruneApplyMember(plan: Plan, k: string, v: unknown, st: PruneState): unknown {
  // pruneEmpty keeps a `complements` object as is, and apply then works on it unpruned.
  if (k === 'complements' && v !== null && typeof v === 'object' && !Array.isArray(v)) return apply(plan, v);
  return pruneApply(plan, v, st);
}

/** Whether a document schema declares a field (e.g. `uuid`: tax identities have none). */
export function schemaHasField(schema: z.ZodType, field: string): boolean {
  const plan = planFor(schema);
  return plan.kind === 'object' && plan.fields.some(([k]) => k === field);
}
