/**
 * YAML text → value, as GOBL's own input parsing accepts YAML (its examples are YAML files):
 * the core schema (YAML 1.2 core: no `yes`/`no` booleans, no sexagesimals), at most 100 alias
 * expansions (a "billion laughs" file is refused), nesting limited like JSON's, and errors
 * with their line and column. Not imported by the engine's entry point: callers load it when a
 * YAML text comes in, so the yaml package stays out of bundles that never see one.
 */
import { parseDocument } from 'yaml';
import { MAX_JSON_DEPTH, deeperThan, lineColumn, type JsonTextError } from './json-text.ts';
import { err, ok, type Result } from './result.ts';

const tooDeep = `nesting is deeper than ${MAX_JSON_DEPTH} levels`;

export function parseYamlText(text: string): Result<unknown, JsonTextError> {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const body = start === 0 ? text : text.slice(start);
  const at = (offset: number, what: string): JsonTextError => {
    const { line, column } = lineColumn(text, offset + start);
    return { message: `line ${line}, column ${column}: ${what}`, line, column, offset: offset + start };
  };
  try {
    const doc = parseDocument(body, { schema: 'core', logLevel: 'silent', prettyErrors: false });
    const first = doc.errors[0];
    if (first) return err(at(first.pos[0], /call stack/i.test(first.message) ? tooDeep : first.message.split('\n')[0]!));
    const value: unknown = doc.toJS({ maxAliasCount: 100 });
    if (deeperThan(value, MAX_JSON_DEPTH)) return err(at(0, tooDeep));
    return ok(value);
  } catch (e) {
    return err(at(0, e instanceof RangeError ? tooDeep : e instanceof Error ? e.message : String(e)));
  }
}
