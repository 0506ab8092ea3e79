/**
 * Zod building blocks for GOBL's scalar types. Amounts and percentages stay strings in the model
 * (exactly as written, so `"21.0%"` keeps its formatting); the calculator converts them to exact
 * decimals. JSON numbers are accepted where GOBL accepts them and turned into their decimal text.
 */
import { z } from 'zod';

const AMOUNT_RE = /^-?\d+(\.\d+)?$/;
const PERCENT_RE = /^-?\d+(\.\d+)?%?$/;

/** A JSON number as the decimal text GOBL would read from it (no exponent notation). */
function numberText(n: number): string | undefined {
  if (!Number.isFinite(n)) return undefined;
  const s = String(n);
  return /e/i.test(s) ? undefined : s;
}

function decimalText(re: RegExp, what: string) {
  return z.union([z.string(), z.number()]).transform((v, ctx) => {
    const s = typeof v === 'number' ? numberText(v) : v.trim();
    if (s === undefined || !re.test(s)) {
      ctx.addIssue({ code: 'custom', message: `invalid ${what} ${JSON.stringify(v)}: expected a decimal like "12.50"` });
      return z.NEVER;
    }
    return s;
  });
}

export const amount = decimalText(AMOUNT_RE, 'amount');
export const percentage = decimalText(PERCENT_RE, 'percentage');

/** GOBL keys: lower-case words joined by `-` or `+`; validated by rules, not at parse time. */
export const key = z.string();
export const code = z.string();
export const text = z.string();
export const date = z.string();
export const uuid = z.string();

/**
 * String maps (`ext`, `meta`). Built by hand so hostile keys such as `__proto__` can never reach
 * an object prototype, and values of other types are reported where they are.
 */
export const stringMap = z.record(z.string(), z.string());

export const integer = z.number().int();
export const bool = z.boolean();

/** `z.array` that also accepts `null` (Go decodes `null` as an empty slice). */
export function list<T extends z.ZodType>(item: T) {
  return z.array(item).nullish().transform((v) => v ?? undefined).optional();
}

export function obj<T extends z.ZodRawShape>(shape: T) {
  return z.object(shape);
}

/** Like `list`, but keeps `null` elements for the normalizer to prune (GOBL drops nil items). */
export function sparseList<T extends z.ZodType>(item: T) {
  return z.array(item.nullable()).nullish().transform((v) => v ?? undefined).optional();
}
