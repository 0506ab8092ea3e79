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

/** Is `r` a rate for the combo key (`''`: rates without keys)? */
function forKey(r: RateDef, key: string): boolean {
  if (key === '') return !r.keys || r.keys.length === 0;
  return !!r.keys && r.keys.includes(key);
}

function findRateDef(cat: CategoryDef, key: string, rate: string): RateDef | undefined {
  const rates = cat.rates ?? [];
  for (let i = 0; i < rates.length; i++) if (i in rates && forKey(rates[i], key) && rates[i].rate === rate) return rates[i];
  // `general+foo` falls back to `general` (GOBL compares the first `+` segment).
  const base = rate.split('+')[0];
  for (let i = 0; i < rates.length; i++) if (i in rates && forKey(rates[i], key) && rates[i].rate === base) return rates[i];
  return undefined;
}

function extContains(ext: Readonly<Record<string, string>> | undefined, filter: Readonly<Record<string, string>> | undefined): boolean {
  if (!filter) return true;
  const keys = Object.keys(filter);
  for (let i = 0; i < keys.length; i++) if (ext?.[keys[i]] !== filter[keys[i]]) return false;
  return true;
}

export function prepareCombo(combo: Combo, env: ComboEnv, path: string): PreparedCombo {
  return prepareComboAt(combo, env, path, -1);
}

/** The combo's path: `base.taxes[index]`, or `base` itself for index -1 (written for errors only). */
function comboPath(base: string, index: number): string {
  return index < 0 ? base : `${base}.taxes[${index}]`;
}

/** `prepareCombo` for the combo at `base.taxes[index]` (see comboPath). */
export function prepareComboAt(combo: Combo, env: ComboEnv, base: string, index: number): PreparedCombo {
  let regime = env.regime;
  if (combo.country) {
    if (regime && combo.country === regime.country) {
      delete combo.country;
    } else {
      regime = env.regimes.get(combo.country);
    }
  }
  if (!regime) return { combo, retained: false, informative: false };
  // Loops rather than `find` with a callback (no closure per combo); like `find`, they read
  // holes as undefined.
  let cat: CategoryDef | undefined;
  const categories = regime.categories;
  for (let i = 0; i < categories.length; i++) {
    if (categories[i].code === combo.cat) {
      cat = categories[i];
      break;
    }
  }
  if (!cat) throw new CalculationError(`${comboPath(base, index)}.cat`, `'${combo.cat ?? ''}' not defined in regime`);
  const prepared = { combo, category: cat, retained: !!cat.retained, informative: !!cat.informative };
  if (cat.keys && cat.keys.length > 0 && !combo.key) combo.key = 'standard';
  let keyDef: NonNullable<CategoryDef['keys']>[number] | undefined;
  if (cat.keys) {
    for (let i = 0; i < cat.keys.length; i++) {
      if (cat.keys[i].key === combo.key) {
        keyDef = cat.keys[i];
        break;
      }
    }
  }
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
      `${comboPath(base, index)}.rate`,
      `'${combo.rate}' rate not defined for key '${key}' in category '${cat.code}'`,
    );
  }
  if (!rateDef.values || rateDef.values.length === 0) return prepared;
  const values = rateDef.values;
  let value: (typeof values)[number] | undefined;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!v.disabled && extContains(combo.ext ?? undefined, v.ext) && (!v.since || v.since <= env.date)) {
      value = v;
      break;
    }
  }
  if (!value) throw new CalculationError(`${comboPath(base, index)}.rate`, `rate value unavailable for '${combo.rate}' on ${env.date}`);
  combo.percent = value.percent;
  if (value.surcharge) combo.surcharge = value.surcharge;
  else delete combo.surcharge;
  return prepared;
}
