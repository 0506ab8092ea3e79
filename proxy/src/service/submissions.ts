/**
 * The submission pipeline: build and sign under the issuer's chain lock, store the signed
 * document together with the chain advance (one transaction), then deliver through a per-chain
 * outbox in chain order. Delivery failures leave the submission pending; the outbox retries, and
 * a "duplicate" answer to a retry means our earlier attempt got through.
 */
import { createHash } from 'node:crypto';
import type { SoftwareInfo } from '../../../engine/convert/types.ts';
import { arabaClient } from '../authorities/ticketbai-araba.ts';
import { bizkaiaClient } from '../authorities/ticketbai-bizkaia-lroe.ts';
import { gipuzkoaClient } from '../authorities/ticketbai-gipuzkoa.ts';
import { siiClient } from '../authorities/sii.ts';
import { verifactuClient } from '../authorities/verifactu.ts';
import type { Environment } from '../authorities/endpoints.ts';
import { TransportError } from '../authorities/transport.ts';
import { RemoteError, type AuthorityResult, type ClientContext } from '../authorities/types.ts';
import type { CertificateManager } from '../certificates/manager.ts';
import { ProxyError } from '../errors.ts';
import { ChainConflict, type Store, type SubmissionRow, type SubmissionStatus } from '../store/sqlite.ts';
import { buildSii, buildTicketBai, buildVerifactu, chainKeyOf, type BuiltDocument, type SubmitRequest, type VerifactuResend } from './documents.ts';
import { KeyedMutex } from './mutex.ts';

export interface Log {
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
}

export const silentLog: Log = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Delivers one stored submission; the production implementation calls the authority clients. */
export interface Authorities {
  deliver(row: SubmissionRow, ctx: ClientContext): Promise<AuthorityResult>;
  /** Several submissions in one request (Bizkaia LROE takes up to 1000 invoices); rows are batchable(). */
  deliverBatch?(rows: readonly SubmissionRow[], ctx: ClientContext): Promise<AuthorityResult>;
  context(env: Environment): ClientContext;
}

/** Bizkaia LROE rows of the same operation, environment and year travel together. */
export function batchable(a: SubmissionRow, b: SubmissionRow): boolean {
  return (
    a.authority === 'tbai-bizkaia' &&
    b.authority === a.authority &&
    a.operation === b.operation &&
    a.env === b.env &&
    a.issuer === b.issuer &&
    (a.sendInfo as { year?: string }).year === (b.sendInfo as { year?: string }).year &&
    (a.sendInfo as { activity?: string }).activity === (b.sendInfo as { activity?: string }).activity
  );
}

export const MAX_BATCH = 100;

/** The record id an answer uses for a submission (SerieFactura/NumFactura). */
export const recordId = (row: SubmissionRow) => [row.series, row.number].filter(Boolean).join('/');

export interface ServiceDeps {
  readonly store: Store;
  readonly certificates: CertificateManager;
  readonly authorities: Authorities;
  readonly clock: () => Date;
  readonly software: SoftwareInfo;
  readonly log?: Log;
  /** How long a submit call waits for the authority before answering "pending". */
  readonly waitMs?: number;
  /** Retry delay after a delivery failure. */
  readonly retryMs?: number;
}

/** The real clients, with client contexts made per environment. */
export function authorityClients(context: (env: Environment) => ClientContext): Authorities {
  return {
    context,
    deliverBatch(rows, ctx) {
      const first = rows[0];
      const info = first.sendInfo as { issuerName?: string; activity?: string; year?: string };
      return bizkaiaClient.submit(
        {
          operation: first.operation === 'cancel' ? 'cancel' : 'alta',
          issuer: { nif: first.issuer, name: info.issuerName ?? '', activity: info.activity },
          year: info.year ?? String(new Date().getUTCFullYear()),
          documents: rows.map((r) => r.signedXml),
        },
        ctx,
      );
    },
    async deliver(row, ctx) {
      const info = row.sendInfo as { issuerName?: string; activity?: string; year?: string; book?: 'issued' | 'received' };
      switch (row.authority) {
        case 'tbai-gipuzkoa':
          return row.operation === 'cancel' ? gipuzkoaClient.cancel(row.signedXml, ctx) : gipuzkoaClient.alta(row.signedXml, ctx);
        case 'tbai-araba':
          return row.operation === 'cancel' ? arabaClient.cancel(row.signedXml, ctx) : arabaClient.alta(row.signedXml, ctx);
        case 'tbai-bizkaia':
          return bizkaiaClient.submit(
            {
              operation: row.operation === 'cancel' ? 'cancel' : 'alta',
              issuer: { nif: row.issuer, name: info.issuerName ?? '', activity: info.activity },
              year: info.year ?? String(new Date().getUTCFullYear()),
              documents: [row.signedXml],
            },
            ctx,
          );
        case 'sii':
          return siiClient.submit(info.book ?? 'issued', row.signedXml, ctx);
        case 'verifactu':
          return verifactuClient.submit(row.signedXml, ctx);
        default:
          throw new Error(`unknown authority ${row.authority}`);
      }
    },
  };
}

export function requestHash(req: unknown): string {
  const canon = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(canon) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canon((v as Record<string, unknown>)[k])])) : v;
  return createHash('sha256').update(JSON.stringify(canon(req))).digest('hex');
}

export interface SubmitOutcome {
  readonly submission: SubmissionRow;
  /** True when this call found an earlier submission with the same idempotency key. */
  readonly replayed: boolean;
}

export class SubmissionService {
  readonly #d: ServiceDeps;
  readonly #prepare = new KeyedMutex();
  readonly #deliver = new KeyedMutex();
  readonly #retryTimers = new Map<string, NodeJS.Timeout>();
  #closed = false;

  constructor(deps: ServiceDeps) {
    this.#d = deps;
  }

  get store(): Store {
    return this.#d.store;
  }

  #log(): Log {
    return this.#d.log ?? silentLog;
  }

  /** Builds, signs and stores (pending); delivery is separate. Idempotent per key. */
  async prepare(req: SubmitRequest, idempotencyKey?: string): Promise<SubmitOutcome> {
    const hash = requestHash(req);
    const existing = idempotencyKey ? this.#d.store.byIdempotencyKey(idempotencyKey) : undefined;
    if (existing) return this.#replay(existing, hash);
    const chainKey = chainKeyOf(req);
    return this.#prepare.run(chainKey, () => {
      const again = idempotencyKey ? this.#d.store.byIdempotencyKey(idempotencyKey) : undefined;
      if (again) return this.#replay(again, hash);
      for (let attempt = 0; ; attempt++) {
        const ctx = { credential: this.#d.certificates.current(), software: this.#d.software, now: this.#d.clock() };
        let built: BuiltDocument;
        let expectSeq: number | undefined;
        if (req.system === 'ticketbai') {
          const [, zone, issuer, device] = chainKey.split(':');
          const head = req.operation === 'alta' ? this.#d.store.tbaiHead(zone, issuer, device) : undefined;
          expectSeq = head?.seq;
          built = buildTicketBai(req, head, ctx);
        } else if (req.system === 'verifactu') {
          const head = this.#d.store.verifactuHead(chainKey.slice('verifactu:'.length));
          expectSeq = head?.seq;
          built = buildVerifactu(req, head, ctx);
          const resend = req.operation === 'alta' ? resendKind(this.#d.store.historyOf({ ...built, env: req.env })) : undefined;
          if (resend) built = buildVerifactu(req, head, ctx, resend);
        } else built = buildSii(req, ctx);
        try {
          const row = this.#d.store.insertSubmission(
            {
              authority: built.authority,
              operation: req.operation,
              env: req.env,
              zone: req.zone,
              format: built.format,
              issuer: built.issuer,
              series: built.series,
              number: built.number,
              issueDate: built.issueDate,
              chainKey,
              idempotencyKey,
              requestHash: hash,
              signedXml: built.signedXml,
              signatureValue: built.signatureValue,
              stamps: built.stamps,
              sendInfo: built.sendInfo,
            },
            built.advance,
            expectSeq,
          );
          this.#log().info('submission stored', { id: row.id, authority: row.authority, issuer: row.issuer, number: row.number, seq: row.chainSeq });
          return { submission: row, replayed: false };
        } catch (e) {
          if (e instanceof ChainConflict && attempt < 3) continue;
          if (idempotencyKey && e instanceof Error && /UNIQUE constraint failed: submissions.idempotency_key/.test(e.message)) {
            return this.#replay(this.#d.store.byIdempotencyKey(idempotencyKey)!, hash);
          }
          throw e;
        }
      }
    });
  }

  #replay(row: SubmissionRow, hash: string): SubmitOutcome {
    if (row.requestHash && row.requestHash !== hash) {
      throw new ProxyError('conflict', 'this Idempotency-Key was already used for a different request');
    }
    return { submission: row, replayed: true };
  }

  /** Prepares and delivers, waiting (up to waitMs) for the authority's answer. */
  async submit(req: SubmitRequest, idempotencyKey?: string): Promise<SubmitOutcome> {
    const out = await this.prepare(req, idempotencyKey);
    if (out.submission.status !== 'pending') return out;
    await this.#withTimeout(this.drain(out.submission.chainKey), this.#d.waitMs ?? 30_000);
    return { ...out, submission: this.#d.store.get(out.submission.id)! };
  }

  async #withTimeout(p: Promise<unknown>, ms: number): Promise<void> {
    let t: NodeJS.Timeout | undefined;
    await Promise.race([p, new Promise((r) => (t = setTimeout(r, ms)))]);
    if (t) clearTimeout(t);
  }

  /**
   * Delivers a chain's pending submissions in order. Stops at the first delivery failure (the
   * authority expects chain order) and schedules a retry.
   */
  drain(chainKey: string): Promise<void> {
    return this.#deliver.run(chainKey, async () => {
      for (;;) {
        const rows = this.#d.store.pending(chainKey);
        if (rows.length === 0 || this.#closed) return;
        let i = 0;
        while (i < rows.length) {
          let j = i + 1;
          if (this.#d.authorities.deliverBatch) while (j < rows.length && j - i < MAX_BATCH && batchable(rows[i], rows[j])) j++;
          const ok = j - i > 1 ? await this.#deliverBatch(rows.slice(i, j)) : await this.#deliverOne(rows[i]);
          if (!ok) {
            this.#scheduleRetry(chainKey);
            return;
          }
          i = j;
        }
      }
    });
  }

  async #deliverOne(row: SubmissionRow): Promise<boolean> {
    const ctx = this.#d.authorities.context(row.env as Environment);
    // Count the attempt before sending: after a crash, attempts > 0 tells a later "duplicate"
    // answer that the earlier attempt may have reached the authority.
    this.#d.store.markSending(row.id);
    const triedBefore = row.attempts > 0;
    try {
      const result = await this.#d.authorities.deliver(row, ctx);
      const ours = result.duplicate && triedBefore;
      const status: SubmissionStatus = ours ? 'accepted' : result.status;
      this.#d.store.recordResult(row.id, {
        status,
        result: { ...summarize(result), ...(ours ? { note: 'the authority already had this record from an earlier attempt' } : {}) },
        rawRequest: result.raw.request,
        rawResponse: result.raw.response,
        httpStatus: result.raw.httpStatus,
      });
      this.#log().info('submission answered', { id: row.id, status, authority: row.authority, codes: result.codes.map((c) => c.code) });
      return true;
    } catch (e) {
      if (e instanceof TransportError || e instanceof RemoteError) {
        this.#d.store.recordFailure(row.id, `${e.name}: ${e.message}`);
        this.#log().warn('delivery failed, will retry', { id: row.id, error: e.message });
        return false;
      }
      this.#d.store.recordFailure(row.id, `internal: ${e instanceof Error ? e.message : String(e)}`);
      this.#log().error('delivery error', { id: row.id, error: e instanceof Error ? e.message : String(e) });
      return false;
    }
  }

  async #deliverBatch(rows: readonly SubmissionRow[]): Promise<boolean> {
    const ctx = this.#d.authorities.context(rows[0].env as Environment);
    for (const r of rows) this.#d.store.markSending(r.id);
    try {
      const result = await this.#d.authorities.deliverBatch!(rows, ctx);
      for (const row of rows) {
        const rec = result.records.find((x) => x.id === recordId(row));
        const ours = !!rec?.duplicate && row.attempts > 0;
        const status: SubmissionStatus = ours ? 'accepted' : (rec?.status ?? (result.status === 'accepted' ? 'accepted' : 'rejected'));
        const codes = rec ? rec.codes : result.codes;
        this.#d.store.recordResult(row.id, {
          status,
          result: { ...summarize(result), status, duplicate: rec?.duplicate ?? result.duplicate, codes, records: rec ? [rec] : [], batch: rows.length, ...(ours ? { note: 'the authority already had this record from an earlier attempt' } : {}) },
          rawRequest: result.raw.request,
          rawResponse: result.raw.response,
          httpStatus: result.raw.httpStatus,
        });
      }
      this.#log().info('batch answered', { authority: rows[0].authority, size: rows.length, status: result.status });
      return true;
    } catch (e) {
      const msg = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      for (const r of rows) this.#d.store.recordFailure(r.id, msg);
      this.#log().warn('batch delivery failed, will retry', { size: rows.length, error: msg });
      return false;
    }
  }

  #scheduleRetry(chainKey: string): void {
    if (this.#closed || this.#retryTimers.has(chainKey)) return;
    const t = setTimeout(() => {
      this.#retryTimers.delete(chainKey);
      void this.drain(chainKey);
    }, this.#d.retryMs ?? 5_000);
    t.unref();
    this.#retryTimers.set(chainKey, t);
  }

  /** Delivers everything still pending (at start-up, after a crash). */
  async recover(): Promise<void> {
    await Promise.all(this.#d.store.pendingChains().map((k) => this.drain(k)));
  }

  close(): void {
    this.#closed = true;
    for (const t of this.#retryTimers.values()) clearTimeout(t);
    this.#retryTimers.clear();
  }
}

/**
 * Whether a VERI*FACTU alta repeats an invoice the AEAT already answered, judged by our own
 * history of it: after an accepted alta it is a correction (subsanación); after only rejected
 * ones it is the first registration of a rejected record. A cancellation since the last accepted
 * alta leaves a normal alta. An attempt still out must be answered first.
 */
export function resendKind(history: readonly SubmissionRow[]): VerifactuResend | undefined {
  const out = history.find((r) => r.status === 'pending');
  if (out) throw new ProxyError('conflict', `submission ${out.id} of this invoice is still waiting for the AEAT's answer; send again once it is answered`);
  for (const r of history) {
    const accepted = r.status === 'accepted' || r.status === 'accepted_with_errors';
    if (r.operation === 'cancel' && accepted) return undefined;
    if (r.operation === 'alta' && accepted) return 'amendment';
  }
  return history.some((r) => r.operation === 'alta' && r.status === 'rejected') ? 'after-rejection' : undefined;
}

/** The stored result: everything but the raw bodies (kept in their own columns). */
export function summarize(r: AuthorityResult) {
  return {
    authority: r.authority,
    operation: r.operation,
    status: r.status,
    duplicate: r.duplicate,
    reference: r.reference,
    codes: r.codes,
    records: r.records,
    waitSeconds: r.waitSeconds,
    httpStatus: r.raw.httpStatus,
    url: r.raw.url,
  };
}
