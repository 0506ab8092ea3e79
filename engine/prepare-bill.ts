/**
 * Preparing a bill document (invoice, order, delivery): resolve regime and addons, clean,
 * normalize, check tags, calculate and apply scenarios. Works in place on the parsed document.
 */
import { isCalculationError } from './calc/errors.ts';
import { calculateBill } from './calc/invoice.ts';
import { todayIn } from './core/dates.ts';
import type { Fault } from './core/fault.ts';
import type { Invoice } from './model/bill.ts';
import type { PrepareEnv } from './model/documents.ts';
import { cleanDeep } from './normalize/generic.ts';
import { normalizeInvoice, normalizeParty } from './normalize/invoice.ts';
import type { NormalizeContext, Normalizers } from './tax/addon-def.ts';
import { expandAddons, makeContext, type Registry } from './tax/context.ts';
import type { RegimeDef, ScenarioSet } from './tax/regime-def.ts';
import { applyScenarios } from './tax/scenarios.ts';
import { invoiceTagsFor } from './tax/tags.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

export function regimeFor(doc: Json, registry: Registry): RegimeDef | undefined {
  const explicit = typeof doc.$regime === 'string' ? doc.$regime : undefined;
  const supplier = isObject(doc.supplier) ? doc.supplier : undefined;
  const taxId = supplier && isObject(supplier.tax_id) ? supplier.tax_id : undefined;
  const country = explicit || (typeof taxId?.country === 'string' ? taxId.country : undefined);
  return country ? registry.regimes.get(country.toUpperCase()) : undefined;
}

/** Orders and deliveries get their own default type; invoices get `standard` from the normalizer. */
const DEFAULT_TYPES: Readonly<Record<string, string>> = { 'bill/order': 'purchase', 'bill/delivery': 'note' };

/** Parties that orders (buyer, seller) and deliveries (despatcher, receiver, courier) add. */
const EXTRA_PARTIES = ['buyer', 'seller', 'despatcher', 'receiver', 'courier'] as const;

type WithHooks = { readonly normalizers?: Normalizers };

/** Regime and addon normalizers bound to invoices do not apply to orders and deliveries. */
function withoutInvoiceHooks(ctx: NormalizeContext): NormalizeContext {
  const strip = <T extends WithHooks>(d: T): T =>
    d.normalizers?.invoice ? { ...d, normalizers: { ...d.normalizers, invoice: undefined } } : d;
  const regime = ctx.regime as (RegimeDef & WithHooks) | undefined;
  return { ...ctx, regime: regime && strip(regime), addons: ctx.addons.map(strip), normalizerOrder: ctx.normalizerOrder.map(strip) };
}

/** Normalizes and calculates a parsed bill document (invoice, order, delivery) in place. */
export function prepareBill(raw: Json, opts: PrepareEnv): Fault[] | undefined {
  const doc = raw as Invoice;
  const base = opts.base;
  const isInvoice = opts.schema === 'bill/invoice';
  const regime = regimeFor(doc as Json, opts.registry);
  if (regime) doc.$regime = regime.country;
  const addons = expandAddons(doc.$addons ?? undefined, opts.registry);
  if (doc.$addons) doc.$addons = addons.length > 0 ? addons.map((a) => a.key) : undefined;
  const ctx = makeContext(regime, addons, opts.registry);
  cleanDeep(doc);
  if (!isInvoice && !doc.type && DEFAULT_TYPES[opts.schema]) doc.type = DEFAULT_TYPES[opts.schema];
  if (!isInvoice) for (const k of EXTRA_PARTIES) normalizeParty(raw[k] as Parameters<typeof normalizeParty>[0], ctx);
  normalizeInvoice(doc, isInvoice ? ctx : withoutInvoiceHooks(ctx));
  if (isInvoice) {
    // Only invoices check their tags against the regime's and addons' lists.
    const known = invoiceTagsFor(regime, addons);
    for (const [i, t] of (doc.$tags ?? []).entries()) {
      if (!known.has(t)) return [{ code: 'GOBL-CALC-TAGS', paths: [`${base}.$tags[${i}]`], message: `$tags: '${t}' undefined` }];
    }
  }
  try {
    calculateBill(doc as Invoice & Json, {
      regime,
      regimes: opts.registry.regimes,
      today: () => todayIn(opts.now(), regime?.timeZone ?? 'UTC'),
    });
  } catch (e) {
    if (isCalculationError(e)) return [{ code: 'GOBL-CALC-01', paths: [e.path.replace(/^\$/, base)], message: e.message }];
    throw e;
  }
  const sets: ScenarioSet[] = [...(regime?.scenarios ?? []), ...addons.flatMap((a) => a.scenarios ?? [])];
  applyScenarios(doc, sets, opts.schema);
  return undefined;
}

