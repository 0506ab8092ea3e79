/**
 * Test-only bridge from GOBL's regime JSON (`../shared/reference/gobl-data/data/regimes/*.json`)
 * to our `RegimeDef`. It lets conformance tests of countries we do not ship run against GOBL's
 * own data without copying that data into the repo, and lets the ES tests check our
 * hand-written regime against GOBL's. Never imported by the engine.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  CategoryDef,
  CorrectionDef,
  I18n,
  IdentityKeyDef,
  KeyDef,
  RateDef,
  RateValueDef,
  RegimeDef,
  ScenarioDef,
  ScenarioSet,
  Source,
  TagDef,
} from '../../engine/tax/regime-def.ts';
import { normalizeGenericTaxCode } from '../../engine/regimes/es/tax-identity.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Absolute path inside `../shared`; throws a clear error when the reference data is absent. */
export function sharedPath(...parts: string[]): string {
  const root = resolve(repoRoot, '../shared');
  if (!existsSync(root)) throw new Error(`../shared not found: reference data is required at ${root} (kept beside the repo)`);
  return join(root, ...parts);
}

/** Parses one of GOBL's regime files, e.g. `readGoblRegimeJson('de')`. */
export function readGoblRegimeJson(code: string): any {
  return JSON.parse(readFileSync(sharedPath('reference/gobl-data/data/regimes', `${code}.json`), 'utf8'));
}

// GOBL omits empty fields, so every mapper only sets a property when the JSON has it; that
// keeps the result comparable with `toEqual` against our literals, which omit them too.
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function i18n(v: any): I18n {
  return v && typeof v === 'object' ? { ...v } : {};
}

function sources(list: any): Source[] | undefined {
  if (!Array.isArray(list) || list.length === 0) return undefined;
  return list.map((s: any) => ({ title: typeof s.title === 'string' ? s.title : i18n(s.title), url: String(s.url ?? '') }));
}

function key(k: any): KeyDef {
  const out: Mutable<KeyDef> = { key: k.key, name: i18n(k.name) };
  if (k.no_percent) out.noPercent = true;
  return out;
}

function rateValue(v: any): RateValueDef {
  const out: Mutable<RateValueDef> = { percent: v.percent };
  if (v.since) out.since = v.since;
  if (v.surcharge) out.surcharge = v.surcharge;
  if (v.ext && Object.keys(v.ext).length > 0) out.ext = { ...v.ext };
  if (v.disabled) out.disabled = true;
  return out;
}

function rate(r: any): RateDef {
  // Pre-v0.300 files (gr.json) name the rate `key`; the current format uses `rate`.
  const out: Mutable<RateDef> = { rate: r.rate ?? r.key, name: i18n(r.name) };
  if (Array.isArray(r.keys) && r.keys.length > 0) out.keys = [...r.keys];
  if (Array.isArray(r.values) && r.values.length > 0) out.values = r.values.map(rateValue);
  return out;
}

function category(c: any): CategoryDef {
  const out: Mutable<CategoryDef> = { code: c.code, name: i18n(c.name) };
  if (c.title) out.title = i18n(c.title);
  if (c.retained) out.retained = true;
  if (c.informative) out.informative = true;
  if (Array.isArray(c.keys) && c.keys.length > 0) out.keys = c.keys.map(key);
  if (Array.isArray(c.rates) && c.rates.length > 0) out.rates = c.rates.map(rate);
  const src = sources(c.sources);
  if (src) out.sources = src;
  return out;
}

function scenario(s: any): ScenarioDef {
  const out: Mutable<ScenarioDef> = {};
  if (s.name) out.name = i18n(s.name);
  if (Array.isArray(s.type) && s.type.length > 0) out.types = [...s.type];
  if (Array.isArray(s.tags) && s.tags.length > 0) out.tags = [...s.tags];
  if (Array.isArray(s.cat) && s.cat.length > 0) out.categories = [...s.cat];
  if (s.ext_key) out.extKey = s.ext_key;
  if (s.ext_code) out.extCode = s.ext_code;
  if (s.note) {
    const note: { cat?: string; key?: string; text: string } = { text: s.note.text };
    if (s.note.cat) note.cat = s.note.cat;
    // Old files carry the note type in `key` and the tag in `src`; we keep `key` as given.
    if (s.note.key) note.key = s.note.key;
    out.note = note;
  }
  // `codes` is the pre-v0.300 name of `ext`.
  const ext = s.ext ?? s.codes;
  if (ext && Object.keys(ext).length > 0) out.ext = { ...ext };
  return out;
}

function scenarioSets(list: any): ScenarioSet[] {
  if (!Array.isArray(list)) return [];
  return list.map((set: any) => ({ schema: set.schema, list: (set.list ?? []).map(scenario) }));
}

/** Invoice tags: current files group them by schema, old ones (gr.json) are one flat list. */
function invoiceTags(list: any): TagDef[] {
  if (!Array.isArray(list)) return [];
  const out: TagDef[] = [];
  for (const t of list) {
    if (t && Array.isArray(t.list)) {
      if (t.schema === 'bill/invoice') for (const x of t.list) out.push({ key: x.key, name: i18n(x.name) });
    } else if (t && t.key) {
      out.push({ key: t.key, name: i18n(t.name) });
    }
  }
  return out;
}

function correction(c: any): CorrectionDef {
  const out: Mutable<CorrectionDef> = { schema: c.schema };
  if (Array.isArray(c.types) && c.types.length > 0) out.types = [...c.types];
  if (Array.isArray(c.extensions) && c.extensions.length > 0) out.extensions = [...c.extensions];
  if (c.reason_required) out.reasonRequired = true;
  if (Array.isArray(c.stamps) && c.stamps.length > 0) out.stamps = [...c.stamps];
  if (c.copy_tax) out.copyTax = true;
  return out;
}

function identityKey(k: any): IdentityKeyDef {
  return { key: k.key, name: i18n(k.name) };
}

/** GOBL renamed the rounding rules in v0.212.0; old names still appear in stale files. */
function roundingRule(v: any): 'precise' | 'currency' | undefined {
  if (v === 'precise' || v === 'sum-then-round') return 'precise';
  if (v === 'currency' || v === 'round-then-sum') return 'currency';
  return undefined;
}

/** Converts a parsed GOBL regime JSON document into our `RegimeDef`. */
export function loadGoblRegime(json: any): RegimeDef {
  const country: string = json.country;
  const out: Mutable<RegimeDef> = {
    country,
    name: i18n(json.name),
    currency: json.currency,
    timeZone: json.time_zone,
    tags: invoiceTags(json.tags),
    categories: (json.categories ?? []).map(category),
    scenarios: scenarioSets(json.scenarios),
    corrections: (json.corrections ?? []).map(correction),
    sources: sources(json.sources) ?? [],
    // Countries without a shipped regime get GOBL's generic normalization only.
    normalizeTaxCode: (code: string) => normalizeGenericTaxCode(code, country),
  };
  if (Array.isArray(json.alt_country_codes) && json.alt_country_codes.length > 0) out.altCountryCodes = [...json.alt_country_codes];
  if (json.tax_scheme) out.taxScheme = json.tax_scheme;
  const rr = roundingRule(json.calculator_rounding_rule);
  if (rr) out.calculatorRoundingRule = rr;
  if (Array.isArray(json.identities) && json.identities.length > 0) out.identityKeys = json.identities.map(identityKey);
  return out;
}
