/**
 * The JSON paths GOBL writes in faults: `$` then `.key` for object members and `[n]` for array
 * items, e.g. `$.lines[0].item.name` or `$.tax.ext.es-tbai-region`. GOBL keys may contain `-`
 * and `$` (`$.$tags[0]`), so "simple" keys are broader than JS identifiers. Keys that would be
 * ambiguous in dot form (empty, or containing `.`, `[`, `]`, quotes, `\`, whitespace or
 * controls) are written as `["key"]` with JSON string escaping, so every path round-trips.
 */

export type PathSegment = string | number;

/** Characters that end or confuse a dot-written key. */
const NOT_SIMPLE = /[.[\]"'\\\s\u0000-\u001f\u007f]/;

export function isSimpleKey(key: string): boolean {
  return key.length > 0 && !NOT_SIMPLE.test(key);
}

function formatSegment(seg: PathSegment): string {
  if (typeof seg === 'number') {
    if (!Number.isSafeInteger(seg) || seg < 0) {
      throw new RangeError(`json path: array index ${seg} is not a non-negative integer`);
    }
    return `[${seg}]`;
  }
  return isSimpleKey(seg) ? `.${seg}` : `[${JSON.stringify(seg)}]`;
}

export function formatPath(segments: readonly PathSegment[]): string {
  let out = '$';
  for (const seg of segments) out += formatSegment(seg);
  return out;
}

/** Appends segments to an already formatted path (`joinPath('$.lines', 0, 'item')`). */
export function joinPath(base: string, ...segs: PathSegment[]): string {
  let out = base;
  for (const seg of segs) out += formatSegment(seg);
  return out;
}

/**
 * Reads a path back into segments; undefined when it is not of the form above. Dot keys are
 * read leniently (anything up to the next `.`, `[` or end, except `]`), so paths that other
 * tools print with odd map keys still parse; formatPath only ever emits the strict form.
 */
export function parsePath(path: string): PathSegment[] | undefined {
  if (path[0] !== '$') return undefined;
  const segs: PathSegment[] = [];
  let i = 1;
  while (i < path.length) {
    const c = path[i];
    if (c === '.') {
      let j = i + 1;
      while (j < path.length && path[j] !== '.' && path[j] !== '[') {
        if (path[j] === ']') return undefined;
        j++;
      }
      if (j === i + 1) return undefined; // empty key: `$..a` or a trailing dot
      segs.push(path.slice(i + 1, j));
      i = j;
    } else if (c === '[') {
      const end = path[i + 1] === '"' ? readQuoted(path, i + 1) : readIndex(path, i + 1);
      if (end === undefined || path[end.next] !== ']') return undefined;
      segs.push(end.value);
      i = end.next + 1;
    } else {
      return undefined;
    }
  }
  return segs;
}

interface Read {
  value: PathSegment;
  next: number;
}

/** Array index: decimal digits without leading zeros, within the safe integer range. */
function readIndex(path: string, start: number): Read | undefined {
  let j = start;
  while (j < path.length && path[j] >= '0' && path[j] <= '9') j++;
  const digits = path.slice(start, j);
  if (digits === '' || (digits.length > 1 && digits[0] === '0')) return undefined;
  const value = Number(digits);
  return Number.isSafeInteger(value) ? { value, next: j } : undefined;
}

/** A JSON string literal starting at `start` (a `"`), decoded with JSON.parse. */
function readQuoted(path: string, start: number): Read | undefined {
  let j = start + 1;
  while (j < path.length && path[j] !== '"') j += path[j] === '\\' ? 2 : 1;
  if (j >= path.length) return undefined;
  try {
    return { value: JSON.parse(path.slice(start, j + 1)) as string, next: j + 1 };
  } catch {
    return undefined; // bad escape or raw control character
  }
}
