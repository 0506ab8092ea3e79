/**
 * TaxesOutputs / TaxesWithheld, for the invoice (from the GOBL tax totals) and for each line
 * (re-computed on the line total with two extra decimals, as FacturaE wants taxes per line).
 */
import { type Amount, add, rescale, upscale } from '../../core/amount.ts';
import { percentOf } from '../../core/percentage.ts';
import type { Line } from '../../model/bill.ts';
import type { CategoryTotal, TaxTotal } from '../../model/tax.ts';
import { amount, money, percentage, rate, rate2 } from './format.ts';
import { el, group, list, opt, type XNode } from './xml.ts';

/** FacturaE TaxTypeCode per GOBL category; anything else is 05 "Otro". */
const TAX_TYPE_CODES: Readonly<Record<string, string>> = { VAT: '01', IPSI: '02', IGIC: '03', IRPF: '04', IRNR: '28' };

export function taxTypeCode(cat: string | null | undefined): string {
  return (cat && TAX_TYPE_CODES[cat.toUpperCase()]) || '05';
}

interface TaxFigures {
  readonly cat: string;
  readonly rate: string;
  readonly base: Amount;
  readonly amount: Amount;
  readonly surcharge?: string;
  readonly surchargeAmount?: Amount;
}

function taxNode(t: TaxFigures): XNode {
  return group(
    'Tax',
    el('TaxTypeCode', taxTypeCode(t.cat)),
    el('TaxRate', t.rate),
    group('TaxableBase', el('TotalAmount', money(t.base))),
    group('TaxAmount', el('TotalAmount', money(t.amount))),
    opt('EquivalenceSurcharge', t.surcharge),
    t.surchargeAmount ? group('EquivalenceSurchargeAmount', el('TotalAmount', money(t.surchargeAmount))) : undefined,
  )!;
}

function split(figures: readonly (TaxFigures & { retained: boolean })[]): { outputs?: XNode; withheld?: XNode } {
  return {
    outputs: list('TaxesOutputs', figures.filter((f) => !f.retained).map(taxNode)),
    withheld: list('TaxesWithheld', figures.filter((f) => f.retained).map(taxNode)),
  };
}

const reported = (c: CategoryTotal | null | undefined): c is CategoryTotal => !!c && !c.informative;

/** Invoice-level taxes, one Tax per GOBL rate total. */
export function invoiceTaxes(taxes: TaxTotal | null | undefined): { outputs?: XNode; withheld?: XNode } {
  const figures = (taxes?.categories ?? []).filter(reported).flatMap((ct) =>
    (ct.rates ?? []).map((rt) => {
      const sp = rt.surcharge?.percent ? percentage(rt.surcharge.percent) : undefined;
      return {
        cat: ct.code ?? '',
        retained: !!ct.retained,
        rate: rate(rt.percent),
        base: amount(rt.base),
        amount: amount(rt.amount),
        surcharge: !ct.retained && sp ? rate2(sp) : undefined,
        surchargeAmount: !ct.retained && sp ? amount(rt.surcharge?.amount) : undefined,
      };
    }),
  );
  return split(figures);
}

/** Regular taxes (surcharges included) and withheld taxes, two decimals. */
export function taxTotals(taxes: TaxTotal | null | undefined): { outputs: Amount; withheld: Amount } {
  let regular: Amount = { value: 0n, exp: 2 };
  let retained: Amount = { value: 0n, exp: 2 };
  for (const ct of (taxes?.categories ?? []).filter(reported)) {
    if (ct.retained) retained = add(retained, rescale(amount(ct.amount), 2));
    else {
      regular = add(regular, rescale(amount(ct.amount), 2));
      if (ct.surcharge) regular = add(regular, rescale(amount(ct.surcharge), 2));
    }
  }
  return { outputs: regular, withheld: retained };
}

/**
 * Line taxes: each combo of the line whose category appears in the invoice totals, applied to
 * the line total with two more decimals (so 3140.4967 × 15% = 471.07, not 471.08).
 */
export function lineTaxes(line: Line, taxes: TaxTotal | null | undefined): { outputs?: XNode; withheld?: XNode } {
  let total = amount(line.total);
  if (total.exp < 4) total = upscale(total, 2);
  const cats = new Map((taxes?.categories ?? []).filter(reported).map((c) => [c.code, c]));
  const figures = (line.taxes ?? []).flatMap((combo) => {
    const ct = combo?.cat ? cats.get(combo.cat) : undefined;
    if (!combo || !ct) return [];
    const p = percentage(combo.percent);
    const s = !ct.retained && combo.surcharge ? percentage(combo.surcharge) : undefined;
    return [
      {
        cat: ct.code ?? '',
        retained: !!ct.retained,
        rate: rate(p),
        base: total,
        amount: p ? percentOf(p, total) : { value: 0n, exp: 2 },
        surcharge: s ? rate2(s) : undefined,
        surchargeAmount: s ? percentOf(s, total) : undefined,
      },
    ];
  });
  return split(figures);
}
