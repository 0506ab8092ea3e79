/**
 * Invoice tags Spain adds to GOBL's default ones (`regimes/es/scenarios.go`). Most of them
 * select a special VAT scheme whose legend the scenarios print; `copy` and `summary` mark
 * duplicate and recapitulative invoices (Real Decreto 1619/2012, arts. 13 and 14).
 * GOBL also declares `customer-issued` but never registers it, so it is not accepted here.
 */
import type { TagDef } from '../../tax/regime-def.ts';

export const esInvoiceTags: readonly TagDef[] = [
  { key: 'copy', name: { en: 'Copy', es: 'Copia' } },
  { key: 'summary', name: { en: 'Summary', es: 'Recapitulativa' } },
  { key: 'simplified-scheme', name: { en: 'Simplified scheme taxpayer', es: 'Contribuyente en régimen simplificado' } },
  { key: 'travel-agency', name: { en: 'Special scheme for travel agencies', es: 'Régimen especial de las agencias de viajes' } },
  { key: 'second-hand-goods', name: { en: 'Special scheme for second-hand goods', es: 'Régimen especial de los bienes usados' } },
  { key: 'art', name: { en: 'Special scheme for works of art', es: 'Régimen especial de los objetos de arte' } },
  {
    key: 'antiques',
    name: { en: 'Special scheme for antiques and collectors\' items', es: 'Régimen especial de las antigüedades y objetos de colección' },
  },
  { key: 'cash-basis', name: { en: 'Special cash accounting scheme', es: 'Régimen especial del criterio de caja' } },
];
