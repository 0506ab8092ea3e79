/**
 * Line arithmetic (spec gobl-core §2.4 step 4): item price conversion, sum, line discounts and
 * charges, breakdown sub-lines. Values stay exact here; `roundLine` trims them for presentation.
 */
import { add, matchPrecision, mul, rescale, rescaleDown, rescaleUp, sub, type Amount } from '../core/amount.ts';
import { percentOf } from '../core/percentage.ts';
import type { Line, LineCharge, LineDiscount, SubLine } from '../model/bill.ts';
import type { ExchangeRate, Item } from '../model/org.ts';
import { currencySubunits } from '../currency/currencies.ts';
import { CalculationError } from './errors.ts';
import { amountAt, percentAt, str } from './num.ts';
import { applyRoundingRule, type RoundingRule } from './rounding.ts';

/** GOBL adds two decimals to line prices in precise mode. */
export const EXTRA_PRECISION = 2;

export interface LineEnv {
  readonly currency: string;
  readonly subunits: number;
  readonly rates: readonly ExchangeRate[];
  readonly rr: RoundingRule;
}

/** Exact (unrounded) results of a line, kept aside for the tax totals. */
export interface LineFigures {
  readonly sum: Amount;
  readonly total: Amount;
}

function subunitsOf(code: string | undefined | null, fallback: number): number {
  return (code ? currencySubunits(code) : undefined) ?? fallback;
}

/** Converts the item's price to the document currency (alt price, else exchange rate). */
function convertItemPrice(item: Item, env: LineEnv, path: string): void {
  const own = item.currency || env.currency;
  const price = rescaleUp(amountAt(item.price!, `${path}.price`), subunitsOf(own, env.subunits));
  if (!item.currency || item.currency === env.currency) {
    item.price = str(price);
    return;
  }
  const original = { currency: item.currency, value: str(price) };
  const alt = (item.alt_prices ?? []).find((p) => p.currency === env.currency);
  if (alt) {
    const v = rescaleUp(amountAt(alt.value ?? '0', `${path}.alt_prices`), subunitsOf(alt.currency, env.subunits));
    item.currency = env.currency;
    item.price = str(v);
    item.alt_prices = [original];
    return;
  }
  // GOBL only looks for a rate in the from→to direction, never the inverse.
  const rate = env.rates.find((r) => r.from === item.currency && r.to === env.currency);
  if (!rate) throw new CalculationError(`${path}.currency`, `no exchange rate found from '${item.currency}' to '${env.currency}'`);
  const converted = rescale(mul(price, amountAt(rate.amount ?? '0', '$.exchange_rates')), env.subunits);
  item.price = str(converted);
  item.currency = env.currency;
  item.alt_prices = [original];
}

function applyDiscounts(list: readonly (LineDiscount | null)[] | undefined, sum: Amount, total: Amount, env: LineEnv, path: string): Amount {
  (list ?? []).forEach((d, i) => {
    if (!d) return;
    const p = `${path}.discounts[${i}]`;
    let amount: Amount;
    if (d.percent) {
      let base = sum;
      if (d.base) {
        const b = amountAt(d.base, `${p}.base`);
        d.base = str(rescaleUp(b, env.subunits));
        base = applyRoundingRule(env.rr, env.subunits, rescaleUp(b, env.subunits + EXTRA_PRECISION));
      }
      amount = percentOf(percentAt(d.percent, `${p}.percent`), base);
    } else {
      amount = amountAt(d.amount ?? '0', `${p}.amount`);
    }
    amount = rescaleUp(amount, env.subunits);
    d.amount = str(amount);
    total = sub(total, amount);
  });
  return total;
}

function applyCharges(
  list: readonly (LineCharge | null)[] | undefined,
  quantity: Amount,
  sum: Amount,
  total: Amount,
  env: LineEnv,
  path: string,
): Amount {
  (list ?? []).forEach((c, i) => {
    if (!c) return;
    const p = `${path}.charges[${i}]`;
    let amount = amountAt(c.amount ?? '0', `${p}.amount`);
    if (c.percent) {
      let base = sum;
      if (c.base) {
        const b = amountAt(c.base, `${p}.base`);
        c.base = str(rescaleUp(b, env.subunits));
        base = applyRoundingRule(env.rr, env.subunits, rescaleUp(b, env.subunits + EXTRA_PRECISION));
      }
      amount = percentOf(percentAt(c.percent, `${p}.percent`), base);
    }
    if (c.rate) {
      const q = c.quantity ? amountAt(c.quantity, `${p}.quantity`) : quantity;
      amount = mul(amountAt(c.rate, `${p}.rate`), q);
    }
    amount = rescaleUp(amount, env.subunits);
    c.amount = str(amount);
    total = add(total, amount);
  });
  return total;
}

/** Sum and total of a line or sub-line whose item has a price. */
function priceFigures(l: Line | SubLine, env: LineEnv, path: string, alwaysExtra: boolean): LineFigures {
  const item = l.item!;
  convertItemPrice(item, env, `${path}.item`);
  let price = amountAt(item.price!, `${path}.item.price`);
  if (alwaysExtra || env.rr === 'precise') {
    price = rescaleUp(price, env.subunits + (env.rr === 'precise' ? EXTRA_PRECISION : 0));
  }
  const quantity = amountAt(l.quantity ?? '0', `${path}.quantity`);
  const sum = applyRoundingRule(env.rr, env.subunits, mul(price, quantity));
  let total = applyDiscounts(l.discounts, sum, sum, env, path);
  total = applyCharges(l.charges, quantity, sum, total, env, path);
  return { sum, total };
}

function calculateSubLine(sl: SubLine, env: LineEnv, path: string): LineFigures | undefined {
  if (!sl.item) return undefined;
  if (!sl.item.price) {
    delete sl.sum;
    delete sl.total;
    return undefined;
  }
  const f = priceFigures(sl, env, path, false);
  sl.sum = str(f.sum);
  sl.total = str(f.total);
  return f;
}

export function calculateLine(l: Line, index: number, env: LineEnv, path: string): LineFigures | undefined {
  l.i = index + 1;
  if (!l.item) return undefined;
  (l.substituted ?? []).forEach((sl, i) => {
    if (!sl) return;
    sl.i = i + 1;
    calculateSubLine(sl, env, `${path}.substituted[${i}]`);
  });
  if (l.breakdown && l.breakdown.length > 0) {
    let np = rescale({ value: 0n, exp: 0 }, env.subunits);
    let hasPrice = false;
    let exp = 0;
    l.breakdown.forEach((sl, i) => {
      if (!sl) return;
      sl.i = i + 1;
      const f = calculateSubLine(sl, env, `${path}.breakdown[${i}]`);
      if (f) {
        hasPrice = true;
        np = add(matchPrecision(np, f.total), f.total);
      }
      if (sl.item?.price) exp = Math.max(exp, amountAt(sl.item.price, `${path}.breakdown[${i}].item.price`).exp);
    });
    if (hasPrice) {
      l.item.currency = env.currency;
      l.item.price = str(rescale(np, exp));
      delete l.item.alt_prices;
    }
  }
  if (!l.item.price) {
    delete l.item.alt_prices;
    delete l.sum;
    delete l.total;
    return undefined;
  }
  const f = priceFigures(l, env, path, true);
  l.sum = str(f.sum);
  l.total = str(f.total);
  return f;
}

/** Presentation rounding: a line keeps its (converted) price's precision. */
export function roundLine(l: Line): void {
  if (!l.item?.price || l.sum === undefined) return;
  const e = amountAt(l.item.price, '$').exp;
  const down = (s: string | null | undefined) => (s == null ? s : str(rescaleDown(amountAt(s, '$'), e)));
  l.sum = down(l.sum);
  l.total = down(l.total);
  for (const d of l.discounts ?? []) if (d) d.amount = down(d.amount);
  for (const c of l.charges ?? []) if (c) c.amount = down(c.amount);
  for (const sl of [...(l.breakdown ?? []), ...(l.substituted ?? [])]) {
    if (!sl) continue;
    sl.sum = down(sl.sum);
    sl.total = down(sl.total);
  }
}
