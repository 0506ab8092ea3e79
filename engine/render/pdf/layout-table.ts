/**
 * The lines table. Rows never split; when one does not fit, the page breaks and the header row
 * is drawn again at the top of the next page.
 */
import { COLORS, ensure, rule, text, type Flow } from './flow.ts';
import { fitText, wrapText, type Measure } from './text.ts';
import type { LineRow } from './view-lines.ts';

interface Column {
  readonly key: 'index' | 'item' | 'quantity' | 'unit' | 'price' | 'adjustments' | 'taxes' | 'amount';
  readonly label: string;
  readonly width: number;
  readonly align: 'left' | 'right';
}

const SIZE = 8.5;
const SMALL = 7.5;
const LINE = 11;
const SMALL_LINE = 9.5;
const PAD = 4;
const HEAD_H = 18;

function columns(flow: Flow): Column[] {
  const { view, g } = flow;
  const l = view.labels;
  const lv = view.lines;
  const wide = (label: string, min: number) => Math.max(min, flow.measure(label, SMALL, true) + 2 * PAD);
  const cols: Column[] = [{ key: 'index', label: '#', width: 20, align: 'left' }, { key: 'item', label: l.item, width: 0, align: 'left' }];
  cols.push({ key: 'quantity', label: l.quantity, width: wide(l.quantity, 44), align: 'right' });
  if (lv.hasUnit) cols.push({ key: 'unit', label: l.unit, width: wide(l.unit, 34), align: 'left' });
  cols.push({ key: 'price', label: l.price, width: wide(l.price, 62), align: 'right' });
  if (lv.hasAdjustments) cols.push({ key: 'adjustments', label: l.discounts, width: wide(l.discounts, 54), align: 'right' });
  if (lv.hasTaxes) cols.push({ key: 'taxes', label: l.taxes, width: wide(l.taxes, taxesWidth(flow)), align: 'right' });
  cols.push({ key: 'amount', label: l.amount, width: wide(l.amount, 70), align: 'right' });
  const fixed = cols.reduce((s, c) => s + c.width, 0);
  return cols.map((c) => (c.key === 'item' ? { ...c, width: g.right - g.left - fixed } : c));
}

/** Wide enough for the longest tax rate (e.g. "IRPF -15 %"), within reason. */
function taxesWidth(flow: Flow): number {
  const widest = Math.max(0, ...flow.view.lines.rows.flatMap((r) => r.taxes.map((t) => flow.measure(t, SIZE, false))));
  return Math.min(110, Math.max(40, widest + 2 * PAD));
}

function header(flow: Flow, cols: readonly Column[]): void {
  const { g } = flow;
  flow.page.boxes.push({ kind: 'rect', x: g.left, y: flow.y, w: g.right - g.left, h: HEAD_H, fill: COLORS.headFill });
  let x = g.left;
  for (const c of cols) {
    const tx = c.align === 'right' ? x + c.width - PAD : x + PAD;
    text(flow, tx, flow.y + 12, c.label, SMALL, { bold: true, color: COLORS.accent, align: c.align });
    x += c.width;
  }
  flow.y += HEAD_H;
}

interface RowCells {
  readonly name: string[];
  readonly extra: string[];
  readonly adjustments: readonly string[];
  readonly taxes: readonly string[];
  readonly height: number;
}

function cellsOf(row: LineRow, itemWidth: number, maxHeight: number, measure: Measure): RowCells {
  const w = itemWidth - 2 * PAD;
  const name = wrapText(row.name || '—', w, { size: SIZE, bold: false }, measure);
  let extra = row.extra.flatMap((e) => wrapText(e, w, { size: SMALL, bold: false }, measure));
  // A row never outgrows a page: very long descriptions are cut with an ellipsis.
  const room = Math.floor((maxHeight - 2 * PAD - name.length * LINE) / SMALL_LINE);
  if (extra.length > room) extra = [...extra.slice(0, Math.max(0, room - 1)), '…'];
  const textH = name.length * LINE + extra.length * SMALL_LINE;
  const stackH = Math.max(1, row.adjustments.length, row.taxes.length) * LINE;
  return { name, extra, adjustments: row.adjustments, taxes: row.taxes, height: Math.max(textH, stackH) + 2 * PAD - 1 };
}

function drawRow(flow: Flow, cols: readonly Column[], row: LineRow, cells: RowCells): void {
  const top = flow.y;
  const base = top + PAD + SIZE;
  let x = flow.g.left;
  for (const c of cols) {
    const inner = c.width - 2 * PAD;
    const tx = c.align === 'right' ? x + c.width - PAD : x + PAD;
    const one = (s: string) => text(flow, tx, base, fitText(s, inner, { size: SIZE, bold: false }, flow.measure), SIZE, { align: c.align });
    switch (c.key) {
      case 'index':
        text(flow, tx, base, row.index, SMALL, { color: COLORS.muted });
        break;
      case 'item': {
        let y = base;
        for (const line of cells.name) {
          text(flow, tx, y, line, SIZE);
          y += LINE;
        }
        y -= LINE - SMALL_LINE;
        for (const line of cells.extra) {
          text(flow, tx, y, line, SMALL, { color: COLORS.muted });
          y += SMALL_LINE;
        }
        break;
      }
      case 'adjustments':
      case 'taxes':
        cells[c.key].forEach((a, i) => text(flow, tx, base + i * LINE, fitText(a, inner, { size: SIZE, bold: false }, flow.measure), SIZE, { align: 'right' }));
        break;
      default:
        one(row[c.key]);
    }
    x += c.width;
  }
  flow.y = top + cells.height;
  rule(flow, flow.g.left, flow.g.right, flow.y, COLORS.faint, 0.5);
}

export function layoutLines(flow: Flow): void {
  const cols = columns(flow);
  const itemWidth = cols.find((c) => c.key === 'item')!.width;
  const maxRow = flow.g.bottom - flow.g.top - 28 - HEAD_H - 4;
  const rows = flow.view.lines.rows;
  ensure(flow, HEAD_H + (rows.length ? 30 : 0));
  header(flow, cols);
  flow.onBreak = (f) => header(f, cols);
  for (const row of rows) {
    const cells = cellsOf(row, itemWidth, maxRow, flow.measure);
    ensure(flow, cells.height);
    drawRow(flow, cols, row, cells);
  }
  flow.onBreak = undefined;
  rule(flow, flow.g.left, flow.g.right, flow.y, COLORS.rule, 0.8);
  flow.y += 16;
}
