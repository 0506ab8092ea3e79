/**
 * The gobl-studio CLI as users run it: `bundleCli()` bundles it with scripts/build-cli.mjs into a
 * temporary directory (call from beforeAll, `cleanup()` from afterAll); `run()` spawns it with real
 * files, pipes and exit statuses.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface BundledCli {
  /** The temporary directory holding the bundle; runs use it as their working directory. */
  readonly dir: string;
  /** Path of the bundled entry point. */
  readonly bin: string;
  run(args: readonly string[], input?: string): Run;
  cleanup(): void;
}

export function bundleCli(): BundledCli {
  const dir = mkdtempSync(join(tmpdir(), 'gobl-studio-cli-'));
  const bin = join(dir, 'gobl-studio.mjs');
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts/build-cli.mjs'), bin], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`bundling the CLI failed: ${r.stderr}`);
  return {
    dir,
    bin,
    run(args, input) {
      const p = spawnSync(process.execPath, [bin, ...args], { input: input ?? '', encoding: 'utf8', cwd: dir, maxBuffer: 256 * 1024 * 1024 });
      return { code: p.status, stdout: p.stdout, stderr: p.stderr };
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** No user ever sees a stack trace. */
export function noStack(r: Run): void {
  expect(r.stdout + r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
}

export interface CliError {
  readonly key: string;
  readonly message: string;
  readonly faults: { code: string; paths: string[]; message: string }[];
}

/** Checks the `{"error":{key,message,faults}}` document a failed command prints, and returns it. */
export function expectError(r: Run, key: string): CliError {
  noStack(r);
  const out = JSON.parse(r.stdout);
  expect(Object.keys(out)).toEqual(['error']);
  expect(Object.keys(out.error)).toEqual(['key', 'message', 'faults']);
  expect(out.error.key).toBe(key);
  for (const f of out.error.faults) expect(Object.keys(f)).toEqual(['code', 'paths', 'message']);
  return out.error;
}
