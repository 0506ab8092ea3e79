/**
 * `es-verifactu-v1`: VERI*FACTU, the AEAT's verifiable invoicing system (Real Decreto
 * 1007/2023, Orden HAC/1177/2024). The addon fills the codes each invoice record needs (doc type,
 * operation class, regime and exemption keys, identity types) and checks them; the XML record,
 * its hash chain and the QR code are the converter's job.
 */
import type { AddonDef } from '../../tax/addon-def.ts';
import { verifactuCorrections } from './corrections.ts';
import { verifactuExtensions } from './extensions.ts';
import { moveVerifactuDocType, normalizeVerifactuCombo, normalizeVerifactuInvoice } from './normalize.ts';
import { VERIFACTU_KEY, verifactuRules } from './rules.ts';
import { verifactuScenarios } from './scenarios.ts';

export { VERIFACTU_KEY };

/** Header stamp holding the URL encoded in the invoice's QR code (AEAT's cotejo service). */
export const VERIFACTU_STAMP_QR = 'verifactu-qr';

export const verifactuAddon: AddonDef = {
  key: VERIFACTU_KEY,
  name: { en: 'Spain VERI*FACTU V1', es: 'España VERI*FACTU V1' },
  sources: [
    {
      title: { en: 'VERI*FACTU error response code list', es: 'Lista de códigos de error de VERI*FACTU' },
      url: 'https://prewww2.aeat.es/static_files/common/internet/dep/aplicaciones/es/aeat/tikeV1.0/cont/ws/errores.properties',
    },
  ],
  extensions: verifactuExtensions,
  // Replaces simplified invoices already issued, to add the customer's details (doc type F3).
  tags: [{ key: 'replacement', name: { en: 'Replacement Invoice', es: 'Factura de Sustitución' } }],
  scenarios: verifactuScenarios,
  corrections: verifactuCorrections,
  // No line normalizer: VERI*FACTU has no goods/services breakdown.
  normalizers: { combo: normalizeVerifactuCombo, invoice: normalizeVerifactuInvoice },
  rules: verifactuRules,
  normalizeCorrection: moveVerifactuDocType,
};
