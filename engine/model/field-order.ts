/**
 * Prints documents with their fields in GOBL's order (the order of the zod shapes) and map keys
 * sorted (Go sorts map keys when it marshals JSON), without parsing the document a second time.
 * The plan for each schema is computed once from zod's definitions and cached.
 */
import type { z } from 'zod';

type Plan =
  | { readonly kind: 'object'; readonly fields: readonly (readonly [string, () => Plan])[] }
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
      plan = { kind: 'object', fields };
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
  if (Array.isArray(value)) return plan.kind === 'array' ? value.map((v) => apply(plan.item(), v)) : value;
  const obj = value as Record<string, unknown>;
  if (plan.kind === 'map') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(obj).sort()) out[k] = apply(plan.value(), obj[k]);
    return out;
  }
  if (plan.kind !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, sub] of plan.fields) if (k in obj) out[k] = apply(sub(), obj[k]);
  // Anything the model does not know stays, after the known fields.
  for (const k of Object.keys(obj)) if (!(k in out)) out[k] = obj[k];
  return out;
}

export function orderFields<T>(schema: z.ZodType, value: T): T {
  return apply(planFor(schema), value) as T;
}

/** Whether a document schema declares a field (e.g. `uuid`: tax identities have none). */
export function schemaHasField(schema: z.ZodType, field: string): boolean {
  const plan = planFor(schema);
  return plan.kind === 'object' && plan.fields.some(([k]) => k === field);
}
