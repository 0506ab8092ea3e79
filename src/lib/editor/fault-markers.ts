/**
 * Turns engine faults into Monaco markers at the exact JSON path of the editor's text (or the
 * nearest existing parent when the field is missing).
 */
import type { Fault } from '../../../engine/index.ts';
import { locatePath, pathSegments } from './json-locate.ts';

export interface TextRange {
  readonly startLineNumber: number;
  readonly startColumn: number;
  readonly endLineNumber: number;
  readonly endColumn: number;
}

export interface Problem {
  readonly code: string;
  readonly message: string;
  readonly path: string;
  readonly range: TextRange;
  /** True when the field itself was not found and the range points at a parent. */
  readonly approximate: boolean;
}

export function offsetToPosition(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, column: offset - last };
}

/** Paths of an envelope built from a bare document start at `$.doc`; the editor shows the bare doc. */
function editorPath(path: string, editorHasEnvelope: boolean): string {
  if (!editorHasEnvelope && path.startsWith('$.doc')) return `$${path.slice(5)}`;
  return path;
}

export function faultsToProblems(text: string, faults: readonly Fault[], editorHasEnvelope = false): Problem[] {
  const out: Problem[] = [];
  for (const f of faults) {
    for (const raw of f.paths.length ? f.paths : ['$']) {
      const path = editorPath(raw, editorHasEnvelope);
      const segs = pathSegments(path);
      const loc = locatePath(text, segs) ?? { start: 0, end: Math.min(text.length, 1), depth: 0 };
      const s = offsetToPosition(text, loc.start);
      const e = offsetToPosition(text, loc.end);
      out.push({
        code: f.code,
        message: f.message,
        path,
        range: { startLineNumber: s.line, startColumn: s.column, endLineNumber: e.line, endColumn: e.column },
        approximate: loc.depth < segs.length,
      });
    }
  }
  return out.sort((a, b) => a.range.startLineNumber - b.range.startLineNumber || a.range.startColumn - b.range.startColumn);
}
