/**
 * An in-process proxy with the workflow runner and the organisation model, for the workflow and
 * organisation tests: the API app (app.request), the sandbox authority over real HTTPS with mutual
 * TLS, temporary SQLite files, wait steps that poll without sleeping.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createApp } from '../src/app.ts';
import type { Environment } from '../src/authorities/endpoints.ts';
import type { ClientContext } from '../src/authorities/types.ts';
import { CertificateManager } from '../src/certificates/manager.ts';
import { createSandboxApp, FaultPlan } from '../src/sandbox/app.ts';
import { xmllintValidator } from '../src/sandbox/schema.ts';
import { listen, type RunningServer } from '../src/sandbox/server.ts';
import { SandboxState } from '../src/sandbox/state.ts';
import { authorityClients, SubmissionService } from '../src/service/submissions.ts';
import { Store } from '../src/store/sqlite.ts';
import { Organisations } from '../src/organisations/service.ts';
import { WorkflowEngine } from '../src/workflows/runner.ts';
import { extractSeedWorkflows, type SeedWorkflow } from '../src/workflows/seed.ts';
import { makeTestCa, ORIGIN, SOFTWARE, TOKEN } from './harness.ts';
import { REPO, SHARED, testCredential, tmp, XSD_DIR } from './helpers.ts';

export interface WfHarness {
  readonly store: Store;
  readonly sandboxState: SandboxState;
  readonly faults: FaultPlan;
  readonly engine: WorkflowEngine;
  readonly orgs: Organisations;
  readonly service: SubmissionService;
  api(path: string, init?: { method?: string; body?: unknown; headers?: Record<string, string>; token?: string | null }): Promise<{ status: number; json: any; text: string; headers: Headers; bytes: Uint8Array }>;
  close(): Promise<void>;
}

export interface WfHarnessOptions {
  readonly sendTimeoutMs?: number;
  readonly afterPolls?: number;
  readonly pollMs?: number;
  readonly maxPolls?: number;
}

export async function wfHarness(o: WfHarnessOptions = {}): Promise<WfHarness> {
  const dir = tmp('proxy-wf-');
  const testCa = makeTestCa();
  const tlsCredential = testCa.client();
  const store = new Store(join(dir, 'proxy.sqlite'));
  const sandboxState = new SandboxState(join(dir, 'sandbox.sqlite'));
  const faults = new FaultPlan();
  const sandbox: RunningServer = await listen(createSandboxApp({ state: sandboxState, schema: xmllintValidator(XSD_DIR), faults, requireClientCertificate: true }), {
    tls: { key: testCa.server.keyPem, cert: testCa.server.certPem, ca: [testCa.ca.certPem], rejectUnauthorized: true },
  });
  const certificates = CertificateManager.of(testCredential('izenpe'), dir);
  const context = (env: Environment = 'sandbox'): ClientContext => ({ env, credential: tlsCredential, sandboxOrigin: sandbox.origin, ca: [testCa.ca.certPem], replaceCa: true, timeoutMs: 5000 });
  const authorities = authorityClients(context);
  const clock = () => new Date();
  const service = new SubmissionService({ store, certificates, authorities, clock, software: SOFTWARE, retryMs: 50 });
  const engine = new WorkflowEngine({ store, service, clock, pollMs: o.pollMs ?? 0, maxPolls: o.maxPolls ?? 50, sendTimeoutMs: o.sendTimeoutMs ?? 30_000, registrationPolicy: { afterPolls: o.afterPolls ?? 1 } });
  const orgs = new Organisations({ store, engine, authorities, software: SOFTWARE, clock, certificates, retryMs: 50 });
  const app = createApp({ signer: certificates, authorities, store, clock, token: TOKEN, origin: ORIGIN, software: SOFTWARE, service, workflows: engine, organisations: orgs });
  return {
    store,
    sandboxState,
    faults,
    engine,
    orgs,
    service,
    async api(path, init = {}) {
      const headers: Record<string, string> = { ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers };
      if (init.token !== null) headers.authorization = `Bearer ${init.token ?? TOKEN}`;
      const res = await app.request(path, { method: init.method ?? (init.body !== undefined ? 'POST' : 'GET'), headers, body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body) });
      const bytes = new Uint8Array(await res.arrayBuffer());
      const text = Buffer.from(bytes).toString('utf8');
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      return { status: res.status, json, text, headers: res.headers, bytes };
    },
    async close() {
      await engine.close();
      orgs.close();
      service.close();
      await sandbox.close();
      store.close();
      sandboxState.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The workflows of seed 004, extracted from the seed text (JSON verbatim). */
export function seedWorkflows(): Map<string, SeedWorkflow> {
  const dir = join(SHARED, 'seeds');
  const file = readdirSync(dir).find((f) => f.startsWith('004_'));
  if (!file) throw new Error(`no seed 004 in ${dir}`);
  return new Map(extractSeedWorkflows(readFileSync(join(dir, file), 'utf8')).map((w) => [w.title, w]));
}

/**
 * A studio sample document (samples/*.json) as a workflow takes it: no code (the sequence gives
 * one), no fixed date (the sandbox checks dates) and no uuid.
 */
export function sample(name: string): Record<string, any> {
  const d = JSON.parse(readFileSync(join(REPO, 'samples', name), 'utf8'));
  delete d.code;
  delete d.issue_date;
  delete d.uuid;
  return d;
}

export function sampleWorkflow(file: string): Record<string, any> {
  return JSON.parse(readFileSync(join(REPO, 'samples/workflows', file), 'utf8'));
}
