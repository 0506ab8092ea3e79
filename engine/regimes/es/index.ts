/**
 * The Spanish tax regime (GOBL `regimes/es`): EUR, Europe/Madrid, VAT scheme and no
 * calculator rounding rule, so invoices round with GOBL's default `precise` rule.
 * The pieces live in sibling files so each legal topic keeps its own sources.
 */
import type { RegimeDef } from '../../tax/regime-def.ts';
import { esCategories } from './tax-categories.ts';
import { esCorrections } from './corrections.ts';
import { esIdentityKeys } from './identities.ts';
import { esScenarios } from './scenarios.ts';
import { esInvoiceTags } from './tags.ts';
import { checkEsTaxCode, normalizeEsTaxCode } from './tax-identity.ts';

export const esRegime: RegimeDef = {
  country: 'ES',
  name: { en: 'Spain', es: 'España' },
  currency: 'EUR',
  timeZone: 'Europe/Madrid',
  taxScheme: 'VAT',
  tags: esInvoiceTags,
  identityKeys: esIdentityKeys,
  categories: esCategories,
  scenarios: esScenarios,
  corrections: esCorrections,
  sources: [
    {
      title: { en: 'Royal Decree 1619/2012 (Invoicing Regulation)', es: 'Real Decreto 1619/2012, Reglamento de facturación' },
      url: 'https://www.boe.es/buscar/act.php?id=BOE-A-2012-14696',
    },
  ],
  normalizeTaxCode: normalizeEsTaxCode,
  // The detailed reason is returned; the rule layer reports it under GOBL-ES-TAX-IDENTITY-01.
  checkTaxCode: (code) => {
    const r = checkEsTaxCode(code);
    return r.ok ? undefined : r.message;
  },
};
