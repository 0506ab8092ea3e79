/** Validation of a built document with the core, regime and addon rule sets. */
import type { Fault } from './core/fault.ts';
import type { DocumentType } from './model/documents.ts';
import type { ObjectKind, RuleContext, RuleSet } from './rules/define.ts';
import { validateGraph } from './rules/run.ts';
import { coreRuleSets } from './rules/sets/index.ts';
import { esRuleSets } from './regimes/es/rules.ts';
import { expandAddons, type Registry } from './tax/context.ts';

/** Regime rule sets carry their own guards (e.g. "regime is ES"), so all are offered. */
const regimeRuleSets: readonly RuleSet[] = [...esRuleSets];

export function validateDocument(type: DocumentType, doc: Record<string, unknown>, base: string, registry: Registry): Fault[] {
  const country = typeof doc.$regime === 'string' ? doc.$regime : undefined;
  const regime = country ? registry.regimes.get(country) : undefined;
  const addons = expandAddons(doc.$addons as string[] | undefined, registry);
  const keys = new Set(addons.map((a) => a.key));
  const ctx: RuleContext & { regimes: Registry['regimes'] } = {
    regime,
    regimes: registry.regimes,
    extensionKeys: registry.extensionKeys,
    addons,
    hasAddon: (k) => keys.has(k),
    doc,
  };
  const sets = [...coreRuleSets, ...regimeRuleSets, ...addons.flatMap((a) => a.rules ?? [])];
  return validateGraph(type.name as ObjectKind, doc, base, sets, ctx);
}

/** Envelope-level rules (header, stamps, signatures); the document is validated on its own. */
export function validateEnvelope(env: Record<string, unknown>, registry: Registry): Fault[] {
  const ctx: RuleContext = { regime: undefined, addons: [], hasAddon: () => false, doc: env.doc, extensionKeys: registry.extensionKeys };
  return validateGraph('envelope', env, '$', coreRuleSets, ctx);
}
