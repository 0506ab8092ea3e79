/** Which `$tags` an invoice may carry: GOBL's defaults, the regime's and the addons'. */
import type { AddonDef } from './addon-def.ts';
import { defaultInvoiceTags } from './default-tags.ts';
import type { RegimeDef } from './regime-def.ts';

export function invoiceTagsFor(regime: RegimeDef | undefined, addons: readonly AddonDef[]): Set<string> {
  const keys = new Set(defaultInvoiceTags.map((t) => t.key));
  for (const t of regime?.tags ?? []) keys.add(t.key);
  for (const a of addons) for (const t of a.tags ?? []) keys.add(t.key);
  return keys;
}
