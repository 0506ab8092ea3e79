/**
 * The workflow runner: a job is one run of a workflow on one silo entry. Steps run in order; each
 * step's status, timing, output, error and artifacts are written to SQLite as it happens (so the
 * studio can watch, and a job's history outlives the process). When a step fails the remaining
 * steps are skipped and the rescue steps run (all of them, each recorded). A finished job can be
 * re-run: a new job on the same entry, which keeps its number and its earlier submissions.
 *
 * Ordering: when a workflow numbers a document (`sequence.enumerate`) and later advances a signed
 * chain (TicketBAI or VERI*FACTU generate), the job holds the sequence's gate from numbering until
 * the chain step is done. Concurrent jobs thus chain their documents in number order — F000001
 * before F000002 — while sending, PDFs and everything else still run concurrently.
 */
import Database from 'better-sqlite3';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { DefaultFonts } from '../../../engine/render/pdf/fonts.ts';
import type { Environment } from '../authorities/endpoints.ts';
import { ProxyError } from '../errors.ts';
import type { SubmissionService } from '../service/submissions.ts';
import type { Store } from '../store/sqlite.ts';
import { configOf, parseWorkflow, PROVIDERS, shortSchema, type SequenceSettings, type Workflow } from './definition.ts';
import { engineBuild, nodeFonts, PROVIDER_IMPLS, StepFailure, type JobContext, type ProviderDeps, type StepRun } from './providers.ts';
import { SandboxRegistrations, type AdvancePolicy } from './registrations.ts';
import { WorkspaceKey } from './seal.ts';
import { WorkflowStore, type EntryRow, type JobRow, type Phase, type StepError } from './store.ts';

interface Log {
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
}

export interface WorkflowEngineOptions {
  /** The proxy's store: submissions and chains (the workflow state lives in its own file beside it). */
  readonly store: Store;
  readonly service: SubmissionService;
  readonly clock: () => Date;
  readonly log?: Log;
  readonly pollMs?: number;
  readonly maxPolls?: number;
  readonly sendTimeoutMs?: number;
  readonly registrations?: SandboxRegistrations;
  readonly registrationPolicy?: Partial<AdvancePolicy>;
  readonly fonts?: () => Promise<DefaultFonts>;
}

/** What a job runs as; jobs of an organisation's client get theirs from the organisation module. */
export interface RunAs {
  readonly scope: string;
  readonly env: Environment;
  readonly clientId?: string;
  readonly service?: SubmissionService;
  readonly device?: string;
  readonly zone?: JobContext['zone'];
  readonly activity?: string;
  readonly issuer?: string;
}

/** Resolves a job's context again on re-runs (an organisation's client may have been disabled). */
export type ContextResolver = (job: JobRow) => RunAs;

export interface StartRequest {
  readonly workflow: unknown;
  /** A GOBL document or envelope: a new silo entry. */
  readonly document?: unknown;
  /** Or an existing entry. */
  readonly entryId?: string;
  readonly as: RunAs;
  readonly options?: { readonly device?: string; readonly activity?: string };
}

/** An exclusive gate per key, held across awaits (acquire → release). */
class Gates {
  readonly #tails = new Map<string, Promise<void>>();
  async acquire(key: string): Promise<() => void> {
    const prev = this.#tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((r) => (release = r));
    const tail = prev.then(() => mine);
    this.#tails.set(key, tail);
    await prev;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      release();
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    };
  }
}

const silent: Log = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * The workflow and organisation state: `workflows.sqlite` beside the proxy's database (WAL, as the
 * proxy's), in memory when the proxy's is. A file of its own keeps the submission store as it was.
 */
export function openWorkflowDb(store: Store): Database.Database {
  const main = store.db.name;
  const db = new Database(main && main !== ':memory:' ? join(dirname(main), 'workflows.sqlite') : ':memory:');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  return db;
}

export class WorkflowEngine {
  readonly db: Database.Database;
  readonly store: WorkflowStore;
  readonly key: WorkspaceKey;
  readonly registrations: SandboxRegistrations;
  readonly #o: WorkflowEngineOptions;
  readonly #deps: ProviderDeps;
  readonly #running = new Map<string, Promise<JobRow>>();
  readonly #gates = new Gates();
  resolver?: ContextResolver;

  constructor(o: WorkflowEngineOptions) {
    this.#o = o;
    this.db = openWorkflowDb(o.store);
    this.store = new WorkflowStore(this.db, o.clock);
    this.key = WorkspaceKey.forDb(this.db, o.store.db.name, o.clock);
    this.registrations = o.registrations ?? new SandboxRegistrations(this.db, o.clock, o.registrationPolicy);
    this.#deps = {
      proxyStore: o.store,
      store: this.store,
      key: this.key,
      registrations: this.registrations,
      clock: o.clock,
      fonts: o.fonts ?? nodeFonts,
      pollMs: o.pollMs ?? 1000,
      maxPolls: o.maxPolls ?? 600,
      sendTimeoutMs: o.sendTimeoutMs ?? 30_000,
    };
    // Jobs a stopped process left behind are closed as interrupted (their history stays; re-run them).
    for (const j of this.store.unfinishedJobs()) {
      for (const s of this.store.steps(j.id)) if (s.status === 'running') this.store.stepFinished(j.id, s.phase, s.index, { status: 'failed', error: { message: 'interrupted: the proxy stopped during this step', code: 'interrupted' } });
      this.store.jobFinished(j.id, 'failed', { message: 'interrupted: the proxy stopped while the job ran; re-run it', code: 'interrupted' });
    }
  }

  get #log(): Log {
    return this.#o.log ?? silent;
  }

  /** Checks everything (definition, document, entry), creates the job and starts it. */
  start(req: StartRequest): { job: JobRow; done: Promise<JobRow> } {
    const parsed = parseWorkflow(req.workflow);
    if (!parsed.ok) throw new ProxyError('validation', `the workflow is not valid (${parsed.problems.length} problem${parsed.problems.length === 1 ? '' : 's'})`, parsed.problems.map((p) => ({ code: p.code, path: p.path, message: p.message })));
    const wf = parsed.workflow;
    if ((req.document === undefined) === (req.entryId === undefined)) throw new ProxyError('validation', 'give exactly one of document or entryId');
    let entry: EntryRow;
    if (req.entryId !== undefined) {
      const e = this.store.entry(req.entryId);
      if (!e || e.scope !== req.as.scope) throw new ProxyError('not_found', `no silo entry ${req.entryId}`);
      if (e.env !== req.as.env) throw new ProxyError('forbidden', `entry ${e.id} belongs to the ${e.env} environment, not ${req.as.env}`);
      if (e.schema !== wf.schema) throw new ProxyError('validation', `the workflow is for ${wf.schema} documents; entry ${e.id} is ${e.schema}`, [{ code: 'WF-SCHEMA', path: '$.schema', message: `expected ${e.schema}` }]);
      if (req.as.clientId !== e.clientId) throw new ProxyError('forbidden', `entry ${e.id} belongs to another client`);
      this.#checkIdle(e.id);
      entry = e;
    } else {
      const envelope = this.#buildDocument(req.document, wf);
      entry = this.store.createEntry({ scope: req.as.scope, env: req.as.env, schema: wf.schema, envelope, clientId: req.as.clientId });
    }
    const attempt = this.store.jobs({ entryId: entry.id, limit: 1 })[0]?.attempt ?? 0;
    const job = this.store.createJob({ entryId: entry.id, scope: req.as.scope, env: req.as.env, workflow: wf, attempt: attempt + 1, clientId: req.as.clientId, options: { ...req.options } });
    return { job, done: this.#launch(job, req.as) };
  }

  /** A new job with the same workflow on the same entry. */
  rerun(jobId: string, as?: RunAs): { job: JobRow; done: Promise<JobRow> } {
    const prev = this.store.job(jobId);
    if (!prev) throw new ProxyError('not_found', `no job ${jobId}`);
    if (as && (prev.scope !== as.scope || prev.clientId !== (as.clientId ?? prev.clientId))) throw new ProxyError('not_found', `no job ${jobId}`);
    this.#checkIdle(prev.entryId);
    const runAs = as ?? this.resolver?.(prev) ?? { scope: prev.scope, env: prev.env as Environment };
    if (runAs.env !== prev.env) throw new ProxyError('forbidden', `job ${jobId} belongs to the ${prev.env} environment`);
    const attempt = this.store.jobs({ entryId: prev.entryId, limit: 1 })[0]?.attempt ?? prev.attempt;
    const job = this.store.createJob({ entryId: prev.entryId, scope: prev.scope, env: prev.env, workflow: prev.workflow, attempt: attempt + 1, rerunOf: prev.id, clientId: prev.clientId, options: prev.options });
    return { job, done: this.#launch(job, runAs) };
  }

  /** Resolves when the job has finished (immediately for a finished one). */
  async wait(jobId: string): Promise<JobRow | undefined> {
    return (await this.#running.get(jobId)) ?? this.store.job(jobId);
  }

  /** Every job still running, for shutdown and tests. */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.#running.values()]);
  }

  /** Waits for running jobs, then closes the database. */
  async close(): Promise<void> {
    await this.idle();
    if (this.db.open) this.db.close();
  }

  #checkIdle(entryId: string): void {
    for (const j of this.store.jobs({ entryId, limit: 20 })) {
      if (j.status === 'running' || j.status === 'queued') throw new ProxyError('conflict', `job ${j.id} is still running on this entry`);
    }
  }

  #buildDocument(document: unknown, wf: Workflow): Record<string, unknown> {
    if (document === null || typeof document !== 'object' || Array.isArray(document)) throw new ProxyError('validation', 'document: a GOBL document or envelope (JSON object)');
    const d = document as Record<string, unknown>;
    const inner = (d.doc && typeof d.doc === 'object' ? d.doc : d) as Record<string, unknown>;
    const schema = typeof inner.$schema === 'string' ? shortSchema(inner.$schema) : undefined;
    if (schema !== wf.schema) throw new ProxyError('validation', `the workflow is for ${wf.schema} documents, this one is ${schema ?? 'without $schema'}`, [{ code: 'WF-SCHEMA', path: '$.document.$schema', message: `expected https://gobl.org/draft-0/${wf.schema}` }]);
    // Seals and stamps of an envelope made elsewhere are dropped by the build (GOBL's `build`), except
    // the stamps an issued invoice carries (a cancellation needs its tbai-code): kept aside and put back.
    const head = d.doc && d.head && typeof d.head === 'object' ? { ...(d.head as Record<string, unknown>) } : undefined;
    const stamps = head?.stamps;
    if (head) delete head.stamps;
    const r = engineBuild(head ? { ...d, head, sigs: undefined } : d, this.#o.clock);
    if (!r.ok) throw new ProxyError('validation', `the document does not build: ${r.error.message}`, r.error.faults.map((f) => ({ code: f.code, path: f.paths[0], message: f.message })));
    if (stamps !== undefined) (r.value.head as Record<string, unknown>).stamps = stamps;
    return r.value;
  }

  #launch(job: JobRow, as: RunAs): Promise<JobRow> {
    const ctx: JobContext = {
      env: as.env,
      scope: as.scope,
      service: as.service ?? this.#o.service,
      device: as.device ?? (job.options.device as string | undefined),
      zone: as.zone,
      activity: as.activity ?? (job.options.activity as string | undefined),
      issuer: as.issuer,
    };
    const p = this.#run(job, ctx)
      .catch((e) => {
        this.#log.error('workflow runner error', { job: job.id, error: e instanceof Error ? e.message : String(e) });
        this.store.jobFinished(job.id, 'failed', { message: 'internal error in the runner', code: 'internal' });
        return this.store.job(job.id)!;
      })
      .finally(() => this.#running.delete(job.id));
    this.#running.set(job.id, p);
    return p;
  }

  async #run(job: JobRow, ctx: JobContext): Promise<JobRow> {
    await Promise.resolve();
    this.store.jobStarted(job.id);
    const wf = job.workflow;
    const chainAt = wf.steps.findIndex((s) => PROVIDERS[s.provider]?.chains);
    let failure: StepError | undefined;
    let release: (() => void) | undefined;
    try {
      for (const [i, step] of wf.steps.entries()) {
        if (failure) {
          this.store.stepFinished(job.id, 'steps', i, { status: 'skipped' });
          continue;
        }
        if (step.provider === 'sequence.enumerate' && i < chainAt && !release) {
          release = await this.#gates.acquire(`${ctx.scope}|${ctx.env}|${configOf<SequenceSettings>(step).name}`);
        }
        failure = await this.#step(job, ctx, 'steps', i);
        if (i === chainAt) {
          release?.();
          release = undefined;
        }
      }
    } finally {
      release?.();
    }
    for (const [i] of wf.rescue.entries()) {
      if (failure) await this.#step(job, ctx, 'rescue', i);
      else this.store.stepFinished(job.id, 'rescue', i, { status: 'skipped' });
    }
    this.store.jobFinished(job.id, failure ? 'failed' : 'completed', failure);
    const done = this.store.job(job.id)!;
    this.#log.info('workflow job finished', { job: job.id, workflow: wf.name, status: done.status, entry: job.entryId });
    return done;
  }

  async #step(job: JobRow, ctx: JobContext, phase: Phase, index: number): Promise<StepError | undefined> {
    const step = (phase === 'steps' ? job.workflow.steps : job.workflow.rescue)[index];
    const impl = PROVIDER_IMPLS[step.provider];
    this.store.stepStarted(job.id, phase, index);
    const t0 = performance.now();
    const run: StepRun = {
      job,
      ctx,
      step,
      phase,
      index,
      entry: () => this.store.entry(job.entryId)!,
      setEnvelope: (e) => this.store.setEnvelope(job.entryId, e),
      patchMeta: (p) => this.store.setMeta(job.entryId, { ...this.store.entry(job.entryId)!.meta, ...p }),
      artifact: (name, type, body) => this.store.putArtifact(job.id, phase, index, name, type, body),
    };
    try {
      const output = await impl(run, this.#deps);
      this.store.stepFinished(job.id, phase, index, { status: 'ok', durationMs: performance.now() - t0, output });
      return undefined;
    } catch (e) {
      const error: StepError =
        e instanceof StepFailure
          ? { message: e.message, code: e.code, details: e.details }
          : { message: `internal error: ${e instanceof Error ? e.message : String(e)}`, code: 'internal' };
      if (!(e instanceof StepFailure)) this.#log.error('workflow step error', { job: job.id, step: step.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
      this.store.stepFinished(job.id, phase, index, { status: 'failed', durationMs: performance.now() - t0, error: { ...error, step: step.id, provider: step.provider } as StepError });
      return { ...error, ...({ step: step.id, provider: step.provider, phase } as object) };
    }
  }
}
