/**
 * Our hand-written ES regime must agree with GOBL's published definition on everything that
 * changes documents: codes, keys, rates, percents, dates, flags, scenario notes, tags.
 * Display names and sources are ours and are not compared (beyond English names where GOBL's
 * wording is what users see in JSON schemas).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadGoblRegime, readGoblRegimeJson, sharedPath } from '../../../test/support/gobl-regime.ts';
import { defaultInvoiceTags } from '../../tax/default-tags.ts';
import { vatKeys } from '../../tax/keys.ts';
import type { CategoryDef, RegimeDef } from '../../tax/regime-def.ts';
import { esRegime } from './index.ts';

const gobl = loadGoblRegime(readGoblRegimeJson('es'));

/** The parts of a category that affect calculation and validation, without names. */
function essentials(c: CategoryDef) {
  return {
    code: c.code,
    retained: c.retained ?? false,
    informative: c.informative ?? false,
    keys: (c.keys ?? []).map((k) => ({ key: k.key, noPercent: k.noPercent ?? false })),
    rates: (c.rates ?? []).map((r) => ({ rate: r.rate, keys: r.keys ?? [], values: r.values ?? [] })),
  };
}

function scenarioEssentials(r: RegimeDef) {
  return r.scenarios.map((s) => ({ schema: s.schema, list: s.list.map((d) => ({ ...d, name: undefined })) }));
}

describe('esRegime against GOBL es.json', () => {
  it('has the same regime basics', () => {
    expect(esRegime.country).toBe(gobl.country);
    expect(esRegime.currency).toBe(gobl.currency);
    expect(esRegime.timeZone).toBe(gobl.timeZone);
    expect(esRegime.taxScheme).toBe(gobl.taxScheme);
    expect(esRegime.calculatorRoundingRule).toBe(gobl.calculatorRoundingRule); // both undefined: precise
    expect(esRegime.altCountryCodes).toEqual(gobl.altCountryCodes);
    expect(esRegime.name.en).toBe(gobl.name.en);
  });

  it('has the same categories, keys, rates, percents, dates and flags', () => {
    expect(esRegime.categories.map(essentials)).toEqual(gobl.categories.map(essentials));
  });

  it('uses the English category and rate names GOBL shows', () => {
    const names = (r: RegimeDef) => r.categories.map((c) => [c.code, c.name.en, (c.rates ?? []).map((x) => x.name.en)]);
    expect(names(esRegime)).toEqual(names(gobl));
  });

  it('has the same scenarios, in the same order, with the exact note texts', () => {
    expect(scenarioEssentials(esRegime)).toEqual(scenarioEssentials(gobl));
  });

  it('has the same invoice tags, identity keys and corrections', () => {
    expect(esRegime.tags.map((t) => t.key)).toEqual(gobl.tags.map((t) => t.key));
    expect(esRegime.identityKeys?.map((k) => k.key)).toEqual(gobl.identityKeys?.map((k) => k.key));
    expect(esRegime.corrections).toEqual(gobl.corrections);
  });

  it('gives every name in English and Spanish, and every category a source', () => {
    const named = [
      ...esRegime.tags,
      ...(esRegime.identityKeys ?? []),
      ...esRegime.categories,
      ...esRegime.categories.flatMap((c) => [...(c.keys ?? []), ...(c.rates ?? [])]),
    ];
    for (const n of named) {
      expect(n.name.en, JSON.stringify(n.name)).toBeTruthy();
      expect(n.name.es, JSON.stringify(n.name)).toBeTruthy();
    }
    for (const c of esRegime.categories) {
      expect(c.sources?.length, c.code).toBeGreaterThan(0);
      for (const s of c.sources ?? []) expect(s.url).toMatch(/^https:\/\/www\.boe\.es\/buscar\/act\.php\?id=BOE-A-\d{4}-\d+$/);
    }
  });

  it('lists rate values newest first', () => {
    for (const c of esRegime.categories) {
      for (const r of c.rates ?? []) {
        const dates = (r.values ?? []).map((v) => v.since ?? '');
        expect(dates, `${c.code}/${r.rate}`).toEqual([...dates].sort().reverse());
      }
    }
  });

  it('normalizes and checks tax codes', () => {
    expect(esRegime.normalizeTaxCode?.('es b-986.026.42')).toBe('B98602642');
    expect(esRegime.checkTaxCode?.('B98602642')).toBeUndefined();
    expect(esRegime.checkTaxCode?.('B98602643')).toMatch(/check digit/);
  });
});

describe('shared tax definitions', () => {
  it('vatKeys match the keys GOBL gives every VAT category', () => {
    const mine = vatKeys.map((k) => ({ key: k.key, en: k.name.en, noPercent: k.noPercent ?? false }));
    for (const code of ['es', 'de', 'it', 'fr', 'pt']) {
      const vat = loadGoblRegime(readGoblRegimeJson(code)).categories.find((c) => c.code === 'VAT');
      expect(vat?.keys?.map((k) => ({ key: k.key, en: k.name.en, noPercent: k.noPercent ?? false })), code).toEqual(mine);
    }
  });

  it('default invoice tags match the $tags list of the bill/invoice schema', () => {
    const schema = JSON.parse(readFileSync(sharedPath('reference/gobl-data/data/schemas/bill/invoice.json'), 'utf8'));
    const anyOf: { const?: string; title: string }[] = schema.$defs['bill.Invoice'].properties.$tags.items.anyOf;
    const listed = anyOf.filter((x) => x.const).map((x) => ({ key: x.const, en: x.title }));
    expect(defaultInvoiceTags.map((t) => ({ key: t.key, en: t.name.en }))).toEqual(listed);
  });

  it('ES tags do not clash with the default ones', () => {
    const defaults = new Set(defaultInvoiceTags.map((t) => t.key));
    expect(esRegime.tags.filter((t) => defaults.has(t.key))).toEqual([]);
  });
});
