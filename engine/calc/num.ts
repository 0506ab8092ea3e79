/** String ⇄ exact decimal helpers for the calculator (the model keeps amounts as strings). */
import { amountToString, parseAmount, type Amount } from '../core/amount.ts';
import { parsePercentage, percentageToString, type Percentage } from '../core/percentage.ts';
import { CalculationError } from './errors.ts';

export function amountAt(s: string, path: string): Amount {
  const r = parseAmount(s);
  if (!r.ok) throw new CalculationError(path, r.error);
  return r.value;
}

export function percentAt(s: string, path: string): Percentage {
  const r = parsePercentage(s);
  if (!r.ok) throw new CalculationError(path, r.error);
  return r.value;
}

export const str = amountToString;
export const pstr = percentageToString;
