/**
 * Benchmark runner: `npm run bench [-- --quick] [--json FILE] [--filter TEXT]`.
 *
 * Loads every case file in bench/cases/ (each exports `cases` and optionally `comparisons`, see
 * bench/case.ts), measures each case interleaved with its baseline, prints a markdown table and,
 * with `--json FILE`, writes the results as JSON.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { NotReady, type BenchCase, type CaseModule, type Comparison } from './case.ts';
import { DEFAULT_BUDGET, QUICK_BUDGET, fmtNs, fmtOps, measurePair, type Budget, type Stats } from './measure.ts';

// A full collection between cases, so one case's garbage is not collected on the next's time (the
// warm-up that follows lets the young generation grow back to its steady-state size).
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

interface Args {
  quick: boolean;
  json?: string;
  filters: string[];
}

const USAGE = `usage: npm run bench -- [--quick] [--json FILE] [--filter TEXT]...
  --quick        smoke run: tiny time budget, numbers are not meaningful
  --json FILE    also write the results as JSON to FILE
  --filter TEXT  only cases whose name contains TEXT (case-insensitive; repeatable)`;

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { quick: false, filters: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--quick') args.quick = true;
    else if (a === '--json') args.json = value();
    else if (a.startsWith('--json=')) args.json = a.slice(7);
    else if (a === '--filter') args.filters.push(value().toLowerCase());
    else if (a.startsWith('--filter=')) args.filters.push(a.slice(9).toLowerCase());
    else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown argument ${a}\n${USAGE}`);
  }
  return args;
}

async function loadModules(): Promise<{ cases: BenchCase[]; comparisons: Comparison[] }> {
  const dir = resolve(dirname(fileURLToPath(import.meta.url)), 'cases');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'))
    .sort();
  const cases: BenchCase[] = [];
  const comparisons: Comparison[] = [];
  for (const f of files) {
    const mod = (await import(pathToFileURL(resolve(dir, f)).href)) as Partial<CaseModule>;
    if (!Array.isArray(mod.cases)) throw new Error(`bench/cases/${f} does not export a \`cases\` array`);
    cases.push(...mod.cases);
    comparisons.push(...(mod.comparisons ?? []));
  }
  const seen = new Set<string>();
  for (const c of cases) {
    if (seen.has(c.name)) throw new Error(`duplicate bench case name ${JSON.stringify(c.name)}`);
    seen.add(c.name);
  }
  return { cases, comparisons };
}

type CaseResult =
  | {
      name: string;
      note?: string;
      status: 'ok';
      run: Stats;
      baselineLabel?: string;
      baseline?: Stats;
      ratio?: number;
      target?: { maxRatio: number };
      targetMet?: boolean;
      wallMs: number;
    }
  | { name: string; note?: string; status: 'not-ready' | 'error'; reason: string; label?: string };

interface ComparisonResult {
  name: string;
  numerator: string;
  denominator: string;
  /** From the two cases' separate medians. */
  ratio?: number;
  /** Re-measured interleaved: median(numerator) / median(denominator) in one loop. */
  interleaved?: { ratio: number; numerator: Stats; denominator: Stats };
  max?: number;
  met?: boolean;
  reason?: string;
}

const budgetFor = (quick: boolean, b: { budget?: Partial<Budget>; quickBudget?: Partial<Budget> }): Budget =>
  quick ? { ...QUICK_BUDGET, ...b.quickBudget } : { ...DEFAULT_BUDGET, ...b.budget };

/** Set-up states of the cases that ran, for comparisons that re-measure them. */
const states = new Map<string, unknown>();

async function runCase(c: BenchCase, quick: boolean): Promise<CaseResult> {
  const budget = budgetFor(quick, c);
  let state: unknown;
  try {
    state = await c.setup();
  } catch (e) {
    if (e instanceof NotReady) return { name: c.name, note: c.note, status: 'not-ready', reason: e.message, label: e.label };
    return { name: c.name, note: c.note, status: 'error', reason: `setup: ${e instanceof Error ? e.message : String(e)}` };
  }
  try {
    const baseline = c.baseline;
    collect();
    const r = measurePair(() => c.run(state), baseline ? () => baseline(state) : undefined, budget);
    states.set(c.name, state);
    const targetMet = c.target && r.ratio !== undefined ? r.ratio <= c.target.maxRatio : undefined;
    return { name: c.name, note: c.note, status: 'ok', run: r.run, baselineLabel: c.baseline ? (c.baselineLabel ?? 'baseline') : undefined, baseline: r.baseline, ratio: r.ratio, target: c.target, targetMet, wallMs: r.wallMs };
  } catch (e) {
    return { name: c.name, note: c.note, status: 'error', reason: e instanceof Error ? e.message : String(e) };
  }
}

function compare(cmp: Comparison, cases: readonly BenchCase[], results: readonly CaseResult[], quick: boolean): ComparisonResult {
  const find = (n: string) => results.find((r) => r.name === n);
  const num = find(cmp.numerator);
  const den = find(cmp.denominator);
  const base = { name: cmp.name, numerator: cmp.numerator, denominator: cmp.denominator, max: cmp.max };
  if (!num || !den) return { ...base, reason: 'filtered out' };
  if (num.status !== 'ok') return { ...base, reason: `${num.name}: ${num.reason}` };
  if (den.status !== 'ok') return { ...base, reason: `${den.name}: ${den.reason}` };
  const ratio = num.run.medianNs / den.run.medianNs;
  let interleaved: ComparisonResult['interleaved'];
  if (cmp.interleaved !== false) {
    const numCase = cases.find((c) => c.name === cmp.numerator)!;
    const denCase = cases.find((c) => c.name === cmp.denominator)!;
    const numState = states.get(numCase.name);
    const denState = states.get(denCase.name);
    try {
      collect();
      const r = measurePair(() => numCase.run(numState), () => denCase.run(denState), budgetFor(quick, cmp));
      interleaved = { ratio: r.ratio!, numerator: r.run, denominator: r.baseline! };
    } catch (e) {
      return { ...base, ratio, reason: `interleaved run failed: ${e instanceof Error ? e.message : String(e)}` };
    }
  }
  const judged = interleaved?.ratio ?? ratio;
  return { ...base, ratio, interleaved, met: cmp.max === undefined ? undefined : judged <= cmp.max };
}

function table(header: readonly string[], rows: readonly (readonly string[])[], align: readonly ('l' | 'r')[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => (align[i] === 'r' ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ')} |`;
  const sep = `|${widths.map((w, i) => (align[i] === 'r' ? `${'-'.repeat(w + 1)}:` : `:${'-'.repeat(w + 1)}`)).join('|')}|`;
  return [line(header), sep, ...rows.map(line)].join('\n');
}

const verdict = (met: boolean | undefined) => (met === undefined ? '' : met ? 'ok' : 'MISSED');

function render(results: readonly CaseResult[], comparisons: readonly ComparisonResult[]): string {
  const rows = results.map((r) => {
    if (r.status !== 'ok') {
      const msg = `${r.status === 'not-ready' ? r.label : 'error'}: ${r.reason}`;
      return [r.name, '—', '—', '—', '—', '—', '—', msg];
    }
    const target = r.target ? `≤ ${r.target.maxRatio}× ${verdict(r.targetMet)}` : '';
    const samples = `${r.run.samples}${r.run.batch > 1 ? `×${r.run.batch}` : ''}`;
    return [
      r.name,
      fmtOps(r.run.opsPerSec),
      fmtNs(r.run.medianNs),
      fmtNs(r.run.p95Ns),
      r.baseline ? fmtNs(r.baseline.medianNs) : '—',
      r.ratio !== undefined ? `${r.ratio.toFixed(1)}×` : '—',
      samples,
      target,
    ];
  });
  const labels = new Set(results.flatMap((r) => (r.status === 'ok' && r.baselineLabel ? [r.baselineLabel] : [])));
  const baseHeader = `${labels.size === 1 ? [...labels][0] : 'baseline'} median`;
  const out = [table(['case', 'ops/s', 'median', 'p95', baseHeader, 'ratio', 'samples', 'target / status'], rows, ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'l'])];
  if (comparisons.length > 0) {
    const crow = comparisons.map((c) => [
      c.name,
      c.interleaved ? `${c.interleaved.ratio.toFixed(2)}×` : c.reason ? `n/a (${c.reason})` : '—',
      c.interleaved ? `${fmtNs(c.interleaved.numerator.medianNs)} / ${fmtNs(c.interleaved.denominator.medianNs)}` : '',
      c.ratio !== undefined ? `${c.ratio.toFixed(2)}×` : '',
      c.max !== undefined ? `≤ ${c.max}× ${verdict(c.met)}` : '',
    ]);
    out.push(
      '',
      table(['comparison (median run time)', 'interleaved', 'medians', 'from rows above', 'target'], crow, ['l', 'r', 'r', 'r', 'l']),
    );
  }
  const notes = results.filter((r) => r.note).map((r) => `- ${r.name}: ${r.note}`);
  if (notes.length) out.push('', ...notes);
  out.push(
    '',
    'ops/s = 1 / mean; median and p95 per op; ratio = median(run) / median(baseline), both timed interleaved',
    'in the same loop. Build = JSON.parse(text) + build(obj) + JSON.stringify(result); its baseline',
    '(parse+stringify) = JSON.parse(text) + JSON.stringify(obj) of the same input text.',
    'Comparisons: "interleaved" re-times both cases alternating in one loop (target judged on it);',
    '"from rows above" divides the medians of the separate rows (more exposed to machine noise).',
    'Both sides of a loop share one heap (each pays some of the other\'s GC); a full gc() runs between cases.',
  );
  return out.join('\n');
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const { cases, comparisons } = await loadModules();
  const selected = args.filters.length ? cases.filter((c) => args.filters.some((f) => c.name.toLowerCase().includes(f))) : cases;
  if (selected.length === 0) throw new Error('no bench case matches the filter');

  const cpu = cpus()[0]?.model ?? 'unknown cpu';
  const load = loadavg().map((l) => l.toFixed(2));
  const env = `node ${process.version}, ${process.platform}/${process.arch}, ${cpu} ×${cpus().length}, load ${load[0]}${args.quick ? ', --quick (smoke run: numbers not meaningful)' : ''}`;
  console.log(`# bench — ${env}\n`);

  const started = Date.now();
  const results: CaseResult[] = [];
  for (const c of selected) {
    process.stderr.write(`  running ${c.name} … `);
    const r = await runCase(c, args.quick);
    process.stderr.write(r.status === 'ok' ? `${fmtNs(r.run.medianNs)} (${(r.wallMs / 1000).toFixed(1)} s)\n` : `${r.label ?? r.status}: ${r.reason}\n`);
    results.push(r);
  }
  const cmp: ComparisonResult[] = [];
  for (const c of comparisons) {
    if (!selected.some((s) => s.name === c.numerator) || !selected.some((s) => s.name === c.denominator)) continue;
    process.stderr.write(`  comparing ${c.name} … `);
    const r = compare(c, cases, results, args.quick);
    process.stderr.write(r.interleaved ? `${r.interleaved.ratio.toFixed(2)}×\n` : `${r.reason ?? ''}\n`);
    cmp.push(r);
  }
  process.stderr.write(`  total ${((Date.now() - started) / 1000).toFixed(1)} s\n\n`);
  console.log(render(results, cmp));

  if (args.json) {
    const file = resolve(args.json);
    mkdirSync(dirname(file), { recursive: true });
    const payload = {
      date: new Date().toISOString(),
      mode: args.quick ? 'quick' : 'full',
      environment: { node: process.version, platform: process.platform, arch: process.arch, cpu, cpus: cpus().length, loadavgAtStart: loadavg() },
      budget: args.quick ? QUICK_BUDGET : DEFAULT_BUDGET,
      units: 'nanoseconds per operation',
      cases: results,
      comparisons: cmp,
    };
    writeFileSync(file, JSON.stringify(payload, null, 2) + '\n');
    console.log(`\nwrote ${file}`);
  }
  if (results.some((r) => r.status === 'error')) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(2);
});
