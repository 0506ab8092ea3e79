import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { esRegime } from '../../engine/regimes/es/index.ts';
import { loadGoblRegime, readGoblRegimeJson, sharedPath } from './gobl-regime.ts';

const regimeDir = sharedPath('reference/gobl-data/data/regimes');
const codes = readdirSync(regimeDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''))
  .sort();

describe('loadGoblRegime on every GOBL regime file', () => {
  it('finds the 28 regime files', () => {
    expect(codes).toHaveLength(28);
  });

  it.each(codes)('%s converts to a well-formed RegimeDef', (code) => {
    const r = loadGoblRegime(readGoblRegimeJson(code));
    expect(r.country).toMatch(/^[A-Z]{2}$/);
    expect(r.currency).toMatch(/^[A-Z]{3}$/);
    expect(r.timeZone).toMatch(/^[A-Za-z_]+\/[A-Za-z_/]+$/);
    expect(r.categories.length).toBeGreaterThan(0);
    for (const c of r.categories) {
      // Codes are usually upper case, but BR has e.g. `PISRet`.
      expect(c.code).toMatch(/^[A-Za-z0-9]+$/);
      for (const rate of c.rates ?? []) {
        expect(rate.rate, `${code}/${c.code}`).toMatch(/^[a-z0-9+-]+$/);
        for (const v of rate.values ?? []) {
          expect(v.percent).toMatch(/^\d+(\.\d+)?%$/);
          if (v.since !== undefined) expect(v.since).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        }
        // Values must stay newest first for the calculator's first-match lookup.
        const dates = (rate.values ?? []).filter((v) => !v.ext).map((v) => v.since ?? '');
        expect(dates).toEqual([...dates].sort().reverse());
      }
    }
    for (const set of r.scenarios) for (const s of set.list) if (s.note) expect(s.note.text).not.toBe('');
    expect(r.normalizeTaxCode?.(` ${r.country.toLowerCase()}-12.34 `)).toBe('1234');
  });
});

describe('loadGoblRegime details', () => {
  it('de: basics, keys with no_percent, dated rates, scenario, identity keys', () => {
    const de = loadGoblRegime(readGoblRegimeJson('de'));
    expect(de).toMatchObject({ country: 'DE', currency: 'EUR', timeZone: 'Europe/Berlin', taxScheme: 'VAT', tags: [] });
    expect(de.calculatorRoundingRule).toBeUndefined();
    expect(de.altCountryCodes).toBeUndefined();
    expect(de.identityKeys?.map((k) => k.key)).toEqual(['de-tax-number']);
    const vat = de.categories.find((c) => c.code === 'VAT');
    expect(vat?.keys?.filter((k) => k.noPercent).map((k) => k.key)).toEqual(['reverse-charge', 'exempt', 'export', 'intra-community', 'outside-scope']);
    const general = vat?.rates?.find((r) => r.rate === 'general');
    expect(general?.keys).toEqual(['standard']);
    // The 2020 temporary reduction shows dated values are kept in order, percents verbatim.
    expect(general?.values?.slice(0, 3)).toEqual([
      { since: '2021-01-01', percent: '19%' },
      { since: '2020-07-01', percent: '16%' },
      { since: '2007-01-01', percent: '19%' },
    ]);
    expect(de.scenarios).toEqual([
      {
        schema: 'bill/invoice',
        list: [{ tags: ['reverse-charge'], categories: ['VAT'], note: { cat: 'VAT', key: 'reverse-charge', text: 'Reverse Charge / Umkehr der Steuerschuld.' } }],
      },
    ]);
    expect(de.corrections).toEqual([{ schema: 'bill/invoice', types: ['credit-note'] }]);
    expect(de.normalizeTaxCode?.('DE 123 456 789')).toBe('123456789');
  });

  it('gr: the pre-v0.300 file (flat tags, rates named by `key`, no tax scheme)', () => {
    const gr = loadGoblRegime(readGoblRegimeJson('gr'));
    expect(gr.country).toBe('GR');
    expect(gr.taxScheme).toBeUndefined();
    expect(gr.tags.map((t) => t.key)).toEqual(['simplified', 'reverse-charge', 'self-billed', 'customer-rates', 'partial', 'islands']);
    const vat = gr.categories.find((c) => c.code === 'VAT');
    expect(vat?.keys).toBeUndefined();
    expect(vat?.rates?.map((r) => r.rate)).toEqual(['standard', 'reduced', 'super-reduced', 'standard+island', 'reduced+island', 'super-reduced+island', 'exempt']);
    expect(vat?.rates?.[0].values).toEqual([{ percent: '24%' }]);
    expect(vat?.rates?.find((r) => r.rate === 'exempt')?.values).toBeUndefined();
    expect(gr.scenarios[0].list[0]).toEqual({ tags: ['reverse-charge'], note: { key: 'legal', text: 'Reverse Charge / Αντίστροφη φόρτιση' } });
  });

  it('el: Greece under its VAT prefix, GR as alternative code, currency rounding', () => {
    const el = loadGoblRegime(readGoblRegimeJson('el'));
    expect(el.country).toBe('EL');
    expect(el.altCountryCodes).toEqual(['GR']);
    expect(el.calculatorRoundingRule).toBe('currency');
    expect(el.categories[0].rates?.[0]).toMatchObject({ rate: 'general', keys: ['standard'], values: [{ percent: '24%' }] });
    expect(el.normalizeTaxCode?.('EL 123456789')).toBe('123456789');
  });

  it('us: no tax scheme, one keyless rateless category, no scenarios or tags', () => {
    const us = loadGoblRegime(readGoblRegimeJson('us'));
    expect(us).toMatchObject({ country: 'US', currency: 'USD', timeZone: 'America/Chicago', tags: [], scenarios: [] });
    expect(us.taxScheme).toBeUndefined();
    expect(us.categories).toEqual([{ code: 'ST', name: { en: 'ST' }, title: { en: 'Sales Tax' } }]);
    expect(us.corrections).toEqual([{ schema: 'bill/invoice', types: ['credit-note', 'debit-note'] }]);
  });

  it('it: undated rates and retained categories', () => {
    const it_ = loadGoblRegime(readGoblRegimeJson('it'));
    const vat = it_.categories.find((c) => c.code === 'VAT');
    expect(vat?.retained).toBeUndefined();
    expect(vat?.rates?.map((r) => [r.rate, r.values?.[0].percent, r.values?.[0].since])).toEqual([
      ['super-reduced', '4.0%', undefined],
      ['reduced', '5.0%', undefined],
      ['intermediate', '10.0%', undefined],
      ['general', '22.0%', undefined],
    ]);
    expect(it_.categories.filter((c) => c.retained).map((c) => c.code)).toEqual(['IRPEF', 'IRES', 'INPS', 'ENASARCO', 'ENPAM', 'CP']);
    expect(it_.identityKeys?.map((k) => k.key)).toEqual(['it-fiscal-code']);
    expect(it_.sources.length).toBeGreaterThan(0);
  });

  it('pt: rate values filtered by extension', () => {
    const pt = loadGoblRegime(readGoblRegimeJson('pt'));
    const general = pt.categories.find((c) => c.code === 'VAT')?.rates?.find((r) => r.rate === 'general');
    expect(general?.values?.some((v) => v.ext?.['pt-region'] === 'PT-AC')).toBe(true);
  });

  it('es: agrees with our hand-written regime (details in engine/regimes/es/regime.test.ts)', () => {
    const es = loadGoblRegime(readGoblRegimeJson('es'));
    const rates = (cats: typeof es.categories) =>
      cats.map((c) => [c.code, c.retained ?? false, (c.keys ?? []).map((k) => [k.key, k.noPercent ?? false]), (c.rates ?? []).map((r) => [r.rate, r.keys, r.values])]);
    expect(rates(esRegime.categories)).toEqual(rates(es.categories));
    const notes = (r: typeof es) => r.scenarios.flatMap((s) => s.list.map((d) => [d.tags, d.categories, d.note]));
    expect(notes(esRegime)).toEqual(notes(es));
    expect(esRegime.tags.map((t) => t.key)).toEqual(es.tags.map((t) => t.key));
  });
});
