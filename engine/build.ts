/**
 * The build pipeline: parse → clean → normalize → calculate → scenarios → validate → envelope.
 * Pure: the clock and UUID source are injected; nothing here throws for bad input, every problem
 * comes back as a `BuildError` with GOBL-style faults and JSON paths.
 */
import type { z } from 'zod';
import { digestDocument } from './core/canonical-json.ts';
import type { BuildError, Fault } from './core/fault.ts';
import { ENVELOPE_SCHEMA, documentTypeFor, isEnvelopeInput } from './model/documents.ts';
import { pruneEmpty } from './model/serialize.ts';
import { orderPruned, schemaHasField } from './model/field-order.ts';
import type { Invoice } from './model/bill.ts';
import { validateDocument, validateEnvelope } from './validate.ts';
import type { Registry } from './tax/context.ts';
import { isZeroUuid } from './core/uuid.ts';
import { MAX_JSON_DEPTH, deeperThan } from './core/json-text.ts';

export interface BuildOptions {
  /** Milliseconds since the epoch: the only clock the engine sees. */
  readonly now: () => number;
  /** New UUIDs (v7) for head and document when missing. */
  readonly uuid: () => string;
  readonly registry: Registry;
  /** Wrap a bare document in an envelope (default true). */
  readonly envelop?: boolean;
  /** Fix the envelope's head UUID (tests, goldens). */
  readonly headUuid?: string;
  /** Schema short name to assume when the document has no `$schema` (e.g. `bill/invoice`). */
  readonly defaultType?: string;
  /** Skip validation (GOBL's `Calculate()` without `Validate()`). */
  readonly skipValidation?: boolean;
}

export type BuildResult =
  | { readonly ok: true; readonly value: Record<string, unknown>; readonly faults?: undefined }
  | { readonly ok: false; readonly error: BuildError };

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

function fail(key: BuildError['key'], message: string, faults: Fault[] = []): BuildResult {
  return { ok: false, error: { key, message, faults } };
}

function zodFaults(error: z.ZodError, base: string): Fault[] {
  return error.issues.map((i) => ({
    code: 'GOBL-INPUT-01',
    paths: [base + i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')],
    message: i.message,
  }));
}

export function build(input: unknown, opts: BuildOptions): BuildResult {
  try {
    return buildUnsafe(input, opts);
  } catch (e) {
    // A bug, never bad input: report it as data rather than letting it cross the boundary.
    return fail('internal', `internal error: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function buildUnsafe(input: unknown, opts: BuildOptions): BuildResult {
  if (!isObject(input)) return fail('input', 'the document must be a JSON object', [{ code: 'GOBL-INPUT-01', paths: ['$'], message: 'expected a JSON object' }]);
  // Free-form parts (complements, head stamps, an odd $schema) reach recursive helpers unchecked.
  if (deeperThan(input, MAX_JSON_DEPTH)) return fail('input', `the document is nested deeper than ${MAX_JSON_DEPTH} levels`, [{ code: 'GOBL-INPUT-01', paths: ['$'], message: `nested deeper than ${MAX_JSON_DEPTH} levels` }]);
  // GOBL names envelope files `.env.`; without a $schema an object holding `doc` is one too.
  const isEnvelope = isEnvelopeInput(input);
  const rawDoc = isEnvelope ? input.doc : input;
  const base = isEnvelope ? '$.doc' : '$';
  if (!isObject(rawDoc)) return fail('input', 'envelope doc is required', [{ code: 'GOBL-ENVELOPE-03', paths: ['$.doc'], message: 'envelope doc is required' }]);
  const schemaUrl = rawDoc.$schema ?? (opts.defaultType ? `https://gobl.org/draft-0/${opts.defaultType}` : undefined);
  const type = documentTypeFor(schemaUrl);
  if (!type) {
    const what = rawDoc.$schema === undefined ? 'missing $schema' : `unknown schema ${JSON.stringify(rawDoc.$schema)}`;
    return fail('input', `unknown-schema: ${what}`, [{ code: 'GOBL-INPUT-02', paths: [`${base}.$schema`], message: what }]);
  }
  const parsed = type.schema.safeParse({ ...rawDoc, $schema: schemaUrl });
  if (!parsed.success) return fail('input', 'the document does not match its schema', zodFaults(parsed.error, base));
  const doc = parsed.data as Invoice;
  const envelop = isEnvelope || opts.envelop !== false;
  if (envelop && (!doc.uuid || isZeroUuid(doc.uuid)) && schemaHasField(type.schema, 'uuid')) doc.uuid = opts.uuid();
  const faults = type.prepare(doc as unknown as Json, { registry: opts.registry, now: opts.now, base, schema: type.name });
  if (faults) return fail('calculation', faults[0].message, faults);
  // Pruned (GOBL's omitempty) and in GOBL's field order, in one pass.
  const { value: out, prunedAgainIsSame } = orderPruned(type.schema, doc as unknown as Json);
  const result = envelop ? envelope(out, isEnvelope ? input.head : undefined, opts, prunedAgainIsSame) : out;
  if (!opts.skipValidation) {
    const faults = [
      ...validateDocument(type, out, base, opts.registry),
      ...(envelop ? validateEnvelope(result, opts.registry) : []),
    ].filter((f) => !ignoredCodes(result).has(f.code));
    if (faults.length > 0) return fail('validation', faults.map((f) => `${f.paths.join(', ')}: ${f.message}`).join('; '), faults);
  }
  return { ok: true, value: result };
}

/** `head.ignore` lists fault codes the envelope's author chose to accept (GOBL drops them). */
function ignoredCodes(env: Json): Set<string> {
  const head = isObject(env.head) ? env.head : undefined;
  return new Set(Array.isArray(head?.ignore) ? head.ignore.filter((c): c is string => typeof c === 'string') : []);
}

/** The first endpoint URI of a party, used to route the envelope (GOBL's head.from/to). */
function endpointUri(party: unknown): string | undefined {
  if (!isObject(party) || !Array.isArray(party.endpoints)) return undefined;
  const first = party.endpoints[0];
  return isObject(first) && typeof first.uri === 'string' && first.uri ? first.uri : undefined;
}

/** `docPruned`: pruneEmpty(doc) would give doc back unchanged (see orderPruned). */
function envelope(doc: Json, head: unknown, opts: BuildOptions, docPruned: boolean): Json {
  const h: Json = isObject(head) ? { ...head } : {};
  const out: Json = { uuid: opts.headUuid ?? (typeof h.uuid === 'string' && h.uuid ? h.uuid : opts.uuid()), dig: digestDocument(doc) };
  for (const k of ['stamps', 'links', 'tags', 'meta', 'notes', 'from', 'to', 'ignore']) if (h[k] !== undefined) out[k] = h[k];
  // Self-billed invoices and purchase orders travel from the customer to the supplier.
  const selfBilled = Array.isArray(doc.$tags) && doc.$tags.includes('self-billed');
  const purchase = doc.$schema === 'https://gobl.org/draft-0/bill/order' && doc.type === 'purchase';
  const [from, to] = selfBilled || purchase ? [doc.customer, doc.supplier] : [doc.supplier, doc.customer];
  if (!out.from) out.from = endpointUri(from);
  if (!out.to) out.to = endpointUri(to);
  // pruneEmpty of the whole envelope, where `doc` usually needs nothing more.
  return { $schema: ENVELOPE_SCHEMA, head: pruneEmpty(out), doc: docPruned ? doc : pruneEmpty(doc) };
}
