/** Tax breakdown, totals, notes and payment as text, from the engine's calculated totals. */
import type { Invoice } from '../../model/bill.ts';
import type { CategoryTotal } from '../../model/tax.ts';
import { formatDate, formatDecimal, formatIban, formatMoney, formatPercent } from './format.ts';
import { categoryLabel, legalMention, payKeyLabel, taxKeyLabel, termKeyLabel } from './words.ts';
import type { ViewContext } from './view.ts';

/** A label and its value. */
export type Row = readonly [string, string];

export interface TotalRow {
  readonly label: string;
  readonly value: string;
  /** `grand` is the amount to pay, `strong` the invoice total. */
  readonly weight: 'normal' | 'strong' | 'grand';
}

export interface TaxRow {
  readonly label: string;
  readonly base: string;
  readonly percent: string;
  readonly amount: string;
  readonly surcharge: string;
}

export interface TaxView {
  readonly rows: readonly TaxRow[];
  readonly hasSurcharge: boolean;
}

export interface NoteView {
  readonly text: string;
}

export interface PaymentView {
  readonly rows: readonly Row[];
  readonly dueDates: readonly Row[];
  readonly advances: readonly Row[];
}

const clean = (s: string | null | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim();
const neg = (s: string): string => (s.startsWith('-') ? s.slice(1) : `-${s}`);

/** Exemption and scope codes the addons put on rates (E1…E6, S2, RL…), printed with the key. */
const CODE_EXTS = ['es-sii-exempt', 'es-tbai-exemption', 'es-verifactu-exempt', 'es-facturae-tax-exempt'];

export function taxView(inv: Invoice, cx: ViewContext): TaxView {
  const loc = cx.locale;
  const rows: TaxRow[] = [];
  for (const cat of inv.totals?.taxes?.categories ?? []) {
    if (!cat) continue;
    const name = categoryLabel(loc, clean(cat.code));
    for (const r of cat.rates ?? []) {
      if (!r) continue;
      const key = taxKeyLabel(loc, r.key);
      const code = CODE_EXTS.map((k) => r.ext?.[k]).find((v) => v);
      const detail = [cat.retained ? cx.labels.retained.toLowerCase() : undefined, key, code].filter(Boolean).join(', ');
      const amount = formatDecimal(r.amount ?? '0', loc);
      rows.push({
        label: detail ? `${name} (${detail})` : name,
        base: formatDecimal(r.base ?? '0', loc),
        percent: r.percent ? formatPercent(r.percent, loc) : '—',
        amount: cat.retained ? neg(amount) : amount,
        surcharge: r.surcharge?.percent ? `${formatPercent(r.surcharge.percent, loc)}  ${formatDecimal(r.surcharge.amount ?? '0', loc)}` : '',
      });
    }
  }
  return { rows, hasSurcharge: rows.some((r) => r.surcharge !== '') };
}

export function totalsView(inv: Invoice, cx: ViewContext): TotalRow[] {
  const t = inv.totals;
  if (!t) return [];
  const l = cx.labels;
  const money = (v: string) => formatMoney(v, cx.currency, cx.locale);
  const rows: TotalRow[] = [];
  const row = (label: string, value: string | null | undefined, weight: TotalRow['weight'] = 'normal', negate = false) => {
    if (value) rows.push({ label, value: money(negate ? neg(value) : value), weight });
  };
  const cats = (t.taxes?.categories ?? []).filter((c): c is CategoryTotal => !!c);
  const charged = cats.filter((c) => !c.retained);
  const retained = cats.filter((c) => c.retained);
  if (t.discount || t.charge || t.tax_included || t.sum !== t.total) row(l.sum, t.sum);
  // One document discount or charge: its reason (and percentage) says what it is.
  const only = <T extends { reason?: string | null; percent?: string | null }>(xs: readonly (T | null)[] | undefined, label: string) => {
    const list = (xs ?? []).filter((x): x is T => !!x);
    const what = list.length === 1 ? [clean(list[0].reason), list[0].percent ? formatPercent(list[0].percent, cx.locale) : ''].filter(Boolean).join(', ') : '';
    return what ? `${label} (${what})` : label;
  };
  row(only(inv.discounts, l.discount), t.discount, 'normal', true);
  row(only(inv.charges, l.charge), t.charge);
  row(l.taxIncluded, t.tax_included, 'normal', true);
  row(l.taxableTotal, t.total);
  for (const c of charged) {
    row(categoryLabel(cx.locale, clean(c.code)), c.amount);
    row(`${l.surcharge} (${categoryLabel(cx.locale, clean(c.code))})`, c.surcharge);
  }
  if (charged.length !== 1) row(l.taxTotal, t.tax ?? '0');
  const simple = t.payable === t.total_with_tax && !t.rounding && retained.length === 0;
  row(l.totalWithTax, t.total_with_tax, simple && !t.advance ? 'grand' : 'strong');
  for (const c of retained) row(`${l.retained} ${categoryLabel(cx.locale, clean(c.code))}`, c.amount, 'normal', true);
  if (retained.length > 1) row(l.retainedTotal, t.retained_tax, 'normal', true);
  row(l.rounding, t.rounding);
  if (!simple) row(l.payable, t.payable, t.advance ? 'strong' : 'grand');
  if (t.advance) {
    row(l.advance, t.advance, 'normal', true);
    row(l.due, t.due ?? '0', 'grand');
  }
  return rows;
}

/** Legal mentions for the VAT rates without Spanish VAT (exempt, reverse charge, not subject). */
function legalMentions(inv: Invoice, cx: ViewContext): string[] {
  const out = new Set<string>();
  for (const cat of inv.totals?.taxes?.categories ?? []) {
    if ((cat?.code ?? '').toUpperCase() !== 'VAT') continue;
    for (const r of cat?.rates ?? []) {
      const code = CODE_EXTS.map((k) => r?.ext?.[k]).find((v) => v && /^E[1-6]$/.test(v));
      const mention = legalMention(cx.locale, code) ?? legalMention(cx.locale, r?.key);
      if (mention) out.add(mention);
    }
  }
  return [...out];
}

/**
 * Document notes (the `general` note first: TicketBAI's description of the operation), tax
 * notes, then legal mentions unless the invoice has its own `legal` note.
 */
export function notesView(inv: Invoice, cx: ViewContext): NoteView[] {
  const notes = (inv.notes ?? []).filter((n) => n && clean(n.text));
  const ordered = [...notes.filter((n) => n?.key === 'general'), ...notes.filter((n) => n?.key !== 'general')];
  const out = ordered.map((n) => ({ text: (n?.text ?? '').trim() }));
  for (const n of inv.tax?.notes ?? []) if (n && clean(n.text)) out.push({ text: n.text!.trim() });
  if (!notes.some((n) => n?.key === 'legal')) for (const text of legalMentions(inv, cx)) out.push({ text });
  return out;
}

export function paymentView(inv: Invoice, cx: ViewContext): PaymentView | undefined {
  const p = inv.payment;
  if (!p) return undefined;
  const l = cx.labels;
  const money = (v: string) => formatMoney(v, cx.currency, cx.locale);
  const rows: Row[] = [];
  const ins = p.instructions;
  if (ins) {
    const method = [payKeyLabel(cx.locale, ins.key), clean(ins.detail)].filter(Boolean).join(' — ');
    if (method) rows.push([l.payment, method]);
    for (const ct of ins.credit_transfer ?? []) {
      if (!ct) continue;
      if (ct.iban) rows.push([l.iban, formatIban(ct.iban)]);
      if (ct.number) rows.push([l.account, clean(ct.number)]);
      if (ct.bic) rows.push([l.bic, clean(ct.bic)]);
      if (ct.name) rows.push([l.bank, clean(ct.name)]);
    }
    if (ins.card?.last4) rows.push([l.card, `**** ${clean(ins.card.last4)}${ins.card.holder ? ` (${clean(ins.card.holder)})` : ''}`]);
    if (ins.direct_debit) {
      const dd = ins.direct_debit;
      if (dd.account) rows.push([l.account, formatIban(dd.account)]);
      if (dd.ref) rows.push([l.mandate, clean(dd.ref)]);
    }
    for (const o of ins.online ?? []) if (o?.url) rows.push([clean(o.label) || 'URL', clean(o.url)]);
    if (ins.ref) rows.push([l.reference, clean(ins.ref)]);
    if (clean(ins.notes)) rows.push(['', clean(ins.notes)]);
  }
  const terms = p.terms;
  if (terms) {
    // "Due date" terms say nothing the list of due dates does not.
    const key = terms.key === 'due-date' && (terms.due_dates ?? []).some((d) => d?.date) ? undefined : termKeyLabel(cx.locale, terms.key);
    const text = [key, clean(terms.notes)].filter(Boolean).join(' — ');
    if (text) rows.push([l.terms, text]);
  }
  const dueDates: Row[] = (terms?.due_dates ?? []).flatMap((d) => {
    if (!d) return [];
    const pct = d.percent ? ` (${formatPercent(d.percent, cx.locale)})` : '';
    return [[formatDate(d.date, cx.dateFormat, cx.locale) || clean(d.notes), `${d.amount ? money(d.amount) : ''}${pct}`] as const];
  });
  const advances: Row[] = (p.advances ?? []).flatMap((a) => {
    if (!a) return [];
    const what = [a.date ? cx.date(a.date) : '', clean(a.description), a.ref ? `(${clean(a.ref)})` : ''].filter(Boolean).join(' ');
    return [[what || l.advance, a.amount ? money(a.amount) : a.percent ? formatPercent(a.percent, cx.locale) : ''] as const];
  });
  if (rows.length === 0 && dueDates.length === 0 && advances.length === 0) return undefined;
  return { rows, dueDates, advances };
}
