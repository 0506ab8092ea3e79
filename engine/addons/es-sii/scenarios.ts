/**
 * SII doc types chosen from the invoice type and tags (GOBL `addons/es/sii/scenarios.go`).
 * Scenarios run after calculation and later matches override earlier ones, so a simplified or
 * replacement standard invoice ends with F2/F3 instead of F1. Corrections other than
 * simplified ones get R1 from the invoice normalizer instead.
 */
import type { ScenarioSet } from '../../tax/regime-def.ts';
import { SII_DOC_TYPE } from './extensions.ts';

export const siiScenarios: readonly ScenarioSet[] = [
  {
    schema: 'bill/invoice',
    list: [
      // B2B invoices with the customer's full fiscal details.
      { name: { en: 'Standard Invoice', es: 'Factura Estándar' }, types: ['standard'], ext: { [SII_DOC_TYPE]: 'F1' } },
      // B2C invoices without customer details.
      { name: { en: 'Simplified Invoice', es: 'Factura Simplificada' }, types: ['standard'], tags: ['simplified'], ext: { [SII_DOC_TYPE]: 'F2' } },
      // Replaces earlier simplified invoices to add the customer's tax details.
      {
        name: { en: 'Replacement Invoice', es: 'Factura Emitida en Sustitución' },
        types: ['standard'],
        tags: ['replacement'],
        ext: { [SII_DOC_TYPE]: 'F3' },
      },
      // SII only accepts R5 when the corrected invoice was simplified.
      {
        name: { en: 'Simplified Corrective Invoice', es: 'Factura Simplificada Correctiva' },
        types: ['corrective', 'credit-note', 'debit-note'],
        tags: ['simplified'],
        ext: { [SII_DOC_TYPE]: 'R5' },
      },
    ],
  },
];
