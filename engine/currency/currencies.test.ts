import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedPath } from '../../test/support/gobl-regime.ts';
import { currencySubunits, isKnownCurrency, knownCurrencyCodes } from './currencies.ts';

interface GoblCurrency {
  iso_code: string;
  subunits: number;
}

function goblCurrencies(): Map<string, number> {
  const out = new Map<string, number>();
  for (const file of ['iso.json', 'non-iso.json']) {
    const list: GoblCurrency[] = JSON.parse(readFileSync(sharedPath('reference/gobl-data/data/currency', file), 'utf8'));
    for (const c of list) out.set(c.iso_code, c.subunits);
  }
  return out;
}

describe('currency table against GOBL data/currency', () => {
  const gobl = goblCurrencies();

  it('knows exactly the codes GOBL knows, with the same subunits', () => {
    // Collect every difference so a failure lists them all at once.
    const diffs: string[] = [];
    for (const [code, sub] of gobl) {
      const mine = currencySubunits(code);
      if (mine === undefined) diffs.push(`${code}: missing here (GOBL ${sub})`);
      else if (mine !== sub) diffs.push(`${code}: ${mine} here, GOBL ${sub}`);
    }
    for (const code of knownCurrencyCodes()) if (!gobl.has(code)) diffs.push(`${code}: unknown to GOBL`);
    expect(diffs).toEqual([]);
  });

  it('has 180 codes', () => {
    expect(knownCurrencyCodes()).toHaveLength(gobl.size);
    expect(gobl.size).toBe(180);
  });
});

describe('currencySubunits / isKnownCurrency', () => {
  it.each([
    ['EUR', 2],
    ['USD', 2],
    ['GBP', 2],
    ['JPY', 0],
    ['KRW', 0],
    ['CLP', 0],
    ['BHD', 3],
    ['KWD', 3],
    ['TND', 3],
    ['HUF', 0], // GOBL, not ISO (2)
    ['MGA', 5], // GOBL, not ISO (2)
    ['BTC', 8],
    ['GBX', 1],
    ['USDC', 2],
  ])('%s has %i decimals', (code, n) => {
    expect(currencySubunits(code)).toBe(n);
    expect(isKnownCurrency(code)).toBe(true);
  });

  it.each(['', 'eur', 'EURO', 'XXX', 'ZWG', 'VED', 'XCG', 'CHE', 'ABC'])('%j is unknown', (code) => {
    expect(currencySubunits(code)).toBeUndefined();
    expect(isKnownCurrency(code)).toBe(false);
  });
});
