/**
 * Line arithmetic (spec gobl-core §2.4 step 4): item price conversion, sum, line discounts and
 * charges, breakdown sub-lines. Values stay exact here; `roundLine` trims them for presentation.
 */
import { add, canonicalDecimals, roundDownText, matchPrecision, mul, rescale, rescaleDown, rescaleUp, sub, type Amount } from '../core/amount.ts';
import { percentOf } from '../core/percentage.ts';
import type { Line, LineCharge, LineDiscount, SubLine } from '../model/bill.ts';
import type { ExchangeRate, Item } from '../model/org.ts';
import { currencySubunits } from '../currency/currencies.ts';
import { CalculationError } from './errors.ts';
import { amountAt, amountIn, percentIn, rereadable, str } from './num.ts';
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

/**
 * Converts the item's price to the document currency (alt price, else exchange rate). `path` is
 * the line's. Returns the new price when it is in the document currency already, else undefined.
 */
function convertItemPrice(item: Item, env: LineEnv, path: string): Amount | undefined {
  const own = item.currency || env.currency;
  const price = rescaleUp(amountIn(item.price!, path, '.item.price'), subunitsOf(own, env.subunits));
  if (!item.currency || item.currency === env.currency) {
    item.price = str(price);
    return price;
  }
  const original = { currency: item.currency, value: str(price) };
  const alt = (item.alt_prices ?? []).find((p) => p.currency === env.currency);
  if (alt) {
    const v = rescaleUp(amountAt(alt.value ?? '0', `${path}.item.alt_prices`), subunitsOf(alt.currency, env.subunits));
    item.currency = env.currency;
    item.price = str(v);
    item.alt_prices = [original];
    return undefined;
  }
  // GOBL only looks for a rate in the from→to direction, never the inverse.
  const rate = env.rates.find((r) => r.from === item.currency && r.to === env.currency);
  if (!rate) throw new CalculationError(`${path}.item.currency`, `no exchange rate found from '${item.currency}' to '${env.currency}'`);
  const converted = rescale(mul(price, amountAt(rate.amount ?? '0', '$.exchange_rates')), env.subunits);
  item.price = str(converted);
  item.currency = env.currency;
  item.alt_prices = [original];
  return undefined;
}

function applyDiscounts(list: readonly (LineDiscount | null)[] | undefined, sum: Amount, total: Amount, env: LineEnv, path: string): Amount {
  if (!list) return total;
  for (let i = 0; i < list.length; i++) {
    const d = list[i];
    if (!(i in list) || !d) continue;
    const p = `${path}.discounts[${i}]`;
    let amount: Amount;
    if (d.percent) {
      let base = sum;
      if (d.base) {
        const b = amountIn(d.base, p, '.base');
        d.base = str(rescaleUp(b, env.subunits));
        base = applyRoundingRule(env.rr, env.subunits, rescaleUp(b, env.subunits + EXTRA_PRECISION));
      }
      amount = percentOf(percentIn(d.percent, p, '.percent'), base);
    } else {
      amount = amountIn(d.amount ?? '0', p, '.amount');
    }
    amount = rescaleUp(amount, env.subunits);
    d.amount = str(amount);
    total = sub(total, amount);
  }
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
  if (!list) return total;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (!(i in list) || !c) continue;
    const p = `${path}.charges[${i}]`;
    let amount = amountIn(c.amount ?? '0', p, '.amount');
    if (c.percent) {
      let base = sum;
      if (c.base) {
        const b = amountIn(c.base, p, '.base');
        c.base = str(rescaleUp(b, env.subunits));
        base = applyRoundingRule(env.rr, env.subunits, rescaleUp(b, env.subunits + EXTRA_PRECISION));
      }
      amount = percentOf(percentIn(c.percent, p, '.percent'), base);
    }
    if (c.rate) {
      const q = c.quantity ? amountIn(c.quantity, p, '.quantity') : quantity;
      amount = mul(amountIn(c.rate, p, '.rate'), q);
    }
    amount = rescaleUp(amount, env.subunits);
    c.amount = str(amount);
    total = add(total, amount);
  }
  return total;
}

/** Sum and total of a line or sub-line whose item has a price. */
function priceFigures(l: Line | SubLine, env: LineEnv, path: string, alwaysExtra: boolean): LineFigures {
  const item = l.item!;
  const converted = convertItemPrice(item, env, path);
  // The price as just written, read back (or taken as is when reading it back changes nothing).
  let price = converted !== undefined && rereadable(converted) ? converted : amountIn(item.price!, path, '.item.price');
  if (alwaysExtra || env.rr === 'precise') {
    price = rescaleUp(price, env.subunits + (env.rr === 'precise' ? EXTRA_PRECISION : 0));
  }
  const quantity = amountIn(l.quantity ?? '0', path, '.quantity');
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
  const substituted = l.substituted;
  if (substituted) {
    // (Loops here and below stand for forEach, skipping holes, without a closure per line.)
    for (let i = 0; i < substituted.length; i++) {
      const sl = substituted[i];
      if (!(i in substituted) || !sl) continue;
      sl.i = i + 1;
      calculateSubLine(sl, env, `${path}.substituted[${i}]`);
    }
  }
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

/** An amount rounded down to at most `e` decimals (null and undefined stay as they are). */
function down(s: string | null | undefined, e: number): string | null | undefined {
  if (s == null) return s;
  // Text the calculator printed is canonical: usually kept as is or only cut short.
  const text = typeof s === 'string' ? roundDownText(s, e) : undefined;
  return text ?? str(rescaleDown(amountAt(s, '$'), e));
}

/** Presentation rounding: a line keeps its (converted) price's precision. */
export function roundLine(l: Line): void {
  if (!l.item?.price || l.sum === undefined) return;
  const d = typeof l.item.price === 'string' ? canonicalDecimals(l.item.price) : -1;
  const e = d >= 0 ? d : amountAt(l.item.price, '$').exp;
  l.sum = down(l.sum, e);
  l.total = down(l.total, e);
  // (for-of over each list, holes read as undefined, without building lists to iterate.)
  const { discounts, charges, breakdown, substituted } = l;
  if (discounts) for (let i = 0; i < discounts.length; i++) if (discounts[i]) discounts[i]!.amount = down(discounts[i]!.amount, e);
  if (charges) for (let i = 0; i < charges.length; i++) if (charges[i]) charges[i]!.amount = down(charges[i]!.amount, e);
  if (breakdown) roundSubLines(breakdown, e);
  if (substituted) roundSubLines(substituted, e);
}

function roundSubLines(list: readonly (SubLine | null)[], e: number): void {
  for (let i = 0; i < list.length; i++) {
    const sl = list[i];
    if (!sl) continue;
    sl.sum = down(sl.sum, e);
    sl.total = down(sl.total, e);
  }
}
