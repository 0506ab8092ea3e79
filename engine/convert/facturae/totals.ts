/**
 * InvoiceTotals with general discounts and surcharges, subsidies and payments on account.
 *
 * InvoiceTotal follows FacturaE's definition, TotalGrossAmountBeforeTaxes + TotalTaxOutputs −
 * TotalTaxesWithheld (GOBL's `total_with_tax − retained_tax`, on the written two-decimal
 * values), and the outstanding amount is derived from it. The reference converter writes
 * `total_with_tax` and GOBL's unrounded `payable`, which breaks FacturaE's identities whenever
 * IRPF is withheld (by the whole withholding, and by a cent after precise rounding).
 * `legacyTotals` writes those reference values on purpose, to reproduce its documents.
 */
import { type Amount, add, rescale, sub } from '../../core/amount.ts';
import type { Invoice } from '../../model/bill.ts';
import { EXT_SUBSIDY } from '../../addons/es-facturae/extensions.ts';
import type { Ctx } from './context.ts';
import { amount, money, rate } from './format.ts';
import { taxTotals } from './taxes.ts';
import { el, group, list, type XNode } from './xml.ts';

interface Adjustment {
  readonly reason?: string | null;
  readonly percent?: string | null;
  readonly amount?: string | null;
}

/** Discount/Charge entries, shared by lines and the invoice. */
export function adjustments(ctx: Ctx, kind: 'Discount' | 'Charge', items: readonly (Adjustment | null)[] | null | undefined, path: string): XNode[] {
  return (items ?? []).flatMap((d, i) =>
    d
      ? [
          group(
            kind,
            el(`${kind}Reason`, ctx.text(d.reason ?? '', 2500, `${path}[${i}].reason`)),
            d.percent ? el(`${kind}Rate`, rate(d.percent)) : undefined,
            el(`${kind}Amount`, money(d.amount)),
          )!,
        ]
      : [],
  );
}

interface Figures {
  readonly beforeTaxes: Amount;
  readonly outputs: Amount;
  readonly withheld: Amount;
  readonly invoiceTotal: Amount;
  readonly subsidies: Amount;
  readonly paymentsOnAccount: Amount;
  readonly outstanding: Amount;
}

const isSubsidy = (a: { ext?: Record<string, string> | null } | null | undefined) => a?.ext?.[EXT_SUBSIDY] === 'S';

/**
 * The invoice-level identities of FacturaE, on the two-decimal values as written (so they hold
 * exactly in the XML): InvoiceTotal = before taxes + outputs − withheld; outstanding =
 * executable = InvoiceTotal − subsidies − payments on account.
 * With `legacy`, InvoiceTotal is GOBL's `total_with_tax` and the outstanding amount GOBL's
 * `due` (or `payable`), as the reference converter writes them.
 */
export function figures(inv: Invoice, legacy = false): Figures {
  const t = inv.totals;
  const two = (s: string | null | undefined) => rescale(amount(s), 2);
  const taxes = taxTotals(t?.taxes);
  const beforeTaxes = two(t?.total);
  const invoiceTotal = legacy ? two(t?.total_with_tax) : sub(add(beforeTaxes, taxes.outputs), taxes.withheld);
  let subsidies: Amount = { value: 0n, exp: 2 };
  let paymentsOnAccount: Amount = { value: 0n, exp: 2 };
  for (const a of inv.payment?.advances ?? []) {
    if (!a) continue;
    if (isSubsidy(a)) subsidies = add(subsidies, two(a.amount));
    else paymentsOnAccount = add(paymentsOnAccount, two(a.amount));
  }
  const outstanding = legacy ? two(t?.due ?? t?.payable) : sub(sub(invoiceTotal, subsidies), paymentsOnAccount);
  return { beforeTaxes, outputs: taxes.outputs, withheld: taxes.withheld, invoiceTotal, subsidies, paymentsOnAccount, outstanding };
}

export function invoiceTotals(ctx: Ctx, inv: Invoice): XNode {
  const t = inv.totals!;
  const f = figures(inv, ctx.legacyTotals);
  const gross = t.tax_included ? sub(amount(t.sum), amount(t.tax_included)) : amount(t.sum);
  const advances = (inv.payment?.advances ?? []).map((a, i) => ({ a: a!, i })).filter((x) => !!x.a);
  const subsidies = advances.filter((x) => isSubsidy(x.a));
  const onAccount = advances.filter((x) => !isSubsidy(x.a));
  const ap = ctx.at('payment.advances');
  return group(
    'InvoiceTotals',
    el('TotalGrossAmount', money(gross)),
    list('GeneralDiscounts', adjustments(ctx, 'Discount', inv.discounts, ctx.at('discounts'))),
    list('GeneralSurcharges', adjustments(ctx, 'Charge', inv.charges, ctx.at('charges'))),
    t.discount ? el('TotalGeneralDiscounts', money(t.discount)) : undefined,
    t.charge ? el('TotalGeneralSurcharges', money(t.charge)) : undefined,
    el('TotalGrossAmountBeforeTaxes', money(f.beforeTaxes)),
    el('TotalTaxOutputs', money(f.outputs)),
    el('TotalTaxesWithheld', money(f.withheld)),
    el('InvoiceTotal', money(f.invoiceTotal)),
    list(
      'Subsidies',
      subsidies.map(({ a, i }) =>
        group(
          'Subsidy',
          el('SubsidyDescription', ctx.text(a.description ?? '', 2500, `${ap}[${i}].description`)),
          a.percent ? el('SubsidyRate', rate(a.percent)) : undefined,
          el('SubsidyAmount', money(a.amount)),
        ),
      ),
    ),
    list(
      'PaymentsOnAccount',
      onAccount.map(({ a }) =>
        group('PaymentOnAccount', el('PaymentOnAccountDate', a.date || inv.issue_date || ''), el('PaymentOnAccountAmount', money(a.amount))),
      ),
    ),
    el('TotalOutstandingAmount', money(f.outstanding)),
    onAccount.length > 0 ? el('TotalPaymentsOnAccount', money(f.paymentsOnAccount)) : undefined,
    el('TotalExecutableAmount', money(f.outstanding)),
  )!;
}
