/**
 * FacturaE rules through the whole pipeline (`build()` with the default registry): each broken
 * invoice must produce GOBL's fault code at the JSON path of the offending field.
 */
import { describe, expect, it } from 'vitest';
import { build as buildDoc } from '../../build.ts';
import { defaultRegistry } from '../../registry.ts';

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function build(doc: Doc) {
  let n = 0;
  return buildDoc(structuredClone(doc), {
    now: () => Date.UTC(2024, 5, 1),
    uuid: () => `0190c2f0-0000-7000-8000-${String(++n).padStart(12, '0')}`,
    registry: defaultRegistry,
  });
}

function validInvoice(): Doc {
  return {
    $schema: 'https://gobl.org/draft-0/bill/invoice',
    $addons: ['es-facturae-v3'],
    uuid: '3aea7b56-59d8-4beb-90bd-f8f280d852a0',
    currency: 'EUR',
    issue_date: '2024-05-21',
    series: 'FE',
    code: '0001',
    supplier: { tax_id: { country: 'ES', code: 'B98602642' }, name: 'Provide One S.L.' },
    customer: { tax_id: { country: 'ES', code: '54387763P' }, name: 'Sample Customer' },
    lines: [{ quantity: '2', item: { name: 'Development', price: '100.00' }, taxes: [{ cat: 'VAT', rate: 'general' }] }],
  };
}

function faultsOf(doc: Doc) {
  const r = build(doc);
  if (r.ok) return [];
  expect(r.error.key).toBe('validation');
  return r.error.faults;
}

function expectFault(doc: Doc, code: string, path: string) {
  expect(faultsOf(doc).map((f) => `${f.code} ${f.paths.join(',')}`)).toContainEqual(`${code} ${path}`);
}

describe('facturae rules through build()', () => {
  it('accepts a standard invoice and adds FC/OO', () => {
    const r = build(validInvoice());
    expect(r.ok ? [] : r.error.faults).toEqual([]);
    const doc = r.ok ? (r.value.doc as Doc) : {};
    expect(doc.tax).toEqual({ ext: { 'es-facturae-doc-type': 'FC', 'es-facturae-invoice-class': 'OO' } });
  });

  it('07: foreign currency needs an exchange rate into EUR', () => {
    const doc = validInvoice();
    doc.currency = 'USD';
    expectFault(doc, 'GOBL-ES-FACTURAE-BILL-INVOICE-07', '$');
    doc.exchange_rates = [{ from: 'USD', to: 'EUR', amount: '0.875967' }];
    expect(faultsOf(doc).map((f) => f.code)).not.toContain('GOBL-ES-FACTURAE-BILL-INVOICE-07');
  });

  it('01: Spanish customers need a tax ID code', () => {
    const doc = validInvoice();
    delete doc.customer.tax_id.code;
    expectFault(doc, 'GOBL-ES-FACTURAE-BILL-INVOICE-01', '$.customer.tax_id.code');
    doc.customer.tax_id.country = 'FR';
    expect(faultsOf(doc)).toEqual([]);
  });

  it('02: proforma invoices get no FacturaE type, so tax is missing', () => {
    const doc = validInvoice();
    doc.type = 'proforma';
    expectFault(doc, 'GOBL-ES-FACTURAE-BILL-INVOICE-02', '$.tax');
  });

  it('03: both doc type and invoice class are required', () => {
    const doc = validInvoice();
    doc.type = 'proforma';
    doc.$tags = ['simplified']; // doc type FA, but no invoice class for proformas
    expectFault(doc, 'GOBL-ES-FACTURAE-BILL-INVOICE-03', '$.tax.ext');
  });

  it('04: corrections need preceding documents', () => {
    const doc = validInvoice();
    doc.type = 'corrective';
    expectFault(doc, 'GOBL-ES-FACTURAE-BILL-INVOICE-04', '$.preceding');
  });

  it('05 and 06: each preceding needs an issue date and a change code', () => {
    const doc = validInvoice();
    doc.type = 'credit-note';
    doc.preceding = [{ series: 'FE', code: '0001', issue_date: '2024-05-01', ext: { 'es-facturae-correction': '01' } }, { series: 'FE', code: '0002' }];
    expectFault(doc, 'GOBL-ES-FACTURAE-BILL-INVOICE-05', '$.preceding[1].issue_date');
    expectFault(doc, 'GOBL-ES-FACTURAE-BILL-INVOICE-06', '$.preceding[1].ext');
    expect(faultsOf(doc).flatMap((f) => f.paths).some((p) => p.startsWith('$.preceding[0]'))).toBe(false);
  });

  it('05 and 06 only apply to corrections', () => {
    const doc = validInvoice();
    doc.preceding = [{ series: 'FE', code: '0002' }];
    expect(faultsOf(doc)).toEqual([]);
  });
});
