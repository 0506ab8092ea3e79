/**
 * GOBL's two rounding rules (spec gobl-core §2.3). `precise` keeps every decimal until the final
 * presentation step; `currency` rounds each line to the currency's subunits before summing.
 */
import { matchPrecision, rescale, rescaleUp, type Amount } from '../core/amount.ts';

export type RoundingRule = 'precise' | 'currency';

/** Legacy names are rewritten by normalization; anything else unknown is treated as precise. */
export function normalizeRoundingRule(rule: string | undefined | null): string | undefined {
  if (rule === 'sum-then-round') return 'precise';
  if (rule === 'round-then-sum') return 'currency';
  return rule ?? undefined;
}

export function applyRoundingRule(rr: RoundingRule, subunits: number, a: Amount): Amount {
  return rr === 'currency' ? rescale(a, subunits) : rescaleUp(a, subunits);
}

/** Prepares an accumulator before adding `x`: precise keeps x's decimals, currency rounds x. */
export function matchRoundingPrecision(rr: RoundingRule, acc: Amount, x: Amount): Amount {
  return rr === 'currency' ? acc : matchPrecision(acc, x);
}
