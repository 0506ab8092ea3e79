/** First-page head: logo and supplier, title and number, the VERI*FACTU QR; then customer and details. */
import { COLORS, caption, text, type Flow, type LogoBox } from './flow.ts';
import { layoutVerifactu, VERIFACTU_BLOCK_WIDTH } from './layout-compliance.ts';
import { wrapText } from './text.ts';
import type { PartyView } from './view.ts';

const GAP = 24;

/** Logo and supplier on the left, title and number on the right (left of the VERI*FACTU QR). */
export function layoutHeader(flow: Flow, logo: LogoBox | undefined): void {
  const { g, view, measure } = flow;
  const top = flow.y;
  let right = g.right;
  let rightBottom = top;
  if (view.compliance.verifactu) {
    // AEAT: the QR goes at the start of the invoice; top right keeps it clear of the content.
    rightBottom = layoutVerifactu(flow, g.right - VERIFACTU_BLOCK_WIDTH, top, view.compliance.verifactu);
    right = g.right - VERIFACTU_BLOCK_WIDTH - 18;
  }
  // Title block, right-aligned: its width decides how much room the supplier gets.
  // Long titles (or less room, beside the VERI*FACTU QR) get a smaller size so the supplier keeps its column.
  const titleSize = flow.measure(view.title, 19, true) > (right - g.left) * 0.4 ? 15 : 19;
  const titleLines = wrapText(view.title, Math.min(260, right - g.left - 160), { size: titleSize, bold: true }, measure);
  let ty = top + titleSize - 3;
  for (const line of titleLines) {
    text(flow, right, ty, line, titleSize, { bold: true, color: COLORS.accent, align: 'right' });
    ty += titleSize + 3;
  }
  text(flow, right, ty + 4, view.number, 11, { bold: true, align: 'right' });
  const issue = view.meta.find(([label]) => label === view.labels.issueDate)?.[1];
  if (issue) text(flow, right, ty + 18, issue, 9, { color: COLORS.muted, align: 'right' });
  rightBottom = Math.max(rightBottom, ty + 22);
  const titleWidth = Math.max(...titleLines.map((l) => measure(l, titleSize, true)), measure(view.number, 11, true));

  // Supplier block on the left.
  let y = top;
  if (logo) {
    // The asked height, unless that makes the logo wider than half the header.
    const ratio = logo.width / logo.height;
    const w = Math.min(ratio * logo.printHeight, (right - g.left) * 0.5);
    const h = w / ratio;
    flow.page.boxes.push({ kind: 'logo', x: g.left, y, w, h });
    y += h + 10;
  }
  const width = Math.max(140, right - g.left - titleWidth - GAP);
  y = partyBlock(flow, g.left, y, width, view.supplier, 12.5);
  flow.y = Math.max(y, rightBottom) + 16;
}

/** Name in bold, then the detail lines; returns the y below the block. */
function partyBlock(flow: Flow, x: number, top: number, width: number, p: PartyView, nameSize: number): number {
  const { measure } = flow;
  let y = top;
  for (const line of wrapText(p.name || '—', width, { size: nameSize, bold: true }, measure)) {
    y += nameSize + 1;
    text(flow, x, y, line, nameSize, { bold: true });
  }
  y += 3;
  for (const d of p.details) {
    for (const line of wrapText(d, width, { size: 8.5, bold: false }, measure)) {
      y += 11.5;
      text(flow, x, y, line, 8.5, { color: COLORS.muted });
    }
  }
  return y;
}

/** Label/value rows: the label muted on the left, the value on the right; returns the bottom y. */
export function rowsBlock(flow: Flow, x: number, top: number, width: number, rows: readonly (readonly [string, string])[], size = 8.5, align: 'left' | 'right' = 'right'): number {
  const { measure } = flow;
  const labelWidth = Math.min(width * 0.48, Math.max(0, ...rows.map(([l]) => measure(l, size, false))) + 10);
  const vx = align === 'right' ? x + width : x + labelWidth;
  let y = top;
  for (const [label, value] of rows) {
    const lines = wrapText(value, width - labelWidth, { size, bold: false }, measure);
    y += size + 3.5;
    text(flow, x, y, label, size, { color: COLORS.muted });
    lines.forEach((line, i) => text(flow, vx, y + i * (size + 3.5), line, size, { align }));
    y += (lines.length - 1) * (size + 3.5);
  }
  return y;
}

/** Customer (with other parties) and the invoice details, side by side. */
export function layoutParties(flow: Flow): void {
  const { g, view } = flow;
  const colWidth = (g.right - g.left - GAP) / 2;
  const top = flow.y;
  const l = view.labels;
  let leftBottom = top;
  let metaX = g.left + colWidth + GAP;
  if (view.customer) {
    caption(flow, g.left, colWidth, l.customer);
    let y = partyBlock(flow, g.left, flow.y - 4, colWidth, view.customer, 10.5);
    if (view.others.length) y = rowsBlock(flow, g.left, y + 4, colWidth, view.others, 8, 'left');
    leftBottom = y;
    flow.y = top;
  } else metaX = g.left;
  caption(flow, metaX, colWidth, l.invoiceData);
  const metaBottom = rowsBlock(flow, metaX, flow.y - 4, colWidth, view.meta);
  if (!view.customer && view.others.length) leftBottom = rowsBlock(flow, g.left + colWidth + GAP, top, colWidth, view.others, 8, 'left');
  flow.y = Math.max(leftBottom, metaBottom) + 22;
}
