import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalJson, canonicalJsonBytes, compareUtf8, digestDocument, formatNumber } from './canonical-json.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const shared = resolve(repoRoot, '../shared');
const goldenRoot = join(shared, 'conformance/gobl');

function goldenFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...goldenFiles(full));
    else if (entry.name.endsWith('.json') && dir.split(/[\\/]/).pop() === 'out') found.push(full);
  }
  return found.sort();
}

describe('digestDocument against GOBL goldens', () => {
  if (!existsSync(goldenRoot)) {
    it('needs ../shared', () => {
      throw new Error(`../shared not found: conformance data is required at ${goldenRoot} (CI keeps it beside the repo)`);
    });
    return;
  }
  const files = goldenFiles(goldenRoot);
  it('finds the 137 golden envelopes', () => {
    expect(files.length).toBe(137);
  });
  it.each(files.map((f) => [relative(goldenRoot, f), f]))('%s', (_name, file) => {
    const env = JSON.parse(readFileSync(file, 'utf8'));
    expect(digestDocument(env.doc)).toEqual({ alg: 'sha256', val: env.head.dig.val });
  });
});

describe('canonicalJson', () => {
  it("reproduces GOBL's own c14n test vector (sorting, null removal, floats, emoji)", () => {
    // Input and expected sum from invopop/gobl c14n/c14n_test.go (TestJSONToArray).
    const actor = (name: string, age: number, bornAt: string, birthdate: string, photo: string) => ({
      name, age, born_at: bornAt, birthdate, photo: `https://jsonformatter.org/img/${photo}.jpg`,
    });
    const data = {
      actors: [
        { ...actor('Tom Cruise', 56, 'Syracuse, NY', 'July 3, 1962', 'tom-cruise'), wife: null, weight: 67.5,
          has_children: true, has_grey_hair: false, children: ['Suri', 'Isabella Jane', 'Connor'], icon: '🤩' },
        { ...actor('Robert Downey Jr.', 53, 'New York City, NY', 'April 4, 1965', 'Robert-Downey-Jr'),
          wife: { name: 'Susan Downey', age: 35 }, weight: 77.1, has_children: true, has_grey_hair: false,
          children: ['Indio Falconer', 'Avri Roel', 'Exton Elias'] },
      ],
    };
    const sum = createHash('sha256').update(canonicalJson(data)).digest('hex');
    expect(sum).toBe('f35a55c7bba2df8438802603db442976a8238ceb0a610d1eea38cae1b9fd9013');
  });

  it('drops null and undefined members but keeps nulls in arrays', () => {
    expect(canonicalJson({ a: null, b: 1, c: undefined, d: [null, undefined, 2] })).toBe('{"b":1,"d":[null,null,2]}');
    expect(canonicalJson({ z: null })).toBe('{}');
    expect(canonicalJson(null)).toBe('null');
  });

  it('writes no whitespace', () => {
    expect(canonicalJson({ b: [1, { d: true, c: false }], a: 'x y' })).toBe('{"a":"x y","b":[1,{"c":false,"d":true}]}');
  });

  it('sorts keys by UTF-8 bytes, not UTF-16 units', () => {
    // U+FB01 (EF AC 81) sorts before U+1F600 (F0 9F 98 80); JS's default sort says the opposite.
    const obj = { '\u{1F600}': 1, '\uFB01': 2, Z: 3, a: 4, '\u00e9': 5 };
    expect(Object.keys(obj).sort()).toEqual(['Z', 'a', '\u00e9', '\u{1F600}', '\uFB01']);
    expect(canonicalJson(obj)).toBe('{"Z":3,"a":4,"\u00e9":5,"\uFB01":2,"\u{1F600}":1}');
  });

  it('compareUtf8 agrees with comparing the UTF-8 bytes', () => {
    const unit = fc.constantFrom('a', '~', '\u00e9', '\u07ff', '\u0800', '\ud7ff', '\ue000', '\ufb01', '\ufffd',
      '\uffff', '\ud83d', '\ude00', '\ud83d\ude00', '\ud83d\ude01', '\udbff\udfff', '\ud800\udc00');
    const str = fc.string({ unit, maxLength: 6 });
    fc.assert(
      fc.property(str, str, (a, b) => {
        const bytes = Math.sign(Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
        expect(Math.sign(compareUtf8(a, b))).toBe(bytes);
      }),
      { numRuns: 20000 },
    );
  });

  it('escapes only quote, backslash and C0 controls', () => {
    expect(canonicalJson('"\\\b\t\n\f\r')).toBe('"\\"\\\\\\b\\t\\n\\f\\r"');
    expect(canonicalJson('\u0000\u0001\u001f\u000b')).toBe('"\\u0000\\u0001\\u001F\\u000B"');
    expect(canonicalJson('<a&b> \u007f \u2028 \u2029 ñ €')).toBe('"<a&b> \u007f \u2028 \u2029 ñ €"');
    expect(canonicalJson({ 'k"\n': 'v' })).toBe('{"k\\"\\n":"v"}');
  });

  it('matches JSON.stringify for strings without controls to escape differently', () => {
    // JSON.stringify escapes controls in lowercase hex and lone surrogates; otherwise the same.
    const plain = fc.string({ unit: 'binary', maxLength: 30 }).filter((s) => !/[\u0000-\u001f]/.test(s));
    fc.assert(fc.property(plain, (s) => canonicalJson(s) === JSON.stringify(s)));
  });

  it('prints integers as digits and other numbers as d.dddE<exp>', () => {
    expect(canonicalJson([0, -0, 1, -7, 42, 2 ** 53, -(2 ** 63), 2 ** 62])).toBe(
      '[0,0,1,-7,42,9007199254740992,-9223372036854775808,4611686018427387904]',
    );
    expect(formatNumber(123.4)).toBe('1.234E2');
    expect(formatNumber(0.5)).toBe('5.0E-1');
    expect(formatNumber(1e-7)).toBe('1.0E-7');
    expect(formatNumber(0.1)).toBe('1.0E-1');
    expect(formatNumber(-1.5)).toBe('-1.5E0');
    // Beyond int64 Go reads the literal as a float.
    expect(formatNumber(2 ** 63)).toBe('9.223372036854776E18');
    expect(formatNumber(1e21)).toBe('1.0E21');
    expect(() => canonicalJson(NaN)).toThrow(RangeError);
    expect(() => canonicalJson({ a: Infinity })).toThrow(RangeError);
  });

  it('uses toJSON and rejects values JSON cannot hold', () => {
    expect(canonicalJson({ amount: { toJSON: () => '10.00' } })).toBe('{"amount":"10.00"}');
    expect(canonicalJson(12n)).toBe('12');
    expect(() => canonicalJson({ f: () => 1 })).toThrow(TypeError);
  });

  it('agrees with a JSON.stringify-based reference on random JSON', () => {
    // Reference: JSON.stringify for leaves, members sorted by their UTF-8 bytes, nulls dropped.
    const ref = (v: unknown): string => {
      if (Array.isArray(v)) return `[${v.map(ref).join(',')}]`;
      if (v && typeof v === 'object') {
        const members = Object.entries(v)
          .filter(([, x]) => x !== null)
          .sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
        return `{${members.map(([k, x]) => `${ref(k)}:${ref(x)}`).join(',')}}`;
      }
      return JSON.stringify(v).replace(/\\u00([0-9a-f]{2})/g, (_, h: string) => `\\u00${h.toUpperCase()}`);
    };
    // Only safe integers: other numbers have their own forms (tested above).
    const integral = (v: unknown): unknown => {
      if (typeof v === 'number') return Number.isFinite(v) ? Math.trunc(v) % Number.MAX_SAFE_INTEGER : 0;
      if (Array.isArray(v)) return v.map(integral);
      if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, integral(x)]));
      return v;
    };
    const json = fc.jsonValue().map(integral).filter((v) => JSON.stringify(v).isWellFormed());
    fc.assert(fc.property(json, (v) => canonicalJson(v) === ref(v)), { numRuns: 500 });
  });

  it('canonicalJsonBytes is the UTF-8 of canonicalJson', () => {
    const text = fc.string({ unit: 'binary', maxLength: 12 });
    const json = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, text, fc.integer(), fc.boolean(), fc.constant(null),
        fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(text, tie('value'), { maxKeys: 4 })),
    })).value;
    fc.assert(fc.property(json, (v) => {
      expect(Buffer.from(canonicalJsonBytes(v)).equals(Buffer.from(canonicalJson(v), 'utf8'))).toBe(true);
    }), { numRuns: 500 });
  });

  it('digests large documents (buffer growth) like node:crypto over the string form', () => {
    const lines = Array.from({ length: 3000 }, (_, i) => ({
      i: i + 1, quantity: '2', item: { name: `Línea ${i} \u{1F4E6} "x"\n`, price: '10.00' }, sum: '20.00', notes: null,
    }));
    const doc = { $schema: 'https://gobl.org/draft-0/bill/invoice', lines };
    const text = canonicalJson(doc);
    expect(text.length).toBeGreaterThan(4 * 65_536); // well past the 64 KiB initial buffer
    expect(digestDocument(doc).val).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });

  it('digestDocument hashes the UTF-8 canonical form', () => {
    const doc = { b: 'ñ', a: 1 };
    const want = createHash('sha256').update('{"a":1,"b":"ñ"}', 'utf8').digest('hex');
    expect(digestDocument(doc)).toEqual({ alg: 'sha256', val: want });
  });
});
