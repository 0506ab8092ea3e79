/**
 * Our hand-written EU VAT tables must equal GOBL's regimes (read from ../shared at test time,
 * never copied): same country data, and a VAT category with the same keys, rates, dates,
 * percents (formatting included) and surcharges. Then the point of having them: Spanish
 * invoices to EU consumers are taxed at the customer country's rates through `defaultRegistry`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadGoblRegime, sharedPath } from '../../../test/support/gobl-regime.ts';
import { build, type BuildResult } from '../../build.ts';
import { defaultRegistry } from '../../registry.ts';
import { vatKeys } from '../../tax/keys.ts';
import type { CategoryDef, RegimeDef } from '../../tax/regime-def.ts';
import { esRegime } from '../es/index.ts';
import { euRegimes } from './index.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const COUNTRIES = ['AT', 'BE', 'DE', 'DK', 'EL', 'FI', 'FR', 'IE', 'IT', 'NL', 'PL', 'PT', 'SE'];

/** GOBL's regime for a country; `sharedPath` fails with a clear message when ../shared is missing. */
function gobl(country: string): RegimeDef {
  const file = sharedPath('reference/gobl-data/data/regimes', `${country.toLowerCase()}.json`);
  if (!existsSync(file)) throw new Error(`GOBL regime data missing: ${file}`);
  return loadGoblRegime(JSON.parse(readFileSync(file, 'utf8')));
}

function vat(r: RegimeDef): CategoryDef {
  const c = r.categories.find((x) => x.code === 'VAT');
  if (!c) throw new Error(`${r.country} has no VAT category`);
  return c;
}

/** What calculation uses: flags, keys and every rate with its dated values. */
function essentials(c: CategoryDef) {
  return {
    code: c.code,
    retained: c.retained ?? false,
    informative: c.informative ?? false,
    keys: (c.keys ?? []).map((k) => ({ key: k.key, noPercent: k.noPercent ?? false })),
    rates: (c.rates ?? []).map((r) => ({
      rate: r.rate,
      keys: r.keys ?? [],
      values: (r.values ?? []).map((v) => ({ since: v.since, percent: v.percent, surcharge: v.surcharge, ext: v.ext, disabled: v.disabled })),
    })),
  };
}

describe('euRegimes', () => {
  it('covers exactly the EU countries GOBL ships besides Spain, once each', () => {
    expect(euRegimes.map((r) => r.country)).toEqual(COUNTRIES);
  });

  it('keeps every country file self-contained: only VAT, no scenarios, tags or ID rules', () => {
    for (const r of euRegimes) {
      expect(r.categories.map((c) => c.code), r.country).toEqual(['VAT']);
      expect(vat(r).keys).toBe(vatKeys);
      expect([r.tags, r.scenarios, r.corrections]).toEqual([[], [], []]);
      expect(r.normalizeTaxCode).toBeUndefined();
      expect(r.checkTaxCode).toBeUndefined();
      expect(vat(r).sources?.length, r.country).toBeGreaterThan(0);
      for (const s of [...(vat(r).sources ?? []), ...r.sources]) expect(s.url, r.country).toMatch(/^https:\/\//);
      expect(Object.keys(r.name).length, `${r.country} local name`).toBeGreaterThanOrEqual(2);
    }
  });

  it('lists rate values newest first', () => {
    for (const r of euRegimes) {
      for (const rate of vat(r).rates ?? []) {
        const dates = (rate.values ?? []).filter((v) => !v.ext).map((v) => v.since ?? '');
        expect([...dates].sort().reverse(), `${r.country} ${rate.rate}`).toEqual(dates);
      }
    }
  });
});

describe.each(COUNTRIES)('%s against GOBL', (cc) => {
  const ours = euRegimes.find((r) => r.country === cc)!;

  it('has the same country data', () => {
    const g = gobl(cc);
    expect({
      country: ours.country,
      altCountryCodes: ours.altCountryCodes,
      currency: ours.currency,
      timeZone: ours.timeZone,
      taxScheme: ours.taxScheme,
      calculatorRoundingRule: ours.calculatorRoundingRule,
      name: ours.name.en,
    }).toEqual({
      country: g.country,
      altCountryCodes: g.altCountryCodes,
      currency: g.currency,
      timeZone: g.timeZone,
      taxScheme: g.taxScheme,
      calculatorRoundingRule: g.calculatorRoundingRule,
      name: g.name.en,
    });
  });

  it('has the same VAT keys, rates, dates, percents and surcharges', () => {
    expect(essentials(vat(ours))).toEqual(essentials(vat(gobl(cc))));
  });

  it('uses the English names GOBL shows', () => {
    const names = (c: CategoryDef) => [c.name.en, c.title?.en, (c.rates ?? []).map((r) => r.name.en)];
    expect(names(vat(ours))).toEqual(names(vat(gobl(cc))));
  });
});

describe('Spanish invoices to EU consumers with defaultRegistry', () => {
  let n = 0;
  const opts = {
    now: () => Date.UTC(2025, 5, 2, 10, 0, 0),
    uuid: () => `0190c2f0-0000-7000-8000-${String(++n).padStart(12, '0')}`,
    registry: defaultRegistry,
  };

  function invoice(extra: Json, combo: Json): Json {
    return {
      $schema: 'https://gobl.org/draft-0/bill/invoice',
      uuid: '0190c2f0-0000-7000-8000-000000000abc',
      issue_date: '2025-06-02',
      series: 'OSS',
      code: '1',
      currency: 'EUR',
      supplier: { name: 'Provide One S.L.', tax_id: { country: 'ES', code: 'B98602642' } },
      lines: [{ quantity: '2', item: { name: 'Online course', price: '50.00' }, taxes: [combo] }],
      ...extra,
    };
  }

  function ok(r: BuildResult): Json {
    if (!r.ok) throw new Error(`build failed: ${r.error.key}: ${r.error.message} ${JSON.stringify(r.error.faults)}`);
    return (r.value as Json).doc as Json;
  }

  it('still registers Spain first and resolves Greece by its ISO code', () => {
    expect(defaultRegistry.regimes.get('ES')).toBe(esRegime);
    expect(defaultRegistry.regimes.get('GR')?.country).toBe('EL');
    for (const cc of COUNTRIES) expect(defaultRegistry.regimes.get(cc)?.country).toBe(cc);
  });

  it('`customer-rates` to a Dutch consumer charges NL 21%', () => {
    const doc = ok(
      build(
        invoice({ $tags: ['customer-rates'], customer: { name: 'Jan de Vries', tax_id: { country: 'NL' } } }, { cat: 'VAT', rate: 'general' }),
        opts,
      ),
    );
    const rate = doc.totals.taxes.categories[0].rates[0];
    expect(rate).toMatchObject({ key: 'standard', country: 'NL', base: '100.00', percent: '21.0%', amount: '21.00' });
    expect(doc.totals).toMatchObject({ tax: '21.00', total_with_tax: '121.00', payable: '121.00' });
  });

  it('a combo with `country: "FR"` charges the French general rate, 20%', () => {
    const doc = ok(build(invoice({}, { cat: 'VAT', country: 'FR', rate: 'general' }), opts));
    expect(doc.lines[0].taxes[0]).toMatchObject({ cat: 'VAT', country: 'FR', rate: 'general', percent: '20%' });
    const rate = doc.totals.taxes.categories[0].rates[0];
    expect(rate).toMatchObject({ country: 'FR', base: '100.00', percent: '20%', amount: '20.00' });
    expect(doc.totals).toMatchObject({ tax: '20.00', total_with_tax: '120.00', payable: '120.00' });
  });
});
