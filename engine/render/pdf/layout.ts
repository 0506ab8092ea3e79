/**
 * View → pages of boxes: where every text, rule, QR and the logo go, in points from the top-left
 * corner. Pure data (no PDF), so tests can check page breaks and positions directly; draw.ts
 * only paints what this decides.
 */
import type { PageLayout } from './options.ts';
import { fitText, type Measure } from './text.ts';
import type { InvoiceView } from './view.ts';
import { COLORS, geometryFor, rule, text, type Flow, type Geometry, type LogoBox, type Page } from './flow.ts';
import { layoutHeader, layoutParties } from './layout-header.ts';
import { layoutLines } from './layout-table.ts';
import { layoutNotes, layoutPayment, layoutSummary } from './layout-summary.ts';
import { layoutTbai } from './layout-compliance.ts';

export type { Box, Color, Page, LogoBox } from './flow.ts';

function footers(pages: Page[], g: Geometry, view: InvoiceView, measure: Measure): void {
  pages.forEach((page, i) => {
    const flow: Flow = { g, view, measure, pages, page, y: 0 };
    const y = g.height - 30;
    rule(flow, g.left, g.right, y - 10, COLORS.faint);
    const n = view.labels.page.replace('{n}', String(i + 1)).replace('{t}', String(pages.length));
    const room = g.right - g.left - measure(n, 7.5, false) - 24;
    text(flow, g.left, y, fitText(view.footer, room, { size: 7.5, bold: false }, measure), 7.5, { color: COLORS.muted });
    text(flow, g.right, y, n, 7.5, { color: COLORS.muted, align: 'right' });
  });
}

/** Lays out the whole invoice. */
export function layoutInvoice(view: InvoiceView, layout: PageLayout, measure: Measure, logo?: LogoBox): Page[] {
  const g = geometryFor(layout);
  const first: Page = { width: g.width, height: g.height, boxes: [] };
  const flow: Flow = { g, view, measure, pages: [first], page: first, y: g.top };
  layoutHeader(flow, logo);
  layoutParties(flow);
  layoutLines(flow);
  layoutSummary(flow);
  layoutNotes(flow);
  layoutPayment(flow);
  layoutTbai(flow);
  footers(flow.pages, g, view, measure);
  return flow.pages;
}
