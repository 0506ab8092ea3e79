/** Applies rule sets to every object of a document and collects faults. */
import { mergeFaults, type Fault } from '../core/fault.ts';
import { isPresent, type Assertion, type ObjectKind, type RuleContext, type RuleSet } from './define.ts';
import { walk } from './walk.ts';

function getField(node: Record<string, unknown>, field: string | undefined): unknown {
  if (!field) return node;
  let v: unknown = node;
  for (const part of field.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

/** Is an intermediate object on the field path missing? GOBL skips nested rules below nil. */
function parentMissing(node: Record<string, unknown>, field: string | undefined): boolean {
  if (!field || !field.includes('.')) return false;
  const parent = field.slice(0, field.lastIndexOf('.'));
  const v = getField(node, parent);
  return v === undefined || v === null;
}

function check(a: Assertion, node: Record<string, unknown>, path: string, ctx: RuleContext, out: Fault[]): void {
  if (a.when && !a.when(node, ctx)) return;
  if (parentMissing(node, a.field)) return;
  const value = getField(node, a.field);
  const at = a.field ? `${path}.${a.field}` : path;
  if (a.each) {
    if (!Array.isArray(value)) return;
    value.forEach((v, i) => {
      if (a.ifPresent && !isPresent(v)) return;
      if (!a.test(v, node, ctx)) out.push({ code: a.code, paths: [`${at}[${i}]`], message: a.desc });
    });
    return;
  }
  if (a.ifPresent && !isPresent(value)) return;
  if (!a.test(value, node, ctx)) out.push({ code: a.code, paths: [at], message: a.desc });
}

export function validateGraph(
  rootKind: ObjectKind,
  root: unknown,
  rootPath: string,
  sets: readonly RuleSet[],
  ctx: RuleContext,
): Fault[] {
  const active = sets.filter((s) => !s.guard || s.guard(ctx));
  const byKind = new Map<ObjectKind, RuleSet[]>();
  for (const s of active) {
    const list = byKind.get(s.object);
    if (list) list.push(s);
    else byKind.set(s.object, [s]);
  }
  const out: Fault[] = [];
  walk(rootKind, root, rootPath, (kind, node, path) => {
    const list = byKind.get(kind);
    if (!list) return;
    for (const set of list) for (const a of set.assertions) check(a, node, path, ctx, out);
  });
  return mergeFaults(out);
}
