/**
 * The proxy's state in one SQLite file (better-sqlite3, WAL): TicketBAI chains per issuer and
 * device, VERI*FACTU chains per issuer, submissions with their raw exchange, idempotency keys.
 *
 * A submission row and the chain head it advances are written in one transaction, so a crash
 * (even SIGKILL) leaves either both or neither: the chain can't fork and a signed document can't
 * get lost. WAL with synchronous=NORMAL is durable across process crashes (not power loss).
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';

export type SubmissionStatus = 'pending' | 'accepted' | 'accepted_with_errors' | 'rejected';

export interface TbaiChainHead {
  readonly series?: string;
  readonly number: string;
  readonly issueDate: string;
  readonly signature: string;
  readonly seq: number;
}

export interface VerifactuChainHead {
  readonly issuerNif: string;
  readonly seriesCode: string;
  readonly issueDate: string;
  readonly huella: string;
  readonly seq: number;
}

export interface SubmissionRow {
  readonly id: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly authority: string;
  readonly operation: string;
  readonly env: string;
  readonly zone?: string;
  readonly format: string;
  readonly issuer: string;
  readonly series?: string;
  readonly number: string;
  readonly issueDate?: string;
  readonly chainKey: string;
  readonly chainSeq: number;
  readonly idempotencyKey?: string;
  readonly requestHash?: string;
  readonly status: SubmissionStatus;
  readonly attempts: number;
  readonly lastError?: string;
  readonly signedXml: string;
  readonly signatureValue?: string;
  readonly stamps: Readonly<Record<string, string>>;
  readonly result?: unknown;
  readonly rawRequest?: string;
  readonly rawResponse?: string;
  readonly httpStatus?: number;
  /** Options the sender needs later (e.g. LROE issuer/activity). */
  readonly sendInfo: Readonly<Record<string, unknown>>;
}

export interface NewSubmission {
  readonly authority: string;
  readonly operation: string;
  readonly env: string;
  readonly zone?: string;
  readonly format: string;
  readonly issuer: string;
  readonly series?: string;
  readonly number: string;
  readonly issueDate?: string;
  readonly chainKey: string;
  readonly idempotencyKey?: string;
  readonly requestHash?: string;
  readonly signedXml: string;
  readonly signatureValue?: string;
  readonly stamps?: Readonly<Record<string, string>>;
  readonly sendInfo?: Readonly<Record<string, unknown>>;
}

export type ChainAdvance =
  | { readonly kind: 'tbai'; readonly zone: string; readonly issuer: string; readonly device: string; readonly head: Omit<TbaiChainHead, 'seq'> }
  | { readonly kind: 'verifactu'; readonly issuer: string; readonly head: Omit<VerifactuChainHead, 'seq'> };

const SCHEMA = `
CREATE TABLE IF NOT EXISTS tbai_chain (
  zone TEXT NOT NULL, issuer TEXT NOT NULL, device TEXT NOT NULL DEFAULT '',
  series TEXT, number TEXT NOT NULL, issue_date TEXT NOT NULL, signature TEXT NOT NULL,
  seq INTEGER NOT NULL, updated_at TEXT NOT NULL,
  PRIMARY KEY (zone, issuer, device)
);
CREATE TABLE IF NOT EXISTS verifactu_chain (
  issuer TEXT PRIMARY KEY, series_code TEXT NOT NULL, issue_date TEXT NOT NULL, huella TEXT NOT NULL,
  seq INTEGER NOT NULL, updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS submissions (
  id TEXT PRIMARY KEY,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
  authority TEXT NOT NULL, operation TEXT NOT NULL, env TEXT NOT NULL, zone TEXT, format TEXT NOT NULL,
  issuer TEXT NOT NULL, series TEXT, number TEXT NOT NULL, issue_date TEXT,
  chain_key TEXT NOT NULL, chain_seq INTEGER NOT NULL,
  idempotency_key TEXT UNIQUE, request_hash TEXT,
  status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT,
  signed_xml TEXT NOT NULL, signature_value TEXT, stamps TEXT NOT NULL DEFAULT '{}',
  result TEXT, raw_request TEXT, raw_response TEXT, http_status INTEGER,
  send_info TEXT NOT NULL DEFAULT '{}',
  UNIQUE (chain_key, chain_seq)
);
CREATE INDEX IF NOT EXISTS submissions_pending ON submissions (status, chain_key, chain_seq);
CREATE INDEX IF NOT EXISTS submissions_created ON submissions (created_at);
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

type Row = Record<string, unknown>;

function toSubmission(r: Row): SubmissionRow {
  const opt = (v: unknown) => (v === null || v === undefined ? undefined : (v as string));
  return {
    id: r.id as string,
    createdAt: r.created_at as string,
    updatedAt: r.updated_at as string,
    authority: r.authority as string,
    operation: r.operation as string,
    env: r.env as string,
    zone: opt(r.zone),
    format: r.format as string,
    issuer: r.issuer as string,
    series: opt(r.series),
    number: r.number as string,
    issueDate: opt(r.issue_date),
    chainKey: r.chain_key as string,
    chainSeq: r.chain_seq as number,
    idempotencyKey: opt(r.idempotency_key),
    requestHash: opt(r.request_hash),
    status: r.status as SubmissionStatus,
    attempts: r.attempts as number,
    lastError: opt(r.last_error),
    signedXml: r.signed_xml as string,
    signatureValue: opt(r.signature_value),
    stamps: JSON.parse((r.stamps as string) || '{}'),
    result: r.result ? JSON.parse(r.result as string) : undefined,
    rawRequest: opt(r.raw_request),
    rawResponse: opt(r.raw_response),
    httpStatus: (r.http_status as number | null) ?? undefined,
    sendInfo: JSON.parse((r.send_info as string) || '{}'),
  };
}

export interface ListFilter {
  readonly authority?: string;
  readonly issuer?: string;
  readonly status?: SubmissionStatus;
  readonly limit?: number;
  readonly before?: string;
}

export class Store {
  readonly db: Database.Database;
  readonly #now: () => Date;

  constructor(file: string, now: () => Date = () => new Date()) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    this.#now = now;
  }

  close(): void {
    this.db.close();
  }

  setting(key: string): string | undefined {
    return (this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as Row | undefined)?.value as string | undefined;
  }

  setSetting(key: string, value: string): void {
    this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  tbaiHead(zone: string, issuer: string, device = ''): TbaiChainHead | undefined {
    const r = this.db.prepare('SELECT * FROM tbai_chain WHERE zone = ? AND issuer = ? AND device = ?').get(zone, issuer, device) as Row | undefined;
    return r ? { series: (r.series as string | null) ?? undefined, number: r.number as string, issueDate: r.issue_date as string, signature: r.signature as string, seq: r.seq as number } : undefined;
  }

  verifactuHead(issuer: string): VerifactuChainHead | undefined {
    const r = this.db.prepare('SELECT * FROM verifactu_chain WHERE issuer = ?').get(issuer) as Row | undefined;
    return r ? { issuerNif: issuer, seriesCode: r.series_code as string, issueDate: r.issue_date as string, huella: r.huella as string, seq: r.seq as number } : undefined;
  }

  tbaiChains(): (TbaiChainHead & { zone: string; issuer: string; device: string })[] {
    return (this.db.prepare('SELECT * FROM tbai_chain ORDER BY zone, issuer, device').all() as Row[]).map((r) => ({
      zone: r.zone as string,
      issuer: r.issuer as string,
      device: r.device as string,
      series: (r.series as string | null) ?? undefined,
      number: r.number as string,
      issueDate: r.issue_date as string,
      signature: r.signature as string,
      seq: r.seq as number,
    }));
  }

  verifactuChains(): VerifactuChainHead[] {
    return (this.db.prepare('SELECT * FROM verifactu_chain ORDER BY issuer').all() as Row[]).map((r) => ({
      issuerNif: r.issuer as string,
      seriesCode: r.series_code as string,
      issueDate: r.issue_date as string,
      huella: r.huella as string,
      seq: r.seq as number,
    }));
  }

  /** Next position in a submission chain (per chain key). */
  #nextSeq(chainKey: string): number {
    const r = this.db.prepare('SELECT MAX(chain_seq) AS m FROM submissions WHERE chain_key = ?').get(chainKey) as Row;
    return ((r.m as number | null) ?? 0) + 1;
  }

  /**
   * Inserts a submission and, when given, advances the chain head — atomically. `expectSeq` is the
   * chain head's seq the document was built on: if another writer advanced it meanwhile the
   * transaction fails instead of forking the chain.
   */
  insertSubmission(s: NewSubmission, advance?: ChainAdvance, expectSeq?: number): SubmissionRow {
    const now = this.#now().toISOString();
    const id = randomUUID();
    const tx = this.db.transaction(() => {
      if (advance) {
        if (advance.kind === 'tbai') {
          const cur = this.tbaiHead(advance.zone, advance.issuer, advance.device);
          if ((cur?.seq ?? 0) !== (expectSeq ?? 0)) throw new ChainConflict();
          this.db
            .prepare(
              `INSERT INTO tbai_chain (zone, issuer, device, series, number, issue_date, signature, seq, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT(zone, issuer, device) DO UPDATE SET series = excluded.series, number = excluded.number, issue_date = excluded.issue_date,
               signature = excluded.signature, seq = excluded.seq, updated_at = excluded.updated_at`,
            )
            .run(advance.zone, advance.issuer, advance.device, advance.head.series ?? null, advance.head.number, advance.head.issueDate, advance.head.signature, (cur?.seq ?? 0) + 1, now);
        } else {
          const cur = this.verifactuHead(advance.issuer);
          if ((cur?.seq ?? 0) !== (expectSeq ?? 0)) throw new ChainConflict();
          this.db
            .prepare(
              `INSERT INTO verifactu_chain (issuer, series_code, issue_date, huella, seq, updated_at) VALUES (?, ?, ?, ?, ?, ?)
               ON CONFLICT(issuer) DO UPDATE SET series_code = excluded.series_code, issue_date = excluded.issue_date, huella = excluded.huella,
               seq = excluded.seq, updated_at = excluded.updated_at`,
            )
            .run(advance.issuer, advance.head.seriesCode, advance.head.issueDate, advance.head.huella, (cur?.seq ?? 0) + 1, now);
        }
      }
      this.db
        .prepare(
          `INSERT INTO submissions (id, created_at, updated_at, authority, operation, env, zone, format, issuer, series, number, issue_date,
             chain_key, chain_seq, idempotency_key, request_hash, status, signed_xml, signature_value, stamps, send_info)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?)`,
        )
        .run(
          id,
          now,
          now,
          s.authority,
          s.operation,
          s.env,
          s.zone ?? null,
          s.format,
          s.issuer,
          s.series ?? null,
          s.number,
          s.issueDate ?? null,
          s.chainKey,
          this.#nextSeq(s.chainKey),
          s.idempotencyKey ?? null,
          s.requestHash ?? null,
          s.signedXml,
          s.signatureValue ?? null,
          JSON.stringify(s.stamps ?? {}),
          JSON.stringify(s.sendInfo ?? {}),
        );
    });
    tx.immediate();
    return this.get(id)!;
  }

  get(id: string): SubmissionRow | undefined {
    const r = this.db.prepare('SELECT * FROM submissions WHERE id = ?').get(id) as Row | undefined;
    return r ? toSubmission(r) : undefined;
  }

  byIdempotencyKey(key: string): SubmissionRow | undefined {
    const r = this.db.prepare('SELECT * FROM submissions WHERE idempotency_key = ?').get(key) as Row | undefined;
    return r ? toSubmission(r) : undefined;
  }

  list(f: ListFilter = {}): SubmissionRow[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (f.authority) (where.push('authority = ?'), args.push(f.authority));
    if (f.issuer) (where.push('issuer = ?'), args.push(f.issuer));
    if (f.status) (where.push('status = ?'), args.push(f.status));
    if (f.before) (where.push('created_at < ?'), args.push(f.before));
    const sql = `SELECT * FROM submissions ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY created_at DESC, chain_seq DESC LIMIT ?`;
    return (this.db.prepare(sql).all(...args, Math.min(f.limit ?? 50, 500)) as Row[]).map(toSubmission);
  }

  /** Every earlier submission of one invoice to one authority and environment, newest first. */
  historyOf(k: { authority: string; env: string; issuer: string; number: string; issueDate?: string }): SubmissionRow[] {
    const rows = this.db
      .prepare('SELECT * FROM submissions WHERE authority = ? AND env = ? AND issuer = ? AND number = ? AND issue_date IS ? ORDER BY created_at DESC, chain_seq DESC')
      .all(k.authority, k.env, k.issuer, k.number, k.issueDate ?? null) as Row[];
    return rows.map(toSubmission);
  }

  pending(chainKey?: string): SubmissionRow[] {
    const rows = chainKey
      ? this.db.prepare("SELECT * FROM submissions WHERE status = 'pending' AND chain_key = ? ORDER BY chain_seq").all(chainKey)
      : this.db.prepare("SELECT * FROM submissions WHERE status = 'pending' ORDER BY chain_key, chain_seq").all();
    return (rows as Row[]).map(toSubmission);
  }

  pendingChains(): string[] {
    return (this.db.prepare("SELECT DISTINCT chain_key FROM submissions WHERE status = 'pending'").all() as Row[]).map((r) => r.chain_key as string);
  }

  /** Counted before sending, so that after a crash we know an attempt may have reached the authority. */
  markSending(id: string): void {
    this.db.prepare('UPDATE submissions SET attempts = attempts + 1, updated_at = ? WHERE id = ?').run(this.#now().toISOString(), id);
  }

  recordFailure(id: string, error: string): void {
    this.db.prepare('UPDATE submissions SET last_error = ?, updated_at = ? WHERE id = ?').run(error, this.#now().toISOString(), id);
  }

  recordResult(id: string, r: { status: SubmissionStatus; result: unknown; rawRequest: string; rawResponse: string; httpStatus: number; stamps?: Record<string, string> }): void {
    const now = this.#now().toISOString();
    this.db
      .prepare(
        `UPDATE submissions SET status = ?, result = ?, raw_request = ?, raw_response = ?, http_status = ?, last_error = NULL,
         stamps = COALESCE(?, stamps), updated_at = ? WHERE id = ?`,
      )
      .run(r.status, JSON.stringify(r.result), r.rawRequest, r.rawResponse, r.httpStatus, r.stamps ? JSON.stringify(r.stamps) : null, now, id);
  }

  counts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const r of this.db.prepare('SELECT status, COUNT(*) AS n FROM submissions GROUP BY status').all() as Row[]) out[r.status as string] = r.n as number;
    return out;
  }
}

/** The chain head moved between building a document and storing it; rebuild and retry. */
export class ChainConflict extends Error {
  override readonly name = 'ChainConflict' as const;
  constructor() {
    super('the chain head changed while the document was being signed');
  }
}
