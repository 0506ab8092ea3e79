/**
 * Tax totals (spec gobl-core §2.4 step 8): every taxable line's combos are grouped into category
 * and rate totals. Rate totals match on extensions, country, percent and surcharge, never on key.
 */
import { add, rescale, rescaleUp, type Amount } from '../core/amount.ts';
import { percentOf, percentageEquals, removePercent, type Percentage } from '../core/percentage.ts';
import type { Combo } from '../model/tax.ts';
import { CalculationError } from './errors.ts';
import { percentAt, percentIn, str } from './num.ts';
import { matchRoundingPrecision, type RoundingRule } from './rounding.ts';
import type { PreparedCombo } from './combo.ts';

export interface TaxableLine {
  /** Exact amount the taxes apply to (negative for document discounts). */
  readonly amount: Amount;
  readonly combos: readonly PreparedCombo[];
}

interface RateAcc {
  readonly key?: string;
  readonly country?: string;
  readonly ext?: Readonly<Record<string, string>>;
  readonly percent?: Percentage;
  readonly percentText?: string;
  readonly surcharge?: Percentage;
  readonly surchargeText?: string;
  base: Amount;
  amount?: Amount;
  surchargeAmount?: Amount;
}

interface CategoryAcc {
  readonly code: string;
  readonly retained: boolean;
  readonly informative: boolean;
  readonly rates: RateAcc[];
  amount?: Amount;
  surcharge?: Amount;
}

/** Exact results, plus the output object with every value rounded to the currency. */
export interface TaxTotals {
  readonly categories: readonly CategoryAcc[];
  /** Σ non-retained category amounts and surcharges, exact. */
  readonly sum: Amount;
  /** Σ retained category amounts and surcharges, exact (undefined when none). */
  readonly retained?: Amount;
}

function sameExt(a: Readonly<Record<string, string>> | undefined, b: Readonly<Record<string, string>> | undefined): boolean {
  if (!a && !b) return true;
  const ak = a ? Object.keys(a) : [];
  const bk = b ? Object.keys(b) : [];
  if (ak.length !== bk.length) return false;
  for (const k of ak) if (a![k] !== b?.[k]) return false;
  return true;
}

function samePercent(a: Percentage | undefined, b: Percentage | undefined): boolean {
  if (!a || !b) return !a && !b;
  return percentageEquals(a, b);
}

function rateFor(cat: CategoryAcc, c: Combo, zero: Amount, path: string): RateAcc {
  const percent = c.percent ? percentIn(c.percent, path, '.percent') : undefined;
  const surcharge = c.surcharge ? percentIn(c.surcharge, path, '.surcharge') : undefined;
  const ext = c.ext && Object.keys(c.ext).length > 0 ? c.ext : undefined;
  for (const r of cat.rates) {
    if (sameExt(r.ext, ext) && (r.country ?? '') === (c.country ?? '') && samePercent(r.percent, percent) && (!percent || samePercent(r.surcharge, surcharge))) {
      return r;
    }
  }
  const rate: RateAcc = {
    key: c.key ?? undefined,
    country: c.country ?? undefined,
    ext,
    percent,
    percentText: c.percent ?? undefined,
    surcharge,
    surchargeText: c.surcharge ?? undefined,
    base: zero,
  };
  cat.rates.push(rate);
  return rate;
}

export function calculateTaxTotals(
  lines: readonly TaxableLine[],
  opts: { rr: RoundingRule; subunits: number; pricesInclude?: string; paths: readonly string[] },
): TaxTotals {
  const zero: Amount = { value: 0n, exp: opts.subunits };
  const categories: CategoryAcc[] = [];
  for (let li = 0; li < lines.length; li++) {
    if (!(li in lines)) continue; // as forEach
    const tl = lines[li];
    let amount = tl.amount;
    if (tl.combos.length > 0) amount = rescaleUp(amount, opts.subunits + 2);
    if (opts.pricesInclude) {
      const inc = tl.combos.find((p) => p.combo.cat === opts.pricesInclude);
      if (inc) {
        if (inc.retained || inc.informative) {
          throw new CalculationError('$.tax.prices_include', `cannot include retained or informative category '${opts.pricesInclude}'`);
        }
        if (inc.combo.percent) amount = removePercent(amount, percentAt(inc.combo.percent, opts.paths[li]));
      }
    }
    for (let ci = 0; ci < tl.combos.length; ci++) {
      if (!(ci in tl.combos)) continue; // as forEach
      const p = tl.combos[ci];
      const c = p.combo;
      let cat: CategoryAcc | undefined;
      for (let k = 0; k < categories.length; k++) {
        if (categories[k].code === c.cat) {
          cat = categories[k];
          break;
        }
      }
      if (!cat) {
        cat = { code: c.cat ?? '', retained: p.retained, informative: p.informative, rates: [] };
        categories.push(cat);
      }
      const rate = rateFor(cat, c, zero, opts.paths[li]);
      rate.base = add(matchRoundingPrecision(opts.rr, rate.base, amount), amount);
    }
  }
  let sum = zero;
  let retained: Amount | undefined;
  for (const cat of categories) {
    let catAmount = zero;
    for (const r of cat.rates) {
      if (!r.percent) {
        r.amount = zero;
        continue;
      }
      r.amount = percentOf(r.percent, r.base);
      catAmount = add(matchRoundingPrecision(opts.rr, catAmount, r.amount), r.amount);
      if (r.surcharge) {
        r.surchargeAmount = percentOf(r.surcharge, r.base);
        const s = cat.surcharge ?? zero;
        cat.surcharge = add(matchRoundingPrecision(opts.rr, s, r.surchargeAmount), r.surchargeAmount);
      }
    }
    cat.amount = catAmount;
    if (cat.informative) continue;
    const withSurcharge = cat.surcharge ? add(matchRoundingPrecision(opts.rr, catAmount, cat.surcharge), cat.surcharge) : catAmount;
    if (cat.retained) {
      const acc = retained ?? zero;
      retained = add(matchRoundingPrecision(opts.rr, acc, withSurcharge), withSurcharge);
    } else {
      sum = add(matchRoundingPrecision(opts.rr, sum, withSurcharge), withSurcharge);
    }
  }
  return { categories, sum, retained };
}

/** The `totals.taxes` object, every value rounded independently to the currency. */
export function taxTotalsOutput(t: TaxTotals, subunits: number): Record<string, unknown> | undefined {
  if (t.categories.length === 0) return undefined;
  const out: Record<string, unknown> = {
    categories: t.categories.map((c) => {
      const cat: Record<string, unknown> = { code: c.code };
      if (c.retained) cat.retained = true;
      if (c.informative) cat.informative = true;
      cat.rates = c.rates.map((rt) => {
        const o: Record<string, unknown> = {};
        if (rt.country) o.country = rt.country;
        if (rt.key) o.key = rt.key;
        if (rt.ext) o.ext = sortedExt(rt.ext);
        o.base = rounded(rt.base, subunits);
        if (rt.percentText) o.percent = rt.percentText;
        if (rt.surcharge && rt.surchargeAmount) o.surcharge = { percent: rt.surchargeText, amount: rounded(rt.surchargeAmount, subunits) };
        o.amount = rounded(rt.amount ?? { value: 0n, exp: subunits }, subunits);
        return o;
      });
      cat.amount = rounded(c.amount ?? { value: 0n, exp: subunits }, subunits);
      if (c.surcharge) cat.surcharge = rounded(c.surcharge, subunits);
      return cat;
    }),
    sum: rounded(t.sum, subunits),
  };
  if (t.retained) out.retained = rounded(t.retained, subunits);
  return out;
}

/** An exact amount rounded to `subunits` decimals, as text. */
function rounded(a: Amount, subunits: number): string {
  return str(rescale(a, subunits));
}

export function sortedExt(ext: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(ext).sort()) out[k] = ext[k];
  return out;
}
