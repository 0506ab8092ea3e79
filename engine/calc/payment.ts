/**
 * bill/payment calculation: defaults (issue date, currency), line indexes, each line's payable
 * (from the referenced document, converted to the payment currency), due amount and tax share,
 * the payment total and the amount of a single payment method. Works in place on a normalized
 * payment; problems are raised as CalculationError with the JSON path of the culprit.
 */
import { add, isZero, mul, negate, rescale, rescaleUp, sub, div, upscale, type Amount } from '../core/amount.ts';
import { currencySubunits } from '../currency/currencies.ts';
import type { ExchangeRate } from '../model/org.ts';
import type { Payment, PaymentLine } from '../model/payment.ts';
import type { DocumentRef, TaxTotal } from '../model/tax.ts';
import type { RegimeDef } from '../tax/regime-def.ts';
import { CalculationError } from './errors.ts';
import { calculateDocumentRef } from './invoice.ts';
import { amountAt, str } from './num.ts';

export interface PaymentCalcEnv {
  readonly regime?: RegimeDef;
  /** Today's date in the regime's time zone, used when the payment has no issue date. */
  readonly today: () => { date: string; time: string };
}

/** The rate converting `from` into `to` (only that direction, as GOBL looks it up). */
function findRate(rates: readonly (ExchangeRate | null)[] | undefined, from: string, to: string): ExchangeRate | undefined {
  return (rates ?? []).find((r): r is ExchangeRate => !!r && r.from === from && r.to === to);
}

/** Applies `fn` to every amount of a tax total, in place. */
function mapTaxTotal(t: TaxTotal, fn: (a: Amount, path: string) => Amount, path: string): void {
  const f = (s: string | null | undefined, p: string) => (s == null ? s : str(fn(amountAt(s, p), p)));
  (t.categories ?? []).forEach((cat, ci) => {
    const cp = `${path}.categories[${ci}]`;
    (cat.rates ?? []).forEach((rt, ri) => {
      const rp = `${cp}.rates[${ri}]`;
      rt.base = f(rt.base, `${rp}.base`);
      rt.amount = f(rt.amount, `${rp}.amount`);
      if (rt.surcharge) rt.surcharge.amount = f(rt.surcharge.amount, `${rp}.surcharge.amount`);
    });
    cat.amount = f(cat.amount, `${cp}.amount`);
    cat.surcharge = f(cat.surcharge, `${cp}.surcharge`);
  });
  t.sum = f(t.sum, `${path}.sum`);
  t.retained = f(t.retained, `${path}.retained`);
}

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

function calculateLine(l: PaymentLine, currency: string, s: number, rates: Payment['exchange_rates'], path: string): void {
  let lineTax: TaxTotal | undefined;
  const doc = l.document;
  if (doc) {
    let rate: Amount | undefined;
    if (doc.currency && doc.currency !== currency) {
      const er = findRate(rates, doc.currency, currency);
      if (!er) throw new CalculationError(`${path}.document.currency`, `missing exchange rate from ${doc.currency} to ${currency}`);
      rate = amountAt(er.amount ?? '0', '$.exchange_rates');
    }
    calculateDocumentRef(doc, currency, `${path}.document`);
    if (doc.tax) {
      lineTax = clone(doc.tax);
      if (rate) mapTaxTotal(lineTax, (a) => rescale(mul(a, rate), s), `${path}.tax`);
    }
    if (doc.payable != null) {
      let payable = amountAt(doc.payable, `${path}.document.payable`);
      if (rate) payable = mul(payable, rate);
      l.payable = str(payable);
    }
  }
  if (l.payable == null) return;
  const payable = amountAt(l.payable, `${path}.payable`);
  const amount = amountAt(l.amount ?? '0', `${path}.amount`);
  if (lineTax) {
    // The line carries the share of the document's taxes that this payment covers.
    const factor = div(upscale(amount, 2), payable);
    mapTaxTotal(lineTax, (a) => rescale(mul(a, factor), s), `${path}.tax`);
    l.tax = lineTax;
  } else if (l.tax) {
    calculateDocumentRef({ tax: l.tax, currency } as DocumentRef, currency, path);
  }
  let due = payable;
  if (l.advances != null) due = sub(due, amountAt(l.advances, `${path}.advances`));
  due = sub(due, amount);
  l.due = str(due);
}

export function calculatePayment(doc: Payment, env: PaymentCalcEnv): void {
  if (!doc.issue_date) {
    const now = env.today();
    doc.issue_date = now.date;
    if (doc.issue_time !== undefined && doc.issue_time !== null) doc.issue_time = now.time;
  }
  if (!doc.currency) {
    if (!env.regime) throw new CalculationError('$.currency', 'currency: required, unable to determine');
    doc.currency = env.regime.currency;
  }
  const currency = doc.currency;
  const s = currencySubunits(currency) ?? 2;

  let total: Amount = { value: 0n, exp: 0 };
  (doc.lines ?? []).forEach((l, i) => {
    if (!l) return;
    const path = `$.lines[${i}]`;
    l.i = i + 1;
    calculateLine(l, currency, s, doc.exchange_rates, path);
    let a = amountAt(l.amount ?? '0', `${path}.amount`);
    if (l.refund) a = negate(a);
    total = add(rescaleUp(total, a.exp), a);
  });
  doc.total = str(total);

  // Go prints a record's amount even when zero; a single method takes the whole total.
  const methods = (doc.methods ?? []).filter((m) => !!m);
  methods.forEach((m, i) => {
    const given = m!.amount != null ? amountAt(m!.amount, `$.methods[${i}].amount`) : undefined;
    if (methods.length === 1 && (!given || isZero(given))) m!.amount = doc.total;
    else if (!given) m!.amount = '0';
  });
}
