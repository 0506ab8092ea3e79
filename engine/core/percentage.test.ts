import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import Decimal from 'decimal.js';
import { type Amount, amountToString, makeAmount, parseAmount } from './amount.ts';
import {
  type Percentage,
  factor, isZeroPercentage, makePercentage, parsePercentage, percentOf, percentageEquals,
  percentageToString, removePercent,
} from './percentage.ts';

// Oracle: decimal.js ROUND_HALF_UP = half away from zero (GOBL's rounding).
const D = Decimal.clone({ precision: 200, rounding: Decimal.ROUND_HALF_UP });
type Dec = InstanceType<typeof D>;
const oracle = (d: Dec, exp: number): string => {
  const r = d.toDecimalPlaces(exp, D.ROUND_HALF_UP);
  return (r.isZero() ? r.abs() : r).toFixed(exp);
};

const A = (s: string): Amount => {
  const r = parseAmount(s);
  if (!r.ok) throw new Error(r.error);
  return r.value;
};
const P = (s: string | number): Percentage => {
  const r = parsePercentage(s);
  if (!r.ok) throw new Error(r.error);
  return r.value;
};
const S = amountToString;
const RUNS = { numRuns: 1000 };

describe('parsePercentage / percentageToString', () => {
  it.each([
    ['21%', 21n, 2], ['21.0%', 210n, 3], ['5.2%', 52n, 3], ['12.5%', 125n, 3], ['0%', 0n, 2],
    ['100%', 100n, 2], ['0.5%', 5n, 3], ['-15%', -15n, 2], ['21.00%', 2100n, 4],
  ])('"%s" is the fraction (%s, %s) and prints back unchanged', (s, v, e) => {
    const p = P(s);
    expect(p).toEqual({ amount: { value: v, exp: e } });
    expect(percentageToString(p)).toBe(s);
  });

  it('text without "%" and JSON numbers are raw fractions (spec trap: 21 means 2100%)', () => {
    expect(percentageToString(P('0.21'))).toBe('21%');
    expect(percentageToString(P('0.210'))).toBe('21.0%');
    expect(percentageToString(P(0.21))).toBe('21%');
    expect(percentageToString(P(21))).toBe('2100%');
    expect(percentageToString(P('21'))).toBe('2100%');
    expect(percentageToString(P('0.5'))).toBe('50%');
  });

  it.each([
    [210n, 3, '21.0%'], [100n, 3, '10.0%'], [40n, 3, '4.0%'], [52n, 3, '5.2%'], [14n, 3, '1.4%'],
    [5n, 3, '0.5%'], [150n, 3, '15.0%'], [21n, 2, '21%'], [0n, 2, '0%'], [1n, 0, '100%'], [0n, 0, '0%'],
    [12345n, 6, '1.2345%'],
  ])('makePercentage(%s, %s) prints %s', (v, e, s) => {
    expect(percentageToString(makePercentage(v, e))).toBe(s);
  });

  it.each([
    ['', 'empty'], ['%', 'before "%"'], ['21 %', 'spaces'], [' 21%', 'spaces'], ['21% ', 'unexpected "%"'],
    ['21%%', 'unexpected "%"'], ['abc%', 'unexpected "a"'], ['1e2%', 'exponent'], ['21,5%', 'decimal separator'],
    ['%21', 'unexpected "%"'], ['+21%', 'leading "-"'], ['--21%', 'only one'], ['1.2.3%', 'only one decimal'],
    ['1234567890123456789%', 'too many integer digits'],
  ])('rejects %j (%s)', (s, why) => {
    const r = parsePercentage(s);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatch(/^invalid percentage /);
      expect(r.error).toContain(why);
    }
  });

  it.each([NaN, Infinity, -Infinity, 1e21, 1e-7])('rejects number %s', (n) => {
    const r = parsePercentage(n);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^invalid percentage: /);
  });

  it('never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[-+ .,%e0-9]{0,8}$/)), (s) => {
      const r = parsePercentage(s);
      expect(typeof r.ok).toBe('boolean');
      if (r.ok) expect(percentageToString(r.value)).toMatch(/^-?[0-9]+(\.[0-9]+)?%$/);
    }), RUNS);
  });

  it('property: every well-formed "N%" string round-trips and stores N/100 exactly', () => {
    const text = fc.stringMatching(/^-?(0|[1-9][0-9]{0,3})(\.[0-9]{1,6})?%$/).filter((s) => !/^-0(\.0*)?%$/.test(s));
    fc.assert(fc.property(text, (s) => {
      const p = P(s);
      expect(percentageToString(p)).toBe(s);
      expect(new D(S(p.amount)).eq(new D(s.slice(0, -1)).div(100))).toBe(true);
    }), RUNS);
  });
});

describe('equality and zero', () => {
  it('ignores formatting', () => {
    expect(percentageEquals(P('21%'), P('21.0%'))).toBe(true);
    expect(percentageEquals(P('21%'), P('0.21'))).toBe(true);
    expect(percentageEquals(P('21.000%'), P(0.21))).toBe(true);
    expect(percentageEquals(P('21%'), P('21.5%'))).toBe(false);
    expect(percentageEquals(P('21%'), P(21))).toBe(false);
  });

  it('isZeroPercentage', () => {
    expect(isZeroPercentage(P('0%'))).toBe(true);
    expect(isZeroPercentage(P('0.0%'))).toBe(true);
    expect(isZeroPercentage(P('0'))).toBe(true);
    expect(isZeroPercentage(P('0.1%'))).toBe(false);
  });
});

describe('percentOf keeps the amount exponent', () => {
  it.each([
    ['21%', '216.30', '45.42'], ['12.5%', '247.20', '30.90'], ['15%', '1620.00', '243.00'],
    ['21%', '1620.00', '340.20'], ['40%', '114.30', '45.72'], ['60%', '114.30', '68.58'],
    ['21.0%', '20.7438', '4.3562'], ['21.0%', '82.6446', '17.3554'], ['5.2%', '82.6446', '4.2975'],
    ['21.0%', '8.2645', '1.7355'], ['21.0%', '10000', '2100'], ['50%', '0.01', '0.01'], ['50%', '-0.01', '-0.01'],
    ['0%', '100.00', '0.00'],
  ])('%s of %s = %s', (p, a, out) => {
    expect(S(percentOf(P(p), A(a)))).toBe(out);
  });

  it('property: agrees with decimal.js', () => {
    const pct = fc.tuple(fc.bigInt({ min: -100000n, max: 100000n }), fc.integer({ min: 0, max: 6 }));
    const amt = fc.tuple(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.integer({ min: 0, max: 6 }));
    fc.assert(fc.property(pct, amt, ([pv, pe], [av, ae]) => {
      const p = makePercentage(pv, pe);
      const a = makeAmount(av, ae);
      expect(S(percentOf(p, a))).toBe(oracle(new D(S(a)).times(new D(S(p.amount))), ae));
    }), RUNS);
  });
});

describe('factor / removePercent (prices that include tax)', () => {
  it.each([['21.0%', '1.210'], ['21%', '1.21'], ['0%', '1.00'], ['5.2%', '1.052'], ['100%', '2.00'], ['-15%', '0.85']])(
    'factor(%s) = %s', (p, out) => {
      expect(S(factor(P(p)))).toBe(out);
    });

  it.each([
    ['25.1000', '21.0%', '20.7438'], ['100.0000', '21.0%', '82.6446'], ['10.0000', '21.0%', '8.2645'],
    ['121.00', '21%', '100.00'], ['-25.1000', '21.0%', '-20.7438'], ['10.00', '0%', '10.00'], ['10.00', '-100%', '0.00'],
  ])('removePercent(%s, %s) = %s', (a, p, out) => {
    expect(S(removePercent(A(a), P(p)))).toBe(out);
  });

  it('property: a ÷ (1 + p) agrees with decimal.js', () => {
    const pct = fc.tuple(fc.bigInt({ min: 0n, max: 100000n }), fc.integer({ min: 0, max: 6 }));
    const amt = fc.tuple(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.integer({ min: 0, max: 6 }));
    fc.assert(fc.property(pct, amt, ([pv, pe], [av, ae]) => {
      const p = makePercentage(pv, pe);
      const a = makeAmount(av, ae);
      const f = new D(S(p.amount)).plus(1);
      expect(S(removePercent(a, p))).toBe(oracle(new D(S(a)).div(f), ae));
    }), RUNS);
  });

  it('worked example: VAT + equivalence surcharge included in 100.00 (invoice-es-es-vateqs-provider)', () => {
    const base = removePercent(A('100.0000'), P('21.0%')); // only the VAT percent is removed
    expect(S(base)).toBe('82.6446');
    expect(S(percentOf(P('21.0%'), base))).toBe('17.3554');
    expect(S(percentOf(P('5.2%'), base))).toBe('4.2975');
  });
});
