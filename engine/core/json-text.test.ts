import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, lineColumn, parseJsonText, scanError } from './json-text.ts';

function parseOk(text: string): boolean {
  try {
    JSON.parse(text.replace(/^\uFEFF/, ''));
    return true;
  } catch {
    return false;
  }
}

function errorOf(text: string) {
  const r = parseJsonText(text);
  if (r.ok) throw new Error(`expected ${JSON.stringify(text)} to be rejected`);
  return r.error;
}

/** JSON without true/false/null, so a junk character inserted outside strings is always the error. */
const scalar = fc.oneof(
  fc.string({ unit: 'grapheme' }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('array'), tie('object')),
  array: fc.array(tie('tree'), { maxLength: 5 }),
  object: fc.dictionary(fc.string(), tie('tree'), { maxKeys: 5 }),
}));

/** inString[p]: inserting at offset p lands inside a string literal. */
function stringInsides(text: string): boolean[] {
  const inside = new Array<boolean>(text.length + 1).fill(false);
  let open = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (open) {
      inside[i] = true;
      if (c === '\\') {
        inside[i + 1] = true;
        i++;
      } else if (c === '"') open = false;
    } else if (c === '"') open = true;
  }
  return inside;
}

describe('parseJsonText', () => {
  it('parses valid JSON like JSON.parse', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 2, '\t'), (v, indent) => {
        const text = JSON.stringify(v, null, indent);
        const r = parseJsonText(text);
        expect(r.ok).toBe(true);
        if (r.ok) expect(r.value).toEqual(JSON.parse(text));
      }),
      { numRuns: 300 },
    );
  });

  it('skips a leading byte-order mark', () => {
    expect(parseJsonText('\uFEFF{"a": 1}')).toEqual({ ok: true, value: { a: 1 } });
    // Offsets count the BOM, columns too (it is a character of the text).
    expect(errorOf('\uFEFF{"a": x}')).toMatchObject({ offset: 7, line: 1, column: 8 });
  });

  it('keeps __proto__ as an own property without touching Object.prototype', () => {
    const r = parseJsonText('{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 2}}}');
    expect(r.ok).toBe(true);
    if (r.ok) expect(Object.keys(r.value as object)).toEqual(['__proto__', 'constructor']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['', 1, 1, 'the input is empty'],
    ['  \n ', 2, 2, 'the input is empty'],
    ['{\n  "a": 1\n  "b": 2\n}', 3, 3, "expected ',' or '}' after property value"],
    ['{\n  "name": "x",\n  "total": "1" "2"\n}', 3, 16, "expected ',' or '}' after property value"],
    ['[1, 2 3]', 1, 7, "expected ',' or ']' after array element"],
    ['{"a": 1,}', 1, 9, 'trailing comma'],
    ['[1, 2,]', 1, 7, 'trailing comma'],
    ['{"a" 1}', 1, 6, "expected ':' after property name"],
    ["{'a': 1}", 1, 2, 'double quotes'],
    ['{a: 1}', 1, 2, 'property names must be double-quoted'],
    ['{"a": 01}', 1, 7, 'leading zeros'],
    ['{"a": -}', 1, 8, "expected a digit after '-'"],
    ['{"a": 1.}', 1, 9, "expected a digit after '.'"],
    ['{"a": 1e+}', 1, 10, 'exponent'],
    ['{"a": .5}', 1, 7, 'cannot start with'],
    ['{"a": "x', 1, 7, 'unterminated string'],
    ['{"a": "x\ny"}', 1, 9, 'line breaks must be escaped'],
    ['{"a": "x\ty"}', 1, 9, 'control character U+0009'],
    ['["\\q"]', 1, 3, "bad escape sequence '\\q'"],
    ['["\\u12G4"]', 1, 3, 'bad unicode escape'],
    ['{"a": tru}', 1, 7, "unexpected word 'tru'"],
    ['[NaN]', 1, 2, "unexpected word 'NaN'"],
    ['{"a": 1}}', 1, 9, 'after the end of the JSON value'],
    ['{"a": 1} x', 1, 10, 'after the end of the JSON value'],
    ['// note\n{}', 1, 1, 'comments are not allowed'],
    ['{\r\n"a": 1,\r\n"b"\r\n}', 4, 1, "expected ':' after property name"],
    ['{\r"a": @}', 2, 6, "unexpected character '@'"],
    ['[1, 2', 1, 6, 'unexpected end of input'],
    ['{"a": {"b": [', 1, 14, 'unexpected end of input: expected a value'],
    ['{"a"', 1, 5, "unexpected end of input: expected ':'"],
  ])('%j → line %i, column %i', (text, line, column, fragment) => {
    const e = errorOf(text);
    expect(e.line).toBe(line);
    expect(e.column).toBe(column);
    expect(e.message).toContain(fragment);
    expect(e.message.startsWith(`line ${line}, column ${column}: `)).toBe(true);
    expect(lineColumn(text, e.offset)).toEqual({ line, column });
  });

  it('reports the exact offset of a junk character inserted outside strings', () => {
    fc.assert(
      fc.property(tree, fc.constantFrom(undefined, 2), fc.nat(), fc.constantFrom('#', '@', '}', ']', ':', "'", '\u0001', '\u00e9'), (v, indent, seed, junk) => {
        const text = JSON.stringify(v, null, indent);
        const inside = stringInsides(text);
        const candidates = [...Array(text.length + 1).keys()].filter((p) => !inside[p]);
        const p = candidates[seed % candidates.length];
        const bad = text.slice(0, p) + junk + text.slice(p);
        if (parseOk(bad)) return; // e.g. '}' closing an empty-object prefix is impossible, but be safe
        const e = errorOf(bad);
        if (junk === '}' || junk === ']' || junk === ':') {
          // A closing bracket may be legal where inserted and break the text later on.
          expect(e.offset).toBeGreaterThanOrEqual(p);
        } else {
          expect(e.offset).toBe(p);
        }
        expect(e.message.startsWith(`line ${e.line}, column ${e.column}: `)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on random corruptions, and agrees with JSON.parse', () => {
    const junk = fc.constantFrom('{', '}', '[', ']', ',', ':', '"', '\\', 'u', '0', '-', '.', 'e', ' ', '\n', '\r', '\t', '\u0000', '\uFEFF', '\uD800', 'é', '😀', 'true', 'null', '/*');
    const edit = fc.record({ kind: fc.constantFrom('insert', 'delete', 'replace', 'truncate'), at: fc.nat(), text: junk });
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 2), fc.array(edit, { minLength: 1, maxLength: 4 }), fc.boolean(), (v, indent, edits, bom) => {
        let text = JSON.stringify(v, null, indent);
        for (const ed of edits) {
          const p = text.length === 0 ? 0 : ed.at % (text.length + 1);
          if (ed.kind === 'insert') text = text.slice(0, p) + ed.text + text.slice(p);
          else if (ed.kind === 'delete') text = text.slice(0, p) + text.slice(p + 1);
          else if (ed.kind === 'replace') text = text.slice(0, p) + ed.text + text.slice(p + 1);
          else text = text.slice(0, p);
        }
        if (bom) text = '\uFEFF' + text;
        const r = parseJsonText(text);
        expect(r.ok).toBe(parseOk(text));
        if (r.ok) {
          expect(r.value).toEqual(JSON.parse(text.replace(/^\uFEFF/, '')));
        } else {
          expect(r.error.offset).toBeGreaterThanOrEqual(0);
          expect(r.error.offset).toBeLessThanOrEqual(text.length);
          expect(lineColumn(text, r.error.offset)).toEqual({ line: r.error.line, column: r.error.column });
          expect(r.error.message).toMatch(/^line \d+, column \d+: \S/);
        }
        expect(scanError(text, text.startsWith('\uFEFF') ? 1 : 0) === undefined).toBe(parseOk(text));
      }),
      { numRuns: 2000 },
    );
  });

  it(`accepts ${MAX_JSON_DEPTH} levels of nesting and rejects one more`, () => {
    const nest = (d: number) => '['.repeat(d) + ']'.repeat(d);
    expect(parseJsonText(nest(MAX_JSON_DEPTH)).ok).toBe(true);
    const e = errorOf(nest(MAX_JSON_DEPTH + 1));
    expect(e.message).toBe(`line 1, column ${MAX_JSON_DEPTH + 1}: nesting is deeper than ${MAX_JSON_DEPTH} levels`);
    expect(e.offset).toBe(MAX_JSON_DEPTH);
    const objects = '{"a":'.repeat(MAX_JSON_DEPTH + 1) + '1' + '}'.repeat(MAX_JSON_DEPTH + 1);
    expect(errorOf(objects).offset).toBe(5 * MAX_JSON_DEPTH);
  });

  it('survives absurd nesting without overflowing the stack', () => {
    for (const text of ['['.repeat(1_000_000), '['.repeat(200_000) + ']'.repeat(200_000), '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000)]) {
      const e = errorOf(text);
      expect(e.message).toContain('nesting is deeper than');
    }
  });

  it('is fast on large valid documents', () => {
    const big = JSON.stringify({ lines: Array.from({ length: 50_000 }, (_, i) => ({ i, item: { name: `item ${i}`, price: '10.00' } })) });
    const t0 = performance.now();
    expect(parseJsonText(big).ok).toBe(true);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});
