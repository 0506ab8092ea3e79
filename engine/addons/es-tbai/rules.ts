/**
 * TicketBAI validation rules, with GOBL's fault codes and paths (gobl-rules.md, package
 * `es-tbai`; `data/rules/es-tbai.json` of v0.502.1). The codes are a public contract.
 */
import type { Invoice } from '../../model/bill.ts';
import type { Party } from '../../model/org.ts';
import type { Combo } from '../../model/tax.ts';
import { classifyEsTaxCode } from '../../regimes/es/tax-identity.ts';
import { ruleSet, type RuleContext, type RuleSet } from '../../rules/define.ts';
import { asArray, asObject, docIs, isPresent } from '../../rules/is.ts';
import { BI_ACTIVITY_PATTERN, EXT_BI_ACTIVITY, EXT_CORRECTION, EXT_EXEMPTION, EXT_IDENTITY_TYPE, EXT_REGION, EXT_SIMPLIFIED } from './extensions.ts';

export const TBAI_KEY = 'es-tbai-v1';

const guard = (ctx: RuleContext) => ctx.hasAddon(TBAI_KEY);
const guardDesc = `addon in [${TBAI_KEY}]`;

/** Invoice types that rectify another invoice (ES regime correction types). */
const CORRECTION_TYPES = ['credit-note', 'corrective', 'debit-note'];

/** GOBL's `tax.ExtensionsRequire`: every key present with a value (nil maps fail). */
function extRequires(...keys: string[]): (v: unknown) => boolean {
  return (v) => {
    const ext = asObject(v);
    return !!ext && keys.every((k) => typeof ext[k] === 'string' && ext[k] !== '');
  };
}

/** Amounts must be reportable in euros: EUR, or an exchange rate from the currency into EUR. */
export function canConvertToEur(inv: Invoice): boolean {
  const cur = inv.currency;
  if (!cur || cur === 'EUR') return true;
  return (inv.exchange_rates ?? []).some((r) => r?.from === cur && r?.to === 'EUR');
}

/** FacturaSimplificada = S: customer data becomes optional (RD 1619/2012 art. 7). */
const notSimplified = (inv: Invoice) => inv.tax?.ext?.[EXT_SIMPLIFIED] !== 'S';

/** A customer is identified by a tax ID or by an identity document with its IDType code. */
function hasTaxIdOrIdentityType(p: Party | null | undefined): boolean {
  if (!p) return true; // a missing customer is reported by rule 03
  if (p.tax_id) return true;
  return (p.identities ?? []).some((id) => !!id?.ext?.[EXT_IDENTITY_TYPE]);
}

/**
 * Bizkaia suppliers that are not companies (no CIF) file the LROE Modelo 140, which needs the
 * activity epígrafe. A missing or foreign tax ID does not make the supplier a company.
 */
function isBizkaiaIndividual(inv: Invoice): boolean {
  if (inv.tax?.ext?.[EXT_REGION] !== 'BI' || !inv.supplier) return false;
  const tid = inv.supplier.tax_id;
  const isOrg = tid?.country === 'ES' && !!tid.code && classifyEsTaxCode(tid.code) === 'org';
  return !isOrg;
}

const biActivityRe = new RegExp(BI_ACTIVITY_PATTERN);

/** Is the document reference one of the invoice's `preceding` documents? */
function isInvoicePreceding(ref: unknown, ctx: RuleContext): boolean {
  return docIs(ctx, 'bill/invoice') && asArray(asObject(ctx.doc)?.preceding).includes(ref);
}

const invoiceRules = ruleSet<Invoice>(
  'bill/invoice',
  [
    { code: 'GOBL-ES-TBAI-BILL-INVOICE-09', desc: 'invoice must be in EUR or provide exchange rate for conversion', test: (_v, inv) => canConvertToEur(inv) },
    { code: 'GOBL-ES-TBAI-BILL-INVOICE-01', desc: 'invoice tax is required', field: 'tax', test: isPresent },
    { code: 'GOBL-ES-TBAI-BILL-INVOICE-02', desc: "invoice tax extension 'es-tbai-region' is required", field: 'tax.ext', test: extRequires(EXT_REGION) },
    {
      code: 'GOBL-ES-TBAI-BILL-INVOICE-03',
      desc: 'invoice customer is required for non-simplified invoices',
      field: 'customer',
      when: notSimplified,
      test: isPresent,
    },
    {
      code: 'GOBL-ES-TBAI-BILL-INVOICE-08',
      desc: "invoice customer must have a tax_id or an identity with ext 'es-tbai-identity-type'",
      field: 'customer',
      when: notSimplified,
      test: hasTaxIdOrIdentityType,
    },
    {
      code: 'GOBL-ES-TBAI-BILL-INVOICE-04',
      desc: 'invoice preceding documents are required for credit-note, corrective, debit-note invoices',
      field: 'preceding',
      when: (inv) => CORRECTION_TYPES.includes(inv.type ?? ''),
      test: isPresent,
    },
    {
      code: 'GOBL-ES-TBAI-BILL-INVOICE-07',
      desc: "invoice must have a note with key 'general'",
      field: 'notes',
      test: (notes) => asArray(notes).some((n) => asObject(n)?.key === 'general'),
    },
    {
      code: 'GOBL-ES-TBAI-BILL-INVOICE-10',
      desc: "invoice supplier extension 'es-tbai-bi-activity' is required for Bizkaia individuals",
      field: 'supplier.ext',
      when: isBizkaiaIndividual,
      test: extRequires(EXT_BI_ACTIVITY),
    },
    {
      code: 'GOBL-ES-TBAI-BILL-INVOICE-11',
      desc: "invoice supplier extension 'es-tbai-bi-activity' must be a valid Bizkaia activity code (epígrafe)",
      field: 'supplier.ext',
      test: (ext) => {
        const v = asObject(ext)?.[EXT_BI_ACTIVITY];
        return typeof v !== 'string' || v === '' || biActivityRe.test(v);
      },
    },
  ],
  guard,
  guardDesc,
);

/** Rules 05 and 06 look at each preceding reference of the invoice (`$.preceding[i]`). */
const precedingRules = ruleSet<Record<string, unknown>>(
  'org/document-ref',
  [
    { code: 'GOBL-ES-TBAI-BILL-INVOICE-05', desc: 'invoice preceding issue date is required', field: 'issue_date', when: isInvoicePreceding, test: isPresent },
    {
      code: 'GOBL-ES-TBAI-BILL-INVOICE-06',
      desc: "invoice preceding ext 'es-tbai-correction' is required",
      field: 'ext',
      when: isInvoicePreceding,
      test: extRequires(EXT_CORRECTION),
    },
  ],
  guard,
  guardDesc,
);

/** Exempt VAT/IGIC needs its legal cause (CausaExencion) in the TicketBAI breakdown. */
const comboRules = ruleSet<Combo>(
  'tax/combo',
  [
    {
      code: 'GOBL-ES-TBAI-TAX-COMBO-01',
      desc: "extension 'es-tbai-exemption' is required for exempt tax combos",
      field: 'ext',
      when: (c) => (c.cat === 'VAT' || c.cat === 'IGIC') && c.key === 'exempt',
      test: extRequires(EXT_EXEMPTION),
    },
  ],
  guard,
  guardDesc,
);

export const tbaiRules: readonly RuleSet[] = [invoiceRules, precedingRules, comboRules];
