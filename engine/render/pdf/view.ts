/**
 * Invoice → view: every text the PDF prints, already localised and formatted, grouped by the
 * block it goes in. No geometry here (that is layout.ts) and no PDF (draw.ts).
 */
import type { Invoice } from '../../model/bill.ts';
import type { Address, Party } from '../../model/org.ts';
import type { Compliance } from './compliance.ts';
import { formatDate } from './format.ts';
import { LABELS, type Labels, type Locale } from './labels.ts';
import { linesView, type LinesView } from './view-lines.ts';
import { notesView, paymentView, taxView, totalsView, type NoteView, type PaymentView, type Row, type TaxView, type TotalRow } from './view-totals.ts';

export interface PartyView {
  readonly name: string;
  /** "NIF B12345678", address lines, contact lines. */
  readonly details: readonly string[];
}

export interface InvoiceView {
  readonly locale: Locale;
  readonly labels: Labels;
  readonly title: string;
  /** "F1-000127", or the series with "(sin numerar)". */
  readonly number: string;
  /** Label/value pairs of the invoice details block (dates, references, corrections). */
  readonly meta: readonly Row[];
  readonly supplier: PartyView;
  readonly customer?: PartyView;
  /** Other parties: buyer, seller, issuer, delivery receiver ("Comprador: …"). */
  readonly others: readonly Row[];
  readonly lines: LinesView;
  readonly taxes: TaxView;
  readonly totals: readonly TotalRow[];
  readonly notes: readonly NoteView[];
  readonly payment?: PaymentView;
  readonly compliance: Compliance;
  /** Footer text: supplier name and tax ID. */
  readonly footer: string;
}

export interface ViewContext {
  readonly locale: Locale;
  readonly labels: Labels;
  readonly dateFormat: string;
  readonly currency: string;
  readonly date: (iso: string | null | undefined) => string;
}

export function viewContext(locale: Locale, dateFormat: string, currency: string): ViewContext {
  return { locale, labels: LABELS[locale], dateFormat, currency, date: (iso) => formatDate(iso, dateFormat, locale) };
}

const clean = (s: string | null | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim();

/** The document title: simplified invoices, corrections and notes say so. */
export function titleOf(inv: Invoice, l: Labels): string {
  const simplified = (inv.$tags ?? []).includes('simplified') || inv.tax?.ext?.['es-tbai-simplified'] === 'S';
  switch (inv.type) {
    case 'corrective':
      return l.corrective;
    case 'credit-note':
      return l.creditNote;
    case 'debit-note':
      return l.debitNote;
    case 'proforma':
      return l.proforma;
    default:
      return simplified ? l.simplified : l.invoice;
  }
}

export function numberOf(series: string | null | undefined, code: string | null | undefined, l: Labels): string {
  const s = clean(series);
  const c = clean(code);
  if (c) return s ? `${s}-${c}` : c;
  return s ? `${s} ${l.unnumbered}` : l.unnumbered;
}

/** Address lines the Spanish way: "Calle Pradillo, 42, 3º B" / "28002 Madrid (Madrid)" / country. */
export function addressLines(a: Address, ownCountry: string | undefined): string[] {
  const street = [clean(a.street), clean(a.num), [clean(a.block), clean(a.floor), clean(a.door)].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  const out: string[] = [];
  if (street) out.push(street);
  if (clean(a.street_extra)) out.push(clean(a.street_extra));
  if (clean(a.po_box)) out.push(`Apdo. ${clean(a.po_box)}`);
  const region = clean(a.region) && clean(a.region) !== clean(a.locality) ? ` (${clean(a.region)})` : '';
  const town = [clean(a.code), clean(a.locality)].filter(Boolean).join(' ') + region;
  if (town.trim()) out.push(town.trim());
  const country = clean(a.country).toUpperCase();
  if (country && country !== (ownCountry ?? '').toUpperCase()) out.push(country);
  return out;
}

/** "NIF B12345678", or "VAT DE123456789" style for foreign tax IDs. */
export function taxIdLine(p: Party, l: Labels, home: string | undefined): string | undefined {
  const code = clean(p.tax_id?.code);
  if (!code) return undefined;
  const country = clean(p.tax_id?.country).toUpperCase();
  return country && country !== (home ?? 'ES').toUpperCase() ? `${l.taxId} ${country}${code.startsWith(country) ? code.slice(country.length) : code}` : `${l.taxId} ${code}`;
}

function partyView(p: Party, l: Labels, home: string | undefined): PartyView {
  const details: string[] = [];
  const tax = taxIdLine(p, l, home);
  if (tax) details.push(tax);
  for (const id of p.identities ?? []) {
    if (!id?.code) continue;
    const label = clean(id.label) || clean(id.key) || clean(id.type);
    details.push(label ? `${label}: ${clean(id.code)}` : clean(id.code));
  }
  const addr = p.addresses?.find((a) => a);
  if (addr) details.push(...addressLines(addr, home));
  const contact = [clean(p.emails?.find((e) => e?.addr)?.addr), clean(p.telephones?.find((t) => t?.num)?.num)].filter(Boolean);
  if (contact.length) details.push(contact.join(' · '));
  const name = clean(p.name) || clean(p.alias) || clean(p.people?.[0]?.name?.given);
  return { name, details };
}

const shortParty = (p: Party | null | undefined): string | undefined => {
  if (!p) return undefined;
  const ids = [clean(p.tax_id?.code), ...(p.identities ?? []).map((i) => clean(i?.code))].filter(Boolean);
  const name = clean(p.name);
  if (!name && ids.length === 0) return undefined;
  return ids.length ? `${name}${name ? ' ' : ''}(${ids.join(', ')})` : name;
};

function metaRows(inv: Invoice, cx: ViewContext, number: string): Row[] {
  const l = cx.labels;
  const rows: Row[] = [[l.number, number], [l.issueDate, cx.date(inv.issue_date)]];
  if (inv.op_date && inv.op_date !== inv.issue_date) rows.push([l.opDate, cx.date(inv.op_date)]);
  if (inv.value_date) rows.push([l.valueDate, cx.date(inv.value_date)]);
  const due = inv.payment?.terms?.due_dates?.map((d) => d?.date).filter((d): d is string => !!d) ?? [];
  if (due.length === 1) rows.push([l.dueDate, cx.date(due[0])]);
  if (inv.ordering?.code) rows.push([l.orderRef, clean(inv.ordering.code)]);
  if (cx.currency !== 'EUR') rows.push([l.currency, cx.currency]);
  // SII and VERI*FACTU say whether the correction replaces the invoice or adds the difference.
  const kind = inv.tax?.ext?.['es-sii-correction-type'] ?? inv.tax?.ext?.['es-verifactu-correction-type'];
  if ((inv.preceding ?? []).length && (kind === 'S' || kind === 'I')) rows.push([l.correctionKind, kind === 'S' ? l.bySubstitution : l.byDifferences]);
  for (const p of inv.preceding ?? []) {
    if (!p) continue;
    const ref = numberOf(p.series, p.code, l);
    rows.push([l.corrects, p.issue_date ? `${ref} (${cx.date(p.issue_date)})` : ref]);
    if (clean(p.reason)) rows.push([l.correctionReason, clean(p.reason)]);
  }
  return rows;
}

/** Everything the PDF shows, from a calculated invoice. */
export function invoiceView(inv: Invoice, cx: ViewContext, compliance: Compliance): InvoiceView {
  const l = cx.labels;
  const home = inv.supplier?.tax_id?.country ?? inv.$regime ?? undefined;
  const number = numberOf(inv.series, inv.code, l);
  const supplier = partyView(inv.supplier ?? {}, l, home);
  const customer = inv.customer ? partyView(inv.customer, l, home) : undefined;
  const others: Row[] = [];
  const add = (label: string, p: Party | null | undefined) => {
    const s = shortParty(p);
    if (s) others.push([label, s]);
  };
  add(l.buyer, inv.ordering?.buyer);
  add(l.seller, inv.ordering?.seller);
  add(l.issuer, inv.ordering?.issuer);
  add(l.receiver, inv.delivery?.receiver);
  const footerId = taxIdLine(inv.supplier ?? {}, l, home);
  return {
    locale: cx.locale,
    labels: l,
    title: titleOf(inv, l),
    number,
    meta: metaRows(inv, cx, number),
    supplier,
    customer,
    others,
    lines: linesView(inv, cx),
    taxes: taxView(inv, cx),
    totals: totalsView(inv, cx),
    notes: notesView(inv, cx),
    payment: paymentView(inv, cx),
    compliance,
    footer: [supplier.name, footerId].filter(Boolean).join(' · '),
  };
}
