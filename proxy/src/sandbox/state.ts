/**
 * What the embedded sandbox authority remembers (its own SQLite file, like a real authority's
 * register): TicketBAI invoices and chain heads per province and issuer, AEAT records (SII,
 * VERI*FACTU) and VERI*FACTU chain heads, and a request counter for tests.
 */
import Database from 'better-sqlite3';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS tbai_invoices (
  zone TEXT NOT NULL, issuer TEXT NOT NULL, series TEXT NOT NULL, number TEXT NOT NULL,
  issue_date TEXT NOT NULL, signature TEXT NOT NULL, cancelled INTEGER NOT NULL DEFAULT 0,
  csv TEXT NOT NULL, received_at TEXT NOT NULL, prev_signature TEXT,
  PRIMARY KEY (zone, issuer, series, number)
);
CREATE TABLE IF NOT EXISTS tbai_chain (
  zone TEXT NOT NULL, issuer TEXT NOT NULL, series TEXT NOT NULL, number TEXT NOT NULL,
  issue_date TEXT NOT NULL, signature TEXT NOT NULL, count INTEGER NOT NULL,
  PRIMARY KEY (zone, issuer)
);
CREATE TABLE IF NOT EXISTS aeat_records (
  system TEXT NOT NULL, issuer TEXT NOT NULL, number TEXT NOT NULL, issue_date TEXT NOT NULL,
  cancelled INTEGER NOT NULL DEFAULT 0, csv TEXT NOT NULL, request_id TEXT NOT NULL, huella TEXT, received_at TEXT NOT NULL,
  PRIMARY KEY (system, issuer, number, issue_date)
);
CREATE TABLE IF NOT EXISTS verifactu_chain (
  issuer TEXT PRIMARY KEY, number TEXT NOT NULL, issue_date TEXT NOT NULL, huella TEXT NOT NULL, count INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS requests (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, path TEXT NOT NULL, status INTEGER);
`;

export interface TbaiRegistered {
  readonly series: string;
  readonly number: string;
  readonly issueDate: string;
  readonly signature: string;
  readonly cancelled: boolean;
  readonly csv: string;
  readonly prevSignature?: string;
}

export interface TbaiHead {
  readonly series: string;
  readonly number: string;
  readonly issueDate: string;
  readonly signature: string;
  readonly count: number;
}

type Row = Record<string, unknown>;

export class SandboxState {
  readonly db: Database.Database;

  constructor(file = ':memory:') {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
  }

  close(): void {
    this.db.close();
  }

  tbaiInvoice(zone: string, issuer: string, series: string, number: string): TbaiRegistered | undefined {
    const r = this.db.prepare('SELECT * FROM tbai_invoices WHERE zone = ? AND issuer = ? AND series = ? AND number = ?').get(zone, issuer, series, number) as Row | undefined;
    return r
      ? {
          series: r.series as string,
          number: r.number as string,
          issueDate: r.issue_date as string,
          signature: r.signature as string,
          cancelled: r.cancelled === 1,
          csv: r.csv as string,
          prevSignature: (r.prev_signature as string | null) ?? undefined,
        }
      : undefined;
  }

  tbaiHead(zone: string, issuer: string): TbaiHead | undefined {
    const r = this.db.prepare('SELECT * FROM tbai_chain WHERE zone = ? AND issuer = ?').get(zone, issuer) as Row | undefined;
    return r ? { series: r.series as string, number: r.number as string, issueDate: r.issue_date as string, signature: r.signature as string, count: r.count as number } : undefined;
  }

  registerTbai(zone: string, issuer: string, inv: { series: string; number: string; issueDate: string; signature: string; csv: string; prevSignature?: string }, at: string): void {
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO tbai_invoices (zone, issuer, series, number, issue_date, signature, csv, received_at, prev_signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(zone, issuer, inv.series, inv.number, inv.issueDate, inv.signature, inv.csv, at, inv.prevSignature ?? null);
      this.db
        .prepare(
          `INSERT INTO tbai_chain (zone, issuer, series, number, issue_date, signature, count) VALUES (?, ?, ?, ?, ?, ?, 1)
           ON CONFLICT(zone, issuer) DO UPDATE SET series = excluded.series, number = excluded.number, issue_date = excluded.issue_date,
           signature = excluded.signature, count = count + 1`,
        )
        .run(zone, issuer, inv.series, inv.number, inv.issueDate, inv.signature.slice(0, 100));
    })();
  }

  cancelTbai(zone: string, issuer: string, series: string, number: string): void {
    this.db.prepare('UPDATE tbai_invoices SET cancelled = 1 WHERE zone = ? AND issuer = ? AND series = ? AND number = ?').run(zone, issuer, series, number);
  }

  /** Every registered TicketBAI invoice of an issuer, in arrival order (for chain checks in tests). */
  tbaiInvoices(zone: string, issuer: string): (TbaiRegistered & { receivedAt: string })[] {
    return (this.db.prepare('SELECT * FROM tbai_invoices WHERE zone = ? AND issuer = ? ORDER BY rowid').all(zone, issuer) as Row[]).map((r) => ({
      series: r.series as string,
      number: r.number as string,
      issueDate: r.issue_date as string,
      signature: r.signature as string,
      cancelled: r.cancelled === 1,
      csv: r.csv as string,
      prevSignature: (r.prev_signature as string | null) ?? undefined,
      receivedAt: r.received_at as string,
    }));
  }

  aeatRecord(system: string, issuer: string, number: string, issueDate: string): { cancelled: boolean; csv: string; requestId: string } | undefined {
    const r = this.db.prepare('SELECT * FROM aeat_records WHERE system = ? AND issuer = ? AND number = ? AND issue_date = ?').get(system, issuer, number, issueDate) as Row | undefined;
    return r ? { cancelled: r.cancelled === 1, csv: r.csv as string, requestId: r.request_id as string } : undefined;
  }

  registerAeat(system: string, issuer: string, number: string, issueDate: string, csv: string, requestId: string, at: string, huella?: string): void {
    this.db
      .prepare('INSERT INTO aeat_records (system, issuer, number, issue_date, csv, request_id, huella, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(system, issuer, number, issueDate, csv, requestId, huella ?? null, at);
  }

  /** A corrected record (subsanación) takes the place of the one registered before. */
  replaceAeat(system: string, issuer: string, number: string, issueDate: string, csv: string, requestId: string, at: string, huella?: string): void {
    this.db
      .prepare('UPDATE aeat_records SET csv = ?, request_id = ?, huella = ?, received_at = ?, cancelled = 0 WHERE system = ? AND issuer = ? AND number = ? AND issue_date = ?')
      .run(csv, requestId, huella ?? null, at, system, issuer, number, issueDate);
  }

  cancelAeat(system: string, issuer: string, number: string, issueDate: string): void {
    this.db.prepare('UPDATE aeat_records SET cancelled = 1 WHERE system = ? AND issuer = ? AND number = ? AND issue_date = ?').run(system, issuer, number, issueDate);
  }

  aeatCount(system: string, issuer: string): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM aeat_records WHERE system = ? AND issuer = ?').get(system, issuer) as Row).n as number;
  }

  verifactuHead(issuer: string): { number: string; issueDate: string; huella: string; count: number } | undefined {
    const r = this.db.prepare('SELECT * FROM verifactu_chain WHERE issuer = ?').get(issuer) as Row | undefined;
    return r ? { number: r.number as string, issueDate: r.issue_date as string, huella: r.huella as string, count: r.count as number } : undefined;
  }

  setVerifactuHead(issuer: string, number: string, issueDate: string, huella: string): void {
    this.db
      .prepare(
        `INSERT INTO verifactu_chain (issuer, number, issue_date, huella, count) VALUES (?, ?, ?, ?, 1)
         ON CONFLICT(issuer) DO UPDATE SET number = excluded.number, issue_date = excluded.issue_date, huella = excluded.huella, count = count + 1`,
      )
      .run(issuer, number, issueDate, huella);
  }

  logRequest(path: string, status: number, at: string): void {
    this.db.prepare('INSERT INTO requests (at, path, status) VALUES (?, ?, ?)').run(at, path, status);
  }

  requestCount(path?: string): number {
    const r = path ? this.db.prepare('SELECT COUNT(*) AS n FROM requests WHERE path = ?').get(path) : this.db.prepare('SELECT COUNT(*) AS n FROM requests').get();
    return (r as Row).n as number;
  }
}
