/**
 * `DetallesFactura`: one IDDetalleFactura per line with a price (required by Gipuzkoa and Araba,
 * ignored by Bizkaia, emitted for all). ImporteTotal is the line total *with* the line's
 * non-retained taxes; with `prices_include` the included tax is first removed from price, sum and
 * total (GOBL's RemoveIncludedTaxes: two extra decimals, then ÷ (1 + rate)), on a copy.
 */
import { type Amount, ZERO, add, matchPrecision, negate, rescale, rescaleDown, rescaleUp, sub, upscale, amountToString } from '../../core/amount.ts';
import { type Percentage, parsePercentage, percentOf, removePercent } from '../../core/percentage.ts';
import type { Line } from '../../model/bill.ts';
import { type Ctx, FAULT, amountAt, text } from './common.ts';
import type { XObject } from './xml.ts';

/** Extra decimals GOBL adds before dividing out an included tax. */
const TAX_REMOVAL_ACCURACY = 2;
/** `ImporteSgn12.8`: at most eight decimals. */
const MAX_LINE_DECIMALS = 8;

export function buildDetalles(ctx: Ctx, retained: ReadonlySet<string>): XObject | undefined {
  const rows: XObject[] = [];
  (ctx.inv.lines ?? []).forEach((line, i) => {
    if (!line || !line.item || line.item.price === undefined || line.item.price === null) return;
    rows.push(detalle(ctx, line, `${ctx.base}.lines[${i}]`, retained));
  });
  if (rows.length > 1000) ctx.faults.add(FAULT.limit, `${ctx.base}.lines`, `TicketBAI allows at most 1000 detail lines, the invoice has ${rows.length}`);
  return rows.length > 0 ? { IDDetalleFactura: rows } : undefined;
}

function percentOrUndefined(ctx: Ctx, value: string | null | undefined, path: string): Percentage | undefined {
  if (value === undefined || value === null) return undefined;
  const p = parsePercentage(value);
  if (!p.ok) {
    ctx.faults.add(FAULT.amount, path, p.error);
    return undefined;
  }
  return p.value;
}

function detalle(ctx: Ctx, line: Line, path: string, retained: ReadonlySet<string>): XObject {
  const f = ctx.faults;
  const item = line.item!;
  const quantity = amountAt(f, line.quantity ?? '1', `${path}.quantity`);
  let price = amountAt(f, item.price, `${path}.item.price`);
  let sum = amountAt(f, line.sum, `${path}.sum`);
  let total = amountAt(f, line.total, `${path}.total`);

  const included = ctx.inv.tax?.prices_include;
  if (included) {
    const i = (line.taxes ?? []).findIndex((c) => c?.cat === included);
    const p = i >= 0 ? percentOrUndefined(ctx, line.taxes![i]!.percent, `${path}.taxes[${i}].percent`) : undefined;
    if (p) {
      const strip = (a: Amount) => removePercent(upscale(a, TAX_REMOVAL_ACCURACY), p);
      price = strip(price);
      sum = strip(sum);
      total = strip(total);
    }
  }

  // Non-retained taxes of the line, on the (net) line total.
  let taxes: Amount = ZERO;
  (line.taxes ?? []).forEach((c, j) => {
    if (!c || !c.cat || retained.has(c.cat)) return;
    const p = percentOrUndefined(ctx, c.percent, `${path}.taxes[${j}].percent`);
    if (!p) return;
    const amount = percentOf(p, total);
    // gobl.ticketbai accumulated into a zero with no decimals, rounding each tax to whole units.
    taxes = ctx.legacyLineTotals ? add(taxes, amount) : add(matchPrecision(taxes, amount), amount);
  });
  const gross = add(total, taxes);
  const discount = sub(sum, total);

  const sign = (a: Amount) => (ctx.negate ? negate(a) : a);
  const unit = ctx.legacyLineTotals ? rescale(price, 2) : rescaleDown(rescaleUp(price, 2), MAX_LINE_DECIMALS);
  return {
    DescripcionDetalle: text(f, item.name, `${path}.item.name`, 'item name', 250, true) ?? '',
    Cantidad: amountToString(sign(rescaleDown(quantity, MAX_LINE_DECIMALS))),
    ImporteUnitario: amountToString(unit),
    Descuento: amountToString(sign(ctx.legacyLineTotals ? rescaleDown(discount, MAX_LINE_DECIMALS) : rescale(discount, 2))),
    ImporteTotal: amountToString(sign(rescale(gross, 2))),
  };
}
