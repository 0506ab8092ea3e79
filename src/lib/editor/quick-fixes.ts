/**
 * Quick fixes for the engine's faults, offered on the editor's markers (Ctrl/⌘+. or the bulb):
 * a missing extension gets one fix per code of its list, with the code's meaning; a missing note
 * with a required key gets that note. A fix is the whole document with the change made,
 * re-indented, so one undo takes it back.
 */
import { parseJsonText } from '../../../engine/core/json-text.ts';
import { pathSegments } from './json-locate.ts';

export interface CodeChoice {
  readonly code: string;
  readonly title: string;
}
/** The codes of an extension key (from the generated JSON Schema), if it has a closed list. */
export type CodeList = (key: string) => readonly CodeChoice[] | undefined;

export interface QuickFix {
  readonly title: string;
  readonly text: string;
}

/** How many codes of one list are offered (long lists stay with autocompletion). */
export const MAX_CHOICES = 12;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The object at `segs` in `root`, created (as objects) where missing; undefined if blocked. */
function objectAt(root: unknown, segs: readonly (string | number)[]): Json | undefined {
  let node: unknown = root;
  for (const s of segs) {
    if (typeof s === 'number') {
      if (!Array.isArray(node) || !isObject(node[s])) return undefined;
      node = node[s];
      continue;
    }
    if (!isObject(node) || s === '__proto__') return undefined;
    if (node[s] === undefined || node[s] === null) Object.defineProperty(node, s, { value: {}, enumerable: true, writable: true, configurable: true });
    node = node[s];
  }
  return isObject(node) ? node : undefined;
}

function edited(source: string, change: (root: unknown) => boolean): string | undefined {
  const parsed = parseJsonText(source);
  if (!parsed.ok) return undefined;
  const root = parsed.value;
  return change(root) ? `${JSON.stringify(root, null, 2)}\n` : undefined;
}

type FixKind = { readonly kind: 'ext'; readonly key: string; readonly list: readonly CodeChoice[] } | { readonly kind: 'note'; readonly key: string };

/** Which fix a problem has, from its message and path alone (no editing). */
function fixKind(problem: { readonly message: string; readonly path: string }, codes: CodeList): FixKind | undefined {
  const last = pathSegments(problem.path).at(-1);
  // "extension 'k' is required", "ext 'k' is required", "ext require 'k' extension" — but never
  // "must not be set" or "not allowed", where setting the code would be the wrong way round.
  const wanted = /require/.test(problem.message) && !/must not|not allowed/.test(problem.message);
  const ext = wanted ? /(?:extension|ext)(?: require)? '([a-z0-9-]+)'/.exec(problem.message)?.[1] : undefined;
  if (ext && last === 'ext') {
    const list = codes(ext);
    return list?.length ? { kind: 'ext', key: ext, list } : undefined;
  }
  const note = /note with key '([a-z0-9-]+)'/.exec(problem.message)?.[1];
  return note && last === 'notes' ? { kind: 'note', key: note } : undefined;
}

/** Cheap: whether the editor offers fixes for a problem (the Problems drawer says so). */
export function hasQuickFix(problem: { readonly message: string; readonly path: string }, codes: CodeList): boolean {
  return fixKind(problem, codes) !== undefined;
}

export function quickFixes(source: string, problem: { readonly message: string; readonly path: string }, codes: CodeList): QuickFix[] {
  const fix = fixKind(problem, codes);
  if (!fix) return [];
  const segs = pathSegments(problem.path);
  if (fix.kind === 'ext') {
    return fix.list.slice(0, MAX_CHOICES).flatMap((c) => {
      const text = edited(source, (root) => {
        const target = objectAt(root, segs);
        if (!target) return false;
        target[fix.key] = c.code;
        return true;
      });
      return text ? [{ title: `Set ${fix.key} to ${c.title}`, text }] : [];
    });
  }
  const text = edited(source, (root) => {
    const parent = objectAt(root, segs.slice(0, -1));
    if (!parent) return false;
    const notes = Array.isArray(parent.notes) ? parent.notes : [];
    parent.notes = [...notes, { key: fix.key, text: '' }];
    return true;
  });
  return text ? [{ title: `Add a '${fix.key}' note (then write its text)`, text }] : [];
}

/** Code lists from the generated invoice schema (`$defs["tax.Extensions"]`). */
export function codeListFromSchema(schema: unknown): CodeList {
  const props = ((schema as { $defs?: Record<string, { properties?: Record<string, { anyOf?: { const?: unknown; title?: string }[] }> }> })?.$defs?.['tax.Extensions']?.properties ?? {}) as Record<
    string,
    { anyOf?: { const?: unknown; title?: string }[] }
  >;
  return (key) => {
    if (!Object.hasOwn(props, key)) return undefined;
    const list = (props[key]!.anyOf ?? []).filter((o): o is { const: string; title?: string } => typeof o.const === 'string' && o.const !== '');
    return list.length ? list.map((o) => ({ code: o.const, title: o.title ?? o.const })) : undefined;
  };
}
