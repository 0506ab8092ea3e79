/**
 * Reads the workflow definitions out of a text that embeds them as JSON blocks (the Invopop
 * documentation page of seed 004): every top-level `{ … }` block that has `steps` is a workflow,
 * titled by the non-empty line just above it. The JSON is returned as written — only the text's
 * mojibake (`ยท` for `·`, UTF-8 read as TIS-620) can optionally be repaired.
 */

export interface SeedWorkflow {
  readonly title: string;
  /** The block's text, verbatim. */
  readonly text: string;
  readonly json: Record<string, unknown>;
}

/** UTF-8 read as Thai TIS-620 (what the seed shows): `ยท` is `·`. */
export function fixMojibake(s: string): string {
  return s.replaceAll('ยท', '·');
}

/** The end of the JSON value that starts at `start` (a `{`), honouring strings and escapes. */
function blockEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

export function extractSeedWorkflows(text: string): SeedWorkflow[] {
  const out: SeedWorkflow[] = [];
  const re = /^\{\s*$/gm;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const end = blockEnd(text, m.index);
    if (end < 0) break;
    const block = text.slice(m.index, end);
    re.lastIndex = end;
    let json: unknown;
    try {
      json = JSON.parse(block);
    } catch {
      continue;
    }
    if (!json || typeof json !== 'object' || !Array.isArray((json as { steps?: unknown }).steps)) continue;
    const before = text.slice(0, m.index).split('\n').map((l) => l.trim()).filter(Boolean);
    out.push({ title: before[before.length - 1] ?? '', text: block, json: json as Record<string, unknown> });
  }
  return out;
}
