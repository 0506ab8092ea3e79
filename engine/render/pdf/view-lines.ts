/** The lines table as text: one row per invoice line, cells already formatted. */
import type { Invoice, Line } from '../../model/bill.ts';
import { formatDecimal, formatPercent } from './format.ts';
import { unitLabel } from './words.ts';
import type { ViewContext } from './view.ts';

export interface LineRow {
  readonly index: string;
  readonly name: string;
  /** Smaller lines under the name: description, reference, period, line notes. */
  readonly extra: readonly string[];
  readonly quantity: string;
  readonly unit: string;
  readonly price: string;
  /** Discounts ("-10 %", "-5,00") and charges ("+2,50"), one per line. */
  readonly adjustments: readonly string[];
  /** The line's tax rates, one per line: "21 %", "IRPF -15 %". */
  readonly taxes: readonly string[];
  readonly amount: string;
}

export interface LinesView {
  readonly rows: readonly LineRow[];
  /** Optional columns, shown only when some line has a value. */
  readonly hasUnit: boolean;
  readonly hasAdjustments: boolean;
  readonly hasTaxes: boolean;
}

const clean = (s: string | null | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim();

/** Categories withheld from the payable (IRPF in Spain) print with a minus. */
const RETAINED = new Set(['IRPF']);

function lineRow(line: Line, cx: ViewContext, n: number): LineRow {
  const loc = cx.locale;
  const item = line.item ?? {};
  const extra: string[] = [];
  if (clean(item.description)) extra.push(clean(item.description));
  if (clean(item.ref)) extra.push(`Ref. ${clean(item.ref)}`);
  if (line.period?.start || line.period?.end) extra.push([cx.date(line.period.start), cx.date(line.period.end)].filter(Boolean).join(' – '));
  for (const note of line.notes ?? []) if (clean(note?.text)) extra.push(clean(note?.text));
  const adjustments: string[] = [];
  for (const d of line.discounts ?? []) {
    if (!d) continue;
    adjustments.push(d.percent ? `-${formatPercent(d.percent, loc)}` : `-${formatDecimal(d.amount ?? '0', loc)}`);
  }
  for (const c of line.charges ?? []) {
    if (!c) continue;
    adjustments.push(c.percent ? `+${formatPercent(c.percent, loc)}` : `+${formatDecimal(c.amount ?? '0', loc)}`);
  }
  const taxes = (line.taxes ?? []).flatMap((t) => {
      if (!t) return [];
      const cat = clean(t.cat).toUpperCase();
      if (!t.percent) return [];
      const pct = formatPercent(t.percent, loc);
      const text = RETAINED.has(cat) ? `${cat} -${pct}` : pct;
    return [t.surcharge ? `${text} + ${formatPercent(t.surcharge, loc)}` : text];
  });
  return {
    index: String(line.i ?? n),
    name: clean(item.name),
    extra,
    quantity: line.quantity ? formatDecimal(line.quantity, loc) : '',
    unit: unitLabel(loc, item.unit),
    price: item.price ? formatDecimal(item.price, loc) : '',
    adjustments,
    taxes,
    amount: formatDecimal(line.total ?? line.sum ?? '', loc),
  };
}

export function linesView(inv: Invoice, cx: ViewContext): LinesView {
  const rows = (inv.lines ?? []).flatMap((line, i) => (line ? [lineRow(line, cx, i + 1)] : []));
  return {
    rows,
    hasUnit: rows.some((r) => r.unit !== ''),
    hasAdjustments: rows.some((r) => r.adjustments.length > 0),
    hasTaxes: rows.some((r) => r.taxes.length > 0),
  };
}
