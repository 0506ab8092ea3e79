/** Package `bill` rules: each case breaks one rule of an otherwise valid document. */
import { describe, expect, it } from 'vitest';
import { esRegime } from '../../regimes/es/index.ts';
import type { ObjectKind, RuleContext } from '../define.ts';
import { validateGraph } from '../run.ts';
import { coreRuleSets } from './index.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */

function ctxFor(doc: unknown): RuleContext {
  return { regime: esRegime, addons: [], hasAddon: () => false, doc };
}

/** Faults as `code@path`, sorted. */
function check(kind: ObjectKind, doc: unknown): string[] {
  return validateGraph(kind, doc, '$', coreRuleSets, ctxFor(doc))
    .flatMap((f) => f.paths.map((p) => `${f.code}@${p}`))
    .sort();
}

const invoice = (): any => ({
  $schema: 'https://gobl.org/draft-0/bill/invoice',
  $regime: 'ES',
  uuid: '0190f7a2-62c5-7d4c-a2b8-7d6d1b7a9c11',
  type: 'standard',
  code: 'SAMPLE-001',
  issue_date: '2024-06-13',
  currency: 'EUR',
  supplier: { name: 'Provide One S.L.', tax_id: { country: 'ES', code: 'B98602642' } },
  customer: { name: 'Sample Consumer', tax_id: { country: 'ES', code: '54387763P' } },
  lines: [
    {
      i: 1,
      quantity: '20',
      item: { name: 'Development services', price: '90.00', unit: 'h' },
      sum: '1800.00',
      taxes: [{ cat: 'VAT', key: 'standard', rate: 'general', percent: '21.0%' }],
      total: '1800.00',
    },
  ],
  totals: { sum: '1800.00', total: '1800.00', tax: '378.00', total_with_tax: '2178.00', payable: '2178.00' },
});

const payment = (): any => ({
  $schema: 'https://gobl.org/draft-0/bill/payment',
  $regime: 'ES',
  type: 'receipt',
  code: '0001',
  issue_date: '2025-01-28',
  currency: 'EUR',
  exchange_rates: [{ from: 'USD', to: 'EUR', amount: '0.90' }],
  supplier: { name: 'Provide One S.L.', tax_id: { country: 'ES', code: 'B98602642' } },
  lines: [{ i: 1, document: { code: '001', payable: '1630.00' }, payable: '1630.00', amount: '1015.00', due: '615.00' }],
  methods: [
    { key: 'credit-transfer', amount: '925.00' },
    { key: 'cash', amount: '100.00', currency: 'USD' },
  ],
  total: '1015.00',
});

const status = (): any => ({
  $schema: 'https://gobl.org/draft-0/bill/status',
  type: 'response',
  code: '0001',
  issue_date: '2025-04-10',
  supplier: { name: 'Provide One S.L.' },
  lines: [{ index: 1, key: 'rejected', reasons: [{ key: 'references' }], actions: [{ key: 'reissue' }] }],
});

interface Case {
  name: string;
  kind?: ObjectKind;
  base?: () => any;
  mutate: (d: any) => void;
  expect: string[];
}

const cases: Case[] = [
  { name: 'invoice type not valid', mutate: (d) => (d.type = 'bill'), expect: ['GOBL-BILL-INVOICE-02@$.type'] },
  {
    name: 'invoice type missing',
    mutate: (d) => delete d.type,
    expect: ['GOBL-BILL-INVOICE-01@$.type', 'GOBL-BILL-INVOICE-02@$.type'],
  },
  { name: 'issue date missing', mutate: (d) => delete d.issue_date, expect: ['GOBL-BILL-INVOICE-03@$.issue_date'] },
  { name: 'currency missing', mutate: (d) => delete d.currency, expect: ['GOBL-BILL-INVOICE-04@$.currency'] },
  { name: 'supplier missing', mutate: (d) => delete d.supplier, expect: ['GOBL-BILL-INVOICE-05@$.supplier'] },
  { name: 'supplier name missing', mutate: (d) => delete d.supplier.name, expect: ['GOBL-BILL-INVOICE-06@$.supplier.name'] },
  {
    name: 'customer with tax ID code but no name',
    mutate: (d) => delete d.customer.name,
    expect: ['GOBL-BILL-INVOICE-07@$.customer.name'],
  },
  {
    name: 'line item without price',
    mutate: (d) => {
      delete d.lines[0].item.price;
      delete d.lines[0].sum;
      delete d.lines[0].total;
    },
    expect: ['GOBL-BILL-INVOICE-08@$.lines[0].item.price'],
  },
  { name: 'totals missing', mutate: (d) => delete d.totals, expect: ['GOBL-BILL-INVOICE-09@$.totals'] },
  { name: 'no lines, discounts or charges', mutate: (d) => delete d.lines, expect: ['GOBL-BILL-INVOICE-10@$.lines'] },
  {
    name: 'value date with a tax point',
    mutate: (d) => {
      d.tax = { point: 'delivery' };
      d.value_date = '2024-06-10';
    },
    expect: ['GOBL-BILL-INVOICE-11@$.value_date'],
  },
  { name: 'line without index', mutate: (d) => delete d.lines[0].i, expect: ['GOBL-BILL-LINE-01@$.lines[0].i'] },
  { name: 'priced line without sum', mutate: (d) => delete d.lines[0].sum, expect: ['GOBL-BILL-LINE-04@$.lines[0].sum'] },
  {
    name: 'sub-line without item',
    mutate: (d) => (d.lines[0].breakdown = [{ i: 1, quantity: '1' }]),
    expect: ['GOBL-BILL-SUBLINE-03@$.lines[0].breakdown[0].item'],
  },
  {
    name: 'line discount with base but no percent',
    mutate: (d) => (d.lines[0].discounts = [{ base: '100.00', amount: '10.00' }]),
    expect: ['GOBL-BILL-LINEDISCOUNT-01@$.lines[0].discounts[0].percent'],
  },
  {
    name: 'line charge with unit but no quantity',
    mutate: (d) => (d.lines[0].charges = [{ unit: 'kg', amount: '5.00' }]),
    expect: ['GOBL-BILL-LINECHARGE-04@$.lines[0].charges[0].unit'],
  },
  {
    name: 'line charge with quantity but no rate',
    mutate: (d) => (d.lines[0].charges = [{ quantity: '2', amount: '5.00' }]),
    expect: ['GOBL-BILL-LINECHARGE-05@$.lines[0].charges[0].rate'],
  },
  {
    name: 'document discount with base but no percent',
    mutate: (d) => (d.discounts = [{ i: 1, base: '100.00', amount: '10.00' }]),
    expect: ['GOBL-BILL-DISCOUNT-01@$.discounts[0].percent'],
  },
  { name: 'unknown rounding model', mutate: (d) => (d.tax = { rounding: 'banker' }), expect: ['GOBL-BILL-TAX-01@$.tax.rounding'] },
  {
    name: 'payment methods do not add up',
    base: payment,
    kind: 'bill/payment',
    mutate: (d) => (d.methods[1].amount = '101.00'),
    expect: ['GOBL-BILL-PAYMENT-08@$'],
  },
  {
    name: 'payment method without key',
    base: payment,
    kind: 'bill/payment',
    mutate: (d) => delete d.methods[0].key,
    expect: ['GOBL-BILL-PAYMENT-09@$.methods[0].key'],
  },
  {
    name: 'payment line advances above payable',
    base: payment,
    kind: 'bill/payment',
    mutate: (d) => (d.lines[0].advances = '2000.00'),
    // Payable less advances is negative, so the amount limit (12) does not apply.
    expect: ['GOBL-BILL-PAYMENTLINE-11@$.lines[0]'],
  },
  {
    name: 'payment line amount above payable less advances',
    base: payment,
    kind: 'bill/payment',
    mutate: (d) => (d.lines[0].advances = '1000.00'),
    expect: ['GOBL-BILL-PAYMENTLINE-12@$.lines[0]'],
  },
  {
    name: 'status line key not valid',
    base: status,
    kind: 'bill/status',
    mutate: (d) => (d.lines[0].key = 'lost'),
    expect: ['GOBL-BILL-STATUSLINE-02@$.lines[0].key'],
  },
  {
    name: 'status reason without key',
    base: status,
    kind: 'bill/status',
    mutate: (d) => (d.lines[0].reasons = [{ key: 'legal' }, { description: 'no key' }]),
    expect: ['GOBL-BILL-REASON-01@$.lines[0].reasons[1]', 'GOBL-BILL-REASON-02@$.lines[0].reasons[1]'],
  },
  {
    name: 'status without supplier',
    base: status,
    kind: 'bill/status',
    mutate: (d) => delete d.supplier,
    expect: ['GOBL-BILL-STATUS-03@$.supplier'],
  },
];

describe('bill rules', () => {
  it('accepts the valid base documents', () => {
    expect(check('bill/invoice', invoice())).toEqual([]);
    expect(check('bill/payment', payment())).toEqual([]);
    expect(check('bill/status', status())).toEqual([]);
  });

  for (const c of cases) {
    it(c.name, () => {
      const doc = (c.base ?? invoice)();
      c.mutate(doc);
      expect(check(c.kind ?? 'bill/invoice', doc)).toEqual(c.expect);
    });
  }

  it('only requires invoice line prices in invoices', () => {
    const order = {
      $schema: 'https://gobl.org/draft-0/bill/order',
      type: 'purchase',
      issue_date: '2025-01-28',
      currency: 'EUR',
      supplier: { name: 'Provide One S.L.' },
      lines: [{ i: 1, quantity: '10', item: { name: 'Promo Mugs' } }],
    };
    expect(check('bill/order', order)).toEqual([]);
    expect(check('bill/order', { ...order, type: 'offer' })).toEqual(['GOBL-BILL-ORDER-02@$.type']);
  });

  it('requires lines only without document discounts or charges', () => {
    const doc = invoice();
    delete doc.lines;
    doc.charges = [{ i: 1, amount: '10.00', taxes: [{ cat: 'VAT', key: 'standard', rate: 'general', percent: '21.0%' }] }];
    expect(check('bill/invoice', doc)).toEqual([]);
  });
});
