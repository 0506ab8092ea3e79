/**
 * VERI*FACTU validation (GOBL `addons/es/verifactu`, rows `GOBL-ES-VERIFACTU-*` of
 * gobl-rules.md). Codes, paths and messages are GOBL's. Rules GOBL nests under a list
 * (`preceding[*]`, `notes[*]`, `lines[*]`, `customer.identities[*]`) bind to the element's kind
 * and check that it belongs to the invoice's own list, which yields GOBL's paths.
 */
import type { Invoice, Line } from '../../model/bill.ts';
import type { Identity, Party } from '../../model/org.ts';
import type { Combo } from '../../model/tax.ts';
import type { Assertion, RuleContext, RuleSet } from '../../rules/define.ts';
import { isPresent, lengthBetween, required } from '../../rules/is.ts';
import {
  canConvertTo,
  extExcludeCodes,
  extHasCodes,
  extRequire,
  hasIdentityWithExt,
  inInvoiceList,
  invoiceOf,
  isVatOrIgic,
} from '../es-sii/rules.ts';
import {
  VERIFACTU_CORRECTION_TYPE,
  VERIFACTU_DOC_TYPE,
  VERIFACTU_EXEMPT,
  VERIFACTU_IDENTITY_TYPE,
  VERIFACTU_OP_CLASS,
  VERIFACTU_REGIME,
} from './extensions.ts';

export const VERIFACTU_KEY = 'es-verifactu-v1';

const R_CODES = ['R1', 'R2', 'R3', 'R4', 'R5'];
const isCorrective = (inv: Invoice | undefined) => inv?.type === 'corrective';
/** F2 and R5 invoices are simplified: the customer may not be identified. */
const simplified = (inv: Invoice) => ['F2', 'R5'].includes(inv.tax?.ext?.[VERIFACTU_DOC_TYPE] ?? '');
const notSimplified = (inv: Invoice) => !simplified(inv);

const invoiceAssertions: Assertion<Invoice>[] = [
  { code: 'GOBL-ES-VERIFACTU-BILL-INVOICE-16', desc: 'invoice must be in EUR or provide exchange rate for conversion', test: (_v, inv) => canConvertTo(inv, 'EUR') },
  required('GOBL-ES-VERIFACTU-BILL-INVOICE-01', 'preceding documents are required for corrective invoices', 'preceding', { when: isCorrective }),
  {
    code: 'GOBL-ES-VERIFACTU-BILL-INVOICE-05',
    desc: 'customer identity type extension not allowed for simplified invoices',
    field: 'customer',
    when: simplified,
    test: (p: Party | undefined) => !p || !hasIdentityWithExt(p, VERIFACTU_IDENTITY_TYPE),
  },
  {
    code: 'GOBL-ES-VERIFACTU-BILL-INVOICE-04',
    desc: 'customer tax ID must not be set for simplified invoices',
    field: 'customer.tax_id',
    when: simplified,
    test: (v) => v === undefined || v === null,
  },
  required('GOBL-ES-VERIFACTU-BILL-INVOICE-06', 'customer is required', 'customer', { when: notSimplified }),
  {
    code: 'GOBL-ES-VERIFACTU-BILL-INVOICE-07',
    desc: "must have a tax_id or an identity with ext 'es-verifactu-identity-type'",
    field: 'customer',
    when: notSimplified,
    // A missing customer is fault 06's business.
    test: (p: Party | undefined) => !p || !!p.tax_id || hasIdentityWithExt(p, VERIFACTU_IDENTITY_TYPE),
  },
  required('GOBL-ES-VERIFACTU-BILL-INVOICE-08', 'tax ID must have a code', 'customer.tax_id.code', { when: notSimplified }),
  required('GOBL-ES-VERIFACTU-BILL-INVOICE-09', 'tax is required', 'tax'),
  { code: 'GOBL-ES-VERIFACTU-BILL-INVOICE-10', desc: 'doc type is required', field: 'tax.ext', test: extRequire(VERIFACTU_DOC_TYPE) },
  {
    code: 'GOBL-ES-VERIFACTU-BILL-INVOICE-13',
    desc: 'correction type extension is required',
    field: 'tax.ext',
    when: (inv) => extHasCodes(VERIFACTU_DOC_TYPE, ...R_CODES)(inv.tax?.ext),
    test: extRequire(VERIFACTU_CORRECTION_TYPE),
  },
  {
    code: 'GOBL-ES-VERIFACTU-BILL-INVOICE-11',
    desc: 'doc type extension for standard invoices must be F1, F2, or F3',
    field: 'tax.ext',
    when: (inv) => inv.type === 'standard',
    test: extHasCodes(VERIFACTU_DOC_TYPE, 'F1', 'F2', 'F3'),
  },
  {
    code: 'GOBL-ES-VERIFACTU-BILL-INVOICE-12',
    desc: 'doc type extension for corrective invoices must be R1, R2, R3, R4, or R5',
    field: 'tax.ext',
    when: (inv) => ['corrective', 'credit-note', 'debit-note'].includes(inv.type ?? ''),
    test: extHasCodes(VERIFACTU_DOC_TYPE, ...R_CODES),
  },
];

const precedingAssertions: Assertion[] = [
  required('GOBL-ES-VERIFACTU-BILL-INVOICE-02', 'issue date is required', 'issue_date', {
    when: (ref, ctx) => inInvoiceList(ctx, 'preceding', ref),
  }),
  required('GOBL-ES-VERIFACTU-BILL-INVOICE-03', 'preceding invoice tax data is required for corrective invoices', 'tax', {
    when: (ref, ctx) => inInvoiceList(ctx, 'preceding', ref) && isCorrective(invoiceOf(ctx)),
  }),
];

/** Identities other than a VIES VAT number must say which country issued them. */
function customerIdentityNeedsCountry(id: Identity, ctx: RuleContext): boolean {
  const inv = invoiceOf(ctx);
  if (!inv || !notSimplified(inv) || !(inv.customer?.identities ?? []).includes(id)) return false;
  const type = id.ext?.[VERIFACTU_IDENTITY_TYPE];
  return type !== undefined && type !== '02';
}

const identityAssertions: Assertion<Identity>[] = [
  required('GOBL-ES-VERIFACTU-BILL-INVOICE-17', "country is required when ext 'es-verifactu-identity-type' is not 02 (NIF-VAT)", 'country', {
    when: customerIdentityNeedsCountry,
  }),
];

const noteAssertions: Assertion[] = [
  {
    code: 'GOBL-ES-VERIFACTU-BILL-INVOICE-14',
    desc: 'general note text must be 500 characters or less',
    field: 'text',
    when: (note, ctx) => note.key === 'general' && inInvoiceList(ctx, 'notes', note),
    test: lengthBetween(0, 500),
  },
];

const TAXED_CATEGORIES = ['VAT', 'IGIC', 'IPSI'];

const lineAssertions: Assertion<Line>[] = [
  {
    // VERI*FACTU reports every line under one of Spain's indirect taxes.
    code: 'GOBL-ES-VERIFACTU-BILL-INVOICE-15',
    desc: 'must include at least one of VAT, IGIC, or IPSI',
    field: 'taxes',
    when: (line, ctx) => (invoiceOf(ctx)?.lines ?? []).includes(line),
    test: (taxes: readonly (Combo | null)[] | undefined) => (taxes ?? []).some((c) => !!c && TAXED_CATEGORIES.includes(c.cat ?? '')),
  },
];

const comboAssertions: Assertion<Combo>[] = [
  { code: 'GOBL-ES-VERIFACTU-TAX-COMBO-01', desc: "extension 'es-verifactu-regime' is required", field: 'ext', when: isVatOrIgic, test: extRequire(VERIFACTU_REGIME) },
  {
    code: 'GOBL-ES-VERIFACTU-TAX-COMBO-03',
    desc: "cannot use both 'es-verifactu-op-class' and 'es-verifactu-exempt' at the same time",
    field: 'ext',
    when: isVatOrIgic,
    test: (ext: Combo['ext']) => ext?.[VERIFACTU_OP_CLASS] === undefined || ext[VERIFACTU_EXEMPT] === undefined,
  },
  {
    // AEAT VERI*FACTU validations, section 15.5: exports need their own regime key.
    code: 'GOBL-ES-VERIFACTU-TAX-COMBO-02',
    desc: "exempt codes E2 and E3 not allowed with 'es-verifactu-regime' 01",
    field: 'ext',
    when: (c) => isVatOrIgic(c) && extHasCodes(VERIFACTU_REGIME, '01')(c.ext),
    test: extExcludeCodes(VERIFACTU_EXEMPT, 'E2', 'E3'),
  },
  {
    code: 'GOBL-ES-VERIFACTU-TAX-COMBO-04',
    desc: "extension 'es-verifactu-op-class' is required for taxed operations",
    field: 'ext',
    when: (c) => isVatOrIgic(c) && isPresent(c.percent),
    test: extRequire(VERIFACTU_OP_CLASS),
  },
];

const guard = (ctx: RuleContext) => ctx.hasAddon(VERIFACTU_KEY);
const guardDesc = `addon ${VERIFACTU_KEY}`;

export const verifactuRules: readonly RuleSet[] = [
  { object: 'bill/invoice', guard, guardDesc, assertions: invoiceAssertions },
  { object: 'org/document-ref', guard, guardDesc: `${guardDesc}, invoice preceding`, assertions: precedingAssertions },
  { object: 'org/identity', guard, guardDesc: `${guardDesc}, customer identities`, assertions: identityAssertions },
  { object: 'org/note', guard, guardDesc: `${guardDesc}, invoice notes`, assertions: noteAssertions },
  { object: 'bill/line', guard, guardDesc: `${guardDesc}, invoice lines`, assertions: lineAssertions },
  { object: 'tax/combo', guard, guardDesc, assertions: comboAssertions },
];
