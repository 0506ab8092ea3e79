/**
 * VERI*FACTU rules through the whole pipeline: each case breaks one thing in an otherwise valid
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
    $addons: ['es-verifactu-v1'],
    uuid: '3aea7b56-59d8-4beb-90bd-f8f280d852a0',
    currency: 'EUR',
    issue_date: '2024-12-04',
    series: 'SAMPLE',
    code: '004',
    supplier: { tax_id: { country: 'ES', code: 'B98602642' }, name: 'Provide One S.L.' },
    customer: { tax_id: { country: 'ES', code: '54387763P' }, name: 'Sample Consumer' },
    lines: [
      { quantity: '20', item: { name: 'Development services', price: '90.00' }, taxes: [{ cat: 'VAT', rate: 'general' }] },
      { quantity: '1', item: { name: 'Financial service', price: '10.00' }, taxes: [{ cat: 'VAT', key: 'zero' }] },
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

const simplified = (d: Doc) => {
  d.$tags = ['simplified'];
  d.customer = { name: 'Walk-in' };
};

describe('es-verifactu-v1 rules through build()', () => {
  it('accepts the valid base invoice', () => {
    const r = run(base());
    expect(r.ok ? [] : r.error.faults).toEqual([]);
  });

  const cases: { name: string; edit: (d: Doc) => void; code: string; path: string }[] = [
    { name: 'corrective without preceding', edit: (d) => (d.type = 'corrective'), code: 'GOBL-ES-VERIFACTU-BILL-INVOICE-01', path: '$.preceding' },
    {
      name: 'preceding without issue date',
      edit: (d) => {
        d.type = 'credit-note';
        d.preceding = preceding();
        delete d.preceding[0].issue_date;
      },
      code: 'GOBL-ES-VERIFACTU-BILL-INVOICE-02',
      path: '$.preceding[0].issue_date',
    },
    {
      name: 'corrective whose preceding has no tax',
      edit: (d) => {
        d.type = 'corrective';
        d.preceding = preceding();
        delete d.preceding[0].tax;
      },
      code: 'GOBL-ES-VERIFACTU-BILL-INVOICE-03',
      path: '$.preceding[0].tax',
    },
    {
      name: 'simplified invoice with a customer tax ID',
      edit: (d) => {
        simplified(d);
        d.customer.tax_id = { country: 'ES', code: '54387763P' };
      },
      code: 'GOBL-ES-VERIFACTU-BILL-INVOICE-04',
      path: '$.customer.tax_id',
    },
    {
      name: 'simplified invoice with a typed customer identity',
      edit: (d) => {
        simplified(d);
        d.customer.identities = [{ key: 'passport', country: 'GB', code: 'X123' }];
      },
      code: 'GOBL-ES-VERIFACTU-BILL-INVOICE-05',
      path: '$.customer',
    },
    { name: 'no customer on an F1 invoice', edit: (d) => delete d.customer, code: 'GOBL-ES-VERIFACTU-BILL-INVOICE-06', path: '$.customer' },
    {
      name: 'customer without tax ID nor typed identity',
      edit: (d) => (d.customer = { name: 'Anon' }),
      code: 'GOBL-ES-VERIFACTU-BILL-INVOICE-07',
      path: '$.customer',
    },
    {
      name: 'customer tax ID without code',
      edit: (d) => (d.customer.tax_id = { country: 'PT' }),
      code: 'GOBL-ES-VERIFACTU-BILL-INVOICE-08',
      path: '$.customer.tax_id.code',
    },
    {
      name: 'passport without issuing country',
      edit: (d) => (d.customer = { name: 'Visitor', identities: [{ key: 'passport', code: 'X123' }] }),
      code: 'GOBL-ES-VERIFACTU-BILL-INVOICE-17',
      path: '$.customer.identities[0].country',
    },
    {
      name: 'a proforma: no doc type, so no tax object',
      edit: (d) => (d.type = 'proforma'),
      code: 'GOBL-ES-VERIFACTU-BILL-INVOICE-09',
      path: '$.tax',
    },
    {
      name: 'a proforma with some tax ext but no doc type',
      edit: (d) => {
        d.type = 'proforma';
        d.tax = { ext: { 'es-verifactu-simplified-art7273': 'N' } };
      },
      code: 'GOBL-ES-VERIFACTU-BILL-INVOICE-10',
      path: '$.tax.ext',
    },
    {
      name: 'a proforma with an R doc type and no correction type',
      edit: (d) => {
        d.type = 'proforma';
        d.tax = { ext: { 'es-verifactu-doc-type': 'R2' } };
      },
      code: 'GOBL-ES-VERIFACTU-BILL-INVOICE-13',
      path: '$.tax.ext',
    },
    {
      name: 'general note over 500 bytes',
      edit: (d) => (d.notes = [{ key: 'general', text: 'ñ'.repeat(251) }]),
      code: 'GOBL-ES-VERIFACTU-BILL-INVOICE-14',
      path: '$.notes[0].text',
    },
    {
      name: 'a line with only IRPF',
      edit: (d) => (d.lines[1].taxes = [{ cat: 'IRPF', rate: 'pro' }]),
      code: 'GOBL-ES-VERIFACTU-BILL-INVOICE-15',
      path: '$.lines[1].taxes',
    },
    {
      name: 'export exemption under the general regime',
      edit: (d) => (d.lines[0].taxes[0] = { cat: 'VAT', key: 'export', ext: { 'es-verifactu-regime': '01', 'es-verifactu-exempt': 'E2' } }),
      code: 'GOBL-ES-VERIFACTU-TAX-COMBO-02',
      path: '$.lines[0].taxes[0].ext',
    },
    { name: 'USD without an exchange rate to EUR', edit: (d) => (d.currency = 'USD'), code: 'GOBL-ES-VERIFACTU-BILL-INVOICE-16', path: '$' },
  ];

  for (const c of cases) {
    it(`${c.name} -> ${c.code} at ${c.path}`, () => {
      const doc = base();
      c.edit(doc);
      const faults = faultsOf(doc);
      expect(faults.some((f) => f.code === c.code && f.paths.includes(c.path)), JSON.stringify(faults)).toBe(true);
    });
  }

  it('accepts USD with a rate to EUR', () => {
    const doc = base();
    doc.currency = 'USD';
    doc.exchange_rates = [{ from: 'USD', to: 'EUR', amount: '0.9' }];
    expect(faultsOf(doc).filter((f) => f.code.startsWith('GOBL-ES-VERIFACTU'))).toEqual([]);
  });

  it('accepts a simplified invoice with an anonymous customer (F2)', () => {
    const doc = base();
    simplified(doc);
    const r = run(doc);
    expect(r.ok ? [] : r.error.faults).toEqual([]);
    if (r.ok) expect((r.value.doc as Doc).tax.ext['es-verifactu-doc-type']).toBe('F2');
  });

  it('accepts a VIES identity without country (02 needs none)', () => {
    const doc = base();
    doc.customer = { name: 'EU firm', identities: [{ code: 'X123', ext: { 'es-verifactu-identity-type': '02' } }] };
    expect(faultsOf(doc)).toEqual([]);
  });
});

describe('es-verifactu-v1 surcharge regime through build() (spec gobl-core §4.4 trap)', () => {
  const regimeOf = (taxes: Doc[]) => {
    const doc = base();
    doc.lines = [{ quantity: '1', item: { name: 'Stock', price: '10.00' }, taxes }];
    const r = run(doc);
    if (!r.ok) throw new Error(r.error.message);
    const out = r.value.doc as Doc;
    const again = run(structuredClone(out));
    if (!again.ok) throw new Error(again.error.message);
    return [out, again.value.doc as Doc].map((d) => d.lines[0].taxes[0].ext['es-verifactu-regime']);
  };

  it('gives 18 only when the input states the surcharge', () => {
    expect(regimeOf([{ cat: 'VAT', rate: 'general+eqs', surcharge: '5.2%' }])).toEqual(['18', '18']);
  });

  it('keeps 01 for rate general+eqs alone, also on a rebuild, as GOBL does', () => {
    expect(regimeOf([{ cat: 'VAT', rate: 'general+eqs' }])).toEqual(['01', '01']);
  });
});
