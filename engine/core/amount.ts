/**
 * GOBL's `num.Amount`: an exact decimal stored as an integer `value` scaled by 10^-`exp`.
 *
 * The exponent is part of the value's identity: "12.340" is (12340n, 3) and prints back as
 * "12.340". Every operation keeps the *receiver's* exponent (GOBL's rule), and every place that
 * drops digits rounds half away from zero (GOBL's `roundedDiv`), never `Math.round`.
 *
 * Amounts are plain immutable objects (bigint + number) so they survive structured cloning.
 * Arithmetic avoids strings and allocates only the result object; powers of ten are cached.
 */
import { type Result, ok, err } from './result.ts';

export interface Amount {
  readonly value: bigint;
  readonly exp: number;
}

/** GOBL's `AmmountMaxDigits`: digits that fit safely in an int64. */
const MAX_DIGITS = 18;
const INT64_MAX = 0x7fffffffffffffffn;
const INT64_MIN = -0x8000000000000000n;

function checkExp(exp: number): void {
  // Go's exponent is a uint32; a negative or fractional exponent is a programming error.
  if (!Number.isInteger(exp) || exp < 0) throw new RangeError(`invalid amount exponent ${exp}`);
}

export function makeAmount(value: bigint, exp: number): Amount {
  checkExp(exp);
  return { value, exp };
}

export const ZERO: Amount = Object.freeze({ value: 0n, exp: 0 });

// ---------------------------------------------------------------------------------------------
// Integer helpers

const POW10: bigint[] = [1n];

/** 10^n, cached: rescaling happens for nearly every value on every invoice line. */
function pow10(n: number): bigint {
  while (POW10.length <= n) POW10.push(POW10[POW10.length - 1] * 10n);
  return POW10[n];
}

/** n / d rounded half away from zero, for d > 0. BigInt `/` truncates toward zero and `%`
 * carries the sign of n, so rounding away from zero means stepping q away from zero. */
function roundDivPos(n: bigint, d: bigint): bigint {
  const q = n / d;
  const r = n % d;
  if (r === 0n) return q;
  if ((r < 0n ? -r : r) * 2n >= d) return n < 0n ? q - 1n : q + 1n;
  return q;
}

/**
 * GOBL's `fitBigToInt64`, applied where Go computes in big.Int and converts back (multiply,
 * divide, rescaling up). Results that do not fit an int64 lose decimal places (rounded) until
 * they do; if the integer part alone is too big the value saturates at the int64 bounds.
 * Only reachable with absurd magnitudes (> 9.2e18 units), but kept so behaviour matches Go.
 */
function fit(v: bigint, exp: number): Amount {
  if (v <= INT64_MAX && v >= INT64_MIN) return { value: v, exp };
  let drop = 0;
  let probe = v;
  while ((probe > INT64_MAX || probe < INT64_MIN) && drop < exp) {
    probe /= 10n;
    drop++;
  }
  if (drop > 0) {
    v = roundDivPos(v, pow10(drop));
    exp -= drop;
  }
  if (v > INT64_MAX) return { value: INT64_MAX, exp };
  if (v < INT64_MIN) return { value: INT64_MIN, exp };
  return { value: v, exp };
}

/** a's value expressed with `exp` decimals (exact when padding, rounded when cutting). */
function valueAt(a: Amount, exp: number): bigint {
  if (a.exp === exp) return a.value;
  if (a.exp < exp) return a.value * pow10(exp - a.exp);
  return roundDivPos(a.value, pow10(a.exp - exp));
}

// ---------------------------------------------------------------------------------------------
// Parsing and printing

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** Why `s` is not `-?digits(.digits)?`, or undefined when it is. Names the first bad character
 * so users can fix "1,5", "1e5", " 1" etc. without guessing. */
function syntaxProblem(s: string): string | undefined {
  if (s.length === 0) return 'empty value';
  let i = s.charCodeAt(0) === 45 /* - */ ? 1 : 0;
  const intStart = i;
  while (i < s.length && isDigit(s.charCodeAt(i))) i++;
  if (i === intStart) {
    if (i === s.length) return 'expected digits after "-"';
    if (s[i] === '.') return 'expected digits before "."';
    return unexpected(s, i);
  }
  if (i < s.length && s[i] === '.') {
    i++;
    const fracStart = i;
    while (i < s.length && isDigit(s.charCodeAt(i))) i++;
    if (i === fracStart) return i === s.length ? 'expected digits after "."' : unexpected(s, i);
  }
  return i < s.length ? unexpected(s, i) : undefined;
}

function unexpected(s: string, i: number): string {
  const c = s[i];
  let hint = '';
  if (c === 'e' || c === 'E') hint = ' (exponent notation is not supported)';
  else if (c === ',') hint = ' (use "." as the only decimal separator, no thousands separators)';
  else if (c === '.') hint = ' (only one decimal separator is allowed)';
  else if (c === '+') hint = ' (only a leading "-" sign is allowed)';
  else if (c === '-') hint = ' (only one leading "-" sign is allowed)';
  else if (c.trim() === '') hint = ' (spaces are not allowed)';
  return `unexpected ${JSON.stringify(c)} at position ${i}${hint}`;
}

/**
 * Parses decimal text as GOBL's `AmountFromString` does, but with the strict syntax of GOBL's
 * JSON schema (`^-?[0-9]+(\.[0-9]+)?$`): more than 18 significant integer digits is an error;
 * extra decimals are truncated (not rounded) so at most 18 digits remain in total.
 * The error is the bare reason, so callers (amounts, percentages) can add their own context.
 */
/**
 * The decimals of `s` when it is short decimal text exactly as `amountToString` prints the amount
 * it parses to (no leading zeros, no "-" on zero, at most SAFE_DIGITS digits), so that
 * `amountToString(parseDecimalText(s))` is `s` itself; otherwise -1.
 */
export function canonicalDecimals(s: string): number {
  const n = s.length;
  let i = 0;
  const neg = n > 0 && s.charCodeAt(0) === 45; /* - */
  if (neg) i = 1;
  const intStart = i;
  let c = 0;
  let nonZero = false;
  while (i < n && (c = s.charCodeAt(i)) >= 48 && c <= 57) {
    if (c !== 48) nonZero = true;
    i++;
  }
  const intDigits = i - intStart;
  if (intDigits === 0 || (intDigits > 1 && s.charCodeAt(intStart) === 48)) return -1;
  let exp = 0;
  if (i < n) {
    if (c !== 46 /* . */) return -1;
    const fracStart = ++i;
    while (i < n && (c = s.charCodeAt(i)) >= 48 && c <= 57) {
      if (c !== 48) nonZero = true;
      i++;
    }
    exp = i - fracStart;
    if (exp === 0 || i < n) return -1;
  }
  if (intDigits + exp > SAFE_DIGITS || (neg && !nonZero)) return -1;
  return exp;
}

/**
 * `amountToString(rescaleDown(parseDecimalText(s).value, exp))` worked out on the text, for
 * canonical text (see canonicalDecimals) that keeps or only drops trailing zeros; undefined
 * otherwise (rounding that changes digits is left to the arithmetic).
 */
export function roundDownText(s: string, exp: number): string | undefined {
  const d = canonicalDecimals(s);
  if (d < 0) return undefined;
  if (d <= exp) return s;
  const cut = d - exp;
  for (let i = s.length - cut; i < s.length; i++) if (s.charCodeAt(i) !== 48) return undefined;
  // Without any decimals left, the point goes too.
  return s.slice(0, s.length - cut - (exp === 0 ? 1 : 0));
}

export function parseDecimalText(s: string): Result<Amount> {
  const short = parseShortDecimal(s);
  if (short !== undefined) return ok(short);
  const problem = syntaxProblem(s);
  if (problem !== undefined) return err(problem);
  const neg = s.charCodeAt(0) === 45;
  const dot = s.indexOf('.');
  const intPart = s.slice(neg ? 1 : 0, dot < 0 ? s.length : dot);
  let frac = dot < 0 ? '' : s.slice(dot + 1);
  let lead = 0;
  while (lead < intPart.length && intPart.charCodeAt(lead) === 48) lead++;
  const sigMajor = intPart.length - lead;
  if (sigMajor > MAX_DIGITS) {
    return err(`too many integer digits (${sigMajor}), maximum is ${MAX_DIGITS}`);
  }
  if (frac.length > MAX_DIGITS - sigMajor) frac = frac.slice(0, MAX_DIGITS - sigMajor);
  const magnitude = BigInt(intPart + frac);
  return ok({ value: neg ? -magnitude : magnitude, exp: frac.length });
}

/** Digits that always fit a Number exactly (10^15 < 2^53). */
const SAFE_DIGITS = 15;

/**
 * `parseDecimalText` for well-formed text of at most SAFE_DIGITS digits (nearly every amount),
 * read in one pass as a Number and converted once: BigInt parsing a string costs several times
 * more. Undefined for anything else, which takes the general path (and its error messages).
 */
export function parseShortDecimal(s: string): Amount | undefined {
  const n = s.length;
  let i = 0;
  const neg = n > 0 && s.charCodeAt(0) === 45; /* - */
  if (neg) i = 1;
  const intStart = i;
  let v = 0;
  let c = 0;
  while (i < n && (c = s.charCodeAt(i)) >= 48 && c <= 57) {
    v = v * 10 + (c - 48);
    i++;
  }
  const intDigits = i - intStart;
  if (intDigits === 0) return undefined;
  let exp = 0;
  if (i < n) {
    if (c !== 46 /* . */) return undefined;
    const fracStart = ++i;
    while (i < n && (c = s.charCodeAt(i)) >= 48 && c <= 57) {
      v = v * 10 + (c - 48);
      i++;
    }
    exp = i - fracStart;
    if (exp === 0 || i < n) return undefined;
  }
  if (intDigits + exp > SAFE_DIGITS) return undefined;
  return { value: BigInt(neg ? -v : v), exp };
}

/**
 * The decimal text of a JSON number: its shortest form (`String(n)`), the closest JS gets to Go
 * reading the raw JSON token (trailing zeros of `1.50` are already lost by `JSON.parse`, which
 * is why GOBL documents quote amounts). The error is the bare reason.
 */
export function numberToDecimalText(n: number): Result<string> {
  if (!Number.isFinite(n)) return err(`${String(n)} is not a finite number`);
  const text = String(n);
  if (text.includes('e')) {
    const size = Math.abs(n) >= 1 ? 'too large' : 'too small';
    return err(`${text} is ${size} to write without exponent notation; give it as a decimal string`);
  }
  return ok(text);
}

/** Parses a JSON string or number (see `parseDecimalText` and `numberToDecimalText`). */
export function parseAmount(input: string | number): Result<Amount> {
  let text: string;
  if (typeof input === 'number') {
    const t = numberToDecimalText(input);
    if (!t.ok) return err(`invalid amount: ${t.error}`);
    text = t.value;
  } else if (typeof input === 'string') {
    text = input;
  } else {
    return err(`invalid amount: expected a string or number, got ${typeof input}`);
  }
  const r = parseDecimalText(text);
  return r.ok ? r : err(`invalid amount ${JSON.stringify(text)}: ${r.error}`);
}

/**
 * Decimal digits of a bigint; through Number when that is exact (a safe integer can only come
 * from a bigint of that same value), which is cheaper.
 */
function bigintText(v: bigint): string {
  const n = Number(v);
  return Number.isSafeInteger(n) ? String(n) : v.toString();
}

/** Exactly `exp` decimals: (163000n, 2) -> "1630.00", (-50n, 2) -> "-0.50", (20n, 0) -> "20". */
export function amountToString(a: Amount): string {
  if (a.exp === 0) return bigintText(a.value);
  const neg = a.value < 0n;
  let digits = bigintText(neg ? -a.value : a.value);
  if (digits.length <= a.exp) digits = '0'.repeat(a.exp - digits.length + 1) + digits;
  const cut = digits.length - a.exp;
  return (neg ? '-' : '') + digits.slice(0, cut) + '.' + digits.slice(cut);
}

// ---------------------------------------------------------------------------------------------
// Arithmetic: the result always has a's exponent.

/** a + b, with b first rounded (half away) to a's decimals. Exact bigint sum: Go's int64 would
 * silently wrap beyond 9.2e18 units; we do not reproduce that overflow. */
export function add(a: Amount, b: Amount): Amount {
  return { value: a.value + valueAt(b, a.exp), exp: a.exp };
}

export function sub(a: Amount, b: Amount): Amount {
  return { value: a.value - valueAt(b, a.exp), exp: a.exp };
}

/** round(a.v × b.v / 10^b.exp) at a's exponent: b's decimals never add precision. */
export function mul(a: Amount, b: Amount): Amount {
  const p = a.value * b.value;
  return fit(b.exp === 0 ? p : roundDivPos(p, pow10(b.exp)), a.exp);
}

/** round(a.v × 10^b.exp / b.v) at a's exponent; dividing by zero yields zero (GOBL's choice). */
export function div(a: Amount, b: Amount): Amount {
  if (b.value === 0n) return { value: 0n, exp: a.exp };
  let n = a.value * pow10(b.exp);
  let d = b.value;
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  return fit(roundDivPos(n, d), a.exp);
}

// ---------------------------------------------------------------------------------------------
// Scale

export function rescale(a: Amount, exp: number): Amount {
  checkExp(exp);
  if (a.exp === exp) return a;
  if (a.exp > exp) return { value: roundDivPos(a.value, pow10(a.exp - exp)), exp };
  return fit(a.value * pow10(exp - a.exp), exp);
}

/** Only ever adds decimals (pads), never rounds. */
export function rescaleUp(a: Amount, exp: number): Amount {
  return exp > a.exp ? rescale(a, exp) : a;
}

/** Only ever removes decimals (rounds), never pads. */
export function rescaleDown(a: Amount, exp: number): Amount {
  return exp < a.exp ? rescale(a, exp) : a;
}

/** Pads a to at least b's decimals, so a following add/sub with b is exact. */
export function matchPrecision(a: Amount, b: Amount): Amount {
  return rescaleUp(a, b.exp);
}

export function upscale(a: Amount, n: number): Amount {
  return rescale(a, a.exp + n);
}

// ---------------------------------------------------------------------------------------------
// Comparison and sign

/** Numeric comparison, independent of exponent ("1.50" equals "1.5"). Exact, unlike Go's,
 * which could saturate when aligning astronomically large values. */
export function compare(a: Amount, b: Amount): -1 | 0 | 1 {
  let x = a.value;
  let y = b.value;
  if (a.exp < b.exp) x *= pow10(b.exp - a.exp);
  else if (b.exp < a.exp) y *= pow10(a.exp - b.exp);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function equals(a: Amount, b: Amount): boolean {
  return a.exp === b.exp ? a.value === b.value : compare(a, b) === 0;
}

export function isZero(a: Amount): boolean {
  return a.value === 0n;
}

export function isNegative(a: Amount): boolean {
  return a.value < 0n;
}

export function negate(a: Amount): Amount {
  return { value: -a.value, exp: a.exp };
}

export function abs(a: Amount): Amount {
  return a.value < 0n ? { value: -a.value, exp: a.exp } : a;
}
