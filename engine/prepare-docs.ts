/**
 * Preparing the non-invoice documents: bill/payment (normalized and calculated), bill/status
 * (normalized, lines indexed), org/party and tax/identity (normalized only) and note/message
 * (cleaned only). Each works in place on the parsed document, like `prepareBill`.
 */
import { isCalculationError } from './calc/errors.ts';
import { calculatePayment } from './calc/payment.ts';
import { todayIn } from './core/dates.ts';
import type { Fault } from './core/fault.ts';
import type { PrepareEnv } from './model/documents.ts';
import type { Party, TaxIdentity } from './model/org.ts';
import type { Payment } from './model/payment.ts';
import type { Status } from './model/status.ts';
import { cleanDeep } from './normalize/generic.ts';
import { normalizeParty, normalizeTaxIdentity } from './normalize/invoice.ts';
import { regimeFor } from './prepare-bill.ts';
import { expandAddons, makeContext } from './tax/context.ts';
import type { NormalizeContext } from './tax/addon-def.ts';

type Json = Record<string, unknown>;

/** Regime (from `$regime` or the supplier's tax ID) and addons of a document with a supplier. */
function contextFor(doc: { $regime?: string | null; $addons?: string[] | null }, env: PrepareEnv): NormalizeContext {
  const regime = regimeFor(doc as Json, env.registry);
  if (regime) doc.$regime = regime.country;
  const addons = expandAddons(doc.$addons ?? undefined, env.registry);
  if (doc.$addons) doc.$addons = addons.length > 0 ? addons.map((a) => a.key) : undefined;
  return makeContext(regime, addons, env.registry);
}

function normalizeParties(parties: readonly (Party | null | undefined)[], ctx: NormalizeContext): void {
  for (const p of parties) normalizeParty(p, ctx);
}

export function preparePayment(raw: Json, env: PrepareEnv): Fault[] | undefined {
  const doc = raw as Payment;
  const ctx = contextFor(doc, env);
  cleanDeep(doc);
  if (!doc.type) doc.type = 'receipt';
  const o = doc.ordering;
  normalizeParties([doc.supplier, doc.customer, doc.payee, o?.buyer, o?.seller, o?.issuer], ctx);
  try {
    calculatePayment(doc, {
      regime: ctx.regime,
      today: () => todayIn(env.now(), ctx.regime?.timeZone ?? 'UTC'),
    });
  } catch (e) {
    if (isCalculationError(e)) return [{ code: 'GOBL-CALC-01', paths: [e.path.replace(/^\$/, env.base)], message: e.message }];
    throw e;
  }
  return undefined;
}

export function prepareStatus(raw: Json, env: PrepareEnv): Fault[] | undefined {
  const doc = raw as Status;
  const ctx = contextFor(doc, env);
  cleanDeep(doc);
  const o = doc.ordering;
  normalizeParties([doc.supplier, doc.customer, o?.buyer, o?.seller, o?.issuer], ctx);
  (doc.lines ?? []).forEach((l, i) => {
    if (l) l.index = i + 1;
  });
  return undefined;
}

/** A party on its own: its tax ID is normalized by its own country, no regime is assigned. */
export function prepareParty(raw: Json, env: PrepareEnv): Fault[] | undefined {
  const doc = raw as Party;
  const explicit = typeof doc.$regime === 'string' ? env.registry.regimes.get(doc.$regime.toUpperCase()) : undefined;
  cleanDeep(doc);
  normalizeParty(doc, makeContext(explicit, [], env.registry));
  return undefined;
}

export function prepareTaxIdentity(raw: Json, env: PrepareEnv): Fault[] | undefined {
  cleanDeep(raw);
  normalizeTaxIdentity(raw as TaxIdentity, makeContext(undefined, [], env.registry));
  return undefined;
}

export function prepareMessage(raw: Json): Fault[] | undefined {
  cleanDeep(raw);
  return undefined;
}
