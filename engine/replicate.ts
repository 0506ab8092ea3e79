/**
 * Replicating an invoice (GOBL's `replicate` command): the same supplier, customer and lines as a
 * new invoice, without the original's identity: no uuid or code, and no issue, value or operation
 * date (the build dates it today, in the regime's time zone, as GOBL does). From an envelope, its
 * document is replicated; the head (stamps, signatures) belongs to the original and is left behind.
 */
import type { Fault } from './core/fault.ts';
import { INVOICE_SCHEMA, isEnvelopeInput } from './model/documents.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** What identifies one invoice, or dates it: gone from the replica. */
const IDENTITY = ['uuid', 'code', 'issue_date', 'value_date', 'op_date', 'totals'] as const;

export type ReplicateResult = { readonly ok: true; readonly value: Json } | { readonly ok: false; readonly faults: readonly Fault[] };

export function replicate(input: unknown): ReplicateResult {
  // Any `doc` member makes it read as an envelope, so a bad one is reported where it is ($.doc).
  const isEnvelope = isObject(input) && (isEnvelopeInput(input) || (input.$schema === undefined && 'doc' in input));
  const base = isEnvelope ? '$.doc' : '$';
  const source = isEnvelope ? (input as Json).doc : input;
  if (!isObject(source) || source.$schema !== INVOICE_SCHEMA) {
    return { ok: false, faults: [{ code: 'REPLICATE-01', paths: [`${base}.$schema`], message: `only invoices can be replicated (expected $schema ${INVOICE_SCHEMA})` }] };
  }
  // JSON data: a JSON round trip is a deep copy that keeps every key an own key.
  const doc = JSON.parse(JSON.stringify(source)) as Json;
  for (const k of IDENTITY) delete doc[k];
  return { ok: true, value: doc };
}
