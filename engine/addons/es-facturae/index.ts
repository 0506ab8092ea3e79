/**
 * FacturaE 3.x (`es-facturae-v3`): the Spanish structured invoice format required for invoices
 * to public administrations (Ley 25/2013, Orden HAP/1650/2015). Spec gobl-core §4.1.
 * No normalizers: the document type and invoice class come from scenarios after calculation.
 */
import type { AddonDef } from '../../tax/addon-def.ts';
import { EXT_CORRECTION, facturaeExtensions } from './extensions.ts';
import { FACTURAE_KEY, facturaeRules } from './rules.ts';
import { facturaeScenarios } from './scenarios.ts';

export { FACTURAE_KEY };

export const facturaeAddon: AddonDef = {
  key: FACTURAE_KEY,
  name: { en: 'Spain FacturaE', es: 'España FacturaE' },
  description: {
    en: 'Invoices in the FacturaE XML format, mandatory for suppliers of Spanish public administrations (FACe).',
    es: 'Facturas en formato XML FacturaE, obligatorio para proveedores de las administraciones públicas españolas (FACe).',
  },
  sources: [
    { title: { en: 'FacturaE format', es: 'Formato FacturaE' }, url: 'https://www.facturae.gob.es/formato/Paginas/version-3-2.aspx' },
    { title: { en: 'Ley 25/2013 (electronic invoicing)', es: 'Ley 25/2013, de impulso de la factura electrónica' }, url: 'https://www.boe.es/buscar/act.php?id=BOE-A-2013-13722' },
  ],
  extensions: facturaeExtensions,
  scenarios: [facturaeScenarios],
  // FacturaE's Corrective/ReasonCode: one change code on each preceding reference.
  corrections: [{ schema: 'bill/invoice', extensions: [EXT_CORRECTION] }],
  rules: facturaeRules,
};
