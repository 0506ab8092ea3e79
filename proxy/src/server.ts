/**
 * Starts the proxy: validated env, SQLite state, certificate, the embedded sandbox authority on
 * loopback (HTTPS with mutual TLS), the API + built studio on 127.0.0.1, recovery of pending
 * submissions, graceful shutdown. `node --import tsx proxy/src/server.ts` (npm run proxy:start).
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createApp } from './app.ts';
import type { Environment } from './authorities/endpoints.ts';
import { CertificateManager, sandboxTlsMaterial } from './certificates/manager.ts';
import { readEnv, type ProxyEnv } from './env.ts';
import { createSandboxApp, FaultPlan } from './sandbox/app.ts';
import { xmllintValidator } from './sandbox/schema.ts';
import { listen, type RunningServer } from './sandbox/server.ts';
import { SandboxState } from './sandbox/state.ts';
import { authorityClients, SubmissionService, type Log } from './service/submissions.ts';
import { Store } from './store/sqlite.ts';

export function jsonLog(level: ProxyEnv['PROXY_LOG']): Log {
  const order = { info: 0, warn: 1, error: 2, silent: 3 } as const;
  const at = order[level];
  const write = (l: 'info' | 'warn' | 'error', msg: string, data?: Record<string, unknown>) => {
    if (order[l] >= at) process.stderr.write(JSON.stringify({ t: new Date().toISOString(), level: l, msg, ...data }) + '\n');
  };
  return { info: (m, d) => write('info', m, d), warn: (m, d) => write('warn', m, d), error: (m, d) => write('error', m, d) };
}

function loadToken(dataDir: string, fixed?: string): string {
  if (fixed) return fixed;
  const file = join(dataDir, 'token');
  if (!existsSync(file)) {
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return readFileSync(file, 'utf8').trim();
}

export interface RunningProxy {
  readonly url: string;
  readonly sandboxOrigin: string;
  readonly token: string;
  close(): Promise<void>;
}

export async function startProxy(env: ProxyEnv): Promise<RunningProxy> {
  const log = jsonLog(env.PROXY_LOG);
  const dataDir = resolve(env.PROXY_DATA_DIR);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const store = new Store(join(dataDir, 'proxy.sqlite'));
  const token = loadToken(dataDir, env.PROXY_TOKEN);
  const certificates = CertificateManager.open({ dataDir, p12Path: env.PROXY_CERT_PATH, password: env.PROXY_CERT_PASSWORD });
  log.info('certificate loaded', { source: certificates.current().source, subject: certificates.current().leaf.subject.split('\n').pop() });

  // The official XSDs: the sandbox checks what it receives, the API checks the studio's XML.
  const schema = xmllintValidator(env.xsdDir);
  // The embedded sandbox authority: its own register, its own TLS identity, client certificate required.
  const sandboxState = new SandboxState(join(dataDir, 'sandbox.sqlite'));
  // Trouble on demand for demos (POST /api/sandbox/faults): only this embedded sandbox obeys it.
  const sandboxFaults = new FaultPlan();
  const tls = sandboxTlsMaterial(dataDir);
  const sandbox: RunningServer = await listen(
    createSandboxApp({ state: sandboxState, schema, faults: sandboxFaults, requireClientCertificate: true }),
    { tls: { key: tls.server.keyPem, cert: tls.server.certPem, rejectUnauthorized: false }, port: env.PROXY_SANDBOX_PORT },
  );
  const extraCa = env.PROXY_EXTRA_CA ? [readFileSync(env.PROXY_EXTRA_CA, 'utf8')] : undefined;
  const authorities = authorityClients((e: Environment) =>
    e === 'sandbox'
      ? { env: e, credential: certificates.current(), sandboxOrigin: sandbox.origin, ca: [tls.ca.certPem], replaceCa: true }
      : { env: e, credential: certificates.current(), ca: extraCa },
  );
  const software = { license: env.PROXY_SOFTWARE_LICENSE, nif: env.PROXY_SOFTWARE_NIF, name: env.PROXY_SOFTWARE_NAME, version: env.PROXY_SOFTWARE_VERSION, systemName: 'GOBL Studio', systemId: '01', installationNumber: '1', onlyVerifactu: true, multiOT: false, multipleOT: false };
  const clock = () => new Date();
  const service = new SubmissionService({ store, certificates, authorities, clock, software, log, retryMs: env.PROXY_RETRY_MS });
  const origin = [`http://127.0.0.1:${env.PROXY_PORT}`, `http://localhost:${env.PROXY_PORT}`];
  const studioDir = resolve(env.PROXY_STUDIO_DIR);
  const app = createApp({ signer: certificates, authorities, store, clock, log, token, origin, software, service, maxBodyBytes: env.PROXY_MAX_BODY_BYTES, studioDir, schema, sandboxFaults });
  const api = await listen(app, { port: env.PROXY_PORT });
  const url = api.origin;
  if (env.PROXY_PORT === 0) log.warn('PROXY_PORT=0: the CORS origins name port 0; only same-origin calls (the served studio) work');
  log.info('proxy listening', { url, sandbox: sandbox.origin, xsd: env.xsdDir ?? 'not configured (schema checks skipped)', studio: existsSync(join(studioDir, 'index.html')) ? studioDir : 'not built' });

  void service.recover();
  const timer = setInterval(() => void service.recover(), env.PROXY_RETRY_MS);
  timer.unref();
  let closed = false;
  return {
    url,
    sandboxOrigin: sandbox.origin,
    token,
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      service.close();
      await api.close();
      await sandbox.close();
      store.close();
      sandboxState.close();
    },
  };
}

async function main() {
  let env: ProxyEnv;
  try {
    env = readEnv();
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  }
  let p: RunningProxy;
  try {
    p = await startProxy(env);
  } catch (e) {
    process.stderr.write(`cannot start the proxy: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
  process.stdout.write(`GOBL Studio proxy: ${p.url}/\n`);
  const stop = () => {
    void p.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) void main();
