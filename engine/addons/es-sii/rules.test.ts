/**
 * SII rules through the whole pipeline: each case breaks one thing in an otherwise valid
 * invoice and expects GOBL's fault code at GOBL's JSON path.
 */
import { describe, expect, it } from 'vitest';
import { build } from '../../build.ts';
import type { Fault } from '../../core/fault.ts';
import { defaultRegistry } from '../../registry.ts';

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function base(): Doc {
  return {
    $schema: 'https://gobl.org/draft-0/bill/invoice',
    $addons: ['es-sii-v1'],
    uuid: '3aea7b56-59d8-4beb-90bd-f8f280d852a0',
    currency: 'EUR',
    issue_date: '2024-12-04',
    series: 'SAMPLE',
    code: '004',
    supplier: { tax_id: { country: 'ES', code: 'B98602642' }, name: 'Provide One S.L.' },
    customer: { tax_id: { country: 'ES', code: '54387763P' }, name: 'Sample Consumer' },
    lines: [
      { quantity: '20', item: { name: 'Development services', key: 'services', price: '90.00' }, taxes: [{ cat: 'VAT', rate: 'general' }] },
      { quantity: '1', item: { name: 'Financial service', key: 'services', price: '10.00' }, taxes: [{ cat: 'VAT', key: 'zero' }] },
    ],
  };
}

const preceding = () => [{ type: 'invoice', series: 'SAMPLE', code: '003', issue_date: '2024-11-01', tax: { categories: [{ code: 'VAT', rates: [{ base: '100.00', percent: '21.0%', amount: '21.00' }], amount: '21.00' }], sum: '21.00' } }];

function run(doc: Doc) {
  let n = 0;
  return build(doc, {
    now: () => Date.UTC(2024, 11, 4),
    uuid: () => `0190c2f0-0000-7000-8000-${String(++n).padStart(12, '0')}`,
    registry: defaultRegistry,
  });
}

function faultsOf(doc: Doc): readonly Fault[] {
  const r = run(doc);
  return r.ok ? [] : r.error.faults;
}

describe('es-sii-v1 rules through build()', () => {
  it('accepts the valid base invoice', () => {
    const r = run(base());
    expect(r.ok ? [] : r.error.faults).toEqual([]);
  });

  const cases: { name: string; edit: (d: Doc) => void; code: string; path: string }[] = [
    {
      name: 'corrective without preceding',
      edit: (d) => (d.type = 'corrective'),
      code: 'GOBL-ES-SII-BILL-INVOICE-01',
      path: '$.preceding',
    },
    {
      name: 'preceding without issue date',
      edit: (d) => {
        d.type = 'credit-note';
        d.preceding = preceding();
        delete d.preceding[0].issue_date;
      },
      code: 'GOBL-ES-SII-BILL-INVOICE-02',
      path: '$.preceding[0].issue_date',
    },
    {
      name: 'corrective whose preceding has no tax',
      edit: (d) => {
        d.type = 'corrective';
        d.preceding = preceding();
        delete d.preceding[0].tax;
      },
      code: 'GOBL-ES-SII-BILL-INVOICE-03',
      path: '$.preceding[0].tax',
    },
    { name: 'no customer on an F1 invoice', edit: (d) => delete d.customer, code: 'GOBL-ES-SII-BILL-INVOICE-04', path: '$.customer' },
    {
      name: 'customer without tax ID nor typed identity',
      edit: (d) => (d.customer = { name: 'Anon', identities: [{ key: 'membership', code: '123' }] }),
      code: 'GOBL-ES-SII-BILL-INVOICE-05',
      path: '$.customer',
    },
    {
      name: 'customer tax ID without code',
      edit: (d) => (d.customer.tax_id = { country: 'PT' }),
      code: 'GOBL-ES-SII-BILL-INVOICE-06',
      path: '$.customer.tax_id.code',
    },
    {
      name: 'a proforma with an R doc type but no correction type',
      edit: (d) => {
        d.type = 'proforma';
        d.tax = { ext: { 'es-sii-doc-type': 'R1' } };
      },
      code: 'GOBL-ES-SII-BILL-INVOICE-09',
      path: '$.tax.ext',
    },
    {
      name: 'a proforma: no scenario gives it a doc type, so no tax object either',
      edit: (d) => (d.type = 'proforma'),
      code: 'GOBL-ES-SII-BILL-INVOICE-07',
      path: '$.tax',
    },
    {
      name: 'general note over 500 bytes',
      edit: (d) => (d.notes = [{ key: 'general', text: 'x'.repeat(501) }]),
      code: 'GOBL-ES-SII-BILL-INVOICE-12',
      path: '$.notes[0].text',
    },
    {
      name: 'product type on some lines only',
      edit: (d) => delete d.lines[1].item.key,
      code: 'GOBL-ES-SII-BILL-INVOICE-13',
      path: '$.lines',
    },
    {
      name: 'two regime keys',
      edit: (d) => (d.lines[1].taxes[0].ext = { 'es-sii-regime': '03' }),
      code: 'GOBL-ES-SII-BILL-INVOICE-14',
      path: '$.lines',
    },
    {
      name: 'export exemption under the general regime',
      edit: (d) => (d.lines[0].taxes[0] = { cat: 'VAT', key: 'export', ext: { 'es-sii-regime': '01', 'es-sii-exempt': 'E3' } }),
      code: 'GOBL-ES-SII-TAX-COMBO-04',
      path: '$.lines[0].taxes[0].ext',
    },
    {
      name: 'USD without an exchange rate to EUR',
      edit: (d) => (d.currency = 'USD'),
      code: 'GOBL-ES-SII-BILL-INVOICE-15',
      path: '$',
    },
  ];

  for (const c of cases) {
    it(`${c.name} -> ${c.code} at ${c.path}`, () => {
      const doc = base();
      c.edit(doc);
      const faults = faultsOf(doc);
      expect(faults.some((f) => f.code === c.code && f.paths.includes(c.path)), JSON.stringify(faults)).toBe(true);
    });
  }

  it('a proforma without doc type reports 08 and, as in GOBL, 09 at tax.ext', () => {
    const doc = base();
    doc.type = 'proforma';
    doc.tax = { ext: { 'es-sii-third-party-issuer': 'N' } };
    const codes = faultsOf(doc).filter((f) => f.paths.includes('$.tax.ext')).map((f) => f.code);
    expect(codes).toEqual(expect.arrayContaining(['GOBL-ES-SII-BILL-INVOICE-08', 'GOBL-ES-SII-BILL-INVOICE-09']));
  });

  it('accepts a credit note without preceding (only corrective needs it)', () => {
    const doc = base();
    doc.type = 'credit-note';
    const r = run(doc);
    expect(r.ok ? [] : r.error.faults).toEqual([]);
  });

  it('accepts a simplified invoice without customer (F2)', () => {
    const doc = base();
    doc.$tags = ['simplified'];
    delete doc.customer;
    const r = run(doc);
    expect(r.ok ? [] : r.error.faults).toEqual([]);
    if (r.ok) expect((r.value.doc as Doc).tax.ext['es-sii-doc-type']).toBe('F2');
  });

  it('moves a doc type chosen on the preceding reference (as `correct` writes it) to tax.ext', () => {
    const doc = base();
    doc.type = 'credit-note';
    doc.preceding = preceding();
    doc.preceding[0].ext = { 'es-sii-doc-type': 'R4' };
    const r = run(doc);
    expect(r.ok ? [] : r.error.faults).toEqual([]);
    const out = (r.ok ? r.value.doc : {}) as Doc;
    expect(out.tax.ext).toEqual({ 'es-sii-correction-type': 'I', 'es-sii-doc-type': 'R4' });
    expect(out.preceding[0].ext).toBeUndefined();
  });

  it('does not apply without the addon', () => {
    const doc = base();
    delete doc.$addons;
    doc.type = 'corrective';
    expect(faultsOf(doc).filter((f) => f.code.startsWith('GOBL-ES-SII'))).toEqual([]);
  });
});
