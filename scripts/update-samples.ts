/**
 * The studio's samples (samples/*.json, listed in samples/index.json) and their built goldens
 * (samples/out/<file>). `buildSample` is the one deterministic build both this script and
 * test/samples.test.ts use: fixed clock, counter UUIDs, fixed head UUID, the default registry.
 *
 *   node --import tsx scripts/update-samples.ts          # rewrite every golden
 *   node --import tsx scripts/update-samples.ts --check  # only report faults and drift
 *
 * (`UPDATE_GOLDEN=1 npx vitest run test/samples.test.ts` does the same rewrite from the test.)
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildResult } from '../engine/build.ts';
import { defaultRegistry } from '../engine/registry.ts';

export const SAMPLES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../samples');
export const OUT_DIR = join(SAMPLES_DIR, 'out');
/** The head UUID every golden carries (the same one GOBL's example tests use). */
export const SAMPLE_HEAD_UUID = '8a51fd30-2a27-11ee-be56-0242ac120002';
/** The clock the builds see; every sample has its own issue_date, so this only fills gaps. */
export const SAMPLE_NOW = Date.UTC(2025, 10, 20, 12, 0, 0);

export const SCENARIOS = ['TicketBAI', 'SII', 'VERI*FACTU', 'Facturae', 'Party'] as const;
export type Scenario = (typeof SCENARIOS)[number];

export interface SampleEntry {
  readonly file: string;
  readonly title: string;
  readonly scenario: Scenario;
  readonly addon?: string;
  readonly explanation: string;
  readonly comment?: string;
}

export function readIndex(): SampleEntry[] {
  return (JSON.parse(readFileSync(join(SAMPLES_DIR, 'index.json'), 'utf8')) as { samples: SampleEntry[] }).samples;
}

export function readSample(file: string): unknown {
  return JSON.parse(readFileSync(join(SAMPLES_DIR, file), 'utf8'));
}

export function readGolden(file: string): unknown {
  return JSON.parse(readFileSync(join(OUT_DIR, file), 'utf8'));
}

export function buildSample(input: unknown): BuildResult {
  let n = 0;
  return build(input, {
    now: () => SAMPLE_NOW,
    uuid: () => `0190c2f0-0000-7000-8000-${String(++n).padStart(12, '0')}`,
    registry: defaultRegistry,
    headUuid: SAMPLE_HEAD_UUID,
  });
}

export function describeFaults(result: BuildResult): string {
  if (result.ok) return '';
  const faults = result.error.faults.map((f) => `${f.code} ${f.paths.join(',')}: ${f.message}`).join('; ');
  return `${result.error.key}: ${faults || result.error.message}`;
}

/** The golden text: pretty JSON, two spaces, trailing newline. */
export const goldenText = (value: unknown): string => JSON.stringify(value, null, 2) + '\n';

export function writeGolden(file: string, value: unknown): void {
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(join(OUT_DIR, file), goldenText(value));
}

function main(): void {
  const check = process.argv.includes('--check');
  let failed = 0;
  for (const entry of readIndex()) {
    const result = buildSample(readSample(entry.file));
    if (!result.ok) {
      failed++;
      console.error(`FAIL ${entry.file}: ${describeFaults(result)}`);
      continue;
    }
    if (check) {
      let same = false;
      try {
        same = goldenText(readGolden(entry.file)) === goldenText(result.value);
      } catch {
        same = false;
      }
      if (!same) failed++;
      console.log(`${same ? 'ok  ' : 'DIFF'} ${entry.file}`);
    } else {
      writeGolden(entry.file, result.value);
      console.log(`wrote out/${entry.file}`);
    }
  }
  if (failed) process.exitCode = 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
