/**
 * JSON text → value, with errors a person can act on. `JSON.parse` does the work when the text is
 * valid (it is the fastest parser there is); when it is not, a small scanner walks the text to find
 * the first error and says where it is and what was expected, because V8's messages on Node 20 do
 * not always carry a position and never a line and column.
 *
 * Positions: `offset` is a UTF-16 index into the text exactly as given (a leading BOM included),
 * `line` and `column` are 1-based; `\n`, `\r\n` and a lone `\r` each end a line, and columns count
 * UTF-16 code units like editors (Monaco) do.
 *
 * Nesting deeper than `MAX_JSON_DEPTH` is refused, so nothing downstream can overflow its stack on
 * a hostile document. The scanner itself is iterative.
 */
import { err, ok, type Result } from './result.ts';

export const MAX_JSON_DEPTH = 512;

export interface JsonTextError {
  /** `line L, column C: what went wrong`. */
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

export function parseJsonText(text: string): Result<unknown, JsonTextError> {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const body = start === 0 ? text : text.slice(start);
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return err(scanError(text, start) ?? positioned(text, start, 'the text is not valid JSON'));
  }
  if (deeperThan(value, MAX_JSON_DEPTH)) {
    return err(scanError(text, start) ?? positioned(text, start, tooDeep));
  }
  return ok(value);
}

const tooDeep = `nesting is deeper than ${MAX_JSON_DEPTH} levels`;

/** True when objects and arrays nest more than `max` levels. Iterative, stops early. */
export function deeperThan(value: unknown, max: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  const stack: Array<[object, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (depth > max) return true;
    const children = Array.isArray(v) ? v : Object.values(v);
    for (const c of children) if (c !== null && typeof c === 'object') stack.push([c, depth + 1]);
  }
  return false;
}

/** Line and column (1-based, UTF-16 columns) of a UTF-16 offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      line++;
      lineStart = i + 1;
    } else if (c === 0x0d) {
      if (text.charCodeAt(i + 1) === 0x0a && i + 1 < end) i++;
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

function positioned(text: string, offset: number, what: string): JsonTextError {
  const { line, column } = lineColumn(text, offset);
  return { message: `line ${line}, column ${column}: ${what}`, line, column, offset };
}

/** Shows one character of the input in a message: `'x'`, or `U+0007` when it is not printable. */
function show(text: string, i: number): string {
  const cp = text.codePointAt(i)!;
  if (cp < 0x20 || cp === 0x7f || (cp >= 0x80 && cp < 0xa0) || cp === 0xfeff || (cp >= 0xd800 && cp <= 0xdfff)) {
    return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return `'${String.fromCodePoint(cp)}'`;
}

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isHex = (c: number): boolean => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
const isWs = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
const isWordChar = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || isDigit(c) || c === 0x5f || c === 0x24;

/**
 * Finds the first error in `text` from `start` on (syntax, or nesting too deep), or undefined when
 * the text is valid JSON within the depth limit. Follows RFC 8259 like JSON.parse.
 */
export function scanError(text: string, start = 0): JsonTextError | undefined {
  const n = text.length;
  let i = start;
  /** Open containers: true for an object, false for an array. */
  const stack: boolean[] = [];
  const fail = (at: number, what: string) => positioned(text, at, what);

  const skipWs = () => {
    while (i < n && isWs(text.charCodeAt(i))) i++;
  };

  /** Reads a string starting at the opening quote; returns an error or undefined. */
  const readString = (): JsonTextError | undefined => {
    const open = i;
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return undefined;
      }
      if (c === 0x5c) {
        const e = text.charCodeAt(i + 1);
        if (i + 1 >= n) return fail(open, 'unterminated string');
        if (e === 0x75) {
          for (let k = 2; k < 6; k++) {
            if (i + k >= n || !isHex(text.charCodeAt(i + k))) return fail(i, 'bad unicode escape: \\u must be followed by 4 hex digits');
          }
          i += 6;
          continue;
        }
        // " \ / b f n r t
        if (e === 0x22 || e === 0x5c || e === 0x2f || e === 0x62 || e === 0x66 || e === 0x6e || e === 0x72 || e === 0x74) {
          i += 2;
          continue;
        }
        const shown = show(text, i + 1);
        return fail(i, shown.startsWith("'") ? `bad escape sequence '\\${shown.slice(1)} in string` : `bad escape sequence: '\\' followed by ${shown} in string`);
      }
      if (c === 0x0a || c === 0x0d) return fail(i, 'unterminated string: line breaks must be escaped as \\n inside strings');
      if (c < 0x20) return fail(i, `bad control character ${show(text, i)} in string: it must be escaped`);
      i++;
    }
    return fail(open, 'unterminated string');
  };

  const readNumber = (): JsonTextError | undefined => {
    if (text.charCodeAt(i) === 0x2d) {
      i++;
      if (i >= n || !isDigit(text.charCodeAt(i))) return fail(i, "invalid number: expected a digit after '-'");
    }
    if (text.charCodeAt(i) === 0x30) {
      i++;
      if (i < n && isDigit(text.charCodeAt(i))) return fail(i - 1, 'invalid number: leading zeros are not allowed');
    } else {
      while (i < n && isDigit(text.charCodeAt(i))) i++;
    }
    if (text.charCodeAt(i) === 0x2e) {
      i++;
      if (i >= n || !isDigit(text.charCodeAt(i))) return fail(i, "invalid number: expected a digit after '.'");
      while (i < n && isDigit(text.charCodeAt(i))) i++;
    }
    const e = text.charCodeAt(i);
    if (e === 0x65 || e === 0x45) {
      i++;
      const s = text.charCodeAt(i);
      if (s === 0x2b || s === 0x2d) i++;
      if (i >= n || !isDigit(text.charCodeAt(i))) return fail(i, 'invalid number: expected a digit in the exponent');
      while (i < n && isDigit(text.charCodeAt(i))) i++;
    }
    return undefined;
  };

  /** What the scanner sees where a value should start but none does. */
  const notAValue = (): JsonTextError => {
    if (i >= n) return fail(i, stack.length === 0 ? 'the input is empty: expected a JSON value' : 'unexpected end of input: expected a value');
    const c = text.charCodeAt(i);
    if (c === 0x27) return fail(i, 'strings must use double quotes (\'"\'), not single quotes');
    if (c === 0x2f && (text.charCodeAt(i + 1) === 0x2f || text.charCodeAt(i + 1) === 0x2a)) return fail(i, 'comments are not allowed in JSON');
    if (c === 0x2b || c === 0x2e) return fail(i, `invalid number: a number cannot start with ${show(text, i)}`);
    if (isWordChar(c)) {
      let j = i;
      while (j < n && isWordChar(text.charCodeAt(j)) && j - i < 40) j++;
      return fail(i, `unexpected word '${text.slice(i, j)}': expected a value (string, number, object, array, true, false or null)`);
    }
    return fail(i, `unexpected character ${show(text, i)}: expected a value`);
  };

  for (;;) {
    // Expect a value.
    skipWs();
    if (i >= n) return notAValue();
    const c = text.charCodeAt(i);
    if (c === 0x7b || c === 0x5b) {
      if (stack.length >= MAX_JSON_DEPTH) return fail(i, tooDeep);
      const isObj = c === 0x7b;
      stack.push(isObj);
      i++;
      skipWs();
      const close = text.charCodeAt(i);
      if (isObj && close === 0x7d) {
        i++;
        stack.pop();
      } else if (!isObj && close === 0x5d) {
        i++;
        stack.pop();
      } else if (isObj) {
        const e = readKey();
        if (e) return e;
        continue;
      } else {
        continue;
      }
    } else if (c === 0x22) {
      const e = readString();
      if (e) return e;
    } else if (c === 0x2d || isDigit(c)) {
      const e = readNumber();
      if (e) return e;
    } else if (text.startsWith('true', i)) {
      i += 4;
    } else if (text.startsWith('false', i)) {
      i += 5;
    } else if (text.startsWith('null', i)) {
      i += 4;
    } else {
      return notAValue();
    }
    // After a value: close containers or move to the next member.
    for (;;) {
      skipWs();
      if (stack.length === 0) {
        if (i < n) return fail(i, `unexpected ${show(text, i)} after the end of the JSON value`);
        return undefined;
      }
      const isObj = stack[stack.length - 1];
      const what = isObj ? "expected ',' or '}' after property value" : "expected ',' or ']' after array element";
      if (i >= n) return fail(i, `unexpected end of input: ${what}`);
      const d = text.charCodeAt(i);
      if (d === 0x2c) {
        i++;
        skipWs();
        const next = text.charCodeAt(i);
        if (isObj) {
          if (next === 0x7d) return fail(i, "trailing comma: expected a property name after ',' but found '}'");
          const e = readKey();
          if (e) return e;
        } else if (next === 0x5d) {
          return fail(i, "trailing comma: expected a value after ',' but found ']'");
        }
        break;
      }
      if ((isObj && d === 0x7d) || (!isObj && d === 0x5d)) {
        i++;
        stack.pop();
        continue;
      }
      return fail(i, `${what}, found ${show(text, i)}`);
    }
  }

  /** At a property name (whitespace already skipped): reads `"key"` `:` and leaves `i` before the value. */
  function readKey(): JsonTextError | undefined {
    if (i >= n) return fail(i, 'unexpected end of input: expected a property name');
    const c = text.charCodeAt(i);
    if (c !== 0x22) {
      if (c === 0x27) return fail(i, 'property names must use double quotes (\'"\'), not single quotes');
      if (c === 0x2f && (text.charCodeAt(i + 1) === 0x2f || text.charCodeAt(i + 1) === 0x2a)) return fail(i, 'comments are not allowed in JSON');
      if (isWordChar(c)) return fail(i, 'property names must be double-quoted strings');
      return fail(i, `expected a double-quoted property name, found ${show(text, i)}`);
    }
    const e = readString();
    if (e) return e;
    skipWs();
    if (i >= n) return fail(i, "unexpected end of input: expected ':' after property name");
    if (text.charCodeAt(i) !== 0x3a) return fail(i, `expected ':' after property name, found ${show(text, i)}`);
    i++;
    return undefined;
  }
}
