/**
 * Applies rule sets to every object of a document and collects faults.
 *
 * Validation runs on every build, so the rule sets are compiled once into a plan: for each
 * object kind, the flat list of assertions of the active sets (in set order), with their field
 * paths split ahead of time. Plans are cached per rule-set list and per combination of guard
 * results (guards are re-evaluated on every call, so a plan always matches its context).
 */
import { mergeFaults, type Fault } from '../core/fault.ts';
import { isPresent, type Assertion, type ObjectKind, type RuleContext, type RuleSet } from './define.ts';
import { CHILDREN } from './walk.ts';

/** How an assertion reaches its value from the bound object. */
const Access = {
  /** No field: the object itself. */
  Self: 0,
  /** One field name. */
  Field: 1,
  /** A dotted path: skipped when an intermediate object is missing (GOBL skips below nil). */
  Path: 2,
} as const;
type Access = (typeof Access)[keyof typeof Access];

interface Step {
  readonly a: Assertion;
  readonly access: Access;
  /** Access.Field: the field name. */
  readonly field: string;
  /** Access.Path: every segment but the last, then the last. */
  readonly parents: readonly string[];
  readonly last: string;
  readonly hasWhen: boolean;
  readonly each: boolean;
  readonly ifPresent: boolean;
}

/** What to do at an object of one kind: its assertions, then its children. */
interface KindPlan {
  readonly steps: readonly Step[] | undefined;
  children: readonly ChildPlan[] | undefined;
}

interface ChildPlan {
  readonly field: string;
  /** `.field`, the child's path segment. */
  readonly dot: string;
  readonly many: boolean;
  readonly plan: KindPlan;
}

interface Plan {
  /** The assertions of the active sets, by kind, in set order. */
  readonly steps: ReadonlyMap<ObjectKind, readonly Step[]>;
  /** Per-kind plans, built on demand. */
  readonly kinds: Map<ObjectKind, KindPlan>;
}

interface Compiled {
  /** The list's length when compiled: a list that changed since is compiled again. */
  readonly length: number;
  /** Indices of the sets that have a guard. */
  readonly guarded: readonly number[];
  /** Plans by guard results (one character per guarded set). */
  readonly plans: Map<string, Plan>;
}

const compiledLists = new WeakMap<readonly RuleSet[], Compiled>();

function compileStep(a: Assertion): Step {
  const field = a.field;
  let access: Access = Access.Self;
  let parents: string[] = [];
  let last = '';
  if (field) {
    const parts = field.split('.');
    if (parts.length === 1) access = Access.Field;
    else {
      access = Access.Path;
      last = parts.pop()!;
      parents = parts;
    }
  }
  return { a, access, field: field ?? '', parents, last, hasWhen: !!a.when, each: !!a.each, ifPresent: !!a.ifPresent };
}

function compilePlan(active: readonly RuleSet[]): Plan {
  const steps = new Map<ObjectKind, Step[]>();
  for (const s of active) {
    let list = steps.get(s.object);
    if (!list) {
      list = [];
      steps.set(s.object, list);
    }
    for (const a of s.assertions) list.push(compileStep(a));
  }
  return { steps, kinds: new Map() };
}

/** The plan for objects of `kind`, linked to its children's plans (built once, on demand). */
function kindPlanOf(plan: Plan, kind: ObjectKind): KindPlan {
  let kp = plan.kinds.get(kind);
  if (!kp) {
    kp = { steps: plan.steps.get(kind), children: undefined };
    plan.kinds.set(kind, kp);
    kp.children = CHILDREN[kind]?.map(([field, k, many]) => ({ field, dot: `.${field}`, many: !!many, plan: kindPlanOf(plan, k) }));
  }
  return kp;
}

function planFor(sets: readonly RuleSet[], ctx: RuleContext): Plan {
  let compiled = compiledLists.get(sets);
  if (!compiled || compiled.length !== sets.length) {
    const guarded: number[] = [];
    for (let i = 0; i < sets.length; i++) if (sets[i].guard) guarded.push(i);
    compiled = { length: sets.length, guarded, plans: new Map() };
    compiledLists.set(sets, compiled);
  }
  // Guards run once per call, in list order, exactly as filtering the list would run them.
  let signature = '';
  for (const i of compiled.guarded) signature += sets[i].guard!(ctx) ? '1' : '0';
  let plan = compiled.plans.get(signature);
  if (!plan) {
    const active = sets.filter((s, i) => !s.guard || signature[compiled.guarded.indexOf(i)] === '1');
    plan = compilePlan(active);
    compiled.plans.set(signature, plan);
  }
  return plan;
}

/**
 * One walk of a document: where it is (the path as a stack of segments, turned into text only
 * when a fault needs it) and where faults go.
 */
class Walk {
  /** `.field` of each level below the root. */
  readonly segs: string[] = [];
  /** The element index at each level, or -1 for a single object. */
  readonly index: number[] = [];
  depth = 0;
  readonly root: string;
  readonly ctx: RuleContext;
  readonly out: Fault[];
  constructor(root: string, ctx: RuleContext, out: Fault[]) {
    this.root = root;
    this.ctx = ctx;
    this.out = out;
  }

  /** The current object's path, as `walk` writes it: `$.lines[0].taxes[1]`. */
  path(): string {
    let p = this.root;
    for (let d = 0; d < this.depth; d++) {
      p = this.index[d] >= 0 ? `${p}${this.segs[d]}[${this.index[d]}]` : p + this.segs[d];
    }
    return p;
  }
}

function fault(w: Walk, a: Assertion, i: number): void {
  const path = w.path();
  const at = a.field ? `${path}.${a.field}` : path;
  w.out.push({ code: a.code, paths: [i >= 0 ? `${at}[${i}]` : at], message: a.desc });
}

function check(steps: readonly Step[], node: Record<string, unknown>, w: Walk): void {
  const ctx = w.ctx;
  for (let s = 0; s < steps.length; s++) {
    const step = steps[s];
    const a = step.a;
    if (step.hasWhen && !a.when!(node, ctx)) continue;
    let value: unknown;
    if (step.access === Access.Self) value = node;
    else if (step.access === Access.Field) value = node[step.field];
    else {
      let v: unknown = node;
      const parents = step.parents;
      for (let i = 0; i < parents.length; i++) {
        if (v === null || typeof v !== 'object') {
          v = undefined;
          break;
        }
        v = (v as Record<string, unknown>)[parents[i]];
      }
      if (v === undefined || v === null) continue;
      value = typeof v === 'object' ? (v as Record<string, unknown>)[step.last] : undefined;
    }
    if (step.each) {
      if (!Array.isArray(value)) continue;
      const n = value.length;
      for (let i = 0; i < n; i++) {
        if (!(i in value)) continue; // as forEach: holes are skipped
        const v: unknown = value[i];
        if (step.ifPresent && !isPresent(v)) continue;
        if (!a.test(v, node, ctx)) fault(w, a, i);
      }
      continue;
    }
    if (step.ifPresent && !isPresent(value)) continue;
    if (!a.test(value, node, ctx)) fault(w, a, -1);
  }
}

/** Visits every object of the graph, parents before children (as `walk`), checking each. */
function visit(kp: KindPlan, node: unknown, w: Walk): void {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return;
  const obj = node as Record<string, unknown>;
  if (kp.steps) check(kp.steps, obj, w);
  const children = kp.children;
  if (!children) return;
  const d = w.depth;
  for (let c = 0; c < children.length; c++) {
    const child = children[c];
    const value = obj[child.field];
    if (value === undefined || value === null) continue;
    w.segs[d] = child.dot;
    if (child.many) {
      if (!Array.isArray(value)) continue;
      for (let i = 0; i < value.length; i++) {
        w.index[d] = i;
        w.depth = d + 1;
        visit(child.plan, value[i], w);
      }
    } else {
      w.index[d] = -1;
      w.depth = d + 1;
      visit(child.plan, value, w);
    }
    w.depth = d;
  }
}

export function validateGraph(
  rootKind: ObjectKind,
  root: unknown,
  rootPath: string,
  sets: readonly RuleSet[],
  ctx: RuleContext,
): Fault[] {
  const plan = planFor(sets, ctx);
  const out: Fault[] = [];
  visit(kindPlanOf(plan, rootKind), root, new Walk(rootPath, ctx, out));
  return out.length === 0 ? [] : mergeFaults(out);
}
