/**
 * Invoice tags every document may use whatever its regime (GOBL `bill/invoice_tags.go`).
 * Calculation rejects any `$tags` entry that is neither here nor in the regime's or an
 * addon's tag list, so this list must stay exactly GOBL's.
 */
import type { TagDef } from './regime-def.ts';

export const defaultInvoiceTags: readonly TagDef[] = [
  // B2C invoice without full customer details (factura simplificada in Spain).
  { key: 'simplified', name: { en: 'Simplified Invoice', es: 'Factura simplificada' } },
  { key: 'reverse-charge', name: { en: 'Reverse Charge', es: 'Inversión del sujeto pasivo' } },
  // Issued by the customer on behalf of the supplier.
  { key: 'self-billed', name: { en: 'Self-billed', es: 'Facturación por el destinatario' } },
  // Line taxes use the rates of the customer's country (EU distance sales, OSS).
  { key: 'customer-rates', name: { en: 'Customer rates', es: 'Tipos del cliente' } },
  { key: 'partial', name: { en: 'Partial', es: 'Parcial' } },
  // Totals are taken as given: calculation stops after the defaults.
  { key: 'bypass', name: { en: 'Bypass', es: 'Sin cálculo' } },
  { key: 'prepayment', name: { en: 'Prepayment', es: 'Anticipo' } },
  { key: 'factoring', name: { en: 'Factoring', es: 'Factoring' } },
];
