/**
 * The workflow API (behind the proxy token, like every /api route):
 *
 *   GET  /api/workflows/providers           providers, their schemas and titles
 *   POST /api/workflows/validate            {workflow} → {ok, problems[], warnings[]}
 *   POST /api/jobs                          {workflow, document | entryId, env?, wait?, options?}
 *   GET  /api/jobs?entry=&status=&scope=&limit=
 *   GET  /api/jobs/:id                      job, steps (status, timing, output, error, artifacts), entry
 *   POST /api/jobs/:id/rerun                {wait?}
 *   GET  /api/jobs/:id/artifacts/:phase/:index/:name    the bytes (XML, PDF, JSON)
 *   GET  /api/silo, GET /api/silo/:id       entries: envelope, state, state history, jobs
 *   GET  /api/workflows/sequences           sequences and the codes they gave
 *   GET  /api/workflows/key                 the workspace's public JWK (verifies silo.close seals)
 *   POST /api/workflows/verify              {envelope} → seal check against the workspace key
 *   GET  /api/workflows/registrations, POST /api/workflows/registrations/:id/(upload|approve|reject)
 *
 * `wait: true` answers when the job has finished (201); otherwise at once with the queued job (202)
 * and the caller polls GET /api/jobs/:id to watch the steps.
 */
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { ProxyError } from '../errors.ts';
import { parseWorkflow, PROVIDERS } from './definition.ts';
import { RegistrationError } from './registrations.ts';
import type { RunAs, WorkflowEngine } from './runner.ts';
import { verifySeal } from './seal.ts';
import type { EntryRow, JobRow, Phase } from './store.ts';

export const RunOptions = z
  .object({
    device: z.string().min(1).max(30).optional(),
    activity: z.string().regex(/^\d{1,7}$/).optional(),
  })
  .strict();

const JobBody = z
  .object({
    workflow: z.unknown(),
    document: z.unknown().optional(),
    entryId: z.string().min(1).optional(),
    env: z.enum(['sandbox', 'test', 'production']).default('sandbox'),
    wait: z.boolean().default(false),
    options: RunOptions.optional(),
  })
  .strict();

const RerunBody = z.object({ wait: z.boolean().default(false) }).strict();

export async function readJson<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw new ProxyError('validation', 'the body must be JSON (Content-Type: application/json)');
  }
  const r = schema.safeParse(raw);
  if (!r.success) {
    throw new ProxyError(
      'validation',
      'the request does not match the schema',
      r.error.issues.map((i) => ({ path: '$' + i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join(''), message: i.message })),
    );
  }
  return r.data;
}

const stampsOf = (e: EntryRow) => (((e.envelope.head as { stamps?: { prv: string; val: string }[] } | undefined)?.stamps ?? []) as { prv: string; val: string }[]);

export function entryView(e: EntryRow, detail = false) {
  const doc = (e.envelope.doc ?? {}) as Record<string, unknown>;
  const base = {
    id: e.id,
    scope: e.scope,
    env: e.env,
    schema: e.schema,
    state: e.state,
    clientId: e.clientId,
    code: doc.code,
    series: doc.series,
    name: doc.name,
    sealed: Array.isArray(e.envelope.sigs) && e.envelope.sigs.length > 0,
    stamps: Object.fromEntries(stampsOf(e).map((s) => [s.prv, s.val])),
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
  };
  return detail ? { ...base, envelope: e.envelope, meta: e.meta } : base;
}

export function jobView(engine: WorkflowEngine, j: JobRow, detail = true) {
  const entry = engine.store.entry(j.entryId);
  const base = {
    id: j.id,
    entryId: j.entryId,
    scope: j.scope,
    env: j.env,
    name: j.name,
    status: j.status,
    attempt: j.attempt,
    rerunOf: j.rerunOf,
    clientId: j.clientId,
    error: j.error,
    createdAt: j.createdAt,
    startedAt: j.startedAt,
    finishedAt: j.finishedAt,
    entry: entry ? entryView(entry) : undefined,
  };
  if (!detail) return base;
  return { ...base, workflow: j.workflow, options: j.options, steps: engine.store.steps(j.id) };
}

/** Runs or re-runs, answering at once (202) or when finished (201). */
export async function answerJob(c: Context, engine: WorkflowEngine, started: { job: JobRow; done: Promise<JobRow> }, wait: boolean) {
  if (!wait) {
    void started.done;
    return c.json({ job: jobView(engine, started.job) }, 202);
  }
  const done = await started.done;
  return c.json({ job: jobView(engine, done) }, 201);
}

export function artifactResponse(c: Context, engine: WorkflowEngine, job: JobRow) {
  const phase = c.req.param('phase') as Phase;
  if (phase !== 'steps' && phase !== 'rescue') throw new ProxyError('not_found', `no phase ${phase}`);
  const a = engine.store.artifact(job.id, phase, Number(c.req.param('index')), c.req.param('name') ?? '');
  if (!a) throw new ProxyError('not_found', 'no such artifact');
  const name = (c.req.param('name') ?? 'artifact').replace(/[^A-Za-z0-9._-]/g, '_');
  // XML and JSON opened directly in a tab must not run anything they might carry (XHTML scripts).
  const headers: Record<string, string> = { 'content-type': a.contentType, 'content-disposition': `inline; filename="${name}"`, 'x-content-type-options': 'nosniff' };
  if (!a.contentType.includes('pdf')) headers['content-security-policy'] = "default-src 'none'; sandbox";
  return c.body(new Uint8Array(a.body), 200, headers);
}

export function registerWorkflowRoutes(app: Hono, engine: WorkflowEngine): void {
  const workspace = (env: RunAs['env']): RunAs => ({ scope: 'workspace', env });

  app.get('/api/workflows/providers', (c) => c.json({ providers: Object.entries(PROVIDERS).map(([name, p]) => ({ name, title: p.title, schemas: p.schemas, chains: !!p.chains })) }));

  app.post('/api/workflows/validate', async (c) => {
    const b = await readJson(c, z.object({ workflow: z.unknown() }).strict());
    const r = parseWorkflow(b.workflow);
    return c.json(r.ok ? { ok: true, problems: [], warnings: r.warnings, workflow: r.workflow } : { ok: false, problems: r.problems, warnings: [] });
  });

  app.post('/api/jobs', async (c) => {
    const b = await readJson(c, JobBody);
    return answerJob(c, engine, engine.start({ workflow: b.workflow, document: b.document, entryId: b.entryId, as: workspace(b.env), options: b.options }), b.wait);
  });

  app.get('/api/jobs', (c) => {
    const q = c.req.query();
    const limit = q.limit ? Math.max(1, Math.min(1000, Number(q.limit) || 50)) : 50;
    const jobs = engine.store.jobs({ entryId: q.entry, scope: q.scope ?? 'workspace', status: q.status as never, env: q.env, limit });
    return c.json({ jobs: jobs.map((j) => jobView(engine, j, false)) });
  });

  const jobOr404 = (id: string) => {
    const j = engine.store.job(id);
    if (!j) throw new ProxyError('not_found', `no job ${id}`);
    return j;
  };

  app.get('/api/jobs/:id', (c) => c.json({ job: jobView(engine, jobOr404(c.req.param('id'))) }));

  app.post('/api/jobs/:id/rerun', async (c) => {
    const b = await readJson(c, RerunBody);
    const prev = jobOr404(c.req.param('id'));
    if (prev.scope !== 'workspace') throw new ProxyError('forbidden', 'this job belongs to an organisation: re-run it with its access token (/api/org/jobs/:id/rerun)');
    return answerJob(c, engine, engine.rerun(prev.id), b.wait);
  });

  app.get('/api/jobs/:id/artifacts/:phase/:index/:name', (c) => artifactResponse(c, engine, jobOr404(c.req.param('id'))));

  app.get('/api/silo', (c) => {
    const q = c.req.query();
    return c.json({ entries: engine.store.entries({ scope: q.scope ?? 'workspace', env: q.env, limit: Number(q.limit) || 50 }).map((e) => entryView(e)) });
  });

  app.get('/api/silo/:id', (c) => {
    const e = engine.store.entry(c.req.param('id'));
    if (!e) throw new ProxyError('not_found', `no silo entry ${c.req.param('id')}`);
    return c.json({ entry: entryView(e, true), history: engine.store.stateHistory(e.id), jobs: engine.store.jobs({ entryId: e.id }).map((j) => jobView(engine, j, false)) });
  });

  app.get('/api/workflows/sequences', (c) => {
    const q = c.req.query();
    return c.json({ sequences: engine.store.sequences({ scope: q.scope, env: q.env }) });
  });

  app.get('/api/workflows/key', (c) => c.json({ key: engine.key.publicJwk }));

  app.post('/api/workflows/verify', async (c) => {
    const b = await readJson(c, z.object({ envelope: z.record(z.string(), z.unknown()) }).strict());
    return c.json(verifySeal(b.envelope, engine.key.publicJwk));
  });

  app.get('/api/workflows/registrations', (c) => c.json({ registrations: engine.registrations.list(), policy: engine.registrations.policy }));

  app.post('/api/workflows/registrations/:id/:action', async (c) => {
    const id = c.req.param('id');
    const action = c.req.param('action');
    let reason: string | undefined;
    if (action === 'reject' && (await c.req.raw.clone().text())) reason = (await readJson(c, z.object({ reason: z.string().max(500).optional() }).strict())).reason;
    try {
      const r = action === 'upload' ? engine.registrations.upload(id) : action === 'approve' ? engine.registrations.approve(id) : action === 'reject' ? engine.registrations.reject(id, reason) : undefined;
      if (!r) throw new ProxyError('not_found', `no action ${action}: use upload, approve or reject`);
      return c.json({ registration: r });
    } catch (e) {
      if (e instanceof RegistrationError) throw new ProxyError(e.code === 'not_found' ? 'not_found' : 'conflict', e.message);
      throw e;
    }
  });
}
