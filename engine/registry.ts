/** The default registry: the regimes and addons this engine ships with. */
import { addons } from './addons/index.ts';
import { esRegime } from './regimes/es/index.ts';
import { euRegimes } from './regimes/eu/index.ts';
import { makeRegistry, type Registry } from './tax/context.ts';
import type { RegimeDef } from './tax/regime-def.ts';
import type { AddonDef } from './tax/addon-def.ts';

export const defaultRegistry: Registry = makeRegistry([esRegime, ...euRegimes], addons);

/** A registry with extra regimes or addons (e.g. other countries in conformance tests). */
export function extendRegistry(
  extraRegimes: readonly RegimeDef[],
  extraAddons: readonly AddonDef[] = [],
  catalogueKeys: readonly string[] = [],
): Registry {
  const shipped = new Map([...new Set(defaultRegistry.regimes.values())].map((r) => [r.country, r]));
  const extra = extraRegimes.flatMap((r) => {
    const ours = shipped.get(r.country);
    if (!ours) return [r];
    // Ours win; but our EU regimes are VAT-only, so when the extra regime has categories ours
    // leaves out (IT's IRPEF...) it completes ours: its data with our same-code categories.
    const codes = new Set(ours.categories.map((c) => c.code));
    if (r.categories.every((c) => codes.has(c.code))) return [];
    const byCode = new Map(ours.categories.map((c) => [c.code, c]));
    const theirs = new Set(r.categories.map((c) => c.code));
    const categories = [...r.categories.map((c) => byCode.get(c.code) ?? c), ...ours.categories.filter((c) => !theirs.has(c.code))];
    shipped.set(r.country, { ...r, categories });
    return [];
  });
  return makeRegistry([...shipped.values(), ...extra], [...addons, ...extraAddons], catalogueKeys);
}
