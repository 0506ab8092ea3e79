/**
 * FacturaE document type and invoice class from the invoice type and tags (spec gobl-core
 * §4.1; GOBL `addons/es/facturae/scenarios.go`). Matches are applied in order and later ext
 * values override earlier ones, so the general rows come first and the specific ones last.
 */
import type { ScenarioSet } from '../../tax/regime-def.ts';
import { EXT_DOC_TYPE, EXT_INVOICE_CLASS } from './extensions.ts';

/** Proforma and other types get no document type on purpose: FacturaE can't carry them. */
const INVOICE_TYPES = ['standard', 'corrective', 'credit-note', 'debit-note'];
const CORRECTION_TYPES = ['corrective', 'credit-note', 'debit-note'];

export const facturaeScenarios: ScenarioSet = {
  schema: 'bill/invoice',
  list: [
    // InvoiceDocumentType
    { types: INVOICE_TYPES, ext: { [EXT_DOC_TYPE]: 'FC' } },
    { tags: ['simplified'], ext: { [EXT_DOC_TYPE]: 'FA' } },
    { tags: ['self-billed'], ext: { [EXT_DOC_TYPE]: 'AF' } },
    // InvoiceClass
    { types: ['standard'], ext: { [EXT_INVOICE_CLASS]: 'OO' } },
    { types: CORRECTION_TYPES, ext: { [EXT_INVOICE_CLASS]: 'OR' } },
    { tags: ['summary'], ext: { [EXT_INVOICE_CLASS]: 'OC' } },
    { types: ['standard'], tags: ['copy'], ext: { [EXT_INVOICE_CLASS]: 'CO' } },
    { types: ['corrective'], tags: ['copy'], ext: { [EXT_INVOICE_CLASS]: 'CR' } },
    { types: ['standard'], tags: ['copy', 'summary'], ext: { [EXT_INVOICE_CLASS]: 'CC' } },
  ],
};
