/** Spain's regime rules: supplier tax ID on ES invoices, and the Spanish tax ID check. */
import { describe, expect, it } from 'vitest';
import type { RuleContext } from '../../rules/define.ts';
import { validateGraph } from '../../rules/run.ts';
import { coreRuleSets } from '../../rules/sets/index.ts';
import type { RegimeDef } from '../../tax/regime-def.ts';
import { esRegime } from './index.ts';
import { esRuleSets } from './rules.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */

const sets = [...coreRuleSets, ...esRuleSets];

const de: RegimeDef = { ...esRegime, country: 'DE', categories: [], scenarios: [], corrections: [], checkTaxCode: undefined };

function check(doc: any, regime: RegimeDef | undefined = esRegime): string[] {
  const ctx: RuleContext = { regime, addons: [], hasAddon: () => false, doc };
  return validateGraph('bill/invoice', doc, '$', sets, ctx)
    .flatMap((f) => f.paths.map((p) => `${f.code}@${p}`))
    .sort();
}

const invoice = (): any => ({
  $schema: 'https://gobl.org/draft-0/bill/invoice',
  $regime: 'ES',
  type: 'standard',
  code: 'A1',
  issue_date: '2024-06-13',
  currency: 'EUR',
  supplier: { name: 'Provide One S.L.', tax_id: { country: 'ES', code: 'B98602642' } },
  customer: { name: 'Sample Consumer', tax_id: { country: 'ES', code: '54387763P' } },
  lines: [
    {
      i: 1,
      quantity: '1',
      item: { name: 'Mug', price: '100.00' },
      sum: '100.00',
      taxes: [{ cat: 'VAT', key: 'standard', rate: 'general', percent: '21.0%' }],
      total: '100.00',
    },
  ],
  totals: { sum: '100.00', total: '100.00', tax: '21.00', total_with_tax: '121.00', payable: '121.00' },
});

describe('ES regime rules', () => {
  it('accept a valid Spanish invoice', () => {
    expect(check(invoice())).toEqual([]);
  });

  it('require a supplier', () => {
    const doc = invoice();
    delete doc.supplier;
    expect(check(doc)).toEqual(['GOBL-BILL-INVOICE-05@$.supplier', 'GOBL-ES-BILL-INVOICE-01@$.supplier']);
  });

  it('require the supplier tax ID', () => {
    const doc = invoice();
    delete doc.supplier.tax_id;
    expect(check(doc)).toEqual(['GOBL-ES-BILL-INVOICE-02@$.supplier.tax_id']);
  });

  it('require the supplier tax ID code', () => {
    const doc = invoice();
    delete doc.supplier.tax_id.code;
    expect(check(doc)).toEqual(['GOBL-ES-BILL-INVOICE-03@$.supplier.tax_id.code']);
  });

  it('only apply the invoice rules in the ES regime', () => {
    const doc = invoice();
    delete doc.supplier.tax_id;
    doc.lines[0].taxes = [];
    expect(check(doc, de)).toEqual([]);
  });

  it('check Spanish tax ID codes', () => {
    const doc = invoice();
    doc.customer.tax_id.code = '54387763X'; // wrong DNI letter
    expect(check(doc)).toEqual(['GOBL-ES-TAX-IDENTITY-01@$.customer.tax_id.code']);
    doc.customer.tax_id.code = 'B98602643'; // wrong CIF check digit
    expect(check(doc)).toEqual(['GOBL-ES-TAX-IDENTITY-01@$.customer.tax_id.code']);
    doc.customer.tax_id.code = 'X1234567L'; // NIE
    expect(check(doc)).toEqual([]);
  });

  it('check Spanish tax IDs in documents of any regime, and only Spanish ones', () => {
    const doc = invoice();
    doc.lines[0].taxes = [];
    doc.customer.tax_id.code = '12345678A';
    expect(check(doc, de)).toEqual(['GOBL-ES-TAX-IDENTITY-01@$.customer.tax_id.code']);
    doc.customer.tax_id = { country: 'PT', code: '12345678A' };
    expect(check(doc, de)).toEqual([]);
  });

  it('leave a missing tax ID code to the other rules', () => {
    const doc = invoice();
    delete doc.customer.tax_id.code;
    expect(check(doc)).toEqual([]);
  });
});
