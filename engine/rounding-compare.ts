/**
 * The rounding inspector: one document built under both of GOBL's rounding rules, `precise`
 * (sum exact amounts, round at the end; the default in Spain) and `currency` (round every line and
 * tax amount to cents first, as many invoicing programs and some authorities do), with the totals
 * that come out different. Cent differences between a program's invoice and GOBL's usually come
 * from here (spec gobl-core §2.3).
 */
import type { Fault } from './core/fault.ts';
import { build } from './build.ts';
import { normalizeRoundingRule } from './calc/rounding.ts';
import { regimeFor } from './prepare-bill.ts';
import { INVOICE_SCHEMA, isEnvelopeInput } from './model/documents.ts';
import type { Registry } from './tax/context.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

export const ROUNDING_RULES = ['precise', 'currency'] as const;
export type RoundingRule = (typeof ROUNDING_RULES)[number];

/** The totals compared, in the order a person reads them. */
export const COMPARED_TOTALS = ['sum', 'discount', 'charge', 'tax_included', 'total', 'tax', 'total_with_tax', 'retained_tax', 'payable', 'due'] as const;

export interface RoundingFigures {
  readonly totals: Readonly<Record<string, string>>;
  /** Tax amounts per category and rate: `VAT standard 21.0%` → `306.60`. */
  readonly taxes: Readonly<Record<string, string>>;
}

export interface RoundingComparison {
  /** The rule the document uses now: its `tax.rounding`, or the regime's default. */
  readonly current: RoundingRule;
  readonly figures: Readonly<Record<RoundingRule, RoundingFigures>>;
  /** Keys (of totals, or `tax:` + tax label) whose values differ between the rules. */
  readonly differences: readonly string[];
}

export type RoundingResult = { readonly ok: true; readonly value: RoundingComparison } | { readonly ok: false; readonly faults: readonly Fault[] };

export interface RoundingOptions {
  readonly now: () => number;
  readonly uuid: () => string;
  readonly registry: Registry;
}

function figuresOf(doc: Json): RoundingFigures {
  const t = isObject(doc.totals) ? doc.totals : {};
  const totals: Record<string, string> = {};
  for (const k of COMPARED_TOTALS) if (typeof t[k] === 'string') totals[k] = t[k] as string;
  const taxes: Record<string, string> = {};
  const categories = isObject(t.taxes) && Array.isArray(t.taxes.categories) ? t.taxes.categories : [];
  for (const c of categories.filter(isObject)) {
    for (const r of (Array.isArray(c.rates) ? c.rates : []).filter(isObject)) {
      const label = [c.code, r.key, r.country, r.percent].filter((x) => typeof x === 'string' && x).join(' ');
      if (typeof r.amount === 'string') taxes[label] = r.amount;
    }
  }
  return { totals, taxes };
}

export function compareRounding(input: unknown, opts: RoundingOptions): RoundingResult {
  const isEnvelope = isObject(input) && isEnvelopeInput(input);
  const source = isEnvelope ? (input as Json).doc : input;
  if (!isObject(source) || source.$schema !== INVOICE_SCHEMA) {
    return { ok: false, faults: [{ code: 'ROUNDING-01', paths: [isEnvelope ? '$.doc.$schema' : '$.$schema'], message: 'the rounding rules apply to invoices' }] };
  }
  const tax = isObject(source.tax) ? source.tax : {};
  // As the calculator decides it: the document's rule (legacy names too), else the regime's.
  const rule = normalizeRoundingRule(typeof tax.rounding === 'string' ? tax.rounding : undefined) ?? regimeFor(source, opts.registry)?.calculatorRoundingRule;
  const current: RoundingRule = rule === 'currency' ? 'currency' : 'precise';
  const figures = {} as Record<RoundingRule, RoundingFigures>;
  for (const rule of ROUNDING_RULES) {
    // Only the rule changes: the rest of the document (and any totals.rounding) is as written.
    const doc = { ...source, tax: { ...tax, rounding: rule } };
    const built = build(doc, { ...opts, envelop: false, skipValidation: true });
    if (!built.ok) return { ok: false, faults: built.error.faults };
    figures[rule] = figuresOf(built.value as Json);
  }
  const keys = (f: RoundingFigures) => [...Object.keys(f.totals), ...Object.keys(f.taxes).map((k) => `tax:${k}`)];
  const value = (f: RoundingFigures, k: string) => (k.startsWith('tax:') ? f.taxes[k.slice(4)] : f.totals[k]);
  const all = [...new Set([...keys(figures.precise), ...keys(figures.currency)])];
  const differences = all.filter((k) => value(figures.precise, k) !== value(figures.currency, k));
  return { ok: true, value: { current, figures, differences } };
}
