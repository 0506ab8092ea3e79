/**
 * Acceptance: GOBL validates every example it builds, so every golden envelope of the GOBL
 * conformance set must pass our core rule sets with zero faults.
 *
 * - ES goldens (`examples/es/out`): core + ES rule sets, with our ES regime (combo checks use
 *   its categories) and every other regime known through GOBL's JSON (for foreign combos).
 * - Other countries' invoice goldens: the regime-independent checks only (no combo category /
 *   key / rate / percent checks, GOBL-TAX-COMBO-01..04), plus the ES sets (the ES tax ID check
 *   applies to Spanish parties of any document).
 *
 * Addons are stand-ins built from GOBL's addon JSON (key and extensions); the extension registry
 * is the union of every addon's, regime's and catalogue's extension keys, as in GOBL.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readGoblAddonJson, loadGoblAddon } from '../../../test/support/gobl-addons.ts';
import { loadGoblRegime, sharedPath } from '../../../test/support/gobl-regime.ts';
import { esRuleSets } from '../../regimes/es/rules.ts';
import { esRegime } from '../../regimes/es/index.ts';
import type { AddonDef } from '../../tax/addon-def.ts';
import type { RegimeDef } from '../../tax/regime-def.ts';
import type { ObjectKind, RuleContext, RuleSet } from '../define.ts';
import { validateGraph } from '../run.ts';
import { coreRuleSets } from './index.ts';
import { REGIME_COMBO_CODES } from './tax.ts';

const GOBL = 'conformance/gobl';

function listJson(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
}

// Fails with a clear message (from sharedPath) when ../shared is absent.
const dataDir = sharedPath('reference/gobl-data/data');

const regimes = new Map<string, RegimeDef>();
const extensionKeys = new Set<string>();
for (const f of listJson(join(dataDir, 'regimes'))) {
  const json = JSON.parse(readFileSync(join(dataDir, 'regimes', f), 'utf8'));
  for (const e of json.extensions ?? []) extensionKeys.add(e.key);
  const r = json.country === 'ES' ? esRegime : loadGoblRegime(json);
  regimes.set(r.country, r);
  for (const alt of r.altCountryCodes ?? []) regimes.set(alt, r);
}
for (const f of listJson(join(dataDir, 'catalogues'))) {
  const json = JSON.parse(readFileSync(join(dataDir, 'catalogues', f), 'utf8'));
  for (const e of json.extensions ?? []) extensionKeys.add(e.key);
}
const addons = new Map<string, AddonDef>();
for (const f of listJson(join(dataDir, 'addons'))) {
  const a = loadGoblAddon(readGoblAddonJson(f.slice(0, -'.json'.length)), { normalizers: false });
  addons.set(a.key, a);
  for (const e of a.extensions) extensionKeys.add(e.key);
}

const KIND_BY_SCHEMA: Record<string, ObjectKind> = {
  'bill/invoice': 'bill/invoice',
  'bill/order': 'bill/order',
  'bill/delivery': 'bill/delivery',
  'bill/payment': 'bill/payment',
  'bill/status': 'bill/status',
  'org/party': 'org/party',
  'tax/identity': 'tax/identity',
  'note/message': 'note/message',
};

function contextFor(doc: any, regime: RegimeDef | undefined): RuleContext {
  const keys: string[] = Array.isArray(doc.$addons) ? doc.$addons : [];
  const list = keys.map((k) => addons.get(k)).filter((a): a is AddonDef => !!a);
  return { regime, regimes, addons: list, hasAddon: (k) => list.some((a) => a.key === k), doc, extensionKeys };
}

/** Validates a golden envelope and its document; returns the faults as `code@path` strings. */
function validateGolden(env: any, sets: readonly RuleSet[], regimeFor: (doc: any) => RegimeDef | undefined): string[] {
  const doc = env.doc;
  const schema = String(doc?.$schema ?? '').replace('https://gobl.org/draft-0/', '');
  const kind = KIND_BY_SCHEMA[schema];
  if (!kind) throw new Error(`unexpected schema ${schema}`);
  const ctx = contextFor(doc, regimeFor(doc));
  const faults = [...validateGraph('envelope', env, '$', sets, ctx), ...validateGraph(kind, doc, '$.doc', sets, ctx)];
  return faults.flatMap((f) => f.paths.map((p) => `${f.code}@${p}: ${f.message}`));
}

const esDir = sharedPath(GOBL, 'examples/es/out');
const allSets: readonly RuleSet[] = [...coreRuleSets, ...esRuleSets];

describe('ES goldens pass the core and ES rule sets', () => {
  const files = listJson(esDir);
  it('finds the ES goldens', () => {
    expect(files.length).toBeGreaterThanOrEqual(50);
  });
  for (const f of files) {
    it(f, () => {
      const env = JSON.parse(readFileSync(join(esDir, f), 'utf8'));
      const faults = validateGolden(env, allSets, (doc) => (doc.$regime === 'ES' ? esRegime : doc.$regime ? regimes.get(doc.$regime) : undefined));
      expect(faults).toEqual([]);
    });
  }
});

/** The core sets without the combo checks that need the regime's categories. */
const regimeFree: readonly RuleSet[] = allSets.map((s) => ({
  ...s,
  assertions: s.assertions.filter((a) => !REGIME_COMBO_CODES.includes(a.code)),
}));

describe('other countries’ invoice goldens pass the regime-independent rules', () => {
  const root = sharedPath(GOBL, 'examples');
  const dirs = readdirSync(root).filter((d) => d !== 'es' && existsSync(join(root, d, 'out')));
  for (const d of dirs.sort()) {
    for (const f of listJson(join(root, d, 'out'))) {
      const env = JSON.parse(readFileSync(join(root, d, 'out', f), 'utf8'));
      if (env.doc?.$schema !== 'https://gobl.org/draft-0/bill/invoice') continue;
      it(`${d}/${f}`, () => {
        expect(validateGolden(env, regimeFree, (doc) => (doc.$regime ? regimes.get(doc.$regime) : undefined))).toEqual([]);
      });
    }
  }
  const notes = sharedPath(GOBL, 'note/examples/out');
  if (existsSync(notes)) {
    for (const f of listJson(notes)) {
      it(`note/${f}`, () => {
        const env = JSON.parse(readFileSync(join(notes, f), 'utf8'));
        expect(validateGolden(env, regimeFree, () => undefined)).toEqual([]);
      });
    }
  }
});
