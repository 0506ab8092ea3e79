import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatPath, isSimpleKey, joinPath, parsePath, type PathSegment } from './json-path.ts';

describe('parsePath', () => {
  it('reads the paths GOBL writes in faults', () => {
    expect(parsePath('$')).toEqual([]);
    expect(parsePath('$.lines[0].item.name')).toEqual(['lines', 0, 'item', 'name']);
    expect(parsePath('$.supplier.tax_id.code')).toEqual(['supplier', 'tax_id', 'code']);
    expect(parsePath('$.tax.ext.es-tbai-region')).toEqual(['tax', 'ext', 'es-tbai-region']);
    expect(parsePath('$.$tags[0]')).toEqual(['$tags', 0]);
    expect(parsePath('$.lines[12].taxes[3].ext.es-verifactu-op-class')).toEqual([
      'lines', 12, 'taxes', 3, 'ext', 'es-verifactu-op-class',
    ]);
    expect(parsePath('$.meta.2024')).toEqual(['meta', '2024']);
    expect(parsePath('$[0][1]')).toEqual([0, 1]);
  });

  it('reads quoted keys with JSON escapes', () => {
    expect(parsePath('$.meta["a.b"]')).toEqual(['meta', 'a.b']);
    expect(parsePath('$["with \\"quote\\" and ]["].x')).toEqual(['with "quote" and ][', 'x']);
    expect(parsePath('$[""]')).toEqual(['']);
    expect(parsePath('$["\\u00e9\\n"]')).toEqual(['\u00e9\n']);
  });

  it('returns undefined for malformed paths', () => {
    for (const bad of ['', 'lines[0]', '$.', '$..a', '$.a.', '$[', '$[]', '$[-1]', '$[01]', '$[1.5]', '$[0',
      '$["a"', '$["a"x]', '$["\\x"]', '$.a]', '$a', '$ .a', '$[9007199254740993]', '$["a\u0001"]']) {
      expect(parsePath(bad), bad).toBeUndefined();
    }
  });
});

describe('formatPath', () => {
  it('writes simple keys with dots, indexes in brackets', () => {
    expect(formatPath([])).toBe('$');
    expect(formatPath(['lines', 0, 'item', 'name'])).toBe('$.lines[0].item.name');
    expect(formatPath(['tax', 'ext', 'es-tbai-region'])).toBe('$.tax.ext.es-tbai-region');
    expect(formatPath(['$tags', 0])).toBe('$.$tags[0]');
    expect(formatPath(['0'])).toBe('$.0');
  });

  it('quotes keys that would be ambiguous with dots', () => {
    expect(formatPath(['meta', 'a.b'])).toBe('$.meta["a.b"]');
    expect(formatPath(['', 'x y', 'q"', "it's", 'a[0]', 'tab\t'])).toBe(
      '$[""]["x y"]["q\\""]["it\'s"]["a[0]"]["tab\\t"]',
    );
    expect(isSimpleKey('es-tbai-region')).toBe(true);
    expect(isSimpleKey('$schema')).toBe(true);
    expect(isSimpleKey('n\u00famero')).toBe(true);
    expect(isSimpleKey('a\\b')).toBe(false);
  });

  it('rejects indexes that are not non-negative integers', () => {
    expect(() => formatPath([-1])).toThrow(RangeError);
    expect(() => formatPath([1.5])).toThrow(RangeError);
    expect(() => formatPath([NaN])).toThrow(RangeError);
  });
});

describe('joinPath', () => {
  it('appends formatted segments to a path', () => {
    expect(joinPath('$', 'lines')).toBe('$.lines');
    expect(joinPath('$.lines', 3, 'item', 'price')).toBe('$.lines[3].item.price');
    expect(joinPath('$.meta', 'a.b', 0)).toBe('$.meta["a.b"][0]');
    expect(joinPath('$.supplier')).toBe('$.supplier');
  });
});

describe('round trip', () => {
  const key = fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.constantFrom('es-tbai-region', '$tags', '$schema', 'a.b', '[0]', '"', '', ' ', 'x]y', '\\', '\u2028'),
  );
  const segment: fc.Arbitrary<PathSegment> = fc.oneof(key, fc.nat());

  it('parsePath(formatPath(s)) gives s back', () => {
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 8 }), (segs) => {
        expect(parsePath(formatPath(segs))).toEqual(segs);
      }),
      { numRuns: 2000 },
    );
  });

  it('formatPath(parsePath(p)) gives p back for formatted paths', () => {
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 8 }), (segs) => {
        const p = formatPath(segs);
        expect(formatPath(parsePath(p)!)).toBe(p);
      }),
    );
  });

  it('joinPath equals formatting the concatenated segments', () => {
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 4 }), fc.array(segment, { maxLength: 4 }), (a, b) => {
        expect(joinPath(formatPath(a), ...b)).toBe(formatPath([...a, ...b]));
      }),
    );
  });
});
