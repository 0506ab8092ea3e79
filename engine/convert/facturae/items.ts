/** Items/InvoiceLine: one per calculated line (lines without a total are skipped). */
import type { Invoice, Line } from '../../model/bill.ts';
import { FAULT, type Ctx } from './context.ts';
import { minimal, money } from './format.ts';
import { lineTaxes } from './taxes.ts';
import { adjustments } from './totals.ts';
import { el, group, list, type XNode } from './xml.ts';

function invoiceLine(ctx: Ctx, inv: Invoice, line: Line, i: number): XNode {
  const path = ctx.at(`lines[${i}]`);
  const taxes = lineTaxes(line, inv.totals?.taxes);
  if (!taxes.outputs) ctx.fault(FAULT.missing, `${path}.taxes`, 'FacturaE needs at least one output tax on every line (e.g. VAT, exempt or outside scope)');
  return group(
    'InvoiceLine',
    el('ItemDescription', ctx.text(line.item?.name ?? '', 2500, `${path}.item.name`)),
    el('Quantity', line.quantity ?? '0'),
    el('UnitPriceWithoutTax', minimal(line.item?.price ?? '0')),
    el('TotalCost', money(line.sum)),
    list('DiscountsAndRebates', adjustments(ctx, 'Discount', line.discounts, `${path}.discounts`)),
    list('Charges', adjustments(ctx, 'Charge', line.charges, `${path}.charges`)),
    el('GrossAmount', money(line.total)),
    taxes.withheld,
    taxes.outputs,
  )!;
}

export function items(ctx: Ctx, inv: Invoice): XNode {
  const lines = (inv.lines ?? []).flatMap((l, i) => (l && l.total != null ? [invoiceLine(ctx, inv, l, i)] : []));
  // The XSD requires at least one InvoiceLine: an invoice of document charges only cannot be written.
  if (lines.length === 0) ctx.fault(FAULT.missing, ctx.at('lines'), 'FacturaE needs at least one invoice line (Items/InvoiceLine); document charges alone cannot be written');
  return { name: 'Items', children: lines };
}
