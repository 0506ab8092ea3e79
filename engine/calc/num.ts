/** String ⇄ exact decimal helpers for the calculator (the model keeps amounts as strings). */
import { amountToString, parseAmount, parseShortDecimal, type Amount } from '../core/amount.ts';
import { parsePercentage, percentageToString, type Percentage } from '../core/percentage.ts';
import { CalculationError } from './errors.ts';

/** `amountAt(s, base + suffix)`, writing the path only if there is an error. */
export function amountIn(s: string, base: string, suffix: string): Amount {
  if (typeof s === 'string') {
    const a = parseShortDecimal(s);
    if (a !== undefined) return a;
  }
  return amountAt(s, base + suffix);
}

const SHORT_LIMIT = 10n ** 15n;

/**
 * Whether `amountAt(str(a))` gives `a` back (same value and exponent), so the amount can be used
 * instead of reading the text it was just written as: true when the text has at most 15 digits.
 */
export function rereadable(a: Amount): boolean {
  return a.exp <= 14 && a.value < SHORT_LIMIT && a.value > -SHORT_LIMIT;
}

export function amountAt(s: string, path: string): Amount {
  // Most amounts are short decimal text, read without parseAmount's result wrapper.
  if (typeof s === 'string') {
    const a = parseShortDecimal(s);
    if (a !== undefined) return a;
  }
  const r = parseAmount(s);
  if (!r.ok) throw new CalculationError(path, r.error);
  return r.value;
}

/**
 * Percentages already read: documents repeat the same few ("21%") on every line, and a parsed
 * percentage is an immutable value, so it can be shared.
 */
const percentages = new Map<string, Percentage>();

export function percentAt(s: string, path: string): Percentage {
  return percentIn(s, path, '');
}

/** `percentAt(s, base + suffix)`, writing the path only if there is an error. */
export function percentIn(s: string, base: string, suffix: string): Percentage {
  const known = percentages.get(s);
  if (known !== undefined) return known;
  const r = parsePercentage(s);
  if (!r.ok) throw new CalculationError(base + suffix, r.error);
  if (percentages.size >= 256) percentages.clear();
  percentages.set(s, r.value);
  return r.value;
}

export const str = amountToString;
export const pstr = percentageToString;
