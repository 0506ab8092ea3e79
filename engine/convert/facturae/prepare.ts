/**
 * Reading the input and getting the invoice into the shape FacturaE wants, as the reference
 * converter does before mapping: prices without included taxes (GOBL's `RemoveIncludedTaxes`,
 * which may leave a rounding difference in `totals.rounding`) and credit notes inverted
 * (GOBL's `Invert`), both followed by a re-calculation with the engine's calculator.
 */
import { type Amount, amountToString, equals, negate, sub, upscale } from '../../core/amount.ts';
import { removePercent } from '../../core/percentage.ts';
import type { Fault } from '../../core/fault.ts';
import { calculateBill } from '../../calc/invoice.ts';
import { isCalculationError } from '../../calc/errors.ts';
import { invoice as invoiceSchema, type Invoice, type Line, type SubLine } from '../../model/bill.ts';
import { INVOICE_SCHEMA, isEnvelopeInput } from '../../model/documents.ts';
import { regimeFor } from '../../prepare-bill.ts';
import { defaultRegistry } from '../../registry.ts';
import { FACTURAE_KEY } from '../../addons/es-facturae/rules.ts';
import { FAULT, Ctx } from './context.ts';
import { amount, percentage } from './format.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

export type ReadResult = { readonly ok: true; readonly inv: Invoice; readonly ctx: Ctx } | { readonly ok: false; readonly faults: Fault[] };

/** Accepts an envelope holding an invoice (or a bare invoice) that has been built. */
export function readInvoice(input: unknown): ReadResult {
  const ctx0 = new Ctx('$');
  if (!isObject(input)) {
    ctx0.fault(FAULT.input, '$', 'expected a GOBL envelope (JSON object) holding an invoice');
    return { ok: false, faults: ctx0.faults };
  }
  const isEnvelope = isEnvelopeInput(input);
  const ctx = new Ctx(isEnvelope ? '$.doc' : '$');
  const raw = isEnvelope ? input.doc : input;
  if (!isObject(raw) || raw.$schema !== INVOICE_SCHEMA) {
    ctx.fault(FAULT.input, ctx.at('$schema'), `FacturaE converts invoices only (expected $schema ${INVOICE_SCHEMA})`);
    return { ok: false, faults: ctx.faults };
  }
  const parsed = invoiceSchema.safeParse(raw);
  if (!parsed.success) {
    for (const i of parsed.error.issues.slice(0, 20)) {
      const rel = i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
      ctx.fault(FAULT.input, ctx.base + rel, i.message);
    }
    return { ok: false, faults: ctx.faults };
  }
  const inv = parsed.data as Invoice;
  if (!(inv.$addons ?? []).includes(FACTURAE_KEY)) ctx.fault(FAULT.addon, ctx.at('$addons'), `the invoice must use the '${FACTURAE_KEY}' addon`);
  if (!inv.supplier) ctx.fault(FAULT.missing, ctx.at('supplier'), 'FacturaE needs a supplier');
  if (!inv.customer) ctx.fault(FAULT.missing, ctx.at('customer'), 'FacturaE needs a customer (simplified invoices without one are not supported)');
  if (!inv.totals) ctx.fault(FAULT.notCalculated, ctx.at('totals'), 'the invoice has no totals: build (calculate) it first');
  if (inv.$tags?.includes('bypass')) ctx.fault(FAULT.calculation, ctx.at('$tags'), "invoices tagged 'bypass' cannot be converted (their totals are not calculated)");
  return ctx.faults.length > 0 ? { ok: false, faults: ctx.faults } : { ok: true, inv, ctx };
}

function recalculate(ctx: Ctx, inv: Invoice): boolean {
  try {
    const regime = regimeFor(inv as unknown as Json, defaultRegistry);
    calculateBill(inv as Invoice & Json, {
      regime,
      regimes: defaultRegistry.regimes,
      today: () => ({ date: inv.issue_date ?? '', time: '00:00:00' }),
    });
    return true;
  } catch (e) {
    if (!isCalculationError(e)) throw e;
    ctx.fault(FAULT.calculation, e.path.replace(/^\$/, ctx.base), e.message);
    return false;
  }
}

/** GOBL's `defaultTaxRemovalAccuracy`: two more decimals before dividing by (1 + rate). */
const ACCURACY = 2;

function strip(s: string | null | undefined, pct: string): string | null | undefined {
  if (s === undefined || s === null) return s;
  return amountToString(removePercent(upscale(amount(s), ACCURACY), percentage(pct)!));
}

function stripSubLine<T extends Line | SubLine>(l: T, pct: string): void {
  if (l.item?.price != null) {
    l.item.price = strip(l.item.price, pct);
    delete l.item.alt_prices;
  }
  for (const d of l.discounts ?? []) if (d) d.amount = strip(d.amount, pct);
  for (const c of l.charges ?? []) if (c) c.amount = strip(c.amount, pct);
}

/** Prices that include a tax become net prices, then the invoice is re-calculated. */
export function removeIncludedTaxes(ctx: Ctx, inv: Invoice): boolean {
  const cat = inv.tax?.prices_include;
  if (!cat) return true;
  const totalWithTax = inv.totals?.total_with_tax;
  const rateOf = (taxes: Line['taxes']) => taxes?.find((c) => c?.cat === cat)?.percent;
  for (const l of inv.lines ?? []) {
    const pct = l ? rateOf(l.taxes) : undefined;
    if (!l || !pct) continue;
    stripSubLine(l, pct);
    for (const sl of [...(l.breakdown ?? []), ...(l.substituted ?? [])]) if (sl) stripSubLine(sl, pct);
  }
  for (const d of [...(inv.discounts ?? []), ...(inv.charges ?? [])]) {
    const pct = d ? rateOf(d.taxes) : undefined;
    if (d && pct) d.amount = strip(d.amount, pct);
  }
  if (inv.tax) inv.tax.prices_include = undefined;
  inv.totals = undefined;
  if (!recalculate(ctx, inv)) return false;
  const now = (inv.totals as Invoice['totals'])?.total_with_tax;
  if (totalWithTax && now && !equals(amount(totalWithTax), amount(now))) {
    // What GOBL does with a difference it cannot avoid: keep it as a rounding amount.
    inv.totals = { rounding: amountToString(sub(amount(totalWithTax), amount(now))) };
    return recalculate(ctx, inv);
  }
  return true;
}

const neg = (s: string | null | undefined) => (s === undefined || s === null ? s : amountToString(negate(amount(s))));

/** Credit notes are written with negative amounts: every quantity and fixed amount changes sign. */
export function invert(ctx: Ctx, inv: Invoice): boolean {
  const payable: Amount = negate(amount(inv.totals?.payable));
  for (const l of inv.lines ?? []) {
    if (!l) continue;
    l.quantity = neg(l.quantity);
    for (const d of l.discounts ?? []) if (d) d.amount = neg(d.amount);
    for (const c of l.charges ?? []) if (c) c.amount = neg(c.amount);
  }
  for (const d of [...(inv.discounts ?? []), ...(inv.charges ?? [])]) if (d) d.amount = neg(d.amount);
  for (const a of inv.payment?.advances ?? []) if (a) a.amount = neg(a.amount);
  const rounding = inv.totals?.rounding;
  inv.totals = rounding ? { rounding: neg(rounding) } : undefined;
  if (!recalculate(ctx, inv)) return false;
  if (!equals(payable, amount(inv.totals?.payable))) {
    ctx.fault(FAULT.calculation, ctx.at('totals.payable'), `inverted totals do not match: expected ${amountToString(payable)}, got ${inv.totals?.payable ?? 'none'}`);
    return false;
  }
  return true;
}
