/**
 * Code lists the AEAT publishes once and SII and VERI*FACTU both use (SII list L4 and
 * VERI*FACTU list L7 are the same identity types), plus the small helpers that build them.
 */
import type { CodeDef } from '../../tax/regime-def.ts';

export function code(c: string, en: string, es: string, desc?: string): CodeDef {
  return desc ? { code: c, name: { en, es }, desc: { en: desc } } : { code: c, name: { en, es } };
}

export const yesNoCodes: readonly CodeDef[] = [code('S', 'Yes', 'Sí'), code('N', 'No', 'No')];

/** IDOtro/IDType: how a customer without a Spanish tax ID is identified. */
export const aeatIdentityTypeCodes: readonly CodeDef[] = [
  code('02', 'NIF-VAT Identity (VIES)', 'NIF-VAT (VIES)'),
  code('03', 'Passport', 'Pasaporte'),
  code('04', 'Foreign Identity Document', 'Documento de Identidad Extranjero'),
  code('05', 'Residential Certificate', 'Certificado Residencia'),
  code('06', 'Other Identity Document', 'Otro Documento Probatorio'),
  code('07', 'Not registered in census', 'No censado'),
];
