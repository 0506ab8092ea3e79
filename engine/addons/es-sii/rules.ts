/**
 * SII validation (GOBL `addons/es/sii`, rows `GOBL-ES-SII-*` of gobl-rules.md). Codes, paths and
 * messages are GOBL's. GOBL nests rules under `preceding[*]` or `notes[*]`; our rule sets bind
 * to one object kind, so those rules bind to the reference or note and check that it sits in
 * the invoice's own list, which yields the same paths (`$.preceding[0].issue_date`).
 */
import type { Invoice, Line } from '../../model/bill.ts';
import type { Party } from '../../model/org.ts';
import type { Combo } from '../../model/tax.ts';
import type { Assertion, RuleContext, RuleSet } from '../../rules/define.ts';
import { docIs, isPresent, lengthBetween, required } from '../../rules/is.ts';
import {
  SII_CORRECTION_TYPE,
  SII_DOC_TYPE,
  SII_EXEMPT,
  SII_IDENTITY_TYPE,
  SII_OUTSIDE_SCOPE,
  SII_PRODUCT,
  SII_REGIME,
} from './extensions.ts';

export const SII_KEY = 'es-sii-v1';

type Ext = Readonly<Record<string, string>> | null | undefined;

// -- Small tests shared with VERI*FACTU, whose rules were modelled on SII's. ------------------

/** GOBL `tax.ExtensionsRequire`: every key is in the map (a missing map has none). */
export const extRequire =
  (...keys: string[]) =>
  (ext: Ext): boolean =>
    keys.every((k) => ext?.[k] !== undefined);

/** GOBL `tax.ExtensionsExclude`. */
export const extExclude =
  (...keys: string[]) =>
  (ext: Ext): boolean =>
    keys.every((k) => ext?.[k] === undefined);

/**
 * GOBL `tax.ExtensionsHasCodes`: passes when the key is absent. Used as a guard this means a
 * missing doc type still triggers the nested assertion, exactly as in GOBL.
 */
export const extHasCodes =
  (key: string, ...codes: string[]) =>
  (ext: Ext): boolean =>
    ext?.[key] === undefined || codes.includes(ext[key]);

/** GOBL `tax.ExtensionsExcludeCodes`: passes when the key is absent. */
export const extExcludeCodes =
  (key: string, ...codes: string[]) =>
  (ext: Ext): boolean =>
    ext?.[key] === undefined || !codes.includes(ext[key]);

/** GOBL `currency.CanConvertTo`: in that currency, or an exchange rate from ours into it. */
export function canConvertTo(inv: Invoice, to: string): boolean {
  if (inv.currency === to) return true;
  return (inv.exchange_rates ?? []).some((r) => r?.from === inv.currency && r?.to === to);
}

/** The invoice being validated, when the document is one. */
export function invoiceOf(ctx: RuleContext): Invoice | undefined {
  return docIs(ctx, 'bill/invoice') ? (ctx.doc as Invoice) : undefined;
}

/** Is `node` an element of the invoice's list `field` (and not, say, an ordering reference)? */
export function inInvoiceList(ctx: RuleContext, field: 'preceding' | 'notes', node: unknown): boolean {
  const list = invoiceOf(ctx)?.[field];
  return Array.isArray(list) && (list as unknown[]).includes(node);
}

export const isVatOrIgic = (c: Combo): boolean => c.cat === 'VAT' || c.cat === 'IGIC';

/** GOBL `org.IdentityForExtKey`: the customer's first identity carrying that extension. */
export function hasIdentityWithExt(p: Party, key: string): boolean {
  return (p.identities ?? []).some((id) => id?.ext?.[key] !== undefined);
}

// -- SII ---------------------------------------------------------------------------------------

const R_CODES = ['R1', 'R2', 'R3', 'R4', 'R5'];
const isCorrective = (inv: Invoice) => inv.type === 'corrective';
/** F2 and R5 invoices need no customer details. */
const notSimplified = (inv: Invoice) => !['F2', 'R5'].includes(inv.tax?.ext?.[SII_DOC_TYPE] ?? '');

function vatIgicCombos(lines: readonly (Line | null)[]): Combo[] {
  return lines.flatMap((l) => (l?.taxes ?? []).filter((c): c is Combo => !!c && isVatOrIgic(c)));
}

/** GOBL compares every VAT/IGIC combo of every line with the first one. */
function sameAcrossCombos(check: (ref: Combo, c: Combo) => boolean) {
  return (lines: unknown): boolean => {
    const combos = vatIgicCombos(Array.isArray(lines) ? lines : []);
    return combos.every((c) => check(combos[0], c));
  };
}

const invoiceAssertions: Assertion<Invoice>[] = [
  { code: 'GOBL-ES-SII-BILL-INVOICE-15', desc: 'invoice must be in EUR or provide exchange rate for conversion', test: (_v, inv) => canConvertTo(inv, 'EUR') },
  required('GOBL-ES-SII-BILL-INVOICE-01', 'preceding documents are required for corrective invoices', 'preceding', { when: isCorrective }),
  required('GOBL-ES-SII-BILL-INVOICE-04', 'customer is required', 'customer', { when: notSimplified }),
  {
    code: 'GOBL-ES-SII-BILL-INVOICE-05',
    desc: "must have a tax_id, or an identity with ext 'es-sii-identity-type'",
    field: 'customer',
    when: notSimplified,
    // A missing customer is fault 04's business.
    test: (p: Party | undefined) => !p || !!p.tax_id || hasIdentityWithExt(p, SII_IDENTITY_TYPE),
  },
  required('GOBL-ES-SII-BILL-INVOICE-06', 'customer tax ID must have a code', 'customer.tax_id.code', { when: notSimplified }),
  required('GOBL-ES-SII-BILL-INVOICE-07', 'tax object is required with extensions', 'tax'),
  { code: 'GOBL-ES-SII-BILL-INVOICE-08', desc: "tax extension 'es-sii-doc-type' is required", field: 'tax.ext', test: extRequire(SII_DOC_TYPE) },
  {
    code: 'GOBL-ES-SII-BILL-INVOICE-09',
    desc: "tax extension 'es-sii-correction-type' is required",
    field: 'tax.ext',
    when: (inv) => extHasCodes(SII_DOC_TYPE, ...R_CODES)(inv.tax?.ext),
    test: extRequire(SII_CORRECTION_TYPE),
  },
  {
    code: 'GOBL-ES-SII-BILL-INVOICE-10',
    desc: "tax extension 'es-sii-doc-type' for standard invoices must be F1, F2, or F3",
    field: 'tax.ext',
    when: (inv) => inv.type === 'standard',
    test: extHasCodes(SII_DOC_TYPE, 'F1', 'F2', 'F3'),
  },
  {
    code: 'GOBL-ES-SII-BILL-INVOICE-11',
    desc: 'doc type extension for corrective invoices must be R1, R2, R3, R4, or R5',
    field: 'tax.ext',
    when: (inv) => ['corrective', 'credit-note', 'debit-note'].includes(inv.type ?? ''),
    test: extHasCodes(SII_DOC_TYPE, ...R_CODES),
  },
  {
    code: 'GOBL-ES-SII-BILL-INVOICE-13',
    desc: "'es-sii-product' must be present in all tax combos or none",
    field: 'lines',
    test: sameAcrossCombos((ref, c) => (ref.ext?.[SII_PRODUCT] !== undefined) === (c.ext?.[SII_PRODUCT] !== undefined)),
  },
  {
    code: 'GOBL-ES-SII-BILL-INVOICE-14',
    desc: "'es-sii-regime' must be the same in all tax combos",
    field: 'lines',
    test: sameAcrossCombos((ref, c) => (ref.ext?.[SII_REGIME] ?? '') === (c.ext?.[SII_REGIME] ?? '')),
  },
];

const precedingAssertions: Assertion[] = [
  required('GOBL-ES-SII-BILL-INVOICE-02', 'preceding issue date is required', 'issue_date', {
    when: (ref, ctx) => inInvoiceList(ctx, 'preceding', ref),
  }),
  required('GOBL-ES-SII-BILL-INVOICE-03', 'preceding invoice tax data is required for corrective invoices', 'tax', {
    when: (ref, ctx) => inInvoiceList(ctx, 'preceding', ref) && invoiceOf(ctx)?.type === 'corrective',
  }),
];

const noteAssertions: Assertion[] = [
  {
    code: 'GOBL-ES-SII-BILL-INVOICE-12',
    desc: 'general note text must be 500 characters or less',
    field: 'text',
    when: (note, ctx) => note.key === 'general' && inInvoiceList(ctx, 'notes', note),
    test: lengthBetween(0, 500),
  },
];

const comboAssertions: Assertion<Combo>[] = [
  { code: 'GOBL-ES-SII-TAX-COMBO-01', desc: "extension 'es-sii-regime' is required", field: 'ext', when: isVatOrIgic, test: extRequire(SII_REGIME) },
  {
    code: 'GOBL-ES-SII-TAX-COMBO-03',
    desc: "extension 'es-sii-exempt' must not be set when 'es-sii-outside-scope' is set",
    field: 'ext',
    when: (c) => isVatOrIgic(c) && c.ext?.[SII_OUTSIDE_SCOPE] !== undefined,
    test: extExclude(SII_EXEMPT),
  },
  {
    // AEAT SII validations v1.1, p. 51 point 11: exports need their own regime key.
    code: 'GOBL-ES-SII-TAX-COMBO-04',
    desc: "exempt codes E2 and E3 not allowed with 'es-sii-regime' 01",
    field: 'ext',
    when: (c) => isVatOrIgic(c) && extHasCodes(SII_REGIME, '01')(c.ext),
    test: extExcludeCodes(SII_EXEMPT, 'E2', 'E3'),
  },
  {
    code: 'GOBL-ES-SII-TAX-COMBO-02',
    desc: "extension 'es-sii-exempt' must not be set when percent is set",
    field: 'ext',
    when: (c) => isVatOrIgic(c) && isPresent(c.percent),
    test: extExclude(SII_EXEMPT),
  },
];

const guard = (ctx: RuleContext) => ctx.hasAddon(SII_KEY);
const guardDesc = `addon ${SII_KEY}`;

export const siiRules: readonly RuleSet[] = [
  { object: 'bill/invoice', guard, guardDesc, assertions: invoiceAssertions },
  { object: 'org/document-ref', guard, guardDesc: `${guardDesc}, invoice preceding`, assertions: precedingAssertions },
  { object: 'org/note', guard, guardDesc: `${guardDesc}, invoice notes`, assertions: noteAssertions },
  { object: 'tax/combo', guard, guardDesc, assertions: comboAssertions },
];
