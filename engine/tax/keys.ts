/**
 * The combo keys GOBL defines for VAT-like taxes (`tax/constants.go`). Since v0.300 every
 * regime's VAT category (and IGIC in Spain) shares this list, so it lives here once. A key
 * describes the situation of a supply; the `noPercent` ones carry no rate at all, so
 * calculation strips percent and surcharge from combos using them.
 */
import type { KeyDef } from './regime-def.ts';

export const vatKeys: readonly KeyDef[] = [
  { key: 'standard', name: { en: 'Standard', es: 'Estándar' } },
  // Zero-rated supplies keep a percent (0%), unlike exempt ones: the right to deduct remains.
  { key: 'zero', name: { en: 'Zero', es: 'Tipo cero' } },
  { key: 'reverse-charge', name: { en: 'Reverse charge', es: 'Inversión del sujeto pasivo' }, noPercent: true },
  { key: 'exempt', name: { en: 'Exempt', es: 'Exenta' }, noPercent: true },
  { key: 'export', name: { en: 'Export', es: 'Exportación' }, noPercent: true },
  { key: 'intra-community', name: { en: 'Intra-community', es: 'Intracomunitaria' }, noPercent: true },
  { key: 'outside-scope', name: { en: 'Outside scope', es: 'No sujeta' }, noPercent: true },
];
