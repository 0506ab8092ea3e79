/**
 * Timing helpers for the benchmarks. Nothing here knows about invoices.
 *
 * Method: warm up, then alternate the operation and its baseline in one loop (the order flips every
 * iteration) so that both see the same machine noise, JIT state and GC pressure. Each sample is timed
 * with `process.hrtime.bigint()`; operations much faster than `MIN_SAMPLE_NS` are batched so the
 * timer's own cost does not dominate (per-op figures then are per-batch averages).
 *
 * Both sides share one heap, so each pays some of the other's garbage collection, as in a real
 * process. Forcing a full gc() before each sample was tried and rejected: V8 then shrinks the young
 * generation and the next sample runs 1.5–2× slower than in steady state (1,000-line build:
 * 33–42 ms shared vs 51–77 ms after gc()).
 */

export interface Budget {
  /** Minimum wall time of the measured loop (both sides together), in ms. */
  readonly minTimeMs: number;
  /** Minimum measured iterations (samples of each side). */
  readonly minIters: number;
  /** Stop after this many iterations even if `minTimeMs` is not reached. */
  readonly maxIters: number;
  /** Hard wall-time cap for the measured loop, in ms: wins over `minIters`. */
  readonly maxTimeMs: number;
  /** Warm-up: at least this long and this many iterations. */
  readonly warmupMs: number;
  readonly warmupIters: number;
}

export const DEFAULT_BUDGET: Budget = { minTimeMs: 2000, minIters: 20, maxIters: 100_000, maxTimeMs: 20_000, warmupMs: 300, warmupIters: 5 };
export const QUICK_BUDGET: Budget = { minTimeMs: 100, minIters: 3, maxIters: 10_000, maxTimeMs: 3_000, warmupMs: 0, warmupIters: 1 };

/** Samples shorter than this are batched. */
const MIN_SAMPLE_NS = 50_000;

export interface Stats {
  /** Measured samples (batches). */
  readonly samples: number;
  /** Operations per sample. */
  readonly batch: number;
  /** Per-operation times in nanoseconds. */
  readonly medianNs: number;
  readonly p95Ns: number;
  readonly meanNs: number;
  readonly minNs: number;
  /** Throughput from the mean: 1e9 / meanNs. */
  readonly opsPerSec: number;
}

export interface PairResult {
  readonly run: Stats;
  readonly baseline?: Stats;
  /** median(run) / median(baseline), both measured in the same interleaved loop. */
  readonly ratio?: number;
  readonly wallMs: number;
}

// Results land here so the engine cannot treat the work as dead.
let sink: unknown;
export const blackhole = (): unknown => sink;

function timeBatch(fn: () => unknown, batch: number): number {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < batch; i++) sink = fn();
  return Number(process.hrtime.bigint() - t0) / batch;
}

/** Per-op estimate: time growing batches until one lasts `MIN_SAMPLE_NS`, keep the best of three. */
function calibrate(fn: () => unknown): number {
  const once = timeBatch(fn, 1);
  if (once >= 20 * MIN_SAMPLE_NS) return once; // clearly slow: batch 1, no need to refine
  let n = 1;
  for (;;) {
    const perOp = Math.min(timeBatch(fn, n), timeBatch(fn, n), timeBatch(fn, n));
    if (perOp * n >= MIN_SAMPLE_NS || n >= 10_000) return perOp;
    n = Math.min(10_000, n * 4);
  }
}

function batchFor(perOpNs: number): number {
  return perOpNs >= MIN_SAMPLE_NS ? 1 : Math.min(10_000, Math.ceil(MIN_SAMPLE_NS / Math.max(perOpNs, 1)));
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function stats(perOpNs: readonly number[], batch: number): Stats {
  const s = [...perOpNs].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { samples: s.length, batch, medianNs: median, p95Ns: percentile(s, 95), meanNs: mean, minNs: s[0], opsPerSec: 1e9 / mean };
}

/** Measures `run` (and `baseline`, interleaved) under `budget`. */
export function measurePair(run: () => unknown, baseline: (() => unknown) | undefined, budget: Budget): PairResult {
  const start = process.hrtime.bigint();
  const elapsedMs = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e6;

  // Warm-up.
  for (let i = 0; i < Math.max(1, budget.warmupIters) || elapsedMs(start) < budget.warmupMs; i++) {
    sink = run();
    if (baseline) sink = baseline();
    if (elapsedMs(start) > budget.maxTimeMs) break;
  }
  const runBatch = batchFor(calibrate(run));
  const baseBatch = baseline ? batchFor(calibrate(baseline)) : 0;
  const timeRun = () => timeBatch(run, runBatch);
  const timeBase = () => timeBatch(baseline!, baseBatch);

  const runSamples: number[] = [];
  const baseSamples: number[] = [];
  const loopStart = process.hrtime.bigint();
  for (let i = 0; ; i++) {
    const elapsed = elapsedMs(loopStart);
    if (i >= budget.maxIters || (i > 0 && elapsed > budget.maxTimeMs)) break;
    if (i >= budget.minIters && elapsed >= budget.minTimeMs) break;
    if (baseline && i % 2 === 1) {
      baseSamples.push(timeBase());
      runSamples.push(timeRun());
    } else {
      runSamples.push(timeRun());
      if (baseline) baseSamples.push(timeBase());
    }
  }
  const r = stats(runSamples, runBatch);
  const b = baseline ? stats(baseSamples, baseBatch) : undefined;
  return { run: r, baseline: b, ratio: b ? r.medianNs / b.medianNs : undefined, wallMs: elapsedMs(start) };
}

/** Human-readable duration for a nanosecond figure. */
export function fmtNs(ns: number): string {
  if (!Number.isFinite(ns)) return '—';
  if (ns < 1e3) return `${ns.toFixed(0)} ns`;
  if (ns < 1e6) return `${(ns / 1e3).toFixed(ns < 1e4 ? 2 : 1)} µs`;
  if (ns < 1e9) return `${(ns / 1e6).toFixed(ns < 1e7 ? 2 : 1)} ms`;
  return `${(ns / 1e9).toFixed(2)} s`;
}

export function fmtOps(ops: number): string {
  if (!Number.isFinite(ops)) return '—';
  if (ops >= 100) return Math.round(ops).toLocaleString('en-US');
  return ops.toFixed(ops >= 10 ? 1 : 2);
}
