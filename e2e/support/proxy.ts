/**
 * Starts the real proxy for browser tests as `npm start` does: `proxy/src/server.ts` on a free
 * loopback port with a temporary data folder, serving the built studio (dist/) and its embedded
 * sandbox authority. Waits for the line with its URL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureBuild } from './build-if-stale.ts';

const ROOT = resolve('.');

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => ok(port));
    });
  });
}

export interface Proxy {
  readonly url: string;
  readonly child: ChildProcess;
  readonly dataDir: string;
  readonly log: string[];
}

/** Starts the proxy as `npm start` does and waits for the line with its URL. */
export async function startProxy(prefix = 'studio-proxy-'): Promise<Proxy> {
  ensureBuild();
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'proxy/src/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, PROXY_PORT: String(port), PROXY_DATA_DIR: dataDir, PROXY_STUDIO_DIR: join(ROOT, 'dist'), PROXY_LOG: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  child.stderr!.on('data', (d) => log.push(String(d)));
  const url = await new Promise<string>((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`the proxy did not start:\n${log.join('')}`)), 60_000);
    child.stdout!.on('data', (d) => {
      out += String(d);
      const m = /GOBL Studio proxy: (\S+?)\/?\s/.exec(out);
      if (m) {
        clearTimeout(timer);
        ok(m[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`the proxy exited (${code}):\n${log.join('')}`));
    });
  });
  return { url, child, dataDir, log };
}

export async function stopProxy(p: Proxy | undefined): Promise<void> {
  if (!p) return;
  if (p.child.exitCode === null) {
    const exited = new Promise((ok) => p.child.once('exit', ok));
    p.child.kill('SIGTERM');
    await Promise.race([exited, new Promise((ok) => setTimeout(ok, 5000))]);
    if (p.child.exitCode === null) p.child.kill('SIGKILL');
  }
  rmSync(p.dataDir, { recursive: true, force: true });
}

