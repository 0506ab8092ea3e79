/**
 * Reading the envelope and the preconditions of the TicketBAI conversion (gobl.ticketbai
 * `validations.go` and client checks, converters.md §1.2 "preconditions"). Problems are faults
 * with JSON paths into the envelope.
 */
import type { Invoice } from '../../model/bill.ts';
import { invoice as invoiceModel } from '../../model/bill.ts';
import { EXT_CORRECTION, EXT_REGION, FAULT, type Faults, type TbaiZone, isObject, isZone } from './common.ts';

export { INVOICE_SCHEMA } from '../../model/documents.ts';
import { INVOICE_SCHEMA } from '../../model/documents.ts';
export const TBAI_ADDON = 'es-tbai-v1';

export interface ReadInvoice {
  readonly inv: Invoice;
  readonly base: string;
  readonly head: Record<string, unknown> | undefined;
}

/** The invoice of an envelope (`{head, doc}`) or a bare invoice document, parsed with the GOBL model. */
export function readInvoice(input: unknown, f: Faults): ReadInvoice | undefined {
  if (!isObject(input)) {
    f.add(FAULT.input, '$', 'expected a GOBL envelope (a JSON object with a `doc`) or an invoice');
    return undefined;
  }
  const envelope = isObject(input.doc);
  const raw = envelope ? (input.doc as Record<string, unknown>) : input;
  const base = envelope ? '$.doc' : '$';
  if (raw.$schema !== INVOICE_SCHEMA) {
    const found = raw.$schema === undefined ? 'no $schema' : JSON.stringify(raw.$schema);
    f.add(FAULT.input, `${base}.$schema`, `TicketBAI converts invoices (${INVOICE_SCHEMA}), found ${found}`);
    return undefined;
  }
  const parsed = invoiceModel.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = base + issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
      f.add(FAULT.model, path, issue.message);
    }
    return undefined;
  }
  return { inv: parsed.data as Invoice, base, head: envelope && isObject(input.head) ? input.head : undefined };
}

/** The province: the explicit option, else the invoice's `es-tbai-region` extension. */
export function resolveZone(inv: Invoice, base: string, option: unknown, f: Faults): TbaiZone {
  if (option !== undefined) {
    if (isZone(option)) return option;
    f.add(FAULT.option, 'opts.zone', `zone must be BI, SS or VI, got ${JSON.stringify(option)}`);
    return 'BI';
  }
  const ext = inv.tax?.ext?.[EXT_REGION];
  if (isZone(ext)) return ext;
  f.add(
    FAULT.zone,
    `${base}.tax.ext.${EXT_REGION}`,
    ext === undefined ? `the province is unknown: set tax.ext ${EXT_REGION} (BI, SS or VI) or the zone option` : `${EXT_REGION} must be BI, SS or VI, got ${JSON.stringify(ext)}`,
  );
  return 'BI';
}

const NIF_RE = /^(([A-Za-z]\d{7}[A-Za-z])|(\d{8}[A-Za-z])|([A-Za-z]\d{8}))$/;

/** The issuer must be identified by a Spanish NIF (both for alta and anulación). */
export function checkSupplier(inv: Invoice, base: string, f: Faults): void {
  const tid = inv.supplier?.tax_id;
  if (!inv.supplier) f.add(FAULT.supplier, `${base}.supplier`, 'the supplier is required');
  else if (!tid || !tid.code) f.add(FAULT.supplier, `${base}.supplier.tax_id`, 'the supplier needs a Spanish tax ID (NIF)');
  else if ((tid.country ?? '').toUpperCase() !== 'ES') f.add(FAULT.supplier, `${base}.supplier.tax_id.country`, 'TicketBAI issuers must have a Spanish tax ID (country ES)');
  else if (!NIF_RE.test(tid.code)) f.add(FAULT.supplier, `${base}.supplier.tax_id.code`, `${JSON.stringify(tid.code)} is not a 9-character NIF`);
}

const CORRECTION_CODES = ['R1', 'R2', 'R3', 'R4', 'R5'];

/** Preconditions of the alta document. */
export function checkInvoice(inv: Invoice, base: string, zone: TbaiZone, f: Faults): void {
  if (!(inv.$addons ?? []).includes(TBAI_ADDON)) f.add(FAULT.addon, `${base}.$addons`, `the invoice must use the ${TBAI_ADDON} addon`);
  const type = inv.type ?? 'standard';
  if (type === 'corrective') f.add(FAULT.type, `${base}.type`, 'corrective invoices are not supported by TicketBAI conversion: use a credit or debit note');
  else if (!['standard', 'credit-note', 'debit-note'].includes(type)) f.add(FAULT.type, `${base}.type`, `invoice type ${JSON.stringify(type)} cannot be reported to TicketBAI`);
  checkSupplier(inv, base, f);
  if (inv.currency && inv.currency !== 'EUR') f.add(FAULT.currency, `${base}.currency`, `TicketBAI amounts are in euros; convert the invoice from ${inv.currency} to EUR first`);
  if (!inv.totals) f.add(FAULT.totals, `${base}.totals`, 'the invoice has no totals: build (calculate) it first');
  if ((inv.charges ?? []).length > 0) f.add(FAULT.charges, `${base}.charges`, 'document charges are not supported by TicketBAI (they belong to no line)');
  (inv.lines ?? []).forEach((l, i) => {
    if ((l?.charges ?? []).length > 0) f.add(FAULT.charges, `${base}.lines[${i}].charges`, 'line charges are not supported by TicketBAI (IDDetalleFactura has only a discount)');
  });
  if (!(inv.notes ?? []).some((n) => n?.key === 'general')) f.add(FAULT.note, `${base}.notes`, "a note with key 'general' is required: it becomes DescripcionFactura");
  if (zone === 'SS' || zone === 'VI') {
    if ((inv.lines ?? []).length > 1000) f.add(FAULT.zoneRule, `${base}.lines`, `${zone} accepts at most 1000 lines`);
    if (inv.customer && (inv.customer.addresses ?? []).length === 0) f.add(FAULT.zoneRule, `${base}.customer.addresses`, `${zone} requires the customer's address`);
  }
  const p = inv.preceding?.[0];
  if (p) {
    const code = p.ext?.[EXT_CORRECTION];
    if (!code || !CORRECTION_CODES.includes(code)) f.add(FAULT.preceding, `${base}.preceding[0].ext.${EXT_CORRECTION}`, `the rectification code (${EXT_CORRECTION}) must be one of ${CORRECTION_CODES.join(', ')}`);
    if (!p.issue_date) f.add(FAULT.preceding, `${base}.preceding[0].issue_date`, "the rectified invoice's issue date is required");
    if (!p.code) f.add(FAULT.preceding, `${base}.preceding[0].code`, "the rectified invoice's code is required");
  }
}
