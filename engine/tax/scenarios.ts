/**
 * Scenarios (spec gobl-core §1.3 step 5, §3.3): after calculation, the regime's and addons'
 * scenario lists add legal notes to `tax.notes` and write extension codes to `tax.ext`.
 */
import type { BillTax, Invoice } from '../model/bill.ts';
import type { ScenarioDef, ScenarioNote, ScenarioSet } from './regime-def.ts';

function usedCategories(inv: Invoice): Set<string> {
  const cats = new Set<string>();
  for (const x of [...(inv.lines ?? []), ...(inv.discounts ?? []), ...(inv.charges ?? [])]) {
    for (const c of x?.taxes ?? []) if (c?.cat) cats.add(c.cat);
  }
  return cats;
}

function extFound(inv: Invoice, key: string, code?: string): boolean {
  const maps: (Record<string, string> | null | undefined)[] = [inv.tax?.ext];
  for (const cat of inv.totals?.taxes?.categories ?? []) for (const r of cat.rates ?? []) maps.push(r.ext);
  return maps.some((m) => m && m[key] !== undefined && (code === undefined || m[key] === code));
}

function matches(s: ScenarioDef, inv: Invoice, tags: readonly string[], cats: Set<string>): boolean {
  if (s.types && s.types.length > 0 && !s.types.includes(inv.type ?? '')) return false;
  if (s.tags && !s.tags.every((t) => tags.includes(t))) return false;
  if (s.categories && s.categories.length > 0 && !s.categories.some((c) => cats.has(c))) return false;
  if (s.extKey && !extFound(inv, s.extKey, s.extCode)) return false;
  return true;
}

export function applyScenarios(inv: Invoice, sets: readonly ScenarioSet[], schema: string): void {
  const tags = inv.$tags ?? [];
  const cats = usedCategories(inv);
  const notes: ScenarioNote[] = [];
  let ext: Record<string, string> | undefined;
  for (const set of sets) {
    if (set.schema !== schema) continue;
    for (const s of set.list) {
      if (!matches(s, inv, tags, cats)) continue;
      if (s.note) {
        const i = notes.findIndex((n) => n.cat === s.note!.cat && n.key === s.note!.key);
        if (i >= 0) notes[i] = s.note;
        else notes.push(s.note);
      }
      if (s.ext) ext = { ...(ext ?? {}), ...s.ext };
    }
  }
  if (notes.length === 0 && !ext) return;
  const tax: BillTax = (inv.tax ??= {} as BillTax);
  for (const n of notes) {
    const existing = tax.notes ?? [];
    if (existing.some((e) => (e.cat ?? undefined) === n.cat && (e.key ?? undefined) === n.key)) continue;
    const note: Record<string, string> = {};
    if (n.cat) note.cat = n.cat;
    if (n.key) note.key = n.key;
    note.text = n.text;
    tax.notes = [...existing, note];
  }
  if (ext) {
    const merged: Record<string, string> = { ...(tax.ext ?? {}), ...ext };
    const sorted: Record<string, string> = {};
    for (const k of Object.keys(merged).sort()) sorted[k] = merged[k];
    tax.ext = sorted;
  }
}
