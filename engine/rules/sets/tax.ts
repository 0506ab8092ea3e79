/**
 * Package `tax`: add-on lists, tax combos (checked against the regime's categories, keys and
 * rates), tax sets, tax identities and tax notes.
 *
 * Combo checks use the combo's own `country` regime when it has one (from `ctx.regimes`), else
 * the document's regime; with no regime known they pass, as in GOBL.
 *
 * Not implemented, because they validate regime and addon *definitions* rather than documents
 * (our definitions are typed TypeScript data, checked by their own tests):
 * GOBL-TAX-ADDONDEF-01/02, GOBL-TAX-CATEGORYDEF-01..04, GOBL-TAX-CORRECTIONDEFINITION-01,
 * GOBL-TAX-RATEDEF-01..04, GOBL-TAX-REGIMEDEF-01..05, GOBL-TAX-SCENARIOSET-01/02.
 */
import type { RuleContext, RuleSet } from '../define.ts';
import type { CategoryDef, RateDef, RegimeDef } from '../../tax/regime-def.ts';
import { asObject, isSet, matches, noDuplicates, required } from '../is.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** The regime a combo is checked against: its own country's, else the document's. */
export function comboRegime(combo: any, ctx: RuleContext): RegimeDef | undefined {
  const country = typeof combo?.country === 'string' ? combo.country : '';
  if (country === '') return ctx.regime;
  const r = ctx.regime;
  if (r && (r.country === country || r.altCountryCodes?.includes(country))) return r;
  return ctx.regimes?.get(country);
}

export function categoryDef(regime: RegimeDef | undefined, code: unknown): CategoryDef | undefined {
  return regime?.categories.find((c) => c.code === code);
}

/** A rate usable with `key`: rates without keys only serve combos without a key. */
function rateHasKey(r: RateDef, key: string): boolean {
  return key === '' ? !r.keys?.length : !!r.keys?.includes(key);
}

/** GOBL's `CategoryDef.RateDef`: exact rate first, else a rate the given one extends (`x+y`). */
export function rateDef(cd: CategoryDef, key: string, rate: string): RateDef | undefined {
  let fallback: RateDef | undefined;
  for (const r of cd.rates ?? []) {
    if (!rateHasKey(r, key)) continue;
    if (r.rate === rate) return r;
    if (!fallback && rate.startsWith(`${r.rate}+`)) fallback = r;
  }
  return fallback;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function comboCategoryValid(c: any, ctx: RuleContext): boolean {
  const rd = comboRegime(c, ctx);
  return !rd || !!categoryDef(rd, c.cat);
}

function comboKeyValid(c: any, ctx: RuleContext): boolean {
  if (str(c.key) === '') return true;
  const cd = categoryDef(comboRegime(c, ctx), c.cat);
  return !cd || !!cd.keys?.some((k) => k.key === c.key);
}

function comboRateValid(c: any, ctx: RuleContext): boolean {
  if (str(c.rate) === '') return true;
  const cd = categoryDef(comboRegime(c, ctx), c.cat);
  return !cd || !!rateDef(cd, str(c.key), str(c.rate));
}

function comboPercentValid(c: any, ctx: RuleContext): boolean {
  const cd = categoryDef(comboRegime(c, ctx), c.cat);
  if (!cd) return true;
  if (str(c.key) === '') return isSet(c.percent);
  const kd = cd.keys?.find((k) => k.key === c.key);
  if (!kd) return true; // unknown key: GOBL-TAX-COMBO-02 reports it
  return kd.noPercent ? !isSet(c.percent) : isSet(c.percent);
}

/** Is an extension key registered by any regime or addon? */
export function extensionKnown(key: string, ctx: RuleContext): boolean {
  if (ctx.extensionKeys) return ctx.extensionKeys.has(key);
  return ctx.addons.some((a) => a.extensions.some((e) => e.key === key));
}

const combo: RuleSet = {
  object: 'tax/combo',
  assertions: [
    { code: 'GOBL-TAX-COMBO-01', desc: 'tax category not valid for regime', test: (c, _n, ctx) => comboCategoryValid(c, ctx) },
    { code: 'GOBL-TAX-COMBO-02', desc: 'tax combo key not valid for category in regime', test: (c, _n, ctx) => comboKeyValid(c, ctx) },
    { code: 'GOBL-TAX-COMBO-03', desc: 'tax combo rate not valid for key in regime', test: (c, _n, ctx) => comboRateValid(c, ctx) },
    {
      code: 'GOBL-TAX-COMBO-04',
      desc: 'tax combo percent required or invalid for key in regime',
      test: (c, _n, ctx) => comboPercentValid(c, ctx),
    },
    {
      code: 'GOBL-TAX-COMBO-05',
      desc: 'tax combo surcharge requires percent in regime',
      test: (c: any) => !isSet(c.surcharge) || isSet(c.percent),
    },
    {
      code: 'GOBL-TAX-COMBO-06',
      desc: 'tax combo extension key not defined in regime',
      test: (c: any, _n, ctx) => Object.keys(asObject(c.ext) ?? {}).every((k) => extensionKnown(k, ctx)),
    },
  ],
};

/** Combo checks that need the regime's categories (01–04); the rest hold in any regime. */
export const REGIME_COMBO_CODES: readonly string[] = ['GOBL-TAX-COMBO-01', 'GOBL-TAX-COMBO-02', 'GOBL-TAX-COMBO-03', 'GOBL-TAX-COMBO-04'];

const setRule = {
  code: 'GOBL-TAX-SET-01',
  desc: 'all tax categories in a set must be unique',
  field: 'taxes',
  test: noDuplicates((c) => str(c.cat)),
};

/** Documents carrying `$addons` (GOBL's embedded tax.Addons). */
const addonsRule = {
  code: 'GOBL-TAX-ADDONS-01',
  desc: 'add-on must be registered',
  field: '$addons',
  each: true,
  test: (k: unknown, _n: unknown, ctx: RuleContext) => typeof k === 'string' && ctx.hasAddon(k),
};

const identity: RuleSet = {
  object: 'tax/identity',
  assertions: [
    required('GOBL-TAX-IDENTITY-01', 'tax id country code is always required', 'country'),
    { code: 'GOBL-TAX-IDENTITY-02', desc: 'tax id code must have a valid format', field: 'code', test: matches(/^[A-Z0-9Ñ&]+$/) },
    {
      code: 'GOBL-TAX-IDENTITY-03',
      desc: 'tax id scheme must be a valid code',
      field: 'scheme',
      ifPresent: true,
      test: matches(/^[A-ZÑa-z0-9]+(?:[.\-:/,_& ]?[A-ZÑa-z0-9]+)*$/),
    },
  ],
};

export const taxRuleSets: readonly RuleSet[] = [
  ...(['bill/invoice', 'bill/order', 'bill/delivery', 'bill/payment', 'bill/status'] as const).map(
    (object): RuleSet => ({ object, assertions: [addonsRule] }),
  ),
  combo,
  // A tax.Set is the `taxes` list of lines, discounts and charges.
  ...(['bill/line', 'bill/discount', 'bill/charge'] as const).map((object): RuleSet => ({ object, assertions: [setRule] })),
  identity,
  { object: 'tax/note', assertions: [required('GOBL-TAX-NOTE-01', 'tax note text is required', 'text')] },
];

