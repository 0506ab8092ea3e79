/**
 * A catalogue of rules, listed without running anything: one row per fault code.
 *
 * GOBL binds some rules to scalar types (cbc.Key, cal.Date, currency.Code…) and checks every
 * value of that type; we express those as one assertion per field holding the type, so one code
 * can appear on several objects and fields. The catalogue merges them into one row, listing
 * every object and field.
 */
import type { RuleSet } from './define.ts';

export interface CatalogueEntry {
  readonly code: string;
  /** Object kinds the rule is bound to, comma-separated when several. */
  readonly object: string;
  /** Field paths relative to the object (`[*]` = each element); empty for the object itself. */
  readonly field: string;
  /** Conditions, ANDed: the set's guard, `condition` for a `when`, `present` for ifPresent. */
  readonly guard: string;
  readonly desc: string;
}

interface Row {
  code: string;
  objects: string[];
  fields: string[];
  guards: string[];
  desc: string;
}

const addOnce = (list: string[], v: string): void => {
  if (!list.includes(v)) list.push(v);
};

export function ruleCatalogue(sets: readonly RuleSet[]): CatalogueEntry[] {
  const rows = new Map<string, Row>();
  for (const set of sets) {
    for (const a of set.assertions) {
      const guard = [set.guardDesc, a.when ? 'condition' : undefined, a.ifPresent ? 'present' : undefined]
        .filter((g): g is string => !!g)
        .join(' AND ');
      const field = (a.field ?? '') + (a.each ? '[*]' : '');
      let row = rows.get(a.code);
      if (!row) {
        row = { code: a.code, objects: [], fields: [], guards: [], desc: a.desc };
        rows.set(a.code, row);
      }
      addOnce(row.objects, set.object);
      addOnce(row.fields, field);
      addOnce(row.guards, guard);
    }
  }
  return [...rows.values()].map((r) => ({
    code: r.code,
    object: r.objects.join(', '),
    field: r.fields.join(', '),
    guard: r.guards.filter((g) => g !== '').join('; '),
    desc: r.desc,
  }));
}

/** Codes used with more than one description: a code must always mean the same thing. */
export function conflictingCodes(sets: readonly RuleSet[]): string[] {
  const desc = new Map<string, string>();
  const out = new Set<string>();
  for (const set of sets) {
    for (const a of set.assertions) {
      const d = desc.get(a.code);
      if (d === undefined) desc.set(a.code, a.desc);
      else if (d !== a.desc) out.add(a.code);
    }
  }
  return [...out];
}

/** How many assertions carry each code (more than one only for type rules). */
export function codeUses(sets: readonly RuleSet[]): Map<string, number> {
  const n = new Map<string, number>();
  for (const set of sets) for (const a of set.assertions) n.set(a.code, (n.get(a.code) ?? 0) + 1);
  return n;
}
