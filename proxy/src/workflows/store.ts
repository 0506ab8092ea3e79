/**
 * Workflow state in `workflows.sqlite` beside the proxy's database (tables `wf_*`): silo entries
 * (the document, its state and what the steps learned about it), jobs with one row per step
 * (status, timing, output, error), step artifacts (XML, PDF, raw answers) and sequences.
 *
 * Sequences are gap-free and unique under concurrency: a number is taken inside an IMMEDIATE
 * transaction as `last + 1`, bound to the silo entry it was given to (UNIQUE per sequence), and
 * the same entry asking again (a re-run) gets its number back instead of a new one.
 */
import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { SiloState, Workflow } from './definition.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS wf_entries (
  id TEXT PRIMARY KEY, scope TEXT NOT NULL, env TEXT NOT NULL, schema TEXT NOT NULL,
  envelope TEXT NOT NULL, state TEXT NOT NULL DEFAULT 'empty', meta TEXT NOT NULL DEFAULT '{}',
  client_id TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS wf_entries_scope ON wf_entries (scope, env, created_at);
CREATE TABLE IF NOT EXISTS wf_state_history (
  entry_id TEXT NOT NULL, at TEXT NOT NULL, job_id TEXT, from_state TEXT NOT NULL, to_state TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS wf_jobs (
  id TEXT PRIMARY KEY, entry_id TEXT NOT NULL, scope TEXT NOT NULL, env TEXT NOT NULL,
  workflow TEXT NOT NULL, name TEXT NOT NULL, status TEXT NOT NULL, attempt INTEGER NOT NULL DEFAULT 1,
  rerun_of TEXT, error TEXT, client_id TEXT, options TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL, started_at TEXT, finished_at TEXT
);
CREATE INDEX IF NOT EXISTS wf_jobs_entry ON wf_jobs (entry_id, created_at);
CREATE INDEX IF NOT EXISTS wf_jobs_created ON wf_jobs (created_at);
CREATE TABLE IF NOT EXISTS wf_steps (
  job_id TEXT NOT NULL, phase TEXT NOT NULL, idx INTEGER NOT NULL, step_id TEXT NOT NULL, name TEXT NOT NULL,
  provider TEXT NOT NULL, config TEXT, summary TEXT, status TEXT NOT NULL DEFAULT 'pending',
  started_at TEXT, finished_at TEXT, duration_ms REAL, output TEXT, error TEXT,
  PRIMARY KEY (job_id, phase, idx)
);
CREATE TABLE IF NOT EXISTS wf_artifacts (
  job_id TEXT NOT NULL, phase TEXT NOT NULL, idx INTEGER NOT NULL, name TEXT NOT NULL,
  content_type TEXT NOT NULL, body BLOB NOT NULL,
  PRIMARY KEY (job_id, phase, idx, name)
);
CREATE TABLE IF NOT EXISTS wf_sequences (
  key TEXT PRIMARY KEY, scope TEXT NOT NULL, env TEXT NOT NULL, name TEXT NOT NULL,
  start INTEGER NOT NULL, last INTEGER, updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS wf_sequence_codes (
  key TEXT NOT NULL, value INTEGER NOT NULL, entry_id TEXT NOT NULL, code TEXT NOT NULL, at TEXT NOT NULL,
  PRIMARY KEY (key, value), UNIQUE (key, entry_id)
);
`;

export type JobStatus = 'queued' | 'running' | 'completed' | 'failed';
export type StepStatus = 'pending' | 'running' | 'ok' | 'failed' | 'skipped';
export type Phase = 'steps' | 'rescue';

export interface StepError {
  readonly message: string;
  readonly code?: string;
  readonly details?: readonly { code?: string; path?: string; message: string }[];
}

export interface ArtifactInfo {
  readonly name: string;
  readonly contentType: string;
  readonly size: number;
}

export interface StepRow {
  readonly phase: Phase;
  readonly index: number;
  readonly id: string;
  readonly name: string;
  readonly provider: string;
  readonly config?: Record<string, unknown>;
  readonly summary?: string;
  readonly status: StepStatus;
  readonly startedAt?: string;
  readonly finishedAt?: string;
  readonly durationMs?: number;
  readonly output?: Record<string, unknown>;
  readonly error?: StepError;
  readonly artifacts: readonly ArtifactInfo[];
}

export interface JobRow {
  readonly id: string;
  readonly entryId: string;
  readonly scope: string;
  readonly env: string;
  readonly workflow: Workflow;
  readonly name: string;
  readonly status: JobStatus;
  readonly attempt: number;
  readonly rerunOf?: string;
  readonly error?: StepError;
  readonly clientId?: string;
  readonly options: Record<string, unknown>;
  readonly createdAt: string;
  readonly startedAt?: string;
  readonly finishedAt?: string;
}

export interface EntryRow {
  readonly id: string;
  readonly scope: string;
  readonly env: string;
  readonly schema: string;
  readonly envelope: Record<string, unknown>;
  readonly state: SiloState;
  readonly meta: Record<string, unknown>;
  readonly clientId?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

type Row = Record<string, unknown>;
const opt = <T>(v: unknown, f: (x: string) => T = (x) => x as unknown as T): T | undefined => (v === null || v === undefined ? undefined : f(v as string));
const json = (s: string) => JSON.parse(s) as Record<string, unknown>;

export interface SequenceInfo {
  readonly key: string;
  readonly scope: string;
  readonly env: string;
  readonly name: string;
  readonly start: number;
  readonly last?: number;
  readonly count: number;
}

export class WorkflowStore {
  readonly #db: Database.Database;
  readonly #now: () => Date;

  constructor(db: Database.Database, now: () => Date) {
    this.#db = db;
    this.#now = now;
    db.exec(SCHEMA);
  }

  get db(): Database.Database {
    return this.#db;
  }

  #ts(): string {
    return this.#now().toISOString();
  }

  // -------------------------------------------------------------------------------------------
  // Silo entries

  createEntry(e: { scope: string; env: string; schema: string; envelope: unknown; clientId?: string }): EntryRow {
    const id = randomUUID();
    const at = this.#ts();
    this.#db
      .prepare('INSERT INTO wf_entries (id, scope, env, schema, envelope, client_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(id, e.scope, e.env, e.schema, JSON.stringify(e.envelope), e.clientId ?? null, at, at);
    return this.entry(id)!;
  }

  entry(id: string): EntryRow | undefined {
    const r = this.#db.prepare('SELECT * FROM wf_entries WHERE id = ?').get(id) as Row | undefined;
    return r ? toEntry(r) : undefined;
  }

  entries(f: { scope?: string; env?: string; clientId?: string; limit?: number } = {}): EntryRow[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (f.scope) (where.push('scope = ?'), args.push(f.scope));
    if (f.env) (where.push('env = ?'), args.push(f.env));
    if (f.clientId) (where.push('client_id = ?'), args.push(f.clientId));
    const sql = `SELECT * FROM wf_entries ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY created_at DESC, rowid DESC LIMIT ?`;
    return (this.#db.prepare(sql).all(...args, Math.min(f.limit ?? 50, 500)) as Row[]).map(toEntry);
  }

  setEnvelope(id: string, envelope: unknown): void {
    this.#db.prepare('UPDATE wf_entries SET envelope = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(envelope), this.#ts(), id);
  }

  setMeta(id: string, meta: Record<string, unknown>): void {
    this.#db.prepare('UPDATE wf_entries SET meta = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(meta), this.#ts(), id);
  }

  setState(id: string, state: SiloState, jobId?: string): { from: SiloState; to: SiloState } {
    const at = this.#ts();
    return this.#db.transaction(() => {
      const cur = (this.#db.prepare('SELECT state FROM wf_entries WHERE id = ?').get(id) as Row).state as SiloState;
      this.#db.prepare('UPDATE wf_entries SET state = ?, updated_at = ? WHERE id = ?').run(state, at, id);
      this.#db.prepare('INSERT INTO wf_state_history (entry_id, at, job_id, from_state, to_state) VALUES (?, ?, ?, ?, ?)').run(id, at, jobId ?? null, cur, state);
      return { from: cur, to: state };
    })();
  }

  stateHistory(id: string): { at: string; jobId?: string; from: string; to: string }[] {
    return (this.#db.prepare('SELECT * FROM wf_state_history WHERE entry_id = ? ORDER BY rowid').all(id) as Row[]).map((r) => ({ at: r.at as string, jobId: opt(r.job_id), from: r.from_state as string, to: r.to_state as string }));
  }

  // -------------------------------------------------------------------------------------------
  // Jobs and steps

  createJob(j: { entryId: string; scope: string; env: string; workflow: Workflow; attempt?: number; rerunOf?: string; clientId?: string; options?: Record<string, unknown> }): JobRow {
    const id = randomUUID();
    const at = this.#ts();
    this.#db.transaction(() => {
      this.#db
        .prepare('INSERT INTO wf_jobs (id, entry_id, scope, env, workflow, name, status, attempt, rerun_of, client_id, options, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(id, j.entryId, j.scope, j.env, JSON.stringify(j.workflow), j.workflow.name, 'queued', j.attempt ?? 1, j.rerunOf ?? null, j.clientId ?? null, JSON.stringify(j.options ?? {}), at);
      const ins = this.#db.prepare('INSERT INTO wf_steps (job_id, phase, idx, step_id, name, provider, config, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
      for (const [phase, list] of [['steps', j.workflow.steps], ['rescue', j.workflow.rescue]] as const) {
        list.forEach((s, i) => ins.run(id, phase, i, s.id, s.name, s.provider, s.config === undefined ? null : JSON.stringify(s.config), s.summary ?? null));
      }
    })();
    return this.job(id)!;
  }

  job(id: string): JobRow | undefined {
    const r = this.#db.prepare('SELECT * FROM wf_jobs WHERE id = ?').get(id) as Row | undefined;
    return r ? toJob(r) : undefined;
  }

  jobs(f: { entryId?: string; scope?: string; env?: string; clientId?: string; status?: JobStatus; limit?: number } = {}): JobRow[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (f.entryId) (where.push('entry_id = ?'), args.push(f.entryId));
    if (f.scope) (where.push('scope = ?'), args.push(f.scope));
    if (f.env) (where.push('env = ?'), args.push(f.env));
    if (f.clientId) (where.push('client_id = ?'), args.push(f.clientId));
    if (f.status) (where.push('status = ?'), args.push(f.status));
    const sql = `SELECT * FROM wf_jobs ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY created_at DESC, rowid DESC LIMIT ?`;
    return (this.#db.prepare(sql).all(...args, Math.min(f.limit ?? 50, 1000)) as Row[]).map(toJob);
  }

  /** Jobs left running or queued by a stopped process. */
  unfinishedJobs(): JobRow[] {
    return (this.#db.prepare("SELECT * FROM wf_jobs WHERE status IN ('queued', 'running') ORDER BY created_at").all() as Row[]).map(toJob);
  }

  jobStarted(id: string): void {
    this.#db.prepare("UPDATE wf_jobs SET status = 'running', started_at = ? WHERE id = ?").run(this.#ts(), id);
  }

  jobFinished(id: string, status: 'completed' | 'failed', error?: StepError): void {
    this.#db.prepare('UPDATE wf_jobs SET status = ?, error = ?, finished_at = ? WHERE id = ?').run(status, error ? JSON.stringify(error) : null, this.#ts(), id);
  }

  steps(jobId: string): StepRow[] {
    const arts = new Map<string, ArtifactInfo[]>();
    for (const a of this.#db.prepare('SELECT phase, idx, name, content_type, length(body) AS size FROM wf_artifacts WHERE job_id = ? ORDER BY rowid').all(jobId) as Row[]) {
      const k = `${a.phase}:${a.idx}`;
      arts.set(k, [...(arts.get(k) ?? []), { name: a.name as string, contentType: a.content_type as string, size: a.size as number }]);
    }
    return (this.#db.prepare("SELECT * FROM wf_steps WHERE job_id = ? ORDER BY CASE phase WHEN 'steps' THEN 0 ELSE 1 END, idx").all(jobId) as Row[]).map((r) => ({
      phase: r.phase as Phase,
      index: r.idx as number,
      id: r.step_id as string,
      name: r.name as string,
      provider: r.provider as string,
      config: opt(r.config, json),
      summary: opt(r.summary),
      status: r.status as StepStatus,
      startedAt: opt(r.started_at),
      finishedAt: opt(r.finished_at),
      durationMs: (r.duration_ms as number | null) ?? undefined,
      output: opt(r.output, json),
      error: opt(r.error, (s) => JSON.parse(s) as StepError),
      artifacts: arts.get(`${r.phase}:${r.idx}`) ?? [],
    }));
  }

  stepStarted(jobId: string, phase: Phase, idx: number): void {
    this.#db.prepare("UPDATE wf_steps SET status = 'running', started_at = ?, finished_at = NULL, output = NULL, error = NULL WHERE job_id = ? AND phase = ? AND idx = ?").run(this.#ts(), jobId, phase, idx);
  }

  stepFinished(jobId: string, phase: Phase, idx: number, r: { status: 'ok' | 'failed' | 'skipped'; durationMs?: number; output?: unknown; error?: StepError }): void {
    this.#db
      .prepare('UPDATE wf_steps SET status = ?, finished_at = ?, duration_ms = ?, output = ?, error = ? WHERE job_id = ? AND phase = ? AND idx = ?')
      .run(r.status, r.status === 'skipped' ? null : this.#ts(), r.durationMs ?? null, r.output === undefined ? null : JSON.stringify(r.output), r.error ? JSON.stringify(r.error) : null, jobId, phase, idx);
  }

  putArtifact(jobId: string, phase: Phase, idx: number, name: string, contentType: string, body: string | Uint8Array): void {
    this.#db
      .prepare('INSERT INTO wf_artifacts (job_id, phase, idx, name, content_type, body) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(job_id, phase, idx, name) DO UPDATE SET content_type = excluded.content_type, body = excluded.body')
      .run(jobId, phase, idx, name, contentType, typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body));
  }

  artifact(jobId: string, phase: Phase, idx: number, name: string): { contentType: string; body: Buffer } | undefined {
    const r = this.#db.prepare('SELECT content_type, body FROM wf_artifacts WHERE job_id = ? AND phase = ? AND idx = ? AND name = ?').get(jobId, phase, idx, name) as Row | undefined;
    return r ? { contentType: r.content_type as string, body: r.body as Buffer } : undefined;
  }

  // -------------------------------------------------------------------------------------------
  // Sequences

  /**
   * The entry's number in a sequence: its earlier one if it has one, else `last + 1` (or
   * `start`). One IMMEDIATE transaction, so concurrent callers are serialised by SQLite itself.
   */
  enumerate(s: { scope: string; env: string; name: string; start: number; entryId: string; format: (n: number) => string }): { value: number; code: string; reused: boolean } {
    const key = `${s.scope}|${s.env}|${s.name}`;
    const tx = this.#db.transaction(() => {
      const had = this.#db.prepare('SELECT value, code FROM wf_sequence_codes WHERE key = ? AND entry_id = ?').get(key, s.entryId) as Row | undefined;
      if (had) return { value: had.value as number, code: had.code as string, reused: true };
      const at = this.#ts();
      this.#db.prepare('INSERT INTO wf_sequences (key, scope, env, name, start, updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(key) DO NOTHING').run(key, s.scope, s.env, s.name, s.start, at);
      const seq = this.#db.prepare('SELECT start, last FROM wf_sequences WHERE key = ?').get(key) as Row;
      const last = seq.last as number | null;
      const value = last === null ? (seq.start as number) : last + 1;
      const code = s.format(value);
      this.#db.prepare('INSERT INTO wf_sequence_codes (key, value, entry_id, code, at) VALUES (?, ?, ?, ?, ?)').run(key, value, s.entryId, code, at);
      this.#db.prepare('UPDATE wf_sequences SET last = ?, updated_at = ? WHERE key = ?').run(value, at, key);
      return { value, code, reused: false };
    });
    return tx.immediate();
  }

  sequences(f: { scope?: string; env?: string } = {}): SequenceInfo[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (f.scope) (where.push('s.scope = ?'), args.push(f.scope));
    if (f.env) (where.push('s.env = ?'), args.push(f.env));
    const sql = `SELECT s.*, (SELECT COUNT(*) FROM wf_sequence_codes c WHERE c.key = s.key) AS n FROM wf_sequences s ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY s.key`;
    return (this.#db.prepare(sql).all(...args) as Row[]).map((r) => ({ key: r.key as string, scope: r.scope as string, env: r.env as string, name: r.name as string, start: r.start as number, last: (r.last as number | null) ?? undefined, count: r.n as number }));
  }

  sequenceCodes(key: string): { value: number; code: string; entryId: string }[] {
    return (this.#db.prepare('SELECT value, code, entry_id FROM wf_sequence_codes WHERE key = ? ORDER BY value').all(key) as Row[]).map((r) => ({ value: r.value as number, code: r.code as string, entryId: r.entry_id as string }));
  }
}

function toEntry(r: Row): EntryRow {
  return {
    id: r.id as string,
    scope: r.scope as string,
    env: r.env as string,
    schema: r.schema as string,
    envelope: json(r.envelope as string),
    state: r.state as SiloState,
    meta: json(r.meta as string),
    clientId: opt(r.client_id),
    createdAt: r.created_at as string,
    updatedAt: r.updated_at as string,
  };
}

function toJob(r: Row): JobRow {
  return {
    id: r.id as string,
    entryId: r.entry_id as string,
    scope: r.scope as string,
    env: r.env as string,
    workflow: JSON.parse(r.workflow as string) as Workflow,
    name: r.name as string,
    status: r.status as JobStatus,
    attempt: r.attempt as number,
    rerunOf: opt(r.rerun_of),
    error: opt(r.error, (s) => JSON.parse(s) as StepError),
    clientId: opt(r.client_id),
    options: json(r.options as string),
    createdAt: r.created_at as string,
    startedAt: opt(r.started_at),
    finishedAt: opt(r.finished_at),
  };
}
