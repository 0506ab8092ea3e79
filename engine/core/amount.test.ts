import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import Decimal from 'decimal.js';
import {
  type Amount,
  ZERO, abs, add, amountToString, compare, div, equals, isNegative, isZero, makeAmount,
  matchPrecision, mul, negate, parseAmount, rescale, rescaleDown, rescaleUp, sub, upscale,
} from './amount.ts';

// Oracle: decimal.js's ROUND_HALF_UP is half *away from zero*, GOBL's rounding mode.
// 200 significant digits keep every quotient below far beyond the decimal being rounded.
const D = Decimal.clone({ precision: 200, rounding: Decimal.ROUND_HALF_UP });
type Dec = InstanceType<typeof D>;

const A = (s: string): Amount => {
  const r = parseAmount(s);
  if (!r.ok) throw new Error(r.error);
  return r.value;
};
const S = amountToString;
const dec = (a: Amount): Dec => new D(S(a));
/** What GOBL must print for exact value `d` held at `exp` decimals ("-0.00" is never printed). */
const oracle = (d: Dec, exp: number): string => {
  const r = d.toDecimalPlaces(exp, D.ROUND_HALF_UP);
  return (r.isZero() ? r.abs() : r).toFixed(exp);
};

const INT64_MAX = 2n ** 63n - 1n;
const pow10 = (n: number): bigint => 10n ** BigInt(n);
/** Values up to `digits` digits, biased towards exact halves (…5, …50) where rounding bugs hide. */
const valueArb = (digits: number): fc.Arbitrary<bigint> =>
  fc.oneof(
    fc.bigInt({ min: -(pow10(digits) - 1n), max: pow10(digits) - 1n }),
    fc.bigInt({ min: -999n, max: 999n }),
    // k·10^z + 5·10^(z-1): a tie when rounded z digits away; stays within `digits` digits.
    fc.tuple(fc.bigInt({ min: -(pow10(digits - 1) - 1n), max: pow10(digits - 1) - 1n }), fc.integer({ min: 1, max: digits - 1 }))
      .map(([k, z]) => ((k % pow10(digits - z)) * 10n + (k < 0n ? -5n : 5n)) * pow10(z - 1)),
  );
const amountArb = (digits: number, maxExp: number): fc.Arbitrary<Amount> =>
  fc.tuple(valueArb(digits), fc.integer({ min: 0, max: maxExp })).map(([v, e]) => makeAmount(v, e));
const RUNS = { numRuns: 1000 };

describe('makeAmount / ZERO / printing', () => {
  it('builds plain, cloneable objects', () => {
    const a = makeAmount(12340n, 3);
    expect(a).toEqual({ value: 12340n, exp: 3 });
    expect(structuredClone(a)).toEqual(a);
    expect(ZERO).toEqual({ value: 0n, exp: 0 });
    expect(() => makeAmount(1n, -1)).toThrow(RangeError);
    expect(() => makeAmount(1n, 1.5)).toThrow(RangeError);
  });

  it.each([
    [163000n, 2, '1630.00'], [20n, 0, '20'], [-50n, 2, '-0.50'], [5n, 3, '0.005'],
    [-5n, 3, '-0.005'], [0n, 2, '0.00'], [12340n, 3, '12.340'], [-123n, 0, '-123'], [0n, 0, '0'],
  ])('(%s, %s) prints %s', (v, e, s) => {
    expect(S(makeAmount(v, e))).toBe(s);
  });
});

describe('parseAmount', () => {
  it.each([
    ['12.340', 12340n, 3], ['20', 20n, 0], ['-0.50', -50n, 2], ['007.50', 750n, 2], ['0', 0n, 0],
    ['-0', 0n, 0], ['1630.00', 163000n, 2], ['123456789012345678', 123456789012345678n, 0],
    // Decimals are truncated (not rounded) so that at most 18 digits remain, as in GOBL.
    ['0.1234567890123456789', 123456789012345678n, 18], ['123456789012.123456789', 123456789012123456n, 6],
    ['123456789012345678.99', 123456789012345678n, 0], ['0000000000000000000001.5', 15n, 1],
  ])('"%s" -> (%s, %s)', (s, v, e) => {
    expect(parseAmount(s)).toEqual({ ok: true, value: { value: v, exp: e } });
  });

  it('keeps trailing zeros: "12.340" round-trips', () => {
    expect(S(A('12.340'))).toBe('12.340');
    expect(S(A('-0.00'))).toBe('0.00');
  });

  it.each([
    ['', 'empty'], ['abc', 'unexpected "a"'], ['1e5', 'exponent'], ['1E5', 'exponent'],
    ['1,5', 'decimal separator'], ['1,000.00', 'thousands'], ['--1', 'only one leading "-"'],
    ['1.2.3', 'only one decimal separator'], [' 1', 'spaces'], ['1 ', 'spaces'], ['+1', 'leading "-"'],
    ['-', 'expected digits'], ['.5', 'expected digits before'], ['5.', 'expected digits after'],
    ['1.-5', 'unexpected "-"'], ['0x10', 'unexpected "x"'], ['١٢', 'unexpected'],
    ['1234567890123456789', 'too many integer digits (19)'], ['-99999999999999999999.5', 'too many'],
  ])('rejects %j (%s)', (s, why) => {
    const r = parseAmount(s);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toContain(`invalid amount ${JSON.stringify(s)}`);
      expect(r.error).toContain(why);
    }
  });

  it.each([[12.5, '12.5'], [20, '20'], [-0, '0'], [-3.25, '-3.25'], [0.1 + 0.2, '0.30000000000000004'], [1e20, '100000000000000000000']])(
    'number %s reads as its shortest decimal text', (n, s) => {
      const r = parseAmount(n);
      if (s.length > 19) expect(r.ok).toBe(false); // 21 integer digits: too many
      else expect(r.ok && S(r.value)).toBe(s);
    });

  it.each([NaN, Infinity, -Infinity, 1e21, -1e21, 1e-7, 5e-324])('rejects number %s', (n) => {
    const r = parseAmount(n);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^invalid amount: .*(finite|exponent notation)/);
  });

  it('never throws, and accepts exactly the strict syntax', () => {
    const strict = /^-?[0-9]+(\.[0-9]+)?$/;
    fc.assert(fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[-+ .,e0-9]{0,8}$/)), (s) => {
      const r = parseAmount(s);
      expect(r.ok).toBe(strict.test(s) && s.replace(/^-?0*/, '').split('.')[0].length <= 18);
    }), RUNS);
  });

  it('property: print(parse(s)) === s for canonical strings', () => {
    const canonical = fc.stringMatching(/^-?(0|[1-9][0-9]{0,8})(\.[0-9]{1,9})?$/).filter((s) => !/^-0(\.0*)?$/.test(s));
    fc.assert(fc.property(canonical, (s) => { expect(S(A(s))).toBe(s); }), RUNS);
    fc.assert(fc.property(amountArb(18, 18), (a) => { expect(A(S(a))).toEqual(a); }), RUNS);
  });

  it('property: finite JSON numbers parse to their String() form', () => {
    fc.assert(fc.property(fc.double({ noNaN: true, min: -1e15, max: 1e15 }), (n) => {
      const r = parseAmount(n);
      const text = String(n);
      expect(r.ok).toBe(!text.includes('e'));
      // Digits beyond 18 in total are truncated (toward zero), not rounded.
      const intDigits = text.replace(/^-?0*/, '').split('.')[0].length;
      if (r.ok) expect(S(r.value)).toBe(oracle(new D(text).toDecimalPlaces(18 - intDigits, D.ROUND_DOWN), r.value.exp));
    }), RUNS);
  });
});

describe('rescaling (half away from zero)', () => {
  it.each([
    ['2.345', 2, '2.35'], ['-2.345', 2, '-2.35'], ['2.344', 2, '2.34'], ['-2.3449', 2, '-2.34'],
    ['0.5', 0, '1'], ['-0.5', 0, '-1'], ['2.5', 0, '3'], ['-2.5', 0, '-3'], ['0.49', 0, '0'],
    ['-0.004', 2, '0.00'], ['1.5', 3, '1.500'], ['10', 2, '10.00'], ['88.7955', 2, '88.80'],
  ])('rescale(%s, %s) = %s', (s, e, out) => {
    expect(S(rescale(A(s), e))).toBe(out);
  });

  it('rescaleUp only pads, rescaleDown only rounds, matchPrecision/upscale', () => {
    expect(S(rescaleUp(A('1.2345'), 2))).toBe('1.2345');
    expect(S(rescaleUp(A('10'), 2))).toBe('10.00');
    expect(S(rescaleDown(A('10'), 2))).toBe('10');
    expect(S(rescaleDown(A('1.2345'), 2))).toBe('1.23');
    expect(S(matchPrecision(A('1.5'), A('0.001')))).toBe('1.500');
    expect(S(matchPrecision(A('1.500'), A('0.1')))).toBe('1.500');
    expect(S(upscale(A('25.10'), 2))).toBe('25.1000');
    expect(() => rescale(A('1'), -1)).toThrow(RangeError);
  });

  it('property: rescale agrees with decimal.js', () => {
    fc.assert(fc.property(amountArb(18, 18), fc.integer({ min: 0, max: 18 }), (a, e) => {
      fc.pre(e <= a.exp || (a.value < 0n ? -a.value : a.value) * pow10(e - a.exp) <= INT64_MAX);
      const r = rescale(a, e);
      expect(r.exp).toBe(e);
      expect(S(r)).toBe(oracle(dec(a), e));
    }), RUNS);
  });
});

describe('add / sub', () => {
  it.each([
    ['1.00', '0.005', '1.01', '0.99'], ['1.00', '-0.005', '0.99', '1.01'], ['1', '0.5', '2', '0'],
    ['1.5', '2', '3.5', '-0.5'], ['0.00', '20.7438', '20.74', '-20.74'], ['25.1000', '4.3562', '29.4562', '20.7438'],
  ])('%s ± %s (b rounded to a.exp) = %s / %s', (a, b, sum, diff) => {
    expect(S(add(A(a), A(b)))).toBe(sum);
    expect(S(sub(A(a), A(b)))).toBe(diff);
  });

  it('property: add/sub agree with decimal.js (b rounded to a.exp first)', () => {
    fc.assert(fc.property(amountArb(15, 9), amountArb(15, 9), (a, b) => {
      const b2 = new D(oracle(dec(b), a.exp));
      expect(S(add(a, b))).toBe(oracle(dec(a).plus(b2), a.exp));
      expect(S(sub(a, b))).toBe(oracle(dec(a).minus(b2), a.exp));
    }), RUNS);
  });
});

describe('mul / div keep the receiver exponent', () => {
  it.each([
    ['12.36', '20', '247.20'], ['1500.00', '0.059197', '88.80'], ['1500.0000', '0.059197', '88.7955'],
    ['20.7438', '0.210', '4.3562'], ['-20.7438', '0.210', '-4.3562'], ['2', '0.25', '1'],
    ['-2', '0.25', '-1'], ['3.00', '1.5', '4.50'], ['0.01', '0.4', '0.00'],
  ])('%s × %s = %s', (a, b, out) => {
    expect(S(mul(A(a), A(b)))).toBe(out);
  });

  it.each([
    ['25.1000', '1.210', '20.7438'], ['100.0000', '1.210', '82.6446'], ['1', '3', '0'], ['1.00', '3', '0.33'],
    ['2.00', '3', '0.67'], ['-2.00', '3', '-0.67'], ['1.00', '-3', '-0.33'], ['-1.00', '-3', '0.33'],
    ['1', '2', '1'], ['-1', '2', '-1'], ['1', '-2', '-1'], ['5.00', '0', '0.00'], ['5.00', '0.000', '0.00'],
  ])('%s ÷ %s = %s', (a, b, out) => {
    expect(S(div(A(a), A(b)))).toBe(out);
  });

  it('property: mul/div agree with decimal.js', () => {
    fc.assert(fc.property(amountArb(9, 9), amountArb(9, 8), (a, b) => {
      expect(S(mul(a, b))).toBe(oracle(dec(a).times(dec(b)), a.exp));
      const q = div(a, b);
      expect(S(q)).toBe(b.value === 0n ? S(makeAmount(0n, a.exp)) : oracle(dec(a).div(dec(b)), a.exp));
    }), RUNS);
  });

  it('beyond int64 drops decimals, then saturates, like GOBL fitBigToInt64', () => {
    expect(mul(makeAmount(pow10(18), 2), A('10'))).toEqual({ value: pow10(18), exp: 1 });
    expect(mul(makeAmount(pow10(18), 0), A('100'))).toEqual({ value: INT64_MAX, exp: 0 });
    expect(mul(makeAmount(-pow10(18), 0), A('100'))).toEqual({ value: -(2n ** 63n), exp: 0 });
    expect(rescale(makeAmount(pow10(17), 0), 3)).toEqual({ value: pow10(18), exp: 1 });
  });
});

describe('compare / sign helpers', () => {
  it('is exponent independent', () => {
    expect(equals(A('1.50'), A('1.5'))).toBe(true);
    expect(equals(A('0.00'), ZERO)).toBe(true);
    expect(equals(A('1.50'), A('1.51'))).toBe(false);
    expect(compare(A('-1'), A('0.5'))).toBe(-1);
    expect(compare(A('2.000'), A('1.9999'))).toBe(1);
    expect(compare(A('-0.10'), A('-0.1'))).toBe(0);
  });

  it('property: compare agrees with decimal.js', () => {
    fc.assert(fc.property(amountArb(18, 18), amountArb(18, 18), (a, b) => {
      expect(compare(a, b)).toBe(dec(a).cmp(dec(b)));
      expect(equals(a, b)).toBe(dec(a).eq(dec(b)));
      expect(compare(a, a)).toBe(0);
    }), RUNS);
  });

  it('isZero / isNegative / negate / abs', () => {
    expect(isZero(A('0.00'))).toBe(true);
    expect(isZero(A('0.01'))).toBe(false);
    expect(isNegative(A('-0.01'))).toBe(true);
    expect(isNegative(A('-0.00'))).toBe(false);
    expect(S(negate(A('1.50')))).toBe('-1.50');
    expect(S(negate(A('-1.50')))).toBe('1.50');
    expect(S(negate(A('0.00')))).toBe('0.00');
    expect(S(abs(A('-2.30')))).toBe('2.30');
    expect(S(abs(A('2.30')))).toBe('2.30');
  });

  it('never mutates its inputs', () => {
    const a = A('25.1000');
    const b = A('1.210');
    for (const f of [add, sub, mul, div, matchPrecision]) f(a, b);
    rescale(a, 2); negate(a); abs(b); upscale(b, 3);
    expect(a).toEqual({ value: 251000n, exp: 4 });
    expect(b).toEqual({ value: 1210n, exp: 3 });
  });
});

describe('worked example: prices include 21.0% VAT on 25.10 (precise mode)', () => {
  it('reproduces GOBL figures', () => {
    const price = rescaleUp(A('25.10'), 4);
    const base = div(price, A('1.210'));
    const vat = mul(base, A('0.210'));
    const total = sub(price, vat);
    expect([S(price), S(base), S(vat), S(total)]).toEqual(['25.1000', '20.7438', '4.3562', '20.7438']);
    expect([S(rescale(base, 2)), S(rescale(vat, 2)), S(rescale(add(total, vat), 2))]).toEqual(['20.74', '4.36', '25.10']);
  });
});
