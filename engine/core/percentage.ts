/**
 * GOBL's `num.Percentage`: a percentage stored as the Amount *fraction* it stands for.
 *
 * "21%" is 0.21 (21n, exp 2) and "21.0%" is 0.210 (210n, exp 3): parsing adds two decimals so
 * the fraction is exact, and printing removes them again, which round-trips the user's
 * formatting ("21.0%" stays "21.0%"). Comparisons ignore that formatting.
 */
import { type Result, ok, err } from './result.ts';
import {
  type Amount,
  add,
  amountToString,
  div,
  equals,
  isZero,
  makeAmount,
  mul,
  numberToDecimalText,
  parseDecimalText,
  rescale,
} from './amount.ts';

export interface Percentage {
  readonly amount: Amount;
}

const ONE: Amount = makeAmount(1n, 0);
const HUNDRED: Amount = makeAmount(100n, 0);

/** The fraction (value × 10^-exp): makePercentage(210n, 3) is 0.210, printed "21.0%". */
export function makePercentage(value: bigint, exp: number): Percentage {
  return { amount: makeAmount(value, exp) };
}

/**
 * "21%" -> 0.21. Text without "%" (and every JSON number) is taken as the raw fraction, as
 * GOBL does: `percent: 21` means 2100%, a known trap that documents avoid by quoting "21%".
 * No whitespace trimming: GOBL's `PercentageFromString` does not trim either.
 */
export function parsePercentage(input: string | number): Result<Percentage> {
  let text: string;
  if (typeof input === 'number') {
    const t = numberToDecimalText(input);
    if (!t.ok) return err(`invalid percentage: ${t.error}`);
    text = t.value;
  } else if (typeof input === 'string') {
    text = input;
  } else {
    return err(`invalid percentage: expected a string or number, got ${typeof input}`);
  }
  const hasSymbol = text.endsWith('%');
  if (hasSymbol && text.length === 1) return err('invalid percentage "%": expected a number before "%"');
  const r = parseDecimalText(hasSymbol ? text.slice(0, -1) : text);
  if (!r.ok) return err(`invalid percentage ${JSON.stringify(text)}: ${r.error}`);
  if (!hasSymbol) return ok({ amount: r.value });
  // Rescale(exp + 2) then Divide(100): exact, and the exponent records the written decimals.
  return ok({ amount: div(rescale(r.value, r.value.exp + 2), HUNDRED) });
}

/** Fraction × 100 with two fewer decimals (never negative) plus "%". */
export function percentageToString(p: Percentage): string {
  const e = p.amount.exp > 2 ? p.amount.exp - 2 : 0;
  return amountToString(rescale(mul(p.amount, HUNDRED), e)) + '%';
}

/** `p.Of(a)`: a × fraction, rounded half away to **a's** decimals. */
export function percentOf(p: Percentage, a: Amount): Amount {
  return mul(a, p.amount);
}

/** 1 + fraction, with the fraction's decimals ("21.0%" -> 1.210). */
export function factor(p: Percentage): Amount {
  return add(p.amount, ONE);
}

/** Strips a percentage already included in `a` (prices that include tax): a ÷ (1 + p). */
export function removePercent(a: Amount, p: Percentage): Amount {
  return div(a, factor(p));
}

/** "21%" equals "21.0%" equals raw 0.21. */
export function percentageEquals(p: Percentage, q: Percentage): boolean {
  return equals(p.amount, q.amount);
}

export function isZeroPercentage(p: Percentage): boolean {
  return isZero(p.amount);
}
