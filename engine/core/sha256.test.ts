import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sha256, sha256Hex } from './sha256.ts';
import { utf8Encode, utf8Length } from './utf8.ts';

const nodeHex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

// Strings built from arbitrary UTF-16 code units, so lone and reversed surrogates occur.
const utf16 = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 40 });
const surrogateHeavy = fc.string({
  unit: fc.constantFrom('a', 'é', '€', '\ud83d', '\ude00', '\ud83d\ude00', '\udbff\udfff', '\uffff', '\u07ff', '\u0800'),
  maxLength: 30,
});

describe('sha256', () => {
  it('matches the FIPS 180-2 vectors', () => {
    expect(sha256Hex(new Uint8Array(0))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex(ascii('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex(ascii('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('hashes one million "a" bytes', () => {
    const million = new Uint8Array(1_000_000).fill(0x61);
    expect(sha256Hex(million)).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });

  it('returns 32 raw bytes equal to the hex form', () => {
    const d = sha256(ascii('abc'));
    expect(d.length).toBe(32);
    expect(Buffer.from(d).toString('hex')).toBe(sha256Hex(ascii('abc')));
  });

  it('agrees with node:crypto at every length around the padding boundaries', () => {
    for (let n = 0; n <= 200; n++) {
      const b = Uint8Array.from({ length: n }, (_, i) => (i * 31 + n) & 255);
      expect(sha256Hex(b), `length ${n}`).toBe(nodeHex(b));
    }
  });

  it('agrees with node:crypto on random inputs', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 1000 }), (b) => sha256Hex(b) === nodeHex(b)), { numRuns: 500 });
  });

  it('hashes a subarray view by its own bytes only', () => {
    const big = Uint8Array.from({ length: 300 }, (_, i) => i & 255);
    const view = big.subarray(7, 250);
    expect(sha256Hex(view)).toBe(nodeHex(view));
  });
});

describe('utf8Encode', () => {
  it('encodes 1-, 2-, 3- and 4-byte characters', () => {
    expect([...utf8Encode('a\u00e9\u20ac\ud83d\ude00')]).toEqual([
      0x61, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80,
    ]);
  });

  it('writes lone surrogates as U+FFFD', () => {
    expect([...utf8Encode('\ud800')]).toEqual([0xef, 0xbf, 0xbd]);
    expect([...utf8Encode('\udc00x\ud83d')]).toEqual([0xef, 0xbf, 0xbd, 0x78, 0xef, 0xbf, 0xbd]);
  });

  it('matches TextEncoder on arbitrary UTF-16', () => {
    const enc = new TextEncoder();
    for (const arb of [utf16, surrogateHeavy, fc.string({ unit: 'binary', maxLength: 40 })]) {
      fc.assert(
        fc.property(arb, (s) => {
          const ours = utf8Encode(s);
          return Buffer.from(ours).equals(enc.encode(s)) && utf8Length(s) === ours.length;
        }),
        { numRuns: 400 },
      );
    }
  });
});
