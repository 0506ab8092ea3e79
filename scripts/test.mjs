// Runs every test suite (vitest, then Playwright when e2e tests exist) and ends with the
// combined `N passed, N failed` line.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const totals = { passed: 0, failed: 0, skipped: 0 };
let exitCode = 0;

function run(label, cmd, args) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
  const out = r.stdout.toString();
  process.stdout.write(out);
  const m = out.match(new RegExp(`^${label}: (\\d+) passed, (\\d+) failed(?:, (\\d+) skipped)?$`, 'm'));
  if (!m) {
    console.log(`${label}: no summary line (exit ${r.status})`);
    totals.failed += 1;
    exitCode = 1;
    return;
  }
  totals.passed += Number(m[1]);
  totals.failed += Number(m[2]);
  totals.skipped += Number(m[3] ?? 0);
  if (r.status !== 0) exitCode = 1;
}

run('vitest', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=./test/summary-reporter.ts']);
const hasE2e = existsSync('e2e') && readdirSync('e2e').some((f) => f.endsWith('.spec.ts'));
if (hasE2e) run('playwright', 'npx', ['playwright', 'test']);

if (totals.failed > 0) exitCode = 1;
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(exitCode);
