/**
 * FacturaE validation rules, with GOBL's fault codes and paths (gobl-rules.md, package
 * `es-facturae`; `data/rules/es-facturae.json` of v0.502.1). The codes are a public contract.
 */
import type { Invoice } from '../../model/bill.ts';
import { ruleSet, type RuleContext, type RuleSet } from '../../rules/define.ts';
import { asArray, asObject, docIs, isPresent } from '../../rules/is.ts';
import { EXT_CORRECTION, EXT_DOC_TYPE, EXT_INVOICE_CLASS } from './extensions.ts';

export const FACTURAE_KEY = 'es-facturae-v3';

const guard = (ctx: RuleContext) => ctx.hasAddon(FACTURAE_KEY);
const guardDesc = `addon in [${FACTURAE_KEY}]`;

/** Invoice types that rectify another invoice (ES regime correction types). */
const CORRECTION_TYPES = ['credit-note', 'corrective', 'debit-note'];
const isCorrection = (type: unknown) => typeof type === 'string' && CORRECTION_TYPES.includes(type);

/** GOBL's `tax.ExtensionsRequire`: every key present with a value (nil maps fail). */
function extRequires(...keys: string[]): (v: unknown) => boolean {
  return (v) => {
    const ext = asObject(v);
    return !!ext && keys.every((k) => typeof ext[k] === 'string' && ext[k] !== '');
  };
}

/** FacturaE totals are in euros: EUR, or an exchange rate from the currency into EUR. */
export function canConvertToEur(inv: Invoice): boolean {
  const cur = inv.currency;
  if (!cur || cur === 'EUR') return true;
  return (inv.exchange_rates ?? []).some((r) => r?.from === cur && r?.to === 'EUR');
}

/** A preceding reference of a correction invoice (rules 05 and 06 report `$.preceding[i]`). */
function isCorrectionPreceding(ref: unknown, ctx: RuleContext): boolean {
  if (!docIs(ctx, 'bill/invoice')) return false;
  const doc = asObject(ctx.doc);
  return isCorrection(doc?.type) && asArray(doc?.preceding).includes(ref);
}

const invoiceRules = ruleSet<Invoice>(
  'bill/invoice',
  [
    { code: 'GOBL-ES-FACTURAE-BILL-INVOICE-07', desc: 'invoice must be in EUR or provide exchange rate for conversion', test: (_v, inv) => canConvertToEur(inv) },
    {
      code: 'GOBL-ES-FACTURAE-BILL-INVOICE-01',
      desc: 'customer tax ID code is required for Spanish customers',
      field: 'customer.tax_id.code',
      when: (inv) => inv.customer?.tax_id?.country === 'ES',
      test: isPresent,
    },
    { code: 'GOBL-ES-FACTURAE-BILL-INVOICE-02', desc: 'tax object is required with ext document type and invoice classes', field: 'tax', test: isPresent },
    {
      code: 'GOBL-ES-FACTURAE-BILL-INVOICE-03',
      desc: "tax ext require 'es-facturae-doc-type' and 'es-facturae-invoice-class' extensions",
      field: 'tax.ext',
      test: extRequires(EXT_DOC_TYPE, EXT_INVOICE_CLASS),
    },
    {
      code: 'GOBL-ES-FACTURAE-BILL-INVOICE-04',
      desc: 'preceding document reference is required for credit-note, corrective, debit-note invoices',
      field: 'preceding',
      when: (inv) => isCorrection(inv.type),
      test: isPresent,
    },
  ],
  guard,
  guardDesc,
);

const precedingRules = ruleSet<Record<string, unknown>>(
  'org/document-ref',
  [
    { code: 'GOBL-ES-FACTURAE-BILL-INVOICE-05', desc: 'preceding document issue date is required', field: 'issue_date', when: isCorrectionPreceding, test: isPresent },
    {
      code: 'GOBL-ES-FACTURAE-BILL-INVOICE-06',
      desc: "preceding document ext require 'es-facturae-correction' extension",
      field: 'ext',
      when: isCorrectionPreceding,
      test: extRequires(EXT_CORRECTION),
    },
  ],
  guard,
  guardDesc,
);

export const facturaeRules: readonly RuleSet[] = [invoiceRules, precedingRules];
