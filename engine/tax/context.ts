/** Resolves a document's regime and addons from the registries (spec gobl-core §1.3, §1.4). */
import type { AddonDef, NormalizeContext } from './addon-def.ts';
import type { RegimeDef } from './regime-def.ts';

export interface Registry {
  readonly regimes: ReadonlyMap<string, RegimeDef>;
  readonly addons: ReadonlyMap<string, AddonDef>;
  /** Every extension key known anywhere (GOBL registers them globally; GOBL-TAX-COMBO-06). */
  readonly extensionKeys: ReadonlySet<string>;
}

export function makeRegistry(regimes: readonly RegimeDef[], addons: readonly AddonDef[], catalogueKeys: readonly string[] = []): Registry {
  const r = new Map<string, RegimeDef>();
  for (const reg of regimes) {
    r.set(reg.country, reg);
    for (const alt of reg.altCountryCodes ?? []) r.set(alt, reg);
  }
  const extensionKeys = new Set(catalogueKeys);
  for (const a of addons) for (const e of a.extensions) extensionKeys.add(e.key);
  return { regimes: r, addons: new Map(addons.map((a) => [a.key, a])), extensionKeys };
}

/** `$addons` with each addon's requirements inserted before it, duplicates and unknown keys dropped. */
export function expandAddons(keys: readonly string[] | undefined, registry: Registry): AddonDef[] {
  const out: AddonDef[] = [];
  const seen = new Set<string>();
  const visit = (key: string, depth: number) => {
    const def = registry.addons.get(key);
    if (!def || seen.has(key) || depth > 16) return;
    for (const req of def.requires ?? []) visit(req, depth + 1);
    if (seen.has(key)) return;
    seen.add(key);
    out.push(def);
  };
  for (const k of keys ?? []) visit(k, 0);
  return out;
}

export function makeContext(regime: RegimeDef | undefined, addons: readonly AddonDef[], registry: Registry): NormalizeContext {
  const keys = new Set(addons.map((a) => a.key));
  const normalizerOrder = [...registry.addons.values()].filter((a) => keys.has(a.key));
  return { regime, regimes: registry.regimes, addons, normalizerOrder, hasAddon: (k) => keys.has(k) };
}
