/**
 * Prepares a tax combo for calculation (spec gobl-core §2.4.1): picks the regime for its country,
 * defaults the key, and replaces the percent (and surcharge) with the rate's value on the tax date.
 */
import type { Combo } from '../model/tax.ts';
import type { CategoryDef, RateDef, RegimeDef } from '../tax/regime-def.ts';
import { CalculationError } from './errors.ts';

export interface PreparedCombo {
  readonly combo: Combo;
  readonly category?: CategoryDef;
  readonly retained: boolean;
  readonly informative: boolean;
}

export interface ComboEnv {
  readonly regime?: RegimeDef;
  readonly regimes: ReadonlyMap<string, RegimeDef>;
  /** ISO date used to choose dated rate values: value_date, else issue_date. */
  readonly date: string;
}

function findRateDef(cat: CategoryDef, key: string, rate: string): RateDef | undefined {
  const candidates = (cat.rates ?? []).filter((r) =>
    key === '' ? !r.keys || r.keys.length === 0 : (r.keys ?? []).includes(key),
  );
  const exact = candidates.find((r) => r.rate === rate);
  if (exact) return exact;
  // `general+foo` falls back to `general` (GOBL compares the first `+` segment).
  const base = rate.split('+')[0];
  return candidates.find((r) => r.rate === base);
}

function extContains(ext: Readonly<Record<string, string>> | undefined, filter: Readonly<Record<string, string>> | undefined): boolean {
  if (!filter) return true;
  for (const [k, v] of Object.entries(filter)) if (ext?.[k] !== v) return false;
  return true;
}

export function prepareCombo(combo: Combo, env: ComboEnv, path: string): PreparedCombo {
  let regime = env.regime;
  if (combo.country) {
    if (regime && combo.country === regime.country) {
      delete combo.country;
    } else {
      regime = env.regimes.get(combo.country);
    }
  }
  if (!regime) return { combo, retained: false, informative: false };
  const cat = regime.categories.find((c) => c.code === combo.cat);
  if (!cat) throw new CalculationError(`${path}.cat`, `'${combo.cat ?? ''}' not defined in regime`);
  const prepared = { combo, category: cat, retained: !!cat.retained, informative: !!cat.informative };
  if (cat.keys && cat.keys.length > 0 && !combo.key) combo.key = 'standard';
  const keyDef = cat.keys?.find((k) => k.key === combo.key);
  if (keyDef?.noPercent) {
    delete combo.percent;
    delete combo.surcharge;
    return prepared;
  }
  if (!combo.rate) return prepared;
  const key = combo.key ?? '';
  const rateDef = findRateDef(cat, key, combo.rate);
  if (!rateDef) {
    throw new CalculationError(
      `${path}.rate`,
      `'${combo.rate}' rate not defined for key '${key}' in category '${cat.code}'`,
    );
  }
  if (!rateDef.values || rateDef.values.length === 0) return prepared;
  const value = rateDef.values.find(
    (v) => !v.disabled && extContains(combo.ext ?? undefined, v.ext) && (!v.since || v.since <= env.date),
  );
  if (!value) throw new CalculationError(`${path}.rate`, `rate value unavailable for '${combo.rate}' on ${env.date}`);
  combo.percent = value.percent;
  if (value.surcharge) combo.surcharge = value.surcharge;
  else delete combo.surcharge;
  return prepared;
}
