/**
 * SIGKILL in the middle of a run, restart, retry with the same idempotency keys: nothing lost,
 * nothing forked, nothing registered twice. Runs the real server process (npm run proxy:start).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { REPO, tmp, XSD_DIR } from './helpers.ts';
import { tbaiEnvelope } from './harness.ts';

const TOKEN = 'crash-test-token-0123456789abcdefghijklmnop';

/**
 * A free port outside Linux's ephemeral range (32768–60999): a port taken from that range could be
 * handed to another test's socket while this server is down between the kill and the restart.
 */
function freePort(): Promise<number> {
  const candidate = 20_000 + Math.floor(Math.random() * 10_000);
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(freePort()));
    s.listen(candidate, '127.0.0.1', () => s.close(() => resolve(candidate)));
  });
}

/** Starts the server; on a port clash (EADDRINUSE) tries another port. */
async function startOnFreePort(dataDir: string, port?: number): Promise<{ child: ChildProcess; url: string }> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await start(dataDir, port ?? (await freePort()));
    } catch (e) {
      if (attempt >= 4 || !/EADDRINUSE/.test(String(e))) throw e;
      port = undefined;
    }
  }
}

async function start(dataDir: string, port: number): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'proxy/src/server.ts'], {
    cwd: REPO,
    env: { ...process.env, PROXY_PORT: String(port), PROXY_DATA_DIR: dataDir, PROXY_TOKEN: TOKEN, PROXY_LOG: 'error', PROXY_XSD_DIR: XSD_DIR, PROXY_RETRY_MS: '200' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const url = await new Promise<string>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`proxy did not start: ${err}`)), 30_000);
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /GOBL Studio proxy: (\S+?)\/?\n/.exec(out);
      if (m) {
        clearTimeout(t);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`proxy exited ${code}: ${err}`)));
  });
  return { child, url };
}

const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

const N = 40;
const body = (i: number) => ({ system: 'ticketbai', zone: 'BI', envelope: tbaiEnvelope(`K${String(i).padStart(3, '0')}`) });
const submit = (url: string, i: number) =>
  fetch(`${url}/api/submissions`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', 'idempotency-key': `key-${i}` }, body: JSON.stringify(body(i)) });

describe('crash safety', () => {
  it('SIGKILL mid-run, restart, retry: no loss, no fork, no double submission', { timeout: 180_000 }, async () => {
    const dataDir = tmp('proxy-crash-');
    const first = await startOnFreePort(dataDir);
    const port = Number(new URL(first.url).port);
    children.push(first.child);

    let answered = 0;
    // How many answers had arrived when the kill was sent; on a fast machine answers already in
    // flight may still arrive afterwards, so the total answered is not the measure.
    let answeredAtKill: number | undefined;
    const killed = new Promise<void>((resolve) => {
      const all = Array.from({ length: N }, (_, i) =>
        submit(first.url, i)
          .then(async (r) => {
            await r.text();
            if (++answered === 12) {
              answeredAtKill = answered;
              first.child.kill('SIGKILL');
              resolve();
            }
          })
          .catch(() => undefined),
      );
      void Promise.all(all).then(() => resolve());
    });
    await killed;
    await new Promise((r) => first.child.once('exit', r));
    expect(answeredAtKill, 'the proxy was killed with requests still unanswered').toBeLessThan(N);

    const second = await startOnFreePort(dataDir, port);
    children.push(second.child);
    // Retry everything with the same keys, concurrently.
    const retries = await Promise.all(Array.from({ length: N }, (_, i) => submit(second.url, i).then(async (r) => ({ status: r.status, json: (await r.json()) as any }))));
    for (const r of retries) expect([200, 201, 202]).toContain(r.status);
    const replayed = retries.filter((r) => r.json.replayed).length;
    expect(replayed).toBeGreaterThanOrEqual(12);

    // Wait for the outbox to deliver everything still pending (generous: CI machines are loaded).
    for (let i = 0; i < 900; i++) {
      const r = await fetch(`${second.url}/api/submissions?status=pending`, { headers: { authorization: `Bearer ${TOKEN}` } });
      if (((await r.json()) as any).submissions.length === 0) break;
      await new Promise((res) => setTimeout(res, 100));
    }
    second.child.kill('SIGTERM');
    await new Promise((r) => second.child.once('exit', r));

    const proxy = new Database(join(dataDir, 'proxy.sqlite'), { readonly: true });
    const rows = proxy.prepare("SELECT * FROM submissions WHERE chain_key = 'tbai:BI:S7836107H:' ORDER BY chain_seq").all() as any[];
    // One submission per key, all delivered and accepted.
    expect(rows.length).toBe(N);
    expect(new Set(rows.map((r) => r.idempotency_key)).size).toBe(N);
    expect(rows.map((r) => r.status)).toEqual(rows.map(() => 'accepted'));
    // One linear chain: positions 1..N, each document linked to the one before.
    expect(rows.map((r) => r.chain_seq)).toEqual(rows.map((_, i) => i + 1));
    for (let i = 1; i < rows.length; i++) {
      expect(rows[i].signed_xml).toContain(`<SignatureValueFirmaFacturaAnterior>${rows[i - 1].signature_value.slice(0, 100)}</SignatureValueFirmaFacturaAnterior>`);
    }
    const head = proxy.prepare("SELECT * FROM tbai_chain WHERE zone = 'BI' AND issuer = 'S7836107H'").get() as any;
    expect(head.seq).toBe(N);
    expect(head.signature).toBe(rows[N - 1].signature_value.slice(0, 100));
    proxy.close();

    // The authority registered each invoice once, in chain order.
    const sandbox = new Database(join(dataDir, 'sandbox.sqlite'), { readonly: true });
    const reg = sandbox.prepare("SELECT * FROM tbai_invoices WHERE zone = 'BI' AND issuer = 'S7836107H' ORDER BY rowid").all() as any[];
    expect(reg.length).toBe(N);
    expect(new Set(reg.map((r) => r.number)).size).toBe(N);
    for (let i = 1; i < reg.length; i++) expect(reg[i].prev_signature).toBe(reg[i - 1].signature.slice(0, 100));
    // At most the one request in flight at the kill was sent again (and answered "duplicate").
    const sent = (sandbox.prepare("SELECT COUNT(*) AS n FROM requests WHERE path = '/N3B4000M/aurkezpena'").get() as any).n;
    expect(sent).toBeLessThanOrEqual(N + 1);
    sandbox.close();
  });
});

describe('start-up configuration', () => {
  it('an invalid environment stops the server with a clear message (exit 2)', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'proxy/src/server.ts'], { cwd: REPO, env: { ...process.env, PROXY_PORT: 'eighty', PROXY_DATA_DIR: tmp() }, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr!.on('data', (d) => (err += d));
    const code = await new Promise((r) => child.on('exit', r));
    expect(code).toBe(2);
    expect(err).toMatch(/PROXY_PORT/);
  });
});
