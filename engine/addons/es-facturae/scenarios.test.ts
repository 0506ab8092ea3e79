import { describe, expect, it } from 'vitest';
import type { Invoice } from '../../model/bill.ts';
import { applyScenarios } from '../../tax/scenarios.ts';
import { facturaeScenarios } from './scenarios.ts';

type Case = readonly [type: string, tags: string[], docType: string | undefined, invoiceClass: string | undefined];

/** (type, tags) -> (InvoiceDocumentType, InvoiceClass); later matches override earlier ones. */
const cases: readonly Case[] = [
  ['standard', [], 'FC', 'OO'],
  ['corrective', [], 'FC', 'OR'],
  ['credit-note', [], 'FC', 'OR'],
  ['debit-note', [], 'FC', 'OR'],
  ['standard', ['simplified'], 'FA', 'OO'],
  ['standard', ['self-billed'], 'AF', 'OO'],
  ['standard', ['simplified', 'self-billed'], 'AF', 'OO'],
  ['credit-note', ['simplified'], 'FA', 'OR'],
  ['standard', ['copy'], 'FC', 'CO'],
  ['corrective', ['copy'], 'FC', 'CR'],
  ['credit-note', ['copy'], 'FC', 'OR'],
  ['standard', ['summary'], 'FC', 'OC'],
  ['credit-note', ['summary'], 'FC', 'OC'],
  ['standard', ['copy', 'summary'], 'FC', 'CC'],
  ['proforma', [], undefined, undefined],
  ['proforma', ['simplified'], 'FA', undefined],
  ['other', ['summary'], undefined, 'OC'],
];

describe('facturae scenarios', () => {
  it.each(cases)('%s %j -> %s/%s', (type, tags, docType, invoiceClass) => {
    const inv = { type, $tags: tags } as Invoice;
    applyScenarios(inv, [facturaeScenarios], 'bill/invoice');
    expect(inv.tax?.ext?.['es-facturae-doc-type']).toBe(docType);
    expect(inv.tax?.ext?.['es-facturae-invoice-class']).toBe(invoiceClass);
  });

  it('overrides values given by the user', () => {
    const inv = { type: 'standard', tax: { ext: { 'es-facturae-doc-type': 'AF', 'es-facturae-invoice-class': 'CC', other: 'x' } } } as unknown as Invoice;
    applyScenarios(inv, [facturaeScenarios], 'bill/invoice');
    expect(inv.tax?.ext).toEqual({ 'es-facturae-doc-type': 'FC', 'es-facturae-invoice-class': 'OO', other: 'x' });
  });
});
