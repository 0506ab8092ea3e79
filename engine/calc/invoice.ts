/**
 * GOBL's bill calculation (spec gobl-core §2.4) for invoices, orders and deliveries: defaults,
 * lines, document discounts and charges, tax totals, totals, advances and due dates, then the
 * presentation rounding. Works in place on an already normalized document.
 */
import { add, negate, rescale, rescaleDown, rescaleUp, sub, type Amount } from '../core/amount.ts';
import { percentOf, isZeroPercentage } from '../core/percentage.ts';
import type { Charge, Discount, Invoice, Line } from '../model/bill.ts';
import type { DocumentRef } from '../model/tax.ts';
import type { RegimeDef } from '../tax/regime-def.ts';
import { currencySubunits } from '../currency/currencies.ts';
import { prepareComboAt, type ComboEnv, type PreparedCombo } from './combo.ts';
import { CalculationError } from './errors.ts';
import { calculateLine, roundLine, type LineEnv, type LineFigures } from './lines.ts';
import { amountAt, percentAt, str } from './num.ts';
import { applyRoundingRule, normalizeRoundingRule, type RoundingRule } from './rounding.ts';
import { calculateTaxTotals, taxTotalsOutput, type TaxableLine } from './tax-totals.ts';

export interface CalcEnv {
  readonly regime?: RegimeDef;
  readonly regimes: ReadonlyMap<string, RegimeDef>;
  /** Today's date in the regime's time zone, used when the document has no issue date. */
  readonly today: () => { date: string; time: string };
}

type BillDoc = Invoice & { [k: string]: unknown };

function roundingRule(doc: BillDoc, regime: RegimeDef | undefined): RoundingRule {
  const rr = normalizeRoundingRule(doc.tax?.rounding) ?? regime?.calculatorRoundingRule ?? 'precise';
  return rr === 'currency' ? 'currency' : 'precise';
}

/** Document discounts and charges: amounts from percent of the line sum (or their own base). */
function calculateAdjustments(list: readonly (Discount | Charge | null)[] | undefined, sum: Amount, rr: RoundingRule, s: number, path: string): (Amount | undefined)[] {
  const exact: (Amount | undefined)[] = [];
  (list ?? []).forEach((d, i) => {
    if (!d) {
      exact.push(undefined);
      return;
    }
    d.i = i + 1;
    const p = `${path}[${i}]`;
    let amount: Amount;
    if (d.percent && !isZeroPercentage(percentAt(d.percent, `${p}.percent`))) {
      const base = d.base ? applyRoundingRule(rr, s, rescaleUp(amountAt(d.base, `${p}.base`), s + 2)) : sum;
      amount = applyRoundingRule(rr, s, percentOf(percentAt(d.percent, `${p}.percent`), base));
    } else {
      amount = applyRoundingRule(rr, s, amountAt(d.amount ?? '0', `${p}.amount`));
    }
    d.amount = str(amount);
    exact.push(amount);
  });
  return exact;
}

function sumExact(values: readonly (Amount | undefined)[], zero: Amount): Amount {
  let acc = zero;
  for (const v of values) if (v) acc = add(rescaleUp(acc, v.exp), v);
  return acc;
}

/** Preceding document tax totals are recalculated from their bases and rounded. */
export function calculateDocumentRef(ref: DocumentRef, currency: string, path: string): void {
  const t = ref.tax;
  if (!t) return;
  const s = currencySubunits(ref.currency || currency) ?? 2;
  const zero: Amount = { value: 0n, exp: s };
  let sum = zero;
  let retained: Amount | undefined;
  (t.categories ?? []).forEach((cat, ci) => {
    let amount = zero;
    let surcharge: Amount | undefined;
    (cat.rates ?? []).forEach((rt, ri) => {
      const rp = `${path}.tax.categories[${ci}].rates[${ri}]`;
      const base = amountAt(rt.base ?? '0', `${rp}.base`);
      const rAmount = rt.percent ? percentOf(percentAt(rt.percent, `${rp}.percent`), base) : zero;
      amount = add(rescaleUp(amount, rAmount.exp), rAmount);
      rt.base = str(rescale(base, s));
      rt.amount = str(rescale(rAmount, s));
      if (rt.surcharge?.percent) {
        const sa = percentOf(percentAt(rt.surcharge.percent, `${rp}.surcharge.percent`), base);
        rt.surcharge.amount = str(rescale(sa, s));
        surcharge = add(rescaleUp(surcharge ?? zero, sa.exp), sa);
      }
    });
    cat.amount = str(rescale(amount, s));
    if (surcharge) cat.surcharge = str(rescale(surcharge, s));
    const all = surcharge ? add(rescaleUp(amount, surcharge.exp), surcharge) : amount;
    if (cat.informative) return;
    if (cat.retained) retained = add(rescaleUp(retained ?? zero, all.exp), all);
    else sum = add(rescaleUp(sum, all.exp), all);
  });
  t.sum = str(rescale(sum, s));
  if (retained) t.retained = str(rescale(retained, s));
}

function prepareCombos(taxes: Line['taxes'], env: ComboEnv, path: string): PreparedCombo[] {
  const out: PreparedCombo[] = [];
  if (!taxes) return out;
  for (let i = 0; i < taxes.length; i++) {
    if (!(i in taxes)) continue; // as forEach
    const c = taxes[i];
    if (c) out.push(prepareComboAt(c, env, path, i));
  }
  return out;
}

export function calculateBill(doc: BillDoc, env: CalcEnv): void {
  const regime = env.regime;
  // An issue time that is present but zero means "now": date and time both take the clock.
  const zeroTime = doc.issue_time === '' || doc.issue_time === '00:00:00' || doc.issue_time === '00:00';
  if (zeroTime) {
    const now = env.today();
    doc.issue_date = now.date;
    doc.issue_time = now.time;
  } else if (!doc.issue_date) {
    doc.issue_date = env.today().date;
  }
  const date = doc.value_date || doc.issue_date;
  if (!doc.currency || currencySubunits(doc.currency) === undefined) {
    if (!regime) throw new CalculationError('$.currency', 'currency: missing');
    doc.currency = regime.currency;
  }
  if (doc.$tags?.includes('bypass')) return;

  const currency = doc.currency;
  const s = currencySubunits(currency)!;
  const zero: Amount = { value: 0n, exp: s };
  const rr = roundingRule(doc, regime);
  const rounding = doc.totals?.rounding ?? undefined;

  if (doc.$tags?.includes('customer-rates')) {
    const country = doc.customer?.tax_id?.country;
    if (country) {
      for (const set of [...(doc.lines ?? []), ...(doc.discounts ?? []), ...(doc.charges ?? [])]) {
        for (const c of set?.taxes ?? []) if (c) c.country = country;
      }
    }
  }

  (doc.preceding ?? []).forEach((ref, i) => calculateDocumentRef(ref, currency, `$.preceding[${i}]`));

  const lineEnv: LineEnv = { currency, subunits: s, rates: doc.exchange_rates ?? [], rr };
  // Each line's path, written once (calculation, tax combos, tax totals).
  const linePaths: string[] = [];
  const figures: (LineFigures | undefined)[] = (doc.lines ?? []).map((l, i) =>
    l ? calculateLine(l, i, lineEnv, (linePaths[i] = `$.lines[${i}]`)) : undefined,
  );
  const lineSum = sumExact(figures.filter((f): f is LineFigures => !!f).map((f) => f.total), zero);
  let total = lineSum;

  const discountAmounts = calculateAdjustments(doc.discounts, lineSum, rr, s, '$.discounts');
  const discount = doc.discounts && doc.discounts.length > 0 ? sumExact(discountAmounts, zero) : undefined;
  if (discount) total = sub(rescaleUp(total, discount.exp), discount);
  const chargeAmounts = calculateAdjustments(doc.charges, lineSum, rr, s, '$.charges');
  const charge = doc.charges && doc.charges.length > 0 ? sumExact(chargeAmounts, zero) : undefined;
  if (charge) total = add(rescaleUp(total, charge.exp), charge);

  const comboEnv: ComboEnv = { regime, regimes: env.regimes, date: date! };
  const taxable: TaxableLine[] = [];
  const paths: string[] = [];
  (doc.lines ?? []).forEach((l, i) => {
    const f = figures[i];
    if (!l || !f) return;
    taxable.push({ amount: f.total, combos: prepareCombos(l.taxes, comboEnv, linePaths[i]) });
    paths.push(linePaths[i]);
  });
  (doc.discounts ?? []).forEach((d, i) => {
    if (!d) return;
    taxable.push({ amount: negate(discountAmounts[i] ?? zero), combos: prepareCombos(d.taxes, comboEnv, `$.discounts[${i}]`) });
    paths.push(`$.discounts[${i}]`);
  });
  (doc.charges ?? []).forEach((c, i) => {
    if (!c) return;
    taxable.push({ amount: chargeAmounts[i] ?? zero, combos: prepareCombos(c.taxes, comboEnv, `$.charges[${i}]`) });
    paths.push(`$.charges[${i}]`);
  });

  if (taxable.length === 0) {
    delete doc.totals;
    (doc.lines ?? []).forEach((l) => l && roundLine(l));
    return;
  }

  const pit = doc.tax?.prices_include || undefined;
  const taxes = calculateTaxTotals(taxable, { rr, subunits: s, pricesInclude: pit, paths });
  let taxIncluded: Amount | undefined;
  const included = pit ? taxes.categories.find((c) => c.code === pit) : undefined;
  if (included?.amount) {
    taxIncluded = included.amount;
    total = sub(rescaleUp(total, taxIncluded.exp), taxIncluded);
  }
  const tax = taxes.sum;
  const totalWithTax = add(rescaleUp(total, tax.exp), tax);
  let payable = totalWithTax;
  if (taxes.retained) payable = sub(rescaleUp(payable, taxes.retained.exp), taxes.retained);
  if (rounding) {
    const r = amountAt(rounding, '$.totals.rounding');
    payable = add(rescaleUp(payable, r.exp), r);
  }

  let advance: Amount | undefined;
  const pd = doc.payment;
  if (pd) {
    const advances = (pd.advances ?? []).filter((a) => !!a);
    advances.forEach((a, i) => {
      const p = `$.payment.advances[${i}]`;
      let v = amountAt(a!.amount ?? '0', `${p}.amount`);
      if (a!.percent) v = percentOf(percentAt(a!.percent, `${p}.percent`), payable);
      a!.amount = str(rescale(v, s));
    });
    if (advances.length > 0) advance = sumExact(advances.map((a) => amountAt(a!.amount!, '$')), zero);
    (pd.terms?.due_dates ?? []).forEach((d, i) => {
      if (!d?.percent) return;
      const pc = percentAt(d.percent, `$.payment.terms.due_dates[${i}].percent`);
      if (isZeroPercentage(pc)) return;
      d.amount = str(rescale(percentOf(pc, payable), s));
    });
  }

  (doc.lines ?? []).forEach((l) => l && roundLine(l));
  (doc.discounts ?? []).forEach((d) => roundAdjustment(d, s));
  (doc.charges ?? []).forEach((c) => roundAdjustment(c, s));

  const out: Record<string, unknown> = { sum: rounded(lineSum, s) };
  if (discount) out.discount = rounded(discount, s);
  if (charge) out.charge = rounded(charge, s);
  if (taxIncluded) out.tax_included = rounded(taxIncluded, s);
  out.total = rounded(total, s);
  const taxesOut = taxTotalsOutput(taxes, s);
  if (taxesOut) out.taxes = taxesOut;
  out.tax = rounded(tax, s);
  out.total_with_tax = rounded(totalWithTax, s);
  if (taxes.retained) out.retained_tax = rounded(taxes.retained, s);
  if (rounding) out.rounding = rounding;
  out.payable = rounded(payable, s);
  if (advance) {
    out.advance = rounded(advance, s);
    out.due = rounded(sub(rescaleUp(payable, advance.exp), advance), s);
  }
  doc.totals = out as Invoice['totals'];
}

/** An exact amount rounded to the currency's `s` decimals, as text. */
function rounded(a: Amount, s: number): string {
  return str(rescale(a, s));
}

function roundAdjustment(d: Discount | Charge | null, s: number): void {
  if (!d || d.amount == null) return;
  const e = d.base ? amountAt(d.base, '$').exp : s;
  d.amount = str(rescaleDown(amountAt(d.amount, '$'), Math.max(e, 0)));
}
