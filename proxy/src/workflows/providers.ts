/**
 * What each workflow provider does to a silo entry. Providers reuse the proxy's pipeline: the
 * engine builds and converts, `SubmissionService.prepare` signs and stores the document together
 * with its chain advance (one transaction, under the chain lock), `drain` delivers through the
 * per-chain outbox. A step fails by throwing; what it returns is its recorded output.
 *
 * Re-runs are safe: a number already given to the entry is given again, a submission already
 * stored for the entry is re-used (idempotency key per entry and attempt) unless the authority
 * rejected it, and a seal is simply made again over the same digest.
 */
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { randomFillSync } from 'node:crypto';
import { build } from '../../../engine/build.ts';
import { uuidSourceFrom } from '../../../engine/core/uuid.ts';
import { defaultRegistry } from '../../../engine/registry.ts';
import { loadDefaultFonts, type DefaultFonts } from '../../../engine/render/pdf/fonts.ts';
import { renderInvoicePdf } from '../../../engine/render/pdf/index.ts';
import { parseLayout } from '../../../engine/render/pdf/options.ts';
import type { Environment } from '../authorities/endpoints.ts';
import { ProxyError } from '../errors.ts';
import type { Zone } from '../service/documents.ts';
import type { SubmissionService } from '../service/submissions.ts';
import type { Store, SubmissionRow } from '../store/sqlite.ts';
import { configOf, formatSequence, type PdfSettings, type SequenceSettings, type SiloState, type StepDef } from './definition.ts';
import { RegistrationError, type Registration, type RegistrationSystem, type SandboxRegistrations } from './registrations.ts';
import { sealEnvelope, type WorkspaceKey } from './seal.ts';
import type { EntryRow, JobRow, Phase, StepError, WorkflowStore } from './store.ts';

type Json = Record<string, unknown>;

/** A step failed: the message says why, details carry the authority's or the engine's codes. */
export class StepFailure extends Error {
  override readonly name = 'StepFailure';
  constructor(
    message: string,
    readonly code?: string,
    readonly details?: StepError['details'],
  ) {
    super(message);
  }
}

/** Who runs a job and with what: the environment, the signer's service, the POS device. */
export interface JobContext {
  readonly env: Environment;
  readonly scope: string;
  readonly service: SubmissionService;
  /** TicketBAI device (NumSerieDispositivo): separates chains per POS. */
  readonly device?: string;
  /** The taxpayer's territory, when the job runs for an organisation's client. */
  readonly zone?: Zone;
  /** Bizkaia modelo 140 epígrafe. */
  readonly activity?: string;
  /** The tax ID the invoices must be issued by (the taxpayer's), when known. */
  readonly issuer?: string;
}

export interface ProviderDeps {
  readonly proxyStore: Store;
  readonly store: WorkflowStore;
  readonly key: WorkspaceKey;
  readonly registrations: SandboxRegistrations;
  readonly clock: () => Date;
  readonly fonts: () => Promise<DefaultFonts>;
  /** How often wait steps poll, and how many polls before they give up. */
  readonly pollMs: number;
  readonly maxPolls: number;
  /** How long a send step waits for the authority's answer. */
  readonly sendTimeoutMs: number;
}

export interface StepRun {
  readonly job: JobRow;
  readonly ctx: JobContext;
  readonly step: StepDef;
  readonly phase: Phase;
  readonly index: number;
  entry(): EntryRow;
  setEnvelope(envelope: Json): void;
  patchMeta(patch: Json): void;
  artifact(name: string, contentType: string, body: string | Uint8Array): void;
}

export type Provider = (run: StepRun, deps: ProviderDeps) => Promise<Json>;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

// ---------------------------------------------------------------------------------------------
// Envelopes

export function engineBuild(input: unknown, clock: () => Date, opts: { skipValidation?: boolean } = {}) {
  const now = () => clock().getTime();
  return build(input, { now, uuid: uuidSourceFrom(now, (n) => randomFillSync(new Uint8Array(n))), registry: defaultRegistry, skipValidation: opts.skipValidation });
}

function buildFaults(error: { message: string; faults: readonly { code: string; paths: readonly string[]; message: string }[] }): StepError['details'] {
  return error.faults.map((f) => ({ code: f.code, path: f.paths[0], message: f.message }));
}

/**
 * Rebuilds an envelope after its document changed (new digest): signatures go (they signed the old
 * digest) and stamps are kept aside while building (GOBL refuses stamps on an unsigned envelope).
 */
export function rebuild(envelope: Json, clock: () => Date): Json {
  const head = isObject(envelope.head) ? { ...envelope.head } : {};
  const stamps = head.stamps;
  delete head.stamps;
  const r = engineBuild({ ...envelope, head, sigs: undefined }, clock);
  if (!r.ok) throw new StepFailure(`the document does not build: ${r.error.message}`, 'build', buildFaults(r.error));
  const out = r.value;
  if (stamps !== undefined) (out.head as Json).stamps = stamps;
  return out;
}

function withStamps(envelope: Json, stamps: Record<string, string>): Json {
  const head = { ...(envelope.head as Json) };
  const list = (Array.isArray(head.stamps) ? (head.stamps as { prv: string; val: string }[]) : []).filter((s) => !(s.prv in stamps));
  head.stamps = [...list, ...Object.entries(stamps).map(([prv, val]) => ({ prv, val }))];
  return { ...envelope, head };
}

function stampOf(envelope: Json, prv: string): string | undefined {
  const stamps = (envelope.head as { stamps?: { prv: string; val: string }[] } | undefined)?.stamps;
  return Array.isArray(stamps) ? stamps.find((s) => s.prv === prv)?.val : undefined;
}

/** The envelope as the converters see it: no seals or stamps, so a re-run asks for the same thing. */
function forConversion(envelope: Json): Json {
  const head = { ...(envelope.head as Json) };
  delete head.stamps;
  const out: Json = { ...envelope, head };
  delete out.sigs;
  return out;
}

const docOf = (e: EntryRow) => e.envelope.doc as Json;

// ---------------------------------------------------------------------------------------------
// Submissions

function zoneOf(run: StepRun): Zone {
  const doc = docOf(run.entry());
  const region = ((doc.tax as Json | undefined)?.ext as Json | undefined)?.['es-tbai-region'];
  const zone = (run.ctx.zone ?? region) as Zone | undefined;
  if (run.ctx.zone && region && region !== run.ctx.zone) throw new StepFailure(`the invoice is for TicketBAI region ${String(region)}, but the taxpayer's territory is ${run.ctx.zone}`, 'zone');
  if (!zone || !['BI', 'SS', 'VI'].includes(zone)) throw new StepFailure('no TicketBAI region: add the es-tbai-v1 addon and a supplier address in Álava, Bizkaia or Gipuzkoa (tax.ext.es-tbai-region)', 'zone');
  return zone;
}

function checkIssuer(run: StepRun, who: 'supplier' | 'customer' = 'supplier'): void {
  if (!run.ctx.issuer) return;
  const nif = ((docOf(run.entry())[who] as Json | undefined)?.tax_id as Json | undefined)?.code;
  if (nif !== run.ctx.issuer) throw new StepFailure(`the ${who} ${String(nif ?? '(none)')} is not the taxpayer ${run.ctx.issuer}`, 'issuer');
}

interface SubmissionMeta {
  readonly submissionId: string;
  readonly chainKey: string;
  readonly attempt: number;
}

function metaOf(run: StepRun, slot: string): SubmissionMeta | undefined {
  const m = run.entry().meta[slot];
  return isObject(m) ? (m as unknown as SubmissionMeta) : undefined;
}

function submissionOutput(s: SubmissionRow): Json {
  const r = isObject(s.result) ? s.result : {};
  return {
    submissionId: s.id,
    authority: s.authority,
    operation: s.operation,
    status: s.status,
    issuer: s.issuer,
    series: s.series,
    number: s.number,
    chain: { key: s.chainKey, seq: s.chainSeq },
    attempts: s.attempts,
    ...(s.lastError ? { lastError: s.lastError } : {}),
    ...(r.codes ? { codes: r.codes } : {}),
    ...(r.reference ? { reference: r.reference } : {}),
  };
}

/**
 * Signs and stores (chained) the entry's document, or finds the submission an earlier run of
 * this entry stored. A rejected earlier submission is not re-used: the next attempt is new.
 */
async function prepare(run: StepRun, deps: ProviderDeps, slot: string, req: { system: 'ticketbai' | 'sii' | 'verifactu'; operation: 'alta' | 'cancel'; zone?: Zone; options?: Json }): Promise<SubmissionRow> {
  const prev = metaOf(run, slot);
  if (prev) {
    const had = deps.proxyStore.get(prev.submissionId);
    if (had && had.status !== 'rejected') return had;
  }
  const attempt = (prev?.attempt ?? 0) + 1;
  const entry = run.entry();
  const key = `wf:${entry.id}:${slot}:${attempt}`;
  let out;
  try {
    out = await run.ctx.service.prepare(
      { system: req.system, zone: req.zone, env: run.ctx.env, operation: req.operation, envelope: forConversion(entry.envelope), options: req.options as never },
      key,
    );
  } catch (e) {
    if (e instanceof ProxyError) throw new StepFailure(e.message, e.kind, e.details);
    throw e;
  }
  const s = out.submission;
  run.patchMeta({ [slot]: { submissionId: s.id, chainKey: s.chainKey, attempt } satisfies SubmissionMeta });
  return s;
}

/** Delivers (the outbox, in chain order) and waits for the answer; rejections and silence fail. */
async function deliver(run: StepRun, deps: ProviderDeps, s: SubmissionRow): Promise<SubmissionRow> {
  const deadline = Date.now() + deps.sendTimeoutMs;
  let cur = deps.proxyStore.get(s.id)!;
  if (cur.status === 'pending') {
    await Promise.race([run.ctx.service.drain(cur.chainKey), sleep(deps.sendTimeoutMs)]);
    cur = deps.proxyStore.get(s.id)!;
    // The outbox retries failed deliveries on its own timer: wait for it within the budget.
    while (cur.status === 'pending' && Date.now() < deadline) {
      await sleep(Math.min(50, Math.max(1, deadline - Date.now())));
      cur = deps.proxyStore.get(s.id)!;
    }
  }
  if (cur.signedXml) run.artifact('request.xml', 'application/xml', cur.rawRequest ?? cur.signedXml);
  if (cur.rawResponse) run.artifact('response.xml', 'application/xml', cur.rawResponse);
  if (cur.status === 'pending') throw new StepFailure(`the authority did not answer within ${deps.sendTimeoutMs} ms${cur.lastError ? ` (${cur.lastError})` : ''}: the outbox keeps retrying; re-run the job to pick up the answer`, 'timeout');
  if (cur.status === 'rejected') {
    const codes = (isObject(cur.result) && Array.isArray(cur.result.codes) ? cur.result.codes : []) as { code: string; message: string; record?: string }[];
    throw new StepFailure(
      `${cur.authority} rejected ${[cur.series, cur.number].filter(Boolean).join('/')}${codes.length ? `: ${codes.map((c) => `${c.code} ${c.message}`).join('; ')}` : ''}`,
      'rejected',
      codes.map((c) => ({ code: c.code, message: c.message, path: c.record })),
    );
  }
  return cur;
}

// ---------------------------------------------------------------------------------------------
// Registrations

function partyOf(run: StepRun): { taxId: string; name: string } {
  const doc = docOf(run.entry());
  const taxId = (doc.tax_id as Json | undefined)?.code;
  if (typeof taxId !== 'string' || !taxId) throw new StepFailure('the party has no tax_id.code to register', 'party');
  return { taxId, name: typeof doc.name === 'string' ? doc.name : taxId };
}

function regOutput(r: Registration): Json {
  return { registrationId: r.id, system: r.system, taxId: r.taxId, status: r.status, ...(r.reason ? { reason: r.reason } : {}), history: r.history };
}

function regCall<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof RegistrationError) throw new StepFailure(e.message, e.code);
    throw e;
  }
}

const register =
  (system: RegistrationSystem): Provider =>
  async (run, deps) => {
    const { taxId, name } = partyOf(run);
    const { registration, created } = regCall(() => deps.registrations.register({ system, env: run.ctx.env, taxId, name, zone: run.ctx.zone }));
    run.patchMeta({ [`${system}Registration`]: registration.id });
    return { ...regOutput(registration), created };
  };

const unregister =
  (system: RegistrationSystem): Provider =>
  async (run, deps) => {
    const { taxId } = partyOf(run);
    const r = regCall(() => deps.registrations.unregister(system, run.ctx.env, taxId));
    return r ? regOutput(r) : { taxId, status: 'not_registered' };
  };

const waitFor =
  (system: RegistrationSystem, stage: 'upload' | 'approval'): Provider =>
  async (run, deps) => {
    const id = run.entry().meta[`${system}Registration`];
    if (typeof id !== 'string') throw new StepFailure(`no ${system} registration for this party: run gov-es.${system}.register first`, 'order');
    const done: RegistrationStatusSet = stage === 'upload' ? ['pending_approval', 'approved'] : ['approved'];
    for (let polls = 1; ; polls++) {
      const r = regCall(() => deps.registrations.poll(id));
      if (done.includes(r.status)) return { ...regOutput(r), polls };
      if (r.status === 'rejected' || r.status === 'revoked') throw new StepFailure(`the ${system} registration of ${r.taxId} was ${r.status}${r.reason ? `: ${r.reason}` : ''}`, r.status);
      if (polls >= deps.maxPolls) throw new StepFailure(`the ${system} registration of ${r.taxId} is still ${r.status} after ${polls} polls`, 'timeout');
      await sleep(deps.pollMs);
    }
  };
type RegistrationStatusSet = readonly Registration['status'][];

// ---------------------------------------------------------------------------------------------
// The providers

export const PROVIDER_IMPLS: Readonly<Record<string, Provider>> = {
  async 'sequence.enumerate'(run, deps) {
    const c = configOf<SequenceSettings>(run.step);
    const entry = run.entry();
    const doc = docOf(entry);
    const mine = entry.meta.sequence as { key: string; code: string } | undefined;
    if (typeof doc.code === 'string' && doc.code && !mine) return { code: doc.code, kept: true, note: 'the document already had a code: no number taken' };
    if (Array.isArray(entry.envelope.sigs) && entry.envelope.sigs.length && !mine) throw new StepFailure('the envelope is already signed (silo.close): a code cannot be added any more', 'sealed');
    const n = deps.store.enumerate({ scope: run.ctx.scope, env: run.ctx.env, name: c.name, start: c.start ?? 1, entryId: entry.id, format: (v) => formatSequence(c, v) });
    const key = `${run.ctx.scope}|${run.ctx.env}|${c.name}`;
    if (doc.code !== n.code) run.setEnvelope(rebuild({ ...entry.envelope, doc: { ...doc, code: n.code } }, deps.clock));
    run.patchMeta({ sequence: { key, name: c.name, value: n.value, code: n.code } });
    return { sequence: c.name, value: n.value, code: n.code, reused: n.reused };
  },

  async 'silo.state'(run, deps) {
    const { state } = configOf<{ state: SiloState }>(run.step);
    const t = deps.store.setState(run.entry().id, state, run.job.id);
    return { from: t.from, state: t.to };
  },

  async 'silo.close'(run, deps) {
    const entry = run.entry();
    const built = rebuild(entry.envelope, deps.clock);
    const head = built.head as Json;
    const stamps = head.stamps;
    // GOBL-ENVELOPE-13: a document must be ready to be signed (an invoice needs its code).
    if (entry.schema === 'bill/invoice' && !(docOf({ ...entry, envelope: built }).code as string | undefined)) throw new StepFailure('the invoice has no code: it cannot be signed (GOBL-ENVELOPE-13); add a sequence.enumerate step before silo.close', 'GOBL-ENVELOPE-13');
    const sealed = sealEnvelope(built, deps.key, deps.clock());
    if (stamps !== undefined) (sealed.envelope.head as Json).stamps = stamps;
    run.setEnvelope(sealed.envelope);
    run.artifact('envelope.json', 'application/json', JSON.stringify(sealed.envelope, null, 2));
    return { uuid: sealed.payload.uuid, digest: sealed.payload.dig, kid: deps.key.kid, iat: sealed.payload.iat, sigs: [sealed.jws] };
  },

  async 'gov-es.ticketbai.generate'(run, deps) {
    checkIssuer(run);
    const zone = zoneOf(run);
    const s = await prepare(run, deps, 'tbai', { system: 'ticketbai', operation: 'alta', zone, options: { device: run.ctx.device, activity: run.ctx.activity } });
    run.setEnvelope(withStamps(run.entry().envelope, s.stamps as Record<string, string>));
    run.artifact('ticketbai.xml', 'application/xml', s.signedXml);
    return { ...submissionOutput(s), zone, stamps: s.stamps };
  },

  async 'gov-es.ticketbai.send'(run, deps) {
    const m = metaOf(run, 'tbai');
    if (!m) throw new StepFailure('nothing to send: run gov-es.ticketbai.generate first', 'order');
    const s = await deliver(run, deps, deps.proxyStore.get(m.submissionId)!);
    return submissionOutput(s);
  },

  async 'gov-es.ticketbai.cancel'(run, deps) {
    checkIssuer(run);
    const zone = zoneOf(run);
    const tbaiCode = stampOf(run.entry().envelope, 'tbai-code');
    if (!tbaiCode) throw new StepFailure('the envelope has no tbai-code stamp: only an issued TicketBAI invoice can be cancelled', 'order');
    const s = await prepare(run, deps, 'tbaiCancel', { system: 'ticketbai', operation: 'cancel', zone, options: { device: run.ctx.device, activity: run.ctx.activity, tbaiCode } });
    run.artifact('ticketbai-cancel.xml', 'application/xml', s.signedXml);
    return { ...submissionOutput(await deliver(run, deps, s)), zone, tbaiCode };
  },

  'gov-es.ticketbai.register': register('ticketbai'),
  'gov-es.ticketbai.unregister': unregister('ticketbai'),
  'gov-es.ticketbai.wait.upload': waitFor('ticketbai', 'upload'),
  'gov-es.ticketbai.wait.approval': waitFor('ticketbai', 'approval'),

  async 'gov-es.sii.record.issued'(run, deps) {
    checkIssuer(run);
    const s = await prepare(run, deps, 'siiIssued', { system: 'sii', operation: 'alta', options: { book: 'issued' } });
    return submissionOutput(await deliver(run, deps, s));
  },

  async 'gov-es.sii.record.received'(run, deps) {
    checkIssuer(run, 'customer');
    const s = await prepare(run, deps, 'siiReceived', { system: 'sii', operation: 'alta', options: { book: 'received' } });
    return submissionOutput(await deliver(run, deps, s));
  },

  'gov-es.sii.register': register('sii'),
  'gov-es.sii.unregister': unregister('sii'),
  'gov-es.sii.wait.upload': waitFor('sii', 'upload'),
  'gov-es.sii.wait.approval': waitFor('sii', 'approval'),

  async 'gov-es.verifactu.generate'(run, deps) {
    checkIssuer(run);
    const s = await prepare(run, deps, 'verifactu', { system: 'verifactu', operation: 'alta' });
    run.setEnvelope(withStamps(run.entry().envelope, s.stamps as Record<string, string>));
    run.artifact('verifactu.xml', 'application/xml', s.signedXml);
    return { ...submissionOutput(s), stamps: s.stamps };
  },

  async 'gov-es.verifactu.send'(run, deps) {
    const m = metaOf(run, 'verifactu');
    if (!m) throw new StepFailure('nothing to send: run gov-es.verifactu.generate first', 'order');
    return submissionOutput(await deliver(run, deps, deps.proxyStore.get(m.submissionId)!));
  },

  async 'gov-es.verifactu.cancel'(run, deps) {
    checkIssuer(run);
    const s = await prepare(run, deps, 'verifactuCancel', { system: 'verifactu', operation: 'cancel' });
    run.artifact('verifactu-cancel.xml', 'application/xml', s.signedXml);
    return submissionOutput(await deliver(run, deps, s));
  },

  async pdf(run, deps) {
    const c = configOf<PdfSettings>(run.step);
    const fonts = await deps.fonts();
    const envelope = run.entry().envelope;
    const r = await renderInvoicePdf(envelope, {
      ...fonts,
      locale: c.locale,
      dateFormat: c.date_format,
      layout: c.layout ? parseLayout(c.layout) : undefined,
      // Without a logo, logo_height has nothing to size (kept in the output for the record).
      logoHeight: c.logo_height,
      verifactu: { env: run.ctx.env === 'production' ? 'production' : 'test' },
    });
    if (!r.ok) throw new StepFailure(`the PDF cannot be made: ${r.faults.map((f) => f.message).join('; ')}`, 'pdf', r.faults.map((f) => ({ code: f.code, path: f.paths[0], message: f.message })));
    run.artifact('invoice.pdf', 'application/pdf', r.value);
    const qr = stampOf(envelope, 'tbai-qr') ?? stampOf(envelope, 'verifactu-qr');
    return { bytes: r.value.length, locale: c.locale ?? 'es', dateFormat: c.date_format, layout: c.layout ?? 'A4', logoHeight: c.logo_height, ...(qr ? { qr } : {}), tbaiCode: stampOf(envelope, 'tbai-code') };
  },
};

/** Noto Sans from node_modules, read once. */
let fontCache: Promise<DefaultFonts> | undefined;
export function nodeFonts(): Promise<DefaultFonts> {
  fontCache ??= loadDefaultFonts(async (file) => readFile(createRequire(import.meta.url).resolve(file)));
  return fontCache;
}
