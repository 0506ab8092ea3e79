/**
 * Invoice PDFs in the engine: a built GOBL envelope → a Spanish invoice PDF with the TicketBAI
 * or VERI*FACTU block. Pure (fonts and logo come in as bytes; no clock, no I/O), so the same
 * code runs in the page, in a Web Worker and in Node.
 *
 *   const fonts = await loadDefaultFonts(readFile);          // see fonts.ts
 *   const r = await renderInvoicePdf(envelope, { locale: 'es', dateFormat: '%Y-%m-%d', ...fonts });
 *   if (r.ok) save(r.value); else show(r.faults);
 *
 * Steps: envelope → view (view.ts: every text, formatted) → pages of boxes (layout.ts: pure
 * data, testable) → bytes (draw.ts: pdf-lib).
 */
import type { Fault } from '../../core/fault.ts';
import { invoice as invoiceSchema, type Invoice } from '../../model/bill.ts';
import { complianceOf, readStamps } from './compliance.ts';
import { drawPdf, openCanvas } from './draw.ts';
import { layoutInvoice, type LogoBox, type Page } from './layout.ts';
import { checkFont, checkOptions, renderFault, type RenderPdfOptions } from './options.ts';
import type { Measure } from './text.ts';
import { invoiceView, viewContext, type InvoiceView } from './view.ts';

export type { RenderPdfOptions, PageLayout } from './options.ts';
export type { Locale } from './labels.ts';
export type { Page, Box } from './layout.ts';
export type { InvoiceView } from './view.ts';
export { loadDefaultFonts, DEFAULT_FONT_FILES, type DefaultFonts } from './fonts.ts';

export type RenderResult<T = Uint8Array> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly faults: readonly Fault[] };

const INVOICE_SCHEMA = 'https://gobl.org/draft-0/bill/invoice';
type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

function readInvoice(envelope: unknown, faults: Fault[]): Invoice | undefined {
  const doc = isObject(envelope) && isObject(envelope.doc) ? envelope.doc : undefined;
  if (!doc) {
    faults.push(renderFault('01', '$.doc', 'expected a GOBL envelope with a doc: build the document first'));
    return undefined;
  }
  if (doc.$schema !== INVOICE_SCHEMA) {
    faults.push(renderFault('01', '$.doc.$schema', `only invoices have a PDF; this document is ${JSON.stringify(doc.$schema ?? 'of unknown type')}`));
    return undefined;
  }
  const parsed = invoiceSchema.safeParse(doc);
  if (!parsed.success) {
    faults.push(renderFault('01', '$.doc', `the invoice does not match its schema (${parsed.error.issues[0]?.message ?? 'invalid'}): build it first`));
    return undefined;
  }
  const inv = parsed.data as Invoice;
  if (!inv.totals) faults.push(renderFault('01', '$.doc.totals', 'the invoice has no totals: build (calculate) it before rendering'));
  return inv;
}

export interface InvoicePlan {
  readonly view: InvoiceView;
  readonly pages: Page[];
}

/**
 * The layout alone (no PDF): what would be printed where, given a text measure. For tests and
 * previews; `renderInvoicePdf` measures with the embedded fonts.
 */
export function planInvoice(envelope: unknown, opts: Omit<RenderPdfOptions, 'font'>, measure: Measure, logo?: LogoBox): RenderResult<InvoicePlan> {
  const faults: Fault[] = [];
  const checked = checkOptions(opts, faults);
  const inv = readInvoice(envelope, faults);
  if (faults.length > 0 || !inv) return { ok: false, faults };
  const cx = viewContext(checked.locale, checked.dateFormat, inv.currency ?? 'EUR');
  const view = invoiceView(inv, cx, complianceOf(inv, readStamps(envelope), checked.verifactuEnv));
  return { ok: true, value: { view, pages: layoutInvoice(view, checked.layout, measure, logo) } };
}

/**
 * Renders a built invoice envelope as PDF bytes, or faults saying what to fix (not an invoice,
 * not calculated, bad option, unreadable font or logo). The same input and options always give
 * the same bytes.
 *
 * @example
 * const r = await renderInvoicePdf(envelope, { locale: 'es', layout: 'A4', font, boldFont });
 */
export async function renderInvoicePdf(envelope: unknown, opts: RenderPdfOptions): Promise<RenderResult> {
  const faults: Fault[] = [];
  const checked = checkOptions(opts, faults);
  checkFont(opts, faults);
  const inv = readInvoice(envelope, faults);
  if (faults.length > 0 || !inv) return { ok: false, faults };
  const opened = await openCanvas(opts.font, opts.boldFont, opts.logo, opts.subsetFonts ?? true);
  if (!opened.ok) return opened;
  const canvas = opened.value;
  try {
    const logo: LogoBox | undefined = canvas.logo ? { width: canvas.logo.width, height: canvas.logo.height, printHeight: checked.logoHeightPt } : undefined;
    const cx = viewContext(checked.locale, checked.dateFormat, inv.currency ?? 'EUR');
    const view = invoiceView(inv, cx, complianceOf(inv, readStamps(envelope), checked.verifactuEnv));
    const pages = layoutInvoice(view, checked.layout, canvas.measure, logo);
    const bytes = await drawPdf(canvas, pages, {
      title: `${view.title} ${view.number}`,
      author: view.supplier.name,
      subject: view.customer ? `${view.title} ${view.number} · ${view.customer.name}` : `${view.title} ${view.number}`,
      language: checked.locale,
      date: inv.issue_date ?? undefined,
    });
    return { ok: true, value: bytes };
  } catch (e) {
    return { ok: false, faults: [renderFault('99', '$', `internal error while rendering: ${e instanceof Error ? e.message : String(e)}`)] };
  }
}
