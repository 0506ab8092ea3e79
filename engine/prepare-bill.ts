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
import type { AddonDef, NormalizeContext, Normalizers } from './tax/addon-def.ts';
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

/** Latest time value a Date accepts, in ms. */
const MAX_TIME = 8.64e15;
let lastToday: { readonly second: number; readonly timeZone: string; readonly date: string; readonly time: string } | undefined;

/**
 * `todayIn`, remembering the last answer: formatting a date in a time zone costs microseconds and
 * consecutive builds ask about the same second. The answer only depends on the whole second
 * (a Date truncates to milliseconds and the format stops at seconds).
 */
function todayCached(epochMs: number, timeZone: string): { date: string; time: string } {
  const ms = Math.trunc(epochMs);
  if (!(Math.abs(ms) <= MAX_TIME - 1000)) return todayIn(epochMs, timeZone);
  const second = Math.floor(ms / 1000);
  const last = lastToday;
  if (last && last.second === second && last.timeZone === timeZone) return { date: last.date, time: last.time };
  const r = todayIn(epochMs, timeZone);
  lastToday = { second, timeZone, date: r.date, time: r.time };
  return r;
}

/**
 * `expandAddons`, remembering the last answer per registry: documents in a batch name the same
 * addons, and the expansion only depends on the keys and the registry (whose definitions do not
 * change). The list is shared, so it is read-only like the definitions it holds.
 */
let lastAddons: { readonly registry: Registry; readonly key: string; readonly addons: readonly AddonDef[] } | undefined;

export function addonsFor(keys: readonly string[] | null | undefined, registry: Registry): readonly AddonDef[] {
  // The keys as one string: their count, then each key after a NUL (keys holding one are rare).
  let key = keys ? String(keys.length) : '';
  if (keys) {
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      if (typeof k !== 'string' || k.includes('\u0000')) return expandAddons(keys, registry);
      key += `\u0000${k}`;
    }
  }
  const last = lastAddons;
  if (last && last.registry === registry && last.key === key) return last.addons;
  const addons = expandAddons(keys ?? undefined, registry);
  lastAddons = { registry, key, addons };
  return addons;
}

/** `makeContext`, remembering the last one: it only reads the definitions it is given. */
let lastContext: { readonly regime: RegimeDef | undefined; readonly addons: readonly AddonDef[]; readonly registry: Registry; readonly ctx: NormalizeContext } | undefined;

function contextFor(regime: RegimeDef | undefined, addons: readonly AddonDef[], registry: Registry): NormalizeContext {
  const last = lastContext;
  if (last && last.regime === regime && last.addons === addons && last.registry === registry) return last.ctx;
  const ctx = makeContext(regime, addons, registry);
  lastContext = { regime, addons, registry, ctx };
  return ctx;
}

/** Normalizes and calculates a parsed bill document (invoice, order, delivery) in place. */
export function prepareBill(raw: Json, opts: PrepareEnv): Fault[] | undefined {
  const doc = raw as Invoice;
  const base = opts.base;
  const isInvoice = opts.schema === 'bill/invoice';
  const regime = regimeFor(doc as Json, opts.registry);
  if (regime) doc.$regime = regime.country;
  const addons = addonsFor(doc.$addons, opts.registry);
  if (doc.$addons) doc.$addons = addons.length > 0 ? addons.map((a) => a.key) : undefined;
  const ctx = contextFor(regime, addons, opts.registry);
  cleanDeep(doc);
  if (!isInvoice && !doc.type && DEFAULT_TYPES[opts.schema]) doc.type = DEFAULT_TYPES[opts.schema];
  if (!isInvoice) for (const k of EXTRA_PARTIES) normalizeParty(raw[k] as Parameters<typeof normalizeParty>[0], ctx);
  normalizeInvoice(doc, isInvoice ? ctx : withoutInvoiceHooks(ctx));
  const tags = doc.$tags ?? [];
  if (isInvoice && tags.length > 0) {
    // Only invoices check their tags against the regime's and addons' lists.
    const known = invoiceTagsFor(regime, addons);
    for (const [i, t] of tags.entries()) {
      if (!known.has(t)) return [{ code: 'GOBL-CALC-TAGS', paths: [`${base}.$tags[${i}]`], message: `$tags: '${t}' undefined` }];
    }
  }
  try {
    calculateBill(doc as Invoice & Json, {
      regime,
      regimes: opts.registry.regimes,
      // A method, not an arrow function: no closure to name on every build.
      today() {
        return todayCached(opts.now(), regime?.timeZone ?? 'UTC');
      },
    });
  } catch (e) {
    if (isCalculationError(e)) return [{ code: 'GOBL-CALC-01', paths: [e.path.replace(/^\$/, base)], message: e.message }];
    throw e;
  }
  const sets: ScenarioSet[] = [...(regime?.scenarios ?? []), ...addons.flatMap((a) => a.scenarios ?? [])];
  applyScenarios(doc, sets, opts.schema);
  return undefined;
}

