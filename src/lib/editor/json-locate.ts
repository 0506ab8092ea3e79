/**
 * Finds where a fault's JSON path (`$.lines[0].item.name`) sits in the editor's text. When the
 * field does not exist (a missing required field), it falls back to the nearest existing parent.
 * A small tolerant scanner: no dependency, and it never throws on broken text.
 */
export type Segment = string | number;

export interface Located {
  readonly start: number;
  readonly end: number;
  /** How many path segments were found (less than the path length when falling back). */
  readonly depth: number;
}

/** Parses `$.a.b[0]["x.y"]` into segments; `$.doc` prefixes are kept (callers strip them). */
export function pathSegments(path: string): Segment[] {
  const out: Segment[] = [];
  const re = /\.([^.[\]]+)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]/g;
  let m: RegExpExecArray | null;
  const body = path.startsWith('$') ? path.slice(1) : path;
  while ((m = re.exec(body))) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else out.push(JSON.parse(`"${m[3]}"`));
  }
  return out;
}

interface Node {
  start: number;
  end: number;
  /** For objects: key → [keyStart, value node]; for arrays: items. */
  props?: Map<string, { keyStart: number; keyEnd: number; value: Node }>;
  items?: Node[];
}

function scan(text: string): Node | undefined {
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  const str = (): string | undefined => {
    if (text[i] !== '"') return undefined;
    let s = '';
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') {
        const esc = text.slice(i, i + 2);
        try {
          s += JSON.parse(`"${esc === '\\u' ? text.slice(i, i + 6) : esc}"`);
        } catch {
          s += esc;
        }
        i += esc === '\\u' ? 6 : 2;
      } else s += text[i++];
    }
    i++;
    return s;
  };
  const value = (depth: number): Node | undefined => {
    ws();
    const start = i;
    if (depth > 512 || i >= text.length) return undefined;
    const c = text[i];
    if (c === '{') {
      i++;
      const props = new Map<string, { keyStart: number; keyEnd: number; value: Node }>();
      for (;;) {
        ws();
        if (text[i] === '}') {
          i++;
          break;
        }
        const keyStart = i;
        const key = str();
        if (key === undefined) return { start, end: i, props };
        const keyEnd = i;
        ws();
        if (text[i] !== ':') return { start, end: i, props };
        i++;
        const v = value(depth + 1);
        if (!v) return { start, end: i, props };
        props.set(key, { keyStart, keyEnd, value: v });
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          break;
        } else return { start, end: i, props };
      }
      return { start, end: i, props };
    }
    if (c === '[') {
      i++;
      const items: Node[] = [];
      for (;;) {
        ws();
        if (text[i] === ']') {
          i++;
          break;
        }
        const v = value(depth + 1);
        if (!v) return { start, end: i, items };
        items.push(v);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          break;
        } else return { start, end: i, items };
      }
      return { start, end: i, items };
    }
    if (c === '"') {
      str();
      return { start, end: i };
    }
    while (i < text.length && /[^\s,\]}]/.test(text[i])) i++;
    return i > start ? { start, end: i } : undefined;
  };
  return value(0);
}

/** Locates a path in JSON text, falling back to the nearest existing ancestor. */
export function locatePath(text: string, path: readonly Segment[]): Located | undefined {
  const root = scan(text);
  if (!root) return undefined;
  let node = root;
  let range = { start: root.start, end: root.end };
  let depth = 0;
  for (const seg of path) {
    if (typeof seg === 'number' && node.items && node.items[seg]) {
      node = node.items[seg];
      range = { start: node.start, end: node.end };
    } else if (typeof seg === 'string' && node.props?.has(seg)) {
      const p = node.props.get(seg)!;
      node = p.value;
      // Point at the key and its value, so a marker on an object is visible on its key line.
      range = { start: p.keyStart, end: node.end };
    } else {
      // Missing: mark the parent's opening line only, not its whole body.
      const firstLineEnd = text.indexOf('\n', range.start);
      return { start: range.start, end: firstLineEnd > range.start ? Math.min(firstLineEnd, range.end) : range.end, depth };
    }
    depth++;
  }
  return { ...range, depth };
}
