/**
 * Runs `vite build` when dist/ is missing or older than any input of the page (sources, engine,
 * samples, schemas, config), so e2e tests and the benchmark never test a stale build but do
 * not pay ~15 s for a rebuild when nothing changed. `node --import tsx e2e/support/build-if-stale.ts`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const INPUTS = ['src', 'engine', 'samples', 'schemas', 'index.html', 'vite.config.ts', 'svelte.config.js', 'package.json'];
const SKIP = /(^|\/)(node_modules|testdata|examples|out)(\/|$)|\.test\.ts$/;

function newest(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = 0;
  for (const e of readdirSync(path)) {
    const p = join(path, e);
    if (!SKIP.test(p.slice(root.length))) max = Math.max(max, newest(p));
  }
  return max;
}

export function buildIsStale(): boolean {
  const marker = join(root, 'dist', 'index.html');
  if (!existsSync(marker)) return true;
  const built = statSync(marker).mtimeMs;
  return INPUTS.map((p) => join(root, p)).some((p) => existsSync(p) && newest(p) > built);
}

export function ensureBuild(force = false): void {
  if (!force && !buildIsStale()) return;
  const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`vite build failed (exit ${r.status})`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) ensureBuild(process.argv.includes('--force'));
