/** Validation of a built document with the core, regime and addon rule sets. */
import type { Fault } from './core/fault.ts';
import type { DocumentType } from './model/documents.ts';
import type { ObjectKind, RuleContext, RuleSet } from './rules/define.ts';
import { validateGraph } from './rules/run.ts';
import { coreRuleSets } from './rules/sets/index.ts';
import { esRuleSets } from './regimes/es/rules.ts';
import type { Registry } from './tax/context.ts';
import { addonsFor } from './prepare-bill.ts';
import type { AddonDef } from './tax/addon-def.ts';

/** Regime rule sets carry their own guards (e.g. "regime is ES"), so all are offered. */
const regimeRuleSets: readonly RuleSet[] = [...esRuleSets];

/** The rule sets (and `hasAddon`) for one list of addons. */
interface AddonRules {
  readonly addons: readonly AddonDef[];
  readonly keys: readonly string[];
  readonly rules: readonly (readonly RuleSet[] | undefined)[];
  readonly sets: readonly RuleSet[];
  /** `RuleContext.hasAddon` for these addons. */
  readonly hasAddon: (key: string) => boolean;
}

let lastSets: AddonRules | undefined;
const setsByAddonKeys = new Map<string, AddonRules>();

/** The same addons as when the entry was made, with the same keys and rule lists. */
function sameAddons(entry: AddonRules, addons: readonly AddonDef[]): boolean {
  if (entry.addons.length !== addons.length) return false;
  for (let i = 0; i < addons.length; i++) {
    const a = addons[i];
    if (entry.addons[i] !== a || entry.keys[i] !== a.key || entry.rules[i] !== a.rules) return false;
  }
  return true;
}

/**
 * The rule-set list for a list of addons, reused while the same addons come back, so that the
 * rule runner's compiled plans (cached per list) are reused too.
 */
function rulesFor(addons: readonly AddonDef[]): AddonRules {
  if (lastSets && sameAddons(lastSets, addons)) return lastSets;
  const key = addons.map((a) => a.key).join('\u0000');
  let entry = setsByAddonKeys.get(key);
  if (!entry || !sameAddons(entry, addons)) {
    const keys = new Set(addons.map((a) => a.key));
    entry = {
      addons: [...addons],
      keys: addons.map((a) => a.key),
      rules: addons.map((a) => a.rules),
      sets: [...coreRuleSets, ...regimeRuleSets, ...addons.flatMap((a) => a.rules ?? [])],
      hasAddon: (k) => keys.has(k),
    };
    setsByAddonKeys.set(key, entry);
  }
  lastSets = entry;
  return entry;
}

const noAddon = (): boolean => false;

export function validateDocument(type: DocumentType, doc: Record<string, unknown>, base: string, registry: Registry): Fault[] {
  const country = typeof doc.$regime === 'string' ? doc.$regime : undefined;
  const regime = country ? registry.regimes.get(country) : undefined;
  const addons = addonsFor(doc.$addons as string[] | undefined, registry);
  const rules = rulesFor(addons);
  const ctx: RuleContext & { regimes: Registry['regimes'] } = {
    regime,
    regimes: registry.regimes,
    extensionKeys: registry.extensionKeys,
    addons,
    hasAddon: rules.hasAddon,
    doc,
  };
  return validateGraph(type.name as ObjectKind, doc, base, rules.sets, ctx);
}

/** Envelope-level rules (header, stamps, signatures); the document is validated on its own. */
export function validateEnvelope(env: Record<string, unknown>, registry: Registry): Fault[] {
  const ctx: RuleContext = { regime: undefined, addons: [], hasAddon: noAddon, doc: env.doc, extensionKeys: registry.extensionKeys };
  return validateGraph('envelope', env, '$', coreRuleSets, ctx);
}
