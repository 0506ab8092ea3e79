/** Package `tax` rules: combos against the ES regime, sets, tax IDs, notes and add-ons. */
import { describe, expect, it } from 'vitest';
import { esRegime } from '../../regimes/es/index.ts';
import type { AddonDef } from '../../tax/addon-def.ts';
import type { RegimeDef } from '../../tax/regime-def.ts';
import { vatKeys } from '../../tax/keys.ts';
import type { RuleContext } from '../define.ts';
import { validateGraph } from '../run.ts';
import { coreRuleSets } from './index.ts';
import { rateDef } from './tax.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */

const tbai: AddonDef = {
  key: 'es-tbai-v1',
  name: { en: 'TicketBAI' },
  extensions: [{ key: 'es-tbai-product', name: { en: 'Product' } }],
};

/** A tiny Portuguese regime, for combos that name their own country. */
const pt: RegimeDef = {
  country: 'PT',
  name: { en: 'Portugal' },
  currency: 'EUR',
  timeZone: 'Europe/Lisbon',
  tags: [],
  categories: [
    {
      code: 'VAT',
      name: { en: 'VAT' },
      keys: vatKeys,
      rates: [{ rate: 'general', keys: ['standard'], name: { en: 'General' }, values: [{ percent: '23.0%' }] }],
    },
  ],
  scenarios: [],
  corrections: [],
  sources: [],
};

function check(doc: any, over: Partial<RuleContext> = {}): string[] {
  const addons = over.addons ?? [tbai];
  const ctx: RuleContext = {
    regime: esRegime,
    regimes: new Map([
      ['ES', esRegime],
      ['PT', pt],
    ]),
    addons,
    hasAddon: (k) => addons.some((a) => a.key === k),
    doc,
    ...over,
  };
  return validateGraph('bill/invoice', doc, '$', coreRuleSets, ctx)
    .flatMap((f) => f.paths.map((p) => `${f.code}@${p}`))
    .sort();
}

const invoice = (): any => ({
  $schema: 'https://gobl.org/draft-0/bill/invoice',
  $regime: 'ES',
  $addons: ['es-tbai-v1'],
  type: 'standard',
  code: 'A1',
  issue_date: '2024-06-13',
  currency: 'EUR',
  tax: { notes: [{ cat: 'VAT', key: 'reverse-charge', text: 'Reverse Charge' }] },
  supplier: { name: 'Provide One S.L.', tax_id: { country: 'ES', code: 'B98602642' } },
  lines: [
    {
      i: 1,
      quantity: '1',
      item: { name: 'Service', price: '100.00' },
      sum: '100.00',
      taxes: [
        { cat: 'VAT', key: 'standard', rate: 'general+eqs', percent: '21.0%', surcharge: '5.2%', ext: { 'es-tbai-product': 'services' } },
        { cat: 'IRPF', rate: 'pro', percent: '15.0%' },
      ],
      total: '100.00',
    },
  ],
  totals: { sum: '100.00', total: '100.00', tax: '0.00', total_with_tax: '100.00', payable: '100.00' },
});

const combo = (d: any, i = 0) => d.lines[0].taxes[i];
const at = (i = 0) => `$.lines[0].taxes[${i}]`;

const cases: [string, (d: any) => void, string[]][] = [
  ['category not in the regime', (d) => (combo(d, 1).cat = 'GST'), [`GOBL-TAX-COMBO-01@${at(1)}`]],
  ['key not in the category', (d) => (combo(d, 1).key = 'super'), [`GOBL-TAX-COMBO-02@${at(1)}`, `GOBL-TAX-COMBO-03@${at(1)}`]],
  ['rate not defined for the key', (d) => (combo(d).key = 'zero'), [`GOBL-TAX-COMBO-03@${at()}`]],
  ['rate not defined in the category', (d) => (combo(d, 1).rate = 'general'), [`GOBL-TAX-COMBO-03@${at(1)}`]],
  ['no-percent key with a percent', (d) => Object.assign(combo(d), { key: 'exempt', rate: undefined, surcharge: undefined }), [`GOBL-TAX-COMBO-04@${at()}`]],
  ['category without keys needs a percent', (d) => delete combo(d, 1).percent, [`GOBL-TAX-COMBO-04@${at(1)}`]],
  ['surcharge without percent', (d) => Object.assign(combo(d), { key: 'exempt', rate: undefined, percent: undefined }), [`GOBL-TAX-COMBO-05@${at()}`]],
  ['extension nobody registered', (d) => (combo(d).ext = { 'xx-unknown': '1' }), [`GOBL-TAX-COMBO-06@${at()}`]],
  ['same category twice in a set', (d) => d.lines[0].taxes.push({ cat: 'VAT', key: 'zero', percent: '0%' }), ['GOBL-TAX-SET-01@$.lines[0].taxes']],
  ['tax ID without country', (d) => delete d.supplier.tax_id.country, ['GOBL-TAX-IDENTITY-01@$.supplier.tax_id.country']],
  ['tax ID code with lower case', (d) => (d.supplier.tax_id.code = 'b98602642'), ['GOBL-TAX-IDENTITY-02@$.supplier.tax_id.code']],
  ['tax ID scheme not a code', (d) => (d.supplier.tax_id.scheme = 'VAT--X'), ['GOBL-TAX-IDENTITY-03@$.supplier.tax_id.scheme']],
  ['tax note without text', (d) => delete d.tax.notes[0].text, ['GOBL-TAX-NOTE-01@$.tax.notes[0].text']],
  ['unregistered add-on', (d) => d.$addons.push('xx-none-v1'), ['GOBL-TAX-ADDONS-01@$.$addons[1]']],
];

describe('tax rules', () => {
  it('accepts the valid base document', () => {
    expect(check(invoice())).toEqual([]);
  });
  for (const [name, mutate, expected] of cases) {
    it(name, () => {
      const doc = invoice();
      mutate(doc);
      expect(check(doc)).toEqual(expected);
    });
  }

  it("checks a combo with its own country against that country's regime", () => {
    const doc = invoice();
    doc.lines[0].taxes = [{ cat: 'VAT', country: 'PT', key: 'standard', rate: 'general', percent: '23.0%' }];
    expect(check(doc)).toEqual([]);
    doc.lines[0].taxes[0].rate = 'reduced'; // exists in ES, not in our PT stand-in
    expect(check(doc)).toEqual([`GOBL-TAX-COMBO-03@${at()}`]);
    doc.lines[0].taxes[0].country = 'ZZ'; // unknown regime: nothing to check against
    expect(check(doc)).toEqual([]);
  });

  it('skips regime checks without a regime', () => {
    const doc = invoice();
    combo(doc, 1).cat = 'GST';
    expect(check(doc, { regime: undefined, regimes: undefined })).toEqual([]);
  });

  it('uses the extension registry when given, else the active addons', () => {
    const doc = invoice();
    combo(doc).ext = { 'untdid-tax-category': 'S' };
    expect(check(doc)).toEqual([`GOBL-TAX-COMBO-06@${at()}`]);
    expect(check(doc, { extensionKeys: new Set(['untdid-tax-category']) })).toEqual([]);
  });

  it('finds rate definitions like GOBL', () => {
    const vat = esRegime.categories.find((c) => c.code === 'VAT')!;
    expect(rateDef(vat, 'standard', 'general')?.rate).toBe('general');
    expect(rateDef(vat, '', 'general')).toBeUndefined();
    expect(rateDef(vat, 'standard', 'reduced+xx')?.rate).toBe('reduced');
  });
});
