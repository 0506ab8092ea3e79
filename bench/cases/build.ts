/**
 * Build cases: the full text-to-text cost of `gobl build` for one invoice —
 *   run:      JSON.stringify(build(JSON.parse(text)).value)
 *   baseline: JSON.stringify(JSON.parse(text))          (same input text)
 */
import { readFileSync } from 'node:fs';
import { build, type BuildOptions } from '../../engine/build.ts';
import { defaultRegistry } from '../../engine/registry.ts';
import { NotReady, type BenchCase, type Comparison } from '../case.ts';
import { largeInvoice } from '../generate.ts';

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url);

const HEAD_UUID = '0190c2f0-0000-7000-8000-000000000000';
const options: BuildOptions = {
  now: () => Date.UTC(2024, 0, 1),
  uuid: () => '0190c2f0-0000-7000-8000-000000000001',
  registry: defaultRegistry,
  headUuid: HEAD_UUID,
};

const NOT_BUILDABLE = 'not buildable yet';

interface State {
  readonly text: string;
}

function buildText(text: string): string {
  const result = build(JSON.parse(text), options);
  if (!result.ok) throw new Error(`build failed: ${result.error.message}`);
  return JSON.stringify(result.value);
}

/** Checks the document builds (with every addon it names actually registered) before timing it. */
function prepare(doc: unknown): State {
  const addons = ((doc as { $addons?: string[] }).$addons ?? []).filter((a) => !defaultRegistry.addons.has(a));
  if (addons.length > 0) throw new NotReady(`addon ${addons.join(', ')} not registered`, NOT_BUILDABLE);
  const text = JSON.stringify(doc);
  const result = build(JSON.parse(text), options);
  if (!result.ok) {
    const first = result.error.faults[0];
    throw new NotReady(`${result.error.key}: ${first ? `${first.code} ${first.paths.join(',')}: ${first.message}` : result.error.message}`, NOT_BUILDABLE);
  }
  return { text };
}

const fromFixture = (name: string) => () => prepare(JSON.parse(readFileSync(fixture(name), 'utf8')));
const generated = (lines: number) => () => prepare(largeInvoice(lines, fixture('es-freelance.json')));

const run = (s: State) => buildText(s.text);
const baseline = (s: State) => JSON.stringify(JSON.parse(s.text));
const baselineLabel = 'parse+stringify';

export const cases: BenchCase<State>[] = [
  {
    name: 'build: TicketBAI B2B seed',
    note: 'bench/fixtures/tbai-b2b.json (es-tbai-v1, 1 line)',
    setup: fromFixture('tbai-b2b.json'),
    run,
    baseline,
    baselineLabel,
    target: { maxRatio: 10 },
  },
  {
    name: 'build: ES freelance',
    note: 'bench/fixtures/es-freelance.json (no addons, 1 line, discount, VAT + IRPF)',
    setup: fromFixture('es-freelance.json'),
    run,
    baseline,
    baselineLabel,
    target: { maxRatio: 10 },
  },
  {
    name: 'build: ES 1,000 lines',
    note: 'generated (bench/generate.ts): VAT general/reduced/super-reduced, 15% discounts, IRPF on ~20%',
    setup: generated(1_000),
    run,
    baseline,
    baselineLabel,
  },
  {
    name: 'build: ES 10,000 lines',
    note: 'generated, same mix as 1,000 lines',
    setup: generated(10_000),
    run,
    baseline,
    baselineLabel,
    budget: { minTimeMs: 4_000, minIters: 15, warmupIters: 2, warmupMs: 0, maxTimeMs: 20_000 },
    quickBudget: { minIters: 2, minTimeMs: 0 },
  },
];

export const comparisons: Comparison[] = [
  {
    name: 'build scaling: 10,000 lines / 1,000 lines',
    numerator: 'build: ES 10,000 lines',
    denominator: 'build: ES 1,000 lines',
    max: 10,
    budget: { minTimeMs: 4_000, minIters: 15, warmupIters: 1, warmupMs: 0, maxTimeMs: 20_000 },
    quickBudget: { minIters: 2, minTimeMs: 0 },
  },
];
