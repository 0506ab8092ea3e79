/**
 * Spain's regime rules (GOBL `regimes/es`, `data/rules/es.json`). The invoice rules only apply
 * to documents in the ES regime; the tax ID check applies to every Spanish tax ID, in any
 * document, as GOBL guards it on the identity's own country.
 */
import type { RuleSet } from '../../rules/define.ts';
import { required } from '../../rules/is.ts';
import { checkEsTaxCode } from './tax-identity.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */

const inEs = (ctx: { regime?: { country: string } }): boolean => ctx.regime?.country === 'ES';

export const esRuleSets: readonly RuleSet[] = [
  {
    object: 'bill/invoice',
    guard: inEs,
    guardDesc: 'regime ES',
    assertions: [
      required('GOBL-ES-BILL-INVOICE-01', 'invoice supplier in Spain is required', 'supplier'),
      required('GOBL-ES-BILL-INVOICE-02', 'invoice supplier tax ID in Spain is required', 'supplier.tax_id'),
      required('GOBL-ES-BILL-INVOICE-03', 'invoice supplier tax ID code in Spain is required', 'supplier.tax_id.code'),
    ],
  },
  {
    object: 'tax/identity',
    guardDesc: 'tax ID country ES',
    assertions: [
      {
        code: 'GOBL-ES-TAX-IDENTITY-01',
        desc: 'invalid Spanish VAT identity code format or checksum',
        field: 'code',
        ifPresent: true,
        when: (id: any) => id.country === 'ES',
        test: (code) => typeof code === 'string' && checkEsTaxCode(code).ok,
      },
    ],
  },
];
