/**
 * The tax breakdown, read from the invoice's calculated rate totals (`totals.taxes`), which the
 * `es-sii-v1` addon has already tagged with SII codes:
 *
 * - `es-sii-outside-scope` (or a combo taxed in another country, e.g. OSS, or Canarian IGIC and
 *   Ceuta/Melilla IPSI, which are outside the VAT territory) → NoSujeta: `other` →
 *   ImportePorArticulos7_14_Otros, `location` → ImporteTAIReglasLocalizacion;
 * - `es-sii-exempt` → Sujeta/Exenta with that CausaExencion;
 * - everything else → Sujeta/NoExenta, `S2` for reverse charge, `S1` otherwise.
 *
 * Rows are grouped by what SII prints (cause, or rate + surcharge) and summed in euros.
 */
import { type Amount, add, mul, rescale } from '../../core/amount.ts';
import { SII_EXEMPT, SII_OUTSIDE_SCOPE, SII_PRODUCT, SII_REGIME } from '../../addons/es-sii/extensions.ts';
import type { Invoice } from '../../model/bill.ts';
import { Ctx, FAULT } from './context.ts';
import { ZERO2, fitsImporte, money, rate, readAmount, readRate, signed } from './format.ts';

/** What SII calls the operation. */
export type Operation =
  | { readonly kind: 'not-subject'; readonly field: 'other' | 'location' }
  | { readonly kind: 'exempt'; readonly cause: string }
  | { readonly kind: 'taxed'; readonly reverse: boolean };

/** One calculated rate total, in euros and with the invoice's sign. */
export interface RateLine {
  readonly op: Operation;
  readonly goods: boolean;
  readonly regime?: string;
  readonly base: Amount;
  readonly quota: Amount;
  /** Percent as SII writes it (21.00); absent for keys without a rate. */
  readonly rate?: Amount;
  readonly surchargeRate?: Amount;
  readonly surchargeQuota?: Amount;
  /** Path of the rate total, for faults. */
  readonly rel: string;
}

/** Categories that SII reports: VAT, and the territorial taxes that put operations outside it. */
const OUTSIDE_VAT_TERRITORY = new Set(['IGIC', 'IPSI']);
const NEEDS_EXEMPT_CODE = new Set(['exempt', 'export', 'intra-community']);

/** Every VAT, IGIC or IPSI rate total; credit notes (`negative`) are negated. */
export function rateLines(ctx: Ctx, inv: Invoice, eur: (a: Amount) => Amount, negative: boolean): RateLine[] {
  const out: RateLine[] = [];
  (inv.totals?.taxes?.categories ?? []).forEach((cat, ci) => {
    if (!cat || cat.retained || (cat.code !== 'VAT' && !OUTSIDE_VAT_TERRITORY.has(cat.code ?? ''))) return;
    (cat.rates ?? []).forEach((r, ri) => {
      if (!r) return;
      const rel = `totals.taxes.categories[${ci}].rates[${ri}]`;
      const ext = r.ext ?? {};
      let op: Operation;
      if (OUTSIDE_VAT_TERRITORY.has(cat.code ?? '') || (r.country && r.country !== 'ES')) op = { kind: 'not-subject', field: 'location' };
      else if (ext[SII_OUTSIDE_SCOPE] || r.key === 'outside-scope') op = { kind: 'not-subject', field: ext[SII_OUTSIDE_SCOPE] === 'other' ? 'other' : 'location' };
      else if (ext[SII_EXEMPT]) op = { kind: 'exempt', cause: ext[SII_EXEMPT] };
      else if (NEEDS_EXEMPT_CODE.has(r.key ?? '')) {
        ctx.fault(FAULT.missing, `${rel}.ext`, `rate key "${r.key}" needs the ${SII_EXEMPT} extension (rebuild with the es-sii-v1 addon)`);
        return;
      } else op = { kind: 'taxed', reverse: r.key === 'reverse-charge' };
      const pct = readRate(r.percent);
      if (op.kind === 'taxed' && !op.reverse && !pct) {
        ctx.fault(FAULT.missing, `${rel}.percent`, 'a subject and not exempt VAT rate needs a percent');
        return;
      }
      const sur = r.surcharge ? readRate(r.surcharge.percent) : undefined;
      const conv = (s: string | null | undefined) => signed(eur(readAmount(s) ?? ZERO2), negative);
      out.push({
        op,
        goods: ext[SII_PRODUCT] === 'goods',
        regime: ext[SII_REGIME],
        base: conv(r.base),
        quota: conv(r.amount),
        rate: pct,
        surchargeRate: sur,
        surchargeQuota: r.surcharge ? conv(r.surcharge.amount) : undefined,
        rel,
      });
    });
  });
  return out;
}

export const plus = (a: Amount | undefined, b: Amount | undefined): Amount | undefined => (a === undefined ? b : b === undefined ? a : add(a, b));

/** `base × rate%` rounded to cents: the VAT a recipient self-assesses. */
export function quotaOf(base: Amount, pct: Amount): Amount {
  return rescale(mul(base, { value: pct.value, exp: pct.exp + 2 }), 2);
}

/** Formats an amount that must fit `ImporteSgn12.2`, faulting otherwise. */
export function importe(ctx: Ctx, a: Amount, rel: string): string {
  if (!fitsImporte(a)) ctx.fault(FAULT.unsupported, rel, `${money(a)} does not fit SII amounts (at most 12 integer digits)`);
  return money(a);
}

/** Formats a rate that must fit `Tipo2.2` (at most 999.99). */
export function tipo(ctx: Ctx, a: Amount, rel: string): string {
  if (a.value >= 100000n) ctx.fault(FAULT.unsupported, rel, `${rate(a)}% does not fit SII rates`);
  return rate(a);
}
