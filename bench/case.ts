/**
 * What a benchmark case file exports. To add cases, drop a file in `bench/cases/` that exports
 * `cases` (and optionally `comparisons`); `bench/run.ts` picks up every `*.ts` file there.
 *
 *   export const cases: BenchCase[] = [
 *     { name: 'pdf: freelance', setup: () => loadDoc(), run: (doc) => renderPdf(doc), baseline: ... },
 *   ];
 */
import type { Budget } from './measure.ts';

export interface BenchCase<S = any> {
  /** Unique across all case files; shown in the table and used by `--filter`. */
  readonly name: string;
  /** One line on what the operation covers (shown under the table). */
  readonly note?: string;
  /**
   * Untimed preparation. Throw `NotReady` when the case cannot run yet (e.g. a missing addon):
   * the row then reads "not buildable yet: <reason>" instead of failing the run.
   */
  readonly setup: () => S | Promise<S>;
  /** The timed operation. */
  readonly run: (state: S) => unknown;
  /** Reference operation timed interleaved with `run`; the row reports median(run)/median(baseline). */
  readonly baseline?: (state: S) => unknown;
  /** What the baseline is, for the table header (e.g. "parse+stringify"). */
  readonly baselineLabel?: string;
  /** Overrides of the run budget (merged over the default or `--quick` budget). */
  readonly budget?: Partial<Budget>;
  readonly quickBudget?: Partial<Budget>;
  /** Target: median(run) ≤ maxRatio × median(baseline). */
  readonly target?: { readonly maxRatio: number };
}

/**
 * A ratio between two cases' run times, e.g. how build time scales with line count. Reported twice:
 * from the two cases' own medians, and — with `interleaved` — re-measured with the two runs
 * alternating in one loop, which cancels machine noise that separate loops do not share. The target
 * is judged on the interleaved figure when there is one.
 */
export interface Comparison {
  readonly name: string;
  readonly numerator: string;
  readonly denominator: string;
  /** Target: numerator ≤ max × denominator. */
  readonly max?: number;
  /** Re-measure numerator against denominator interleaved (default true). */
  readonly interleaved?: boolean;
  readonly budget?: Partial<Budget>;
  readonly quickBudget?: Partial<Budget>;
}

export interface CaseModule {
  readonly cases: readonly BenchCase[];
  readonly comparisons?: readonly Comparison[];
}

/** Thrown from `setup` when a case cannot run yet; the reason is reported in its row. */
export class NotReady extends Error {
  /** How the row words it, e.g. "not buildable yet". */
  readonly label: string;
  constructor(reason: string, label = 'not ready yet') {
    super(reason);
    this.name = 'NotReady';
    this.label = label;
  }
}
