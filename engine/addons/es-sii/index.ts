/**
 * `es-sii-v1`: Suministro Inmediato de Información, the AEAT's near-real-time VAT ledger for
 * large companies. The addon fills the SII codes an invoice needs (doc type, regime and
 * exemption keys, identity types) and checks them; the XML itself is the converter's job.
 */
import type { AddonDef } from '../../tax/addon-def.ts';
import { siiCorrections } from './corrections.ts';
import { siiExtensions } from './extensions.ts';
import { moveSiiDocType, normalizeSiiCombo, normalizeSiiInvoice, normalizeSiiLine } from './normalize.ts';
import { SII_KEY, siiRules } from './rules.ts';
import { siiScenarios } from './scenarios.ts';

export { SII_KEY };

export const siiAddon: AddonDef = {
  key: SII_KEY,
  name: { en: 'Spain SII V1.x', es: 'España SII V1.x' },
  sources: [
    {
      title: { en: 'Suministro Inmediato de Información (SII) at AEAT portal', es: 'Suministro Inmediato de Información (SII) en la sede de la AEAT' },
      url: 'https://sede.agenciatributaria.gob.es/Sede/iva/suministro-inmediato-informacion.html',
    },
  ],
  extensions: siiExtensions,
  // Replaces simplified invoices already issued, to add the customer's details (doc type F3).
  tags: [{ key: 'replacement', name: { en: 'Replacement Invoice', es: 'Factura de Sustitución' } }],
  scenarios: siiScenarios,
  corrections: siiCorrections,
  normalizers: { combo: normalizeSiiCombo, line: normalizeSiiLine, invoice: normalizeSiiInvoice },
  rules: siiRules,
  normalizeCorrection: moveSiiDocType,
};
