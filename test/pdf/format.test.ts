/** Print formatting on decimal strings: money, quantities, percentages, dates, IBANs. */
import { describe, expect, it } from 'vitest';
import { badDateDirective, formatDate, formatDecimal, formatIban, formatMoney, formatPercent } from '../../engine/render/pdf/format.ts';

describe('formatDecimal / formatMoney', () => {
  it.each([
    ['0', 'es', '0'],
    ['0.50', 'es', '0,50'],
    ['-0.50', 'es', '-0,50'],
    ['999.99', 'es', '999,99'],
    ['1234.56', 'es', '1.234,56'],
    ['1234567.8912', 'es', '1.234.567,8912'],
    ['-1234567', 'es', '-1.234.567'],
    ['1234.56', 'en', '1,234.56'],
    ['1234.56', 'eu', '1.234,56'],
    ['12345678901234567.89', 'es', '12.345.678.901.234.567,89'],
  ] as const)('%s (%s) → %s', (v, l, want) => expect(formatDecimal(v, l)).toBe(want));

  it('keeps every digit the engine wrote (no float rounding)', () => {
    expect(formatDecimal('0.1000000000000000055', 'es')).toBe('0,1000000000000000055');
    expect(formatDecimal('9007199254740993.01', 'en')).toBe('9,007,199,254,740,993.01');
  });

  it('leaves text that is not a decimal alone', () => expect(formatDecimal('n/a', 'es')).toBe('n/a'));

  it.each([
    ['2178.00', 'EUR', 'es', '2.178,00 €'],
    ['-77372.82', 'EUR', 'es', '-77.372,82 €'],
    ['2178.00', 'EUR', 'en', '€2,178.00'],
    ['-5.00', 'EUR', 'en', '-€5.00'],
    ['1000', 'USD', 'es', '1.000 $'],
    ['1000.5', 'CHF', 'en', '1,000.5 CHF'],
    ['1000.50', 'CHF', 'es', '1.000,50 CHF'],
  ] as const)('%s %s (%s) → %s', (v, c, l, want) => expect(formatMoney(v, c, l)).toBe(want));
});

describe('formatPercent', () => {
  it.each([
    ['21.0%', 'es', '21 %'],
    ['21.0%', 'en', '21%'],
    ['10.50%', 'es', '10,5 %'],
    ['5.2%', 'eu', '5,2 %'],
    ['0%', 'es', '0 %'],
    ['-15.0%', 'es', '-15 %'],
    ['12.5', 'en', '12.5%'],
  ] as const)('%s (%s) → %s', (v, l, want) => expect(formatPercent(v, l)).toBe(want));
});

describe('formatDate', () => {
  it.each([
    ['%Y-%m-%d', 'es', '2025-03-07'],
    ['%d/%m/%Y', 'es', '07/03/2025'],
    ['%-d %B %Y', 'es', '7 marzo 2025'],
    ['%-d %b %Y', 'en', '7 Mar 2025'],
    ['%e.%-m.%y', 'en', ' 7.3.25'],
    ['%Y/%m/%d', 'eu', '2025/03/07'],
    ['%B', 'eu', 'martxoa'],
    ['100%% %Y', 'es', '100% 2025'],
  ] as const)('%s (%s)', (fmt, l, want) => expect(formatDate('2025-03-07', fmt, l)).toBe(want));

  it('passes through what is not an ISO date, and empty for none', () => {
    expect(formatDate('07-03-2025', '%Y', 'es')).toBe('07-03-2025');
    expect(formatDate(undefined, '%Y', 'es')).toBe('');
  });

  it('reports unknown directives', () => {
    expect(badDateDirective('%Y-%m-%d')).toBeUndefined();
    expect(badDateDirective('%-d %B %Y %%')).toBeUndefined();
    expect(badDateDirective('%Y-%q')).toBe('%q');
    expect(badDateDirective('%H:%M')).toBe('%H');
    expect(badDateDirective('trailing %')).toBe('%');
  });
});

it('formatIban groups by four', () => {
  expect(formatIban('ES2501882570718544704761')).toBe('ES25 0188 2570 7185 4470 4761');
  expect(formatIban('es25 0188 2570 7185 4470 4761 ')).toBe('ES25 0188 2570 7185 4470 4761');
});
