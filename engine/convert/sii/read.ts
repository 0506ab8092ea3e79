/**
 * Reading the batch: each item must be a calculated GOBL invoice (bare or in an envelope) that
 * uses the `es-sii-v1` addon. The invoice is re-read through the engine's model, so builders
 * work on typed data and a hand-edited envelope cannot crash them.
 */
import { type Amount, mul, rescale } from '../../core/amount.ts';
import type { Fault } from '../../core/fault.ts';
import { invoice as invoiceModel, type Invoice } from '../../model/bill.ts';
import { INVOICE_SCHEMA, isEnvelopeInput } from '../../model/documents.ts';
import type { DocumentRef } from '../../model/tax.ts';
import { convertFault } from '../types.ts';
import { Ctx, FAULT } from './context.ts';
import { readAmount, siiDate } from './format.ts';

export const SII_ADDON = 'es-sii-v1';
/** SII accepts at most 10 000 records per request (`maxOccurs` of every `RegistroLR…`). */
export const MAX_RECORDS = 10_000;

export interface SiiInvoice {
  readonly inv: Invoice;
  readonly ctx: Ctx;
  /** Converts an amount of the invoice currency into euros, rounded to cents. */
  readonly eur: (a: Amount) => Amount;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Reads every item; unreadable ones are `undefined` and have left faults behind. Cancellations
 * only identify invoices, so they skip the addon and totals checks (`identityOnly`).
 */
export function readBatch(inputs: unknown, faults: Fault[], identityOnly = false): (SiiInvoice | undefined)[] {
  if (!Array.isArray(inputs) || inputs.length === 0) {
    faults.push(convertFault(FAULT.batch, '$', 'expected a non-empty list of GOBL envelopes'));
    return [];
  }
  if (inputs.length > MAX_RECORDS) {
    faults.push(convertFault(FAULT.batch, '$', `SII accepts at most ${MAX_RECORDS} records per request, got ${inputs.length}`));
    return [];
  }
  return inputs.map((item, i) => readOne(item, i, faults, identityOnly));
}

function readOne(item: unknown, index: number, faults: Fault[], identityOnly: boolean): SiiInvoice | undefined {
  const at = `$[${index}]`;
  if (!isObject(item)) {
    faults.push(convertFault(FAULT.input, at, 'expected a GOBL envelope or invoice object'));
    return undefined;
  }
  const isEnvelope = isEnvelopeInput(item);
  const base = isEnvelope ? `${at}.doc` : at;
  const doc = isEnvelope ? item.doc : item;
  const ctx = new Ctx(faults, base, index);
  if (!isObject(doc) || doc.$schema !== INVOICE_SCHEMA) {
    ctx.fault(FAULT.input, isObject(doc) ? '$schema' : '', `expected a document with schema ${INVOICE_SCHEMA}`);
    return undefined;
  }
  const parsed = invoiceModel.safeParse(doc);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const rel = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
      ctx.faultAt(FAULT.input, base + rel, issue.message);
    }
    return undefined;
  }
  const inv = parsed.data;
  if (identityOnly) return { inv, ctx, eur: (a) => rescale(a, 2) };
  let ok = true;
  if (!inv.$addons?.includes(SII_ADDON)) {
    ctx.fault(FAULT.addon, '$addons', `the invoice must use the ${SII_ADDON} addon so that its SII codes are set`);
    ok = false;
  }
  if (!inv.totals || inv.totals.total_with_tax === undefined || inv.totals.total_with_tax === null) {
    ctx.fault(FAULT.notCalculated, 'totals', 'the invoice has no totals: build (calculate) it before converting');
    ok = false;
  }
  const eur = euroConverter(inv, ctx);
  return ok && eur ? { inv, ctx, eur } : undefined;
}

/**
 * SII amounts are in euros. Other currencies need an exchange rate into EUR (GOBL rule
 * GOBL-ES-SII-BILL-INVOICE-15); GOBL's rate is the value of one unit of `from` in `to`.
 */
function euroConverter(inv: Invoice, ctx: Ctx): ((a: Amount) => Amount) | undefined {
  const toCents = (a: Amount) => rescale(a, 2);
  if (!inv.currency || inv.currency === 'EUR') return toCents;
  const i = (inv.exchange_rates ?? []).findIndex((r) => r?.from === inv.currency && r?.to === 'EUR');
  const rate = i >= 0 ? readAmount(inv.exchange_rates![i]!.amount) : undefined;
  if (!rate) {
    ctx.fault(FAULT.unsupported, 'exchange_rates', `SII amounts are in EUR: add an exchange rate from ${inv.currency} to EUR`);
    return undefined;
  }
  return (a) => toCents(mul(a, rate));
}

/** `NumSerieFacturaEmisor`: series and code joined by a dash, as the VERI*FACTU converter does. */
export function invoiceNumber(ctx: Ctx, series: string | null | undefined, code: string | null | undefined, rel: string): string {
  if (!code) {
    ctx.fault(FAULT.missing, `${rel}${rel ? '.' : ''}code`, 'an invoice code (number) is required');
    return '';
  }
  return ctx.text(series ? `${series}-${code}` : code, 60, `${rel}${rel ? '.' : ''}code`);
}

/** An ISO date field as `dd-mm-yyyy`; faults when it is missing. */
export function requiredDate(ctx: Ctx, iso: string | null | undefined, rel: string): string {
  const d = siiDate(iso);
  if (!d) ctx.fault(FAULT.missing, rel, 'a valid date (YYYY-MM-DD) is required');
  return d ?? '';
}

/** `IDFacturaAR` items (corrected or grouped invoices) from the preceding references. */
export function precedingIds(ctx: Ctx, refs: readonly (DocumentRef | null)[] | undefined): { number: string; date: string }[] {
  return (refs ?? []).flatMap((ref, i) => {
    if (!ref) return [];
    const rel = `preceding[${i}]`;
    return [{ number: invoiceNumber(ctx, ref.series, ref.code, rel), date: requiredDate(ctx, ref.issue_date, `${rel}.issue_date`) }];
  });
}

/** Text of the first `general` note: `DescripcionOperacion` (≤ 500, GOBL rule 12). */
export function generalNote(inv: Invoice): string | undefined {
  return inv.notes?.find((n) => n?.key === 'general' && n.text)?.text ?? undefined;
}
