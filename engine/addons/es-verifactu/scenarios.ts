/**
 * VERI*FACTU doc types chosen from the invoice type and tags (GOBL
 * `addons/es/verifactu/scenarios.go`), the same table as SII's. Later matches override earlier
 * ones, so simplified or replacement standard invoices end with F2/F3 instead of F1;
 * non-simplified corrections get R1 from the invoice normalizer instead.
 */
import type { ScenarioSet } from '../../tax/regime-def.ts';
import { VERIFACTU_DOC_TYPE } from './extensions.ts';

export const verifactuScenarios: readonly ScenarioSet[] = [
  {
    schema: 'bill/invoice',
    list: [
      // B2B invoices with the customer's full fiscal details.
      { name: { en: 'Standard Invoice', es: 'Factura Estándar' }, types: ['standard'], ext: { [VERIFACTU_DOC_TYPE]: 'F1' } },
      // B2C invoices without customer details.
      {
        name: { en: 'Simplified Invoice', es: 'Factura Simplificada' },
        types: ['standard'],
        tags: ['simplified'],
        ext: { [VERIFACTU_DOC_TYPE]: 'F2' },
      },
      // Replaces earlier simplified invoices to add the customer's tax details.
      {
        name: { en: 'Replacement Invoice', es: 'Factura Emitida en Sustitución' },
        types: ['standard'],
        tags: ['replacement'],
        ext: { [VERIFACTU_DOC_TYPE]: 'F3' },
      },
      // VERI*FACTU only accepts R5 when the corrected invoice was simplified.
      {
        name: { en: 'Simplified Corrective Invoice', es: 'Factura Simplificada Correctiva' },
        types: ['corrective', 'credit-note', 'debit-note'],
        tags: ['simplified'],
        ext: { [VERIFACTU_DOC_TYPE]: 'R5' },
      },
    ],
  },
];
