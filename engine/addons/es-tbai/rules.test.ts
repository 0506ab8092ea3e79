/**
 * TicketBAI rules through the whole pipeline (`build()` with the default registry): each broken
 * invoice must produce GOBL's fault code at the JSON path of the offending field.
 */
import { describe, expect, it } from 'vitest';
import { build as buildDoc } from '../../build.ts';
import { defaultRegistry } from '../../registry.ts';
import type { Registry } from '../../tax/context.ts';
import { validateGraph } from '../../rules/run.ts';
import { tbaiAddon } from './index.ts';

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The pipeline with a fixed clock and UUIDs, as the conformance harness runs it. */
function build(doc: Doc, registry: Registry) {
  let n = 0;
  return buildDoc(structuredClone(doc), { now: () => Date.UTC(2024, 5, 1), uuid: () => `0190c2f0-0000-7000-8000-${String(++n).padStart(12, '0')}`, registry });
}

function validInvoice(): Doc {
  return {
    $schema: 'https://gobl.org/draft-0/bill/invoice',
    $addons: ['es-tbai-v1'],
    uuid: '3aea7b56-59d8-4beb-90bd-f8f280d852a0',
    currency: 'EUR',
    issue_date: '2024-05-21',
    series: 'TB',
    code: '0001',
    supplier: {
      tax_id: { country: 'ES', code: 'B98602642' },
      name: 'Provide One S.L.',
      addresses: [{ num: '42', street: 'San Frantzisko', locality: 'Bilbo', region: 'Bizkaia', code: '48003', country: 'ES' }],
    },
    customer: { tax_id: { country: 'ES', code: '54387763P' }, name: 'Sample Customer' },
    lines: [{ quantity: '2', item: { name: 'Development', price: '100.00' }, taxes: [{ cat: 'VAT', rate: 'general' }] }],
    notes: [{ key: 'general', text: 'Development services' }],
  };
}

function faultsOf(doc: Doc) {
  const r = build(doc, defaultRegistry);
  if (r.ok) return [];
  expect(r.error.key).toBe('validation');
  return r.error.faults;
}

function expectFault(doc: Doc, code: string, path: string) {
  const faults = faultsOf(doc);
  expect(faults.map((f) => `${f.code} ${f.paths.join(',')}`)).toContainEqual(`${code} ${path}`);
}

describe('tbai rules through build()', () => {
  it('accepts a complete TicketBAI invoice', () => {
    const r = build(validInvoice(), defaultRegistry);
    expect(r.ok ? [] : r.error.faults).toEqual([]);
  });

  it('07: the general note is required', () => {
    const doc = validInvoice();
    delete doc.notes;
    expectFault(doc, 'GOBL-ES-TBAI-BILL-INVOICE-07', '$.notes');
    doc.notes = [{ key: 'legal', text: 'Other note' }];
    expectFault(doc, 'GOBL-ES-TBAI-BILL-INVOICE-07', '$.notes');
  });

  it('01: tax is required when no region can be derived', () => {
    const doc = validInvoice();
    doc.supplier.addresses[0].region = 'Madrid';
    expectFault(doc, 'GOBL-ES-TBAI-BILL-INVOICE-01', '$.tax');
  });

  it('02: the region extension is required', () => {
    const doc = validInvoice();
    doc.supplier.addresses[0].region = 'Madrid';
    doc.tax = { prices_include: 'VAT' };
    expectFault(doc, 'GOBL-ES-TBAI-BILL-INVOICE-02', '$.tax.ext');
  });

  it('03: customer required unless simplified', () => {
    const doc = validInvoice();
    delete doc.customer;
    expectFault(doc, 'GOBL-ES-TBAI-BILL-INVOICE-03', '$.customer');
    doc.$tags = ['simplified'];
    expect(faultsOf(doc)).toEqual([]);
  });

  it('08: customer needs a tax ID or a typed identity', () => {
    const doc = validInvoice();
    doc.customer = { name: 'Jane Doe', identities: [{ key: 'loyalty-card', code: '1234' }] };
    expectFault(doc, 'GOBL-ES-TBAI-BILL-INVOICE-08', '$.customer');
    doc.customer.identities[0].key = 'passport'; // normalized to identity type 03
    expect(faultsOf(doc)).toEqual([]);
  });

  it('04: corrections need preceding documents', () => {
    const doc = validInvoice();
    doc.type = 'credit-note';
    expectFault(doc, 'GOBL-ES-TBAI-BILL-INVOICE-04', '$.preceding');
  });

  it('05 and 06: each preceding needs an issue date and a rectification type', () => {
    const doc = validInvoice();
    doc.type = 'credit-note';
    doc.preceding = [{ series: 'TB', code: '0001', issue_date: '2024-05-01', ext: { 'es-tbai-correction': 'R1' } }, { series: 'TB', code: '0002' }];
    expectFault(doc, 'GOBL-ES-TBAI-BILL-INVOICE-05', '$.preceding[1].issue_date');
    expectFault(doc, 'GOBL-ES-TBAI-BILL-INVOICE-06', '$.preceding[1].ext');
    const codes = faultsOf(doc).flatMap((f) => f.paths);
    expect(codes.some((p) => p.startsWith('$.preceding[0]'))).toBe(false);
  });

  it('09: foreign currency needs an exchange rate into EUR', () => {
    const doc = validInvoice();
    doc.currency = 'USD';
    expectFault(doc, 'GOBL-ES-TBAI-BILL-INVOICE-09', '$');
    doc.exchange_rates = [{ from: 'USD', to: 'EUR', amount: '0.875967' }];
    expect(faultsOf(doc).map((f) => f.code)).not.toContain('GOBL-ES-TBAI-BILL-INVOICE-09');
  });

  it('10: Bizkaia individuals need their activity epígrafe', () => {
    const doc = validInvoice();
    doc.supplier.tax_id.code = '54387763P'; // a DNI: not a company
    expectFault(doc, 'GOBL-ES-TBAI-BILL-INVOICE-10', '$.supplier.ext');
    doc.supplier.ext = { 'es-tbai-bi-activity': '1234' };
    expect(faultsOf(doc)).toEqual([]);
  });

  it('10: companies and other provinces do not', () => {
    const doc = validInvoice();
    expect(faultsOf(doc)).toEqual([]);
    doc.supplier.tax_id.code = '54387763P';
    doc.supplier.addresses[0].region = 'Gipuzkoa';
    expect(faultsOf(doc)).toEqual([]);
  });

  it('11: the activity epígrafe is up to seven digits', () => {
    const doc = validInvoice();
    doc.supplier.ext = { 'es-tbai-bi-activity': '12345678' };
    expectFault(doc, 'GOBL-ES-TBAI-BILL-INVOICE-11', '$.supplier.ext');
  });
});

describe('tbai combo rule', () => {
  const rules = tbaiAddon.rules ?? [];
  const ctx = { addons: [tbaiAddon], hasAddon: (k: string) => k === 'es-tbai-v1', doc: {} };

  // Normalization always sets the cause for exempt VAT, so the rule guards hand-made documents.
  it('TAX-COMBO-01: exempt VAT/IGIC needs an exemption cause', () => {
    const faults = validateGraph('tax/combo', { cat: 'VAT', key: 'exempt' }, '$.lines[0].taxes[0]', rules, ctx);
    expect(faults).toEqual([
      { code: 'GOBL-ES-TBAI-TAX-COMBO-01', paths: ['$.lines[0].taxes[0].ext'], message: "extension 'es-tbai-exemption' is required for exempt tax combos" },
    ]);
    expect(validateGraph('tax/combo', { cat: 'IGIC', key: 'exempt', ext: {} }, '$', rules, ctx)).toHaveLength(1);
    expect(validateGraph('tax/combo', { cat: 'VAT', key: 'exempt', ext: { 'es-tbai-exemption': 'E1' } }, '$', rules, ctx)).toEqual([]);
    expect(validateGraph('tax/combo', { cat: 'GST', key: 'exempt' }, '$', rules, ctx)).toEqual([]);
  });

  it('rules only apply with the addon', () => {
    const without = { addons: [], hasAddon: () => false, doc: {} };
    expect(validateGraph('tax/combo', { cat: 'VAT', key: 'exempt' }, '$', rules, without)).toEqual([]);
  });
});
