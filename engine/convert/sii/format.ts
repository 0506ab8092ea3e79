/**
 * Numbers and dates as SII writes them, always from exact decimals (never JS numbers):
 * amounts `ImporteSgn12.2` (≤ 12 integer digits, two decimals), rates `Tipo2.2`
 * (≤ 3 integer digits, two decimals, no sign) and dates `dd-mm-yyyy`.
 */
import { type Amount, abs, amountToString, makeAmount, mul, negate, parseAmount, rescale } from '../../core/amount.ts';
import { parsePercentage } from '../../core/percentage.ts';
import { isCalendarDate } from '../../core/dates.ts';

export const ZERO2: Amount = makeAmount(0n, 2);
const HUNDRED = makeAmount(100n, 0);
const MAX_12_2 = makeAmount(10n ** 14n, 2); // 1e12, exclusive

/** A model amount (syntax already checked by the model); undefined when absent or unreadable. */
export function readAmount(s: string | null | undefined): Amount | undefined {
  if (s === undefined || s === null || s === '') return undefined;
  const r = parseAmount(s);
  return r.ok ? r.value : undefined;
}

/** A percentage as the number SII writes ("21.0%" → 21.00 with two decimals), or undefined. */
export function readRate(s: string | null | undefined): Amount | undefined {
  if (s === undefined || s === null || s === '') return undefined;
  const r = parsePercentage(s);
  return r.ok ? rescale(abs(mul(r.value.amount, HUNDRED)), 2) : undefined;
}

/** Amounts with exactly two decimals, rounded half away from zero ("4202.00", "-0.50"). */
export function money(a: Amount): string {
  return amountToString(rescale(a, 2));
}

/** Does the amount fit `ImporteSgn12.2` once rounded to cents? */
export function fitsImporte(a: Amount): boolean {
  const v = rescale(abs(a), 2);
  return v.value < MAX_12_2.value;
}

/** Rates with two decimals ("21.00", "5.20", "0.00"). */
export function rate(a: Amount): string {
  return amountToString(rescale(a, 2));
}

/** Negates credit-note amounts: SII records corrections "por diferencias" as signed differences. */
export function signed(a: Amount, negative: boolean): Amount {
  return negative ? negate(a) : a;
}

/** `2024-12-04` → `04-12-2024`; undefined for anything that is not a calendar date. */
export function siiDate(iso: string | null | undefined): string | undefined {
  if (!iso || !isCalendarDate(iso)) return undefined;
  return `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;
}

export type Periodicity = 'monthly' | 'quarterly';

/** `PeriodoLiquidacion` of a date: its month (`01`..`12`) or quarter (`1T`..`4T`). */
export function settlementPeriod(iso: string, periodicity: Periodicity): { year: string; period: string } {
  const month = Number(iso.slice(5, 7));
  const period = periodicity === 'quarterly' ? `${Math.ceil(month / 3)}T` : iso.slice(5, 7);
  return { year: iso.slice(0, 4), period };
}
