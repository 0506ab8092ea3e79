/** The default registry: the regimes and addons this engine ships with. */
import { addons } from './addons/index.ts';
import { esRegime } from './regimes/es/index.ts';
import { makeRegistry, type Registry } from './tax/context.ts';
import type { RegimeDef } from './tax/regime-def.ts';
import type { AddonDef } from './tax/addon-def.ts';

export const defaultRegistry: Registry = makeRegistry([esRegime], addons);

/** A registry with extra regimes or addons (e.g. other countries in conformance tests). */
export function extendRegistry(
  extraRegimes: readonly RegimeDef[],
  extraAddons: readonly AddonDef[] = [],
  catalogueKeys: readonly string[] = [],
): Registry {
  const regimes = [...new Set(defaultRegistry.regimes.values())];
  const known = new Set(regimes.map((r) => r.country));
  return makeRegistry([...regimes, ...extraRegimes.filter((r) => !known.has(r.country))], [...addons, ...extraAddons], catalogueKeys);
}
