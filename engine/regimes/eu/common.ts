/**
 * Shared building blocks of the EU regimes in this folder: every one of them is a VAT-only
 * `RegimeDef` built by `euVatRegime`, so a country file only states what differs — names, currency,
 * time zone, its VAT rate table and the sources those rates come from.
 */
import { vatKeys } from '../../tax/keys.ts';
import type { I18n, RateDef, RateValueDef, RegimeDef, Source } from '../../tax/regime-def.ts';

/** The EU's own overview of every member state's VAT rates (Your Europe, European Commission). */
export const EU_VAT_RATES: Source = {
  title: { en: 'Your Europe - VAT rules and rates', es: 'Tu Europa - Normas y tipos del IVA' },
  url: 'https://europa.eu/youreurope/business/taxation/vat/vat-rules-rates/index_en.htm',
};

/** Like every GOBL VAT rate, ours only apply to combos with the `standard` key. */
const STANDARD = ['standard'] as const;

/** One rate of the VAT table; `values` newest first, as calculation picks the first that applies. */
export function vatRate(rate: string, name: I18n, values?: readonly RateValueDef[]): RateDef {
  return values ? { rate, keys: STANDARD, name, values } : { rate, keys: STANDARD, name };
}

export interface EuVatRegimeInput {
  readonly country: string;
  readonly altCountryCodes?: readonly string[];
  readonly name: I18n;
  readonly currency: string;
  readonly timeZone: string;
  /** Only when GOBL's regime sets one; absent means `precise`. */
  readonly calculatorRoundingRule?: 'precise' | 'currency';
  /** Short and long local names of the tax, e.g. `BTW` / `Belasting over de toegevoegde waarde`. */
  readonly vatName: I18n;
  readonly vatTitle: I18n;
  readonly rates: readonly RateDef[];
  /** Where the rates come from: the national tax authority or the law that sets them. */
  readonly rateSources: readonly Source[];
  /** Regime-level sources beyond the EU overview (e.g. the national VAT act). */
  readonly sources?: readonly Source[];
}

/**
 * A VAT-only regime: the global VAT keys, the given rates, no tags, scenarios, corrections or
 * identity rules. `normalizeTaxCode` stays undefined so tax IDs of these countries get the
 * engine's generic normalization (uppercase, strip noise and the country prefix), as in GOBL.
 */
export function euVatRegime(i: EuVatRegimeInput): RegimeDef {
  const regime: RegimeDef = {
    country: i.country,
    name: i.name,
    currency: i.currency,
    timeZone: i.timeZone,
    taxScheme: 'VAT',
    tags: [],
    categories: [{ code: 'VAT', name: i.vatName, title: i.vatTitle, keys: vatKeys, rates: i.rates, sources: i.rateSources }],
    scenarios: [],
    corrections: [],
    sources: [...(i.sources ?? []), EU_VAT_RATES],
  };
  return {
    ...regime,
    ...(i.altCountryCodes ? { altCountryCodes: i.altCountryCodes } : {}),
    ...(i.calculatorRoundingRule ? { calculatorRoundingRule: i.calculatorRoundingRule } : {}),
  };
}
