/**
 * Normalization of a bill document, children before parents (spec gobl-core §1.4): for each
 * node the intrinsic normalizer runs first, then the regime's and the addons' in order.
 */
import { parseAmount, isNegative, negate, amountToString, isZero } from '../core/amount.ts';
import { parsePercentage, isZeroPercentage } from '../core/percentage.ts';
import type { Invoice, Line, LineCharge, LineDiscount, SubLine } from '../model/bill.ts';
import type { Party, TaxIdentity } from '../model/org.ts';
import type { Combo } from '../model/tax.ts';
import type { NormalizeContext, Normalizers } from '../tax/addon-def.ts';
import type { RegimeDef } from '../tax/regime-def.ts';
import { normalizeRoundingRule } from '../calc/rounding.ts';
import { normalizeComboIntrinsic } from './combo.ts';

/** The last context's hooks, with what they were read from (asked for at every node). */
let lastHooks: { readonly regime: unknown; readonly order: readonly unknown[]; readonly from: readonly unknown[]; readonly list: readonly Normalizers[] } | undefined;

function hooks(ctx: NormalizeContext): readonly Normalizers[] {
  const regimeHooks = (ctx.regime as (RegimeDef & { normalizers?: Normalizers }) | undefined)?.normalizers;
  const order = ctx.normalizerOrder;
  const last = lastHooks;
  if (last && last.regime === regimeHooks && last.order === order && sameHooks(last.from, order)) return last.list;
  const list: Normalizers[] = [];
  if (regimeHooks) list.push(regimeHooks);
  for (const a of order) if (a.normalizers) list.push(a.normalizers);
  lastHooks = { regime: regimeHooks, order, from: order.map((a) => a.normalizers), list };
  return list;
}

/** The addons still carry the normalizers the cached list was made from. */
function sameHooks(from: readonly unknown[], order: NormalizeContext['normalizerOrder']): boolean {
  if (from.length !== order.length) return false;
  for (let i = 0; i < from.length; i++) if (from[i] !== order[i].normalizers) return false;
  return true;
}

/** Tax identities are normalized by the regime of their own country. */
export function normalizeTaxIdentity(id: TaxIdentity, ctx: NormalizeContext): void {
  if (!id.country) return;
  id.country = id.country.toUpperCase();
  if (!id.code) return;
  const regime = ctx.regimes.get(id.country);
  if (regime?.normalizeTaxCode) {
    id.code = regime.normalizeTaxCode(id.code);
    return;
  }
  let code = id.code.toUpperCase().replace(/[^A-Z0-9Ñ&]/g, '');
  if (code.startsWith(id.country)) code = code.slice(id.country.length);
  id.code = code;
}

type Inbox = NonNullable<Party['inboxes']>[number];

/** Inbox codes that are really an email or URL move to their field; Peppol `NNNN:id` is split. */
export function normalizeInbox(inbox: Inbox): void {
  if (!inbox) return;
  const code = inbox.code ?? '';
  if (code && !inbox.email && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(code)) {
    inbox.email = code;
    delete inbox.code;
  } else if (code && !inbox.url && /^[a-z][a-z0-9+.-]*:\/\//i.test(code)) {
    inbox.url = code;
    delete inbox.code;
  } else if (inbox.key === 'peppol' && !inbox.scheme) {
    const m = /^(\d{4}):(.+)$/.exec(code);
    if (m) {
      inbox.scheme = m[1];
      inbox.code = m[2];
    }
  }
  if (inbox.scheme) inbox.scheme = inbox.scheme.toUpperCase();
}

export function normalizeParty(p: Party | null | undefined, ctx: NormalizeContext): void {
  if (!p) return;
  if (p.tax_id) normalizeTaxIdentity(p.tax_id, ctx);
  for (const i of p.inboxes ?? []) normalizeInbox(i);
  for (const a of p.addresses ?? []) if (a?.state) a.state = a.state.toUpperCase().replace(/[^A-Z0-9]/g, '');
  for (const h of hooks(ctx)) h.party?.(p, ctx);
}

function isEmptyAdjustment(d: LineDiscount | LineCharge): boolean {
  const pct = d.percent ? parsePercentage(d.percent) : undefined;
  const amt = d.amount ? parseAmount(d.amount) : undefined;
  return (
    !d.key &&
    !d.code &&
    !d.reason &&
    (!pct || (pct.ok && isZeroPercentage(pct.value))) &&
    (!amt || (amt.ok && isZero(amt.value))) &&
    !(d.ext && Object.keys(d.ext).length > 0) &&
    !('rate' in d && d.rate)
  );
}

/** A negative price is written as a positive price with a negative quantity. */
function flipNegativePrice(l: Line | SubLine): void {
  // Only text starting with "-" can read as a negative amount.
  if (typeof l.item?.price === 'string' && l.item.price.charCodeAt(0) !== 45) return;
  const price = l.item?.price ? parseAmount(l.item.price) : undefined;
  if (!price?.ok || !isNegative(price.value)) return;
  l.item!.price = amountToString(negate(price.value));
  const q = parseAmount(l.quantity ?? '0');
  if (q.ok) l.quantity = amountToString(negate(q.value));
}

function normalizeLineLike(l: Line | SubLine): void {
  flipNegativePrice(l);
  if (l.discounts) {
    l.discounts = l.discounts.filter((d) => d && !isEmptyAdjustment(d));
    if (l.discounts.length === 0) delete l.discounts;
  }
  if (l.charges) {
    l.charges = l.charges.filter((c) => c && !isEmptyAdjustment(c));
    if (l.charges.length === 0) delete l.charges;
  }
}

export function normalizeCombos(taxes: readonly (Combo | null)[] | undefined, ctx: NormalizeContext): void {
  for (const c of taxes ?? []) {
    if (!c) continue;
    normalizeComboIntrinsic(c);
    for (const h of hooks(ctx)) h.combo?.(c, ctx);
  }
}

function normalizeLine(l: Line, ctx: NormalizeContext): void {
  normalizeParty(l.seller, ctx);
  if (l.breakdown) {
    l.breakdown = l.breakdown.filter((sl) => sl && (sl.item || sl.quantity));
    for (const sl of l.breakdown) if (sl) normalizeLineLike(sl);
    if (l.breakdown.length === 0) delete l.breakdown;
  }
  for (const sl of l.substituted ?? []) if (sl) normalizeLineLike(sl);
  normalizeCombos(l.taxes, ctx);
  normalizeLineLike(l);
  for (const h of hooks(ctx)) h.line?.(l, ctx);
}

export function normalizeInvoice(inv: Invoice, ctx: NormalizeContext): void {
  if (inv.tax) inv.tax.rounding = normalizeRoundingRule(inv.tax.rounding);
  if (inv.tax && !inv.tax.rounding) delete inv.tax.rounding;
  normalizeParty(inv.supplier, ctx);
  normalizeParty(inv.customer, ctx);
  for (const l of inv.lines ?? []) if (l) normalizeLine(l, ctx);
  for (const d of [...(inv.discounts ?? []), ...(inv.charges ?? [])]) if (d) normalizeCombos(d.taxes, ctx);
  const o = inv.ordering;
  if (o) for (const p of [o.buyer, o.seller, o.issuer]) normalizeParty(p, ctx);
  if (inv.payment) for (const p of [inv.payment.payee, inv.payment.payer]) normalizeParty(p, ctx);
  if (inv.delivery) normalizeParty(inv.delivery.receiver, ctx);
  if (!inv.type) inv.type = 'standard';
  for (const h of hooks(ctx)) h.invoice?.(inv, ctx);
}
