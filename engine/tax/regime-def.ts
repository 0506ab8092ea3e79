/**
 * Shapes of the legal data a regime or addon provides: tax categories with their keys and dated
 * rate values, scenarios and correction definitions. They mirror GOBL's `tax.RegimeDef` so the
 * same data can describe any country, but every value is written in our own files with its source.
 */

/** Text in several languages, keyed by ISO 639-1 code (`en`, `es`, `eu`...). */
export type I18n = Readonly<Record<string, string>>;

export interface Source {
  readonly title: I18n | string;
  readonly url: string;
}

export interface RateValueDef {
  /** ISO date from which this value applies; empty means "always". Values are listed newest first. */
  readonly since?: string;
  /** Percentage string exactly as GOBL prints it, e.g. "21.0%". */
  readonly percent: string;
  /** Equivalence surcharge percentage, e.g. "5.2%". */
  readonly surcharge?: string;
  /** Only applies when the combo's extensions contain all of these. */
  readonly ext?: Readonly<Record<string, string>>;
  readonly disabled?: boolean;
}

export interface RateDef {
  /** Rate key, e.g. `general`, `reduced+eqs`. */
  readonly rate: string;
  /** Combo keys this rate may be used with (e.g. `standard`). Empty: only combos without key. */
  readonly keys?: readonly string[];
  readonly name: I18n;
  readonly values?: readonly RateValueDef[];
}

export interface KeyDef {
  readonly key: string;
  readonly name: I18n;
  /** When true, combos with this key carry no percent (exempt, reverse-charge...). */
  readonly noPercent?: boolean;
}

export interface CategoryDef {
  readonly code: string;
  readonly name: I18n;
  readonly title?: I18n;
  readonly retained?: boolean;
  readonly informative?: boolean;
  readonly keys?: readonly KeyDef[];
  readonly rates?: readonly RateDef[];
  readonly sources?: readonly Source[];
}

export interface ScenarioNote {
  readonly cat?: string;
  readonly key?: string;
  readonly text: string;
}

export interface ScenarioDef {
  readonly name?: I18n;
  /** Document types this scenario applies to; empty means any. */
  readonly types?: readonly string[];
  /** All of these tags must be present. */
  readonly tags?: readonly string[];
  /** At least one of these categories must be used by a line, discount or charge. */
  readonly categories?: readonly string[];
  /** An extension key (and optional code) that must be present in tax.ext or any rate total ext. */
  readonly extKey?: string;
  readonly extCode?: string;
  readonly note?: ScenarioNote;
  /** Extensions merged into tax.ext, overriding earlier values. */
  readonly ext?: Readonly<Record<string, string>>;
}

export interface ScenarioSet {
  /** Schema short name the scenarios apply to, e.g. `bill/invoice`. */
  readonly schema: string;
  readonly list: readonly ScenarioDef[];
}

export interface TagDef {
  readonly key: string;
  readonly name: I18n;
}

export interface CorrectionDef {
  readonly schema: string;
  readonly types?: readonly string[];
  readonly extensions?: readonly string[];
  readonly reasonRequired?: boolean;
  readonly stamps?: readonly string[];
  readonly copyTax?: boolean;
}

export interface CodeDef {
  readonly code: string;
  readonly name: I18n;
  readonly desc?: I18n;
}

/** An extension key with its list of codes (or a pattern when it has no list). */
export interface ExtensionDef {
  readonly key: string;
  readonly name: I18n;
  readonly desc?: I18n;
  readonly values?: readonly CodeDef[];
  readonly pattern?: string;
  readonly sources?: readonly Source[];
}

export interface IdentityKeyDef {
  readonly key: string;
  readonly name: I18n;
}

/**
 * Everything the engine needs to know about one country's tax regime. Mirrors GOBL's
 * `tax.RegimeDef`, reduced to what calculation, scenarios, corrections and tax ID handling use.
 * Regimes are plain object literals so they can be tree-shaken, cloned and compared in tests.
 */
export interface RegimeDef {
  /** Country code the regime is registered under, e.g. `ES` (GOBL uses `EL` for Greece). */
  readonly country: string;
  /** Other codes that select this regime (GB: `XI`, `XU`; EL: `GR`). */
  readonly altCountryCodes?: readonly string[];
  readonly name: I18n;
  /** Default document currency (ISO 4217). */
  readonly currency: string;
  /** IANA zone used for "today" when the issue date is defaulted. */
  readonly timeZone: string;
  /** Tax scheme name printed on tax IDs (`VAT`, `GST`); absent for countries without one. */
  readonly taxScheme?: string;
  /** Absent means GOBL's default, `precise`. */
  readonly calculatorRoundingRule?: 'precise' | 'currency';
  /** Regime-specific `bill/invoice` tags, on top of the default invoice tags. */
  readonly tags: readonly TagDef[];
  readonly identityKeys?: readonly IdentityKeyDef[];
  readonly categories: readonly CategoryDef[];
  readonly scenarios: readonly ScenarioSet[];
  readonly corrections: readonly CorrectionDef[];
  readonly sources: readonly Source[];
  /** Normalizes a tax identity code of this country (ES: strip, pad...). */
  readonly normalizeTaxCode?: (code: string) => string;
  /** Checks a normalized tax identity code; returns an error message or undefined. */
  readonly checkTaxCode?: (code: string) => string | undefined;
}
