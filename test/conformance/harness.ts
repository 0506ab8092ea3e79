/**
 * Rebuilds GOBL's example inputs (../shared/conformance/gobl) with our engine and compares them
 * with GOBL's golden envelopes, the way GOBL's own example test does: parse YAML/JSON, envelop,
 * fix the head UUID, validate, deep-compare (key order and whitespace ignored).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { build } from '../../engine/build.ts';
import { extendRegistry } from '../../engine/registry.ts';
import type { Registry } from '../../engine/tax/context.ts';
import type { RegimeDef } from '../../engine/tax/regime-def.ts';
import { loadGoblRegime } from '../support/gobl-regime.ts';
import { loadForeignAddons } from '../support/gobl-addons.ts';

export const SHARED = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared');
export const GOBL_DIR = join(SHARED, 'conformance/gobl');
export const TEST_UUID = '8a51fd30-2a27-11ee-be56-0242ac120002';

export function requireShared(): void {
  if (!existsSync(GOBL_DIR)) {
    throw new Error(`../shared not found at ${SHARED}: the conformance data (../shared/conformance/gobl) is required`);
  }
}

/** Addons the engine has not implemented yet: inputs using them are listed as pending. */
export const ES_ADDONS = ['es-tbai-v1', 'es-sii-v1', 'es-verifactu-v1', 'es-facturae-v3'];

export interface Case {
  readonly input: string; // relative to GOBL_DIR
  readonly golden: string;
  readonly reason: string; // why it is in scope
}

/** In scope: every examples/es input, note/ examples, and the GENERIC-CALC rows of INDEX.md. */
export function conformanceCases(): Case[] {
  requireShared();
  const cases: Case[] = [];
  const add = (dir: string, reason: string) => {
    for (const f of readdirSync(join(GOBL_DIR, dir)).sort()) {
      if (!/\.(ya?ml|json)$/.test(f)) continue;
      cases.push({ input: `${dir}/${f}`, golden: `${dir}/out/${f.replace(/\.ya?ml$/, '.json')}`, reason });
    }
  };
  add('examples/es', 'ES');
  add('note/examples', 'note');
  const index = readFileSync(join(GOBL_DIR, 'INDEX.md'), 'utf8');
  for (const line of index.split('\n')) {
    if (!line.includes('GENERIC-CALC')) continue;
    const cols = line.split('|').map((c) => c.trim());
    const input = cols[2]?.replace(/`/g, '');
    const golden = cols[3]?.replace(/`/g, '');
    if (input && golden && !cases.some((c) => c.input === input)) cases.push({ input, golden, reason: 'GENERIC-CALC' });
  }
  return cases;
}

let registry: Registry | undefined;
/**
 * Our registry plus every other regime read from GOBL's data, and the foreign addons the
 * GENERIC-CALC examples name (test-only: nothing is committed).
 */
export function conformanceRegistry(): Registry {
  if (registry) return registry;
  const dir = join(SHARED, 'reference/gobl-data/data/regimes');
  const extra: RegimeDef[] = [];
  for (const f of readdirSync(dir)) {
    if (f === 'es.json') continue;
    extra.push(loadGoblRegime(JSON.parse(readFileSync(join(dir, f), 'utf8'))));
  }
  // GOBL's catalogues (UNTDID, ISO, CEF) only contribute extension keys that documents may use.
  const catalogues = join(SHARED, 'reference/gobl-data/data/catalogues');
  const catalogueKeys = readdirSync(catalogues).flatMap((f) =>
    ((JSON.parse(readFileSync(join(catalogues, f), 'utf8')).extensions ?? []) as { key: string }[]).map((e) => e.key),
  );
  registry = extendRegistry(extra, loadForeignAddons(), catalogueKeys);
  return registry;
}

export function readInput(rel: string): unknown {
  const text = readFileSync(join(GOBL_DIR, rel), 'utf8');
  return parseYaml(text, { schema: 'core', intAsBigInt: false });
}

export interface Diff {
  readonly path: string;
  readonly expected: unknown;
  readonly actual: unknown;
}

export function diffJson(expected: unknown, actual: unknown, path = '$', out: Diff[] = []): Diff[] {
  if (expected === actual) return out;
  const eo = expected !== null && typeof expected === 'object';
  const ao = actual !== null && typeof actual === 'object';
  if (!eo || !ao || Array.isArray(expected) !== Array.isArray(actual)) {
    out.push({ path, expected, actual });
    return out;
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    const n = Math.max(expected.length, actual.length);
    for (let i = 0; i < n; i++) diffJson(expected[i], actual[i], `${path}[${i}]`, out);
    return out;
  }
  const e = expected as Record<string, unknown>;
  const a = actual as Record<string, unknown>;
  for (const k of new Set([...Object.keys(e), ...Object.keys(a)])) diffJson(e[k], a[k], `${path}.${k}`, out);
  return out;
}

export interface CaseResult {
  readonly case: Case;
  readonly status: 'pass' | 'fail' | 'pending';
  readonly detail: string;
  readonly diffs: readonly Diff[];
}

const PENDING_ADDONS = new Set(ES_ADDONS);

export function pendingReason(input: unknown, implemented: ReadonlySet<string>): string | undefined {
  const doc = (input as { doc?: unknown; $addons?: unknown }) ?? {};
  const addons = ((doc as { $addons?: string[] }).$addons ?? ((doc as { doc?: { $addons?: string[] } }).doc?.$addons ?? [])) as string[];
  const missing = addons.filter((a) => PENDING_ADDONS.has(a) && !implemented.has(a));
  return missing.length > 0 ? `needs addon ${missing.join(', ')}` : undefined;
}

export function runCase(c: Case, implementedAddons: ReadonlySet<string>): CaseResult {
  const input = readInput(c.input);
  const pending = pendingReason(input, implementedAddons);
  if (pending) return { case: c, status: 'pending', detail: pending, diffs: [] };
  const golden = JSON.parse(readFileSync(join(GOBL_DIR, c.golden), 'utf8'));
  let n = 0;
  const result = build(input, {
    now: () => Date.UTC(2024, 0, 1),
    uuid: () => `0190c2f0-0000-7000-8000-${String(++n).padStart(12, '0')}`,
    registry: conformanceRegistry(),
    headUuid: TEST_UUID,
  });
  if (!result.ok) {
    const faults = result.error.faults.map((f) => `${f.code} ${f.paths.join(',')}: ${f.message}`).join('; ');
    return { case: c, status: 'fail', detail: `${result.error.key}: ${faults || result.error.message}`, diffs: [] };
  }
  const diffs = diffJson(golden, result.value);
  return { case: c, status: diffs.length === 0 ? 'pass' : 'fail', detail: diffs.length ? `${diffs.length} diffs` : 'identical', diffs };
}

export const caseName = (c: Case) => `${basename(dirname(c.input)) === 'es' ? '' : basename(dirname(c.input)) + '/'}${basename(c.input)}`;
