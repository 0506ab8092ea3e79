/**
 * Number formatting for FacturaE, always from exact decimals (never JS numbers):
 * money with exactly two decimals, prices in their shortest form, rates without `%`.
 */
import { type Amount, amountToString, parseAmount, rescale, rescaleDown } from '../../core/amount.ts';
import { type Percentage, makePercentage, parsePercentage, percentageToString } from '../../core/percentage.ts';

/** Parses a model amount (already syntax-checked by the model); zero when absent. */
export function amount(s: string | null | undefined): Amount {
  if (s === undefined || s === null || s === '') return { value: 0n, exp: 2 };
  const r = parseAmount(s);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

export function percentage(s: string | null | undefined): Percentage | undefined {
  if (s === undefined || s === null || s === '') return undefined;
  const r = parsePercentage(s);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/** Monetary amounts: two decimals, rounded half away from zero ("4202.00", "-0.50"). */
export function money(a: Amount | string | null | undefined): string {
  const v = typeof a === 'string' || a === undefined || a === null ? amount(a) : a;
  return amountToString(rescale(v, 2));
}

/** Shortest exact form ("200.00" → "200", "165.28930" → "165.2893"), at most 8 decimals. */
export function minimal(a: Amount | string): string {
  let v = typeof a === 'string' ? amount(a) : a;
  v = rescaleDown(v, 8);
  while (v.exp > 0 && v.value % 10n === 0n) v = { value: v.value / 10n, exp: v.exp - 1 };
  return amountToString(v);
}

/** A percentage without its symbol, keeping its written decimals ("21.0%" → "21.0"). */
export function rate(p: Percentage | string | null | undefined): string {
  const v = typeof p === 'string' || p === undefined || p === null ? percentage(p) : p;
  return v ? percentageToString(v).slice(0, -1) : '0';
}

/** A percentage with exactly two decimals ("5.2%" → "5.20"), as EquivalenceSurcharge needs. */
export function rate2(p: Percentage): string {
  return rate(makePercentage(rescale(p.amount, 4).value, 4));
}
