/**
 * An in-process proxy for tests: API app (app.request, no socket), the sandbox authority served
 * over real HTTPS with mutual TLS on loopback (a test CA made here), temporary SQLite files.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createApp } from '../src/app.ts';
import type { Environment } from '../src/authorities/endpoints.ts';
import type { ClientContext } from '../src/authorities/types.ts';
import type { Credential } from '../src/certificates/credential.ts';
import { issueCertificate, type Pem } from '../src/certificates/generate.ts';
import { CertificateManager } from '../src/certificates/manager.ts';
import { loadPkcs12, writePkcs12 } from '../src/certificates/pkcs12.ts';
import { createSandboxApp, FaultPlan } from '../src/sandbox/app.ts';
import { xmllintValidator, type SchemaValidator } from '../src/sandbox/schema.ts';
import { listen, type RunningServer } from '../src/sandbox/server.ts';
import { SandboxState } from '../src/sandbox/state.ts';
import { authorityClients, SubmissionService, type Log } from '../src/service/submissions.ts';
import { Store } from '../src/store/sqlite.ts';
import { CONV, testCredential, tmp, XSD_DIR } from './helpers.ts';

export const TOKEN = 'test-token-0123456789abcdefghijklmnopqrstuvwxyz';
export const ORIGIN = 'http://127.0.0.1:8787';
export const SOFTWARE = { license: 'TBAIBI00000000PRUEBA', nif: 'A99800005', name: 'SOFTWARE GARANTE TICKETBAI PRUEBA', version: '1.0', systemName: 'GOBL Studio', systemId: '01', installationNumber: '1', onlyVerifactu: true, multiOT: false, multipleOT: false };

export interface TestCa {
  readonly ca: Pem;
  readonly server: Pem;
  client(commonName?: string): Credential;
}

export function makeTestCa(): TestCa {
  const ca = issueCertificate({ subject: { commonName: 'Proxy test CA', organization: 'Test', country: 'ES' }, ca: true });
  const server = issueCertificate({ subject: { commonName: 'localhost' }, serverNames: ['127.0.0.1', 'localhost'], issuer: ca });
  return {
    ca,
    server,
    client(cn = 'TEST CLIENT') {
      const c = issueCertificate({ subject: { commonName: cn, organizationIdentifier: 'VATES-S7836107H', country: 'ES' }, issuer: ca });
      return loadPkcs12(writePkcs12(c.keyPem, [c.certPem, ca.certPem], 'x'), 'x', cn);
    },
  };
}

export interface Harness {
  readonly app: ReturnType<typeof createApp>;
  readonly store: Store;
  readonly sandboxState: SandboxState;
  readonly faults: FaultPlan;
  readonly sandbox: RunningServer;
  readonly service: SubmissionService;
  readonly certificates: CertificateManager;
  readonly logs: string[];
  readonly dir: string;
  readonly tlsCredential: Credential;
  readonly testCa: TestCa;
  context(env?: Environment): ClientContext;
  api(path: string, init?: { method?: string; body?: unknown; headers?: Record<string, string>; token?: string | null }): Promise<{ status: number; json: any; text: string; headers: Headers }>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  readonly signing?: Credential;
  readonly schema?: SchemaValidator;
  readonly waitMs?: number;
  readonly retryMs?: number;
  readonly maxBodyBytes?: number;
  readonly studioDir?: string;
  readonly clock?: () => Date;
}

export async function harness(o: HarnessOptions = {}): Promise<Harness> {
  const dir = tmp('proxy-h-');
  const testCa = makeTestCa();
  const tlsCredential = testCa.client();
  const store = new Store(join(dir, 'proxy.sqlite'));
  const sandboxState = new SandboxState(join(dir, 'sandbox.sqlite'));
  const faults = new FaultPlan();
  const sandbox = await listen(
    createSandboxApp({ state: sandboxState, schema: o.schema ?? xmllintValidator(XSD_DIR), faults, requireClientCertificate: true }),
    { tls: { key: testCa.server.keyPem, cert: testCa.server.certPem, ca: [testCa.ca.certPem], rejectUnauthorized: true } },
  );
  // Signing with the Izenpe test certificate; mutual TLS with a certificate of the test CA.
  const certificates = CertificateManager.of(o.signing ?? testCredential('izenpe'), dir);
  const context = (env: Environment = 'sandbox'): ClientContext => ({ env, credential: tlsCredential, sandboxOrigin: sandbox.origin, ca: [testCa.ca.certPem], replaceCa: true, timeoutMs: 5000 });
  const authorities = authorityClients(context);
  const logs: string[] = [];
  const log: Log = {
    info: (m, d) => logs.push(JSON.stringify({ level: 'info', m, ...d })),
    warn: (m, d) => logs.push(JSON.stringify({ level: 'warn', m, ...d })),
    error: (m, d) => logs.push(JSON.stringify({ level: 'error', m, ...d })),
  };
  const clock = o.clock ?? (() => new Date());
  const service = new SubmissionService({ store, certificates, authorities, clock, software: SOFTWARE, log, waitMs: o.waitMs, retryMs: o.retryMs ?? 50 });
  const app = createApp({ signer: certificates, authorities, store, clock, log, token: TOKEN, origin: ORIGIN, software: SOFTWARE, service, maxBodyBytes: o.maxBodyBytes, studioDir: o.studioDir, schema: o.schema ?? xmllintValidator(XSD_DIR), sandboxFaults: faults });
  return {
    app,
    store,
    sandboxState,
    faults,
    sandbox,
    service,
    certificates,
    logs,
    dir,
    tlsCredential,
    testCa,
    context,
    async api(path, init = {}) {
      const headers: Record<string, string> = { ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers };
      if (init.token !== null) headers.authorization = `Bearer ${init.token ?? TOKEN}`;
      const res = await app.request(path, { method: init.method ?? (init.body !== undefined ? 'POST' : 'GET'), headers, body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body) });
      const text = await res.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      return { status: res.status, json, text, headers: res.headers };
    },
    async close() {
      service.close();
      await sandbox.close();
      store.close();
      sandboxState.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A GOBL envelope from the reference fixtures, with a new invoice code (and no uuid). */
export function tbaiEnvelope(code: string, name = 'sample-invoice2'): Record<string, any> {
  const e = JSON.parse(readFileSync(join(CONV, `gobl.ticketbai/test/data/${name}.json`), 'utf8'));
  e.doc.code = code;
  delete e.head.uuid;
  return e;
}

export function verifactuEnvelope(code: string, name = 'inv-base'): Record<string, any> {
  const e = JSON.parse(readFileSync(join(CONV, `gobl.verifactu/test/data/${name}.json`), 'utf8'));
  e.doc.code = code;
  delete e.head.uuid;
  return e;
}
