/** After the lines: tax breakdown beside the totals, then notes and payment details. */
import { COLORS, caption, ensure, rule, text, type Flow } from './flow.ts';
import { rowsBlock } from './layout-header.ts';
import { wrapText } from './text.ts';
import type { TaxRow, TotalRow } from './view-totals.ts';

const SIZE = 8.5;
const LINE = 11;
const GAP = 24;

interface TaxCol {
  readonly key: keyof TaxRow;
  readonly label: string;
  readonly width: number;
}

function taxColumns(flow: Flow, width: number): TaxCol[] {
  const l = flow.view.labels;
  const m = (s: string, min: number) => Math.max(min, flow.measure(s, 7.5, true) + 8);
  const cols: TaxCol[] = [
    { key: 'base', label: l.base, width: m(l.base, 64) },
    { key: 'percent', label: l.rate, width: m(l.rate, 38) },
    { key: 'amount', label: l.taxAmount, width: m(l.taxAmount, 58) },
  ];
  if (flow.view.taxes.hasSurcharge) cols.push({ key: 'surcharge', label: l.surcharge, width: m(l.surcharge, 70) });
  const fixed = cols.reduce((s, c) => s + c.width, 0);
  return [{ key: 'label', label: l.tax, width: width - fixed }, ...cols];
}

function taxHeight(flow: Flow, cols: readonly TaxCol[]): number {
  const rows = flow.view.taxes.rows;
  if (rows.length === 0) return 0;
  const lines = rows.reduce((n, r) => n + wrapText(r.label, cols[0].width - 4, { size: SIZE, bold: false }, flow.measure).length, 0);
  return 22 + 2 + 16 + lines * LINE + rows.length * 6;
}

function layoutTaxTable(flow: Flow, x: number, width: number, cols: readonly TaxCol[]): number {
  const rows = flow.view.taxes.rows;
  if (rows.length === 0) return flow.y;
  const top = flow.y;
  caption(flow, x, width, flow.view.labels.taxBreakdown);
  flow.y += 2;
  let cx = x;
  for (const c of cols) {
    const right = c.key !== 'label';
    text(flow, right ? cx + c.width : cx, flow.y, c.label, 7.5, { bold: true, color: COLORS.muted, align: right ? 'right' : 'left' });
    cx += c.width;
  }
  let y = flow.y + 6;
  rule(flow, x, x + width, y, COLORS.rule, 0.5);
  for (const r of rows) {
    const label = wrapText(r.label, cols[0].width - 4, { size: SIZE, bold: false }, flow.measure);
    const base = y + 3 + SIZE;
    cx = x;
    for (const c of cols) {
      if (c.key === 'label') label.forEach((line, i) => text(flow, cx, base + i * LINE, line, SIZE));
      else text(flow, cx + c.width, base, r[c.key], SIZE, { align: 'right' });
      cx += c.width;
    }
    y += label.length * LINE + 6;
    rule(flow, x, x + width, y, COLORS.faint, 0.5);
  }
  flow.y = top;
  return y;
}

const rowHeight = (r: TotalRow) => (r.weight === 'grand' ? 24 : 15);

function layoutTotals(flow: Flow, x: number, width: number, rows: readonly TotalRow[]): number {
  let y = flow.y + 4;
  for (const r of rows) {
    const h = rowHeight(r);
    if (r.weight === 'grand') {
      flow.page.boxes.push({ kind: 'rect', x, y: y + 2, w: width, h: h - 2, fill: COLORS.grandFill });
      rule(flow, x, x + width, y + 2, COLORS.accent, 1);
      text(flow, x + 6, y + 17, r.label, 10.5, { bold: true, color: COLORS.accent });
      text(flow, x + width - 6, y + 17, r.value, 11, { bold: true, color: COLORS.accent, align: 'right' });
    } else {
      const bold = r.weight === 'strong';
      if (bold) rule(flow, x, x + width, y + 1, COLORS.rule, 0.6);
      text(flow, x + 6, y + 11, r.label, SIZE, { bold, color: bold ? COLORS.text : COLORS.muted });
      text(flow, x + width - 6, y + 11, r.value, SIZE, { bold, align: 'right' });
    }
    y += h;
  }
  return y;
}

/** Tax breakdown (left) and totals (right), kept together on one page. */
export function layoutSummary(flow: Flow): void {
  const { g, view } = flow;
  const full = g.right - g.left;
  const totalsWidth = Math.min(235, full * 0.44);
  const taxWidth = full - totalsWidth - GAP;
  const cols = taxColumns(flow, taxWidth);
  const height = Math.max(taxHeight(flow, cols), 4 + view.totals.reduce((s, r) => s + rowHeight(r), 0));
  ensure(flow, height);
  const taxBottom = layoutTaxTable(flow, g.left, taxWidth, cols);
  const totalsBottom = layoutTotals(flow, g.right - totalsWidth, totalsWidth, view.totals);
  flow.y = Math.max(taxBottom, totalsBottom) + 20;
}

/** Paragraphs that may continue on the next page, line by line. */
function paragraphs(flow: Flow, texts: readonly string[]): void {
  const { g } = flow;
  for (const t of texts) {
    for (const line of wrapText(t, g.right - g.left, { size: SIZE, bold: false }, flow.measure)) {
      ensure(flow, LINE);
      flow.y += LINE;
      text(flow, g.left, flow.y - 2, line, SIZE);
    }
    flow.y += 4;
  }
}

export function layoutNotes(flow: Flow): void {
  const notes = flow.view.notes;
  if (notes.length === 0) return;
  ensure(flow, 22 + 2 * LINE);
  caption(flow, flow.g.left, flow.g.right - flow.g.left, flow.view.labels.notes);
  flow.y -= 6;
  paragraphs(flow, notes.map((n) => n.text));
  flow.y += 12;
}

export function layoutPayment(flow: Flow): void {
  const p = flow.view.payment;
  if (!p) return;
  const { g } = flow;
  const l = flow.view.labels;
  const width = (g.right - g.left - GAP) / 2;
  const rowsH = (n: number) => n * (SIZE + 3.5) + 6;
  ensure(flow, 22 + rowsH(Math.max(p.rows.length, p.dueDates.length + p.advances.length + (p.advances.length ? 2 : 1), 1)));
  caption(flow, g.left, g.right - g.left, l.payment);
  const top = flow.y - 6;
  const left = rowsBlock(flow, g.left, top, width, p.rows, 8.5, 'left');
  let right = top;
  if (p.dueDates.length) {
    text(flow, g.left + width + GAP, top + SIZE + 3.5, l.dueDate, SIZE, { bold: true });
    right = rowsBlock(flow, g.left + width + GAP, top + SIZE + 3.5, width, p.dueDates);
  }
  if (p.advances.length) {
    text(flow, g.left + width + GAP, right + SIZE + 7, l.advances, SIZE, { bold: true });
    right = rowsBlock(flow, g.left + width + GAP, right + SIZE + 7, width, p.advances);
  }
  flow.y = Math.max(left, right) + 16;
}
