import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hasTimestamp, isUuid, isZeroUuid, uuidSourceFrom, uuidV7, uuidVersion, ZERO_UUID } from './uuid.ts';

describe('uuidV7', () => {
  it('reproduces the RFC 9562 appendix A.6 example', () => {
    // 2022-02-22T19:22:22Z; rand_a 0xCC3, rand_b 0x18C4DC0C0C07398F.
    const random = Uint8Array.from([0x0c, 0xc3, 0x18, 0xc4, 0xdc, 0x0c, 0x0c, 0x07, 0x39, 0x8f]);
    expect(uuidV7(1645557742000, random)).toBe('017f22e2-79b0-7cc3-98c4-dc0c0c07398f');
  });

  it('overwrites version and variant bits whatever the random bytes hold', () => {
    expect(uuidV7(0, new Uint8Array(10).fill(0xff))).toBe('00000000-0000-7fff-bfff-ffffffffffff');
    expect(uuidV7(2 ** 48 - 1, new Uint8Array(10))).toBe('ffffffff-ffff-7000-8000-000000000000');
  });

  it('rejects timestamps outside 48 bits and short random input', () => {
    expect(() => uuidV7(-1, new Uint8Array(10))).toThrow(RangeError);
    expect(() => uuidV7(2 ** 48, new Uint8Array(10))).toThrow(RangeError);
    expect(() => uuidV7(1.5, new Uint8Array(10))).toThrow(RangeError);
    expect(() => uuidV7(0, new Uint8Array(9))).toThrow(RangeError);
  });

  it('always makes a timestamped v7 UUID whose first 48 bits are the time', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 48 - 1 }), fc.uint8Array({ minLength: 10, maxLength: 10 }), (ms, r) => {
        const id = uuidV7(ms, r);
        expect(isUuid(id)).toBe(true);
        expect(uuidVersion(id)).toBe(7);
        expect(hasTimestamp(id)).toBe(true);
        expect('89ab').toContain(id[19]);
        expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(ms);
      }),
    );
  });
});

describe('uuidSourceFrom', () => {
  it('builds ids from the injected clock and random bytes', () => {
    let t = 1645557742000;
    let calls = 0;
    const next = uuidSourceFrom(
      () => t++,
      (n) => {
        calls++;
        return new Uint8Array(n).fill(calls);
      },
    );
    expect(next()).toBe('017f22e2-79b0-7101-8101-010101010101');
    expect(next()).toBe('017f22e2-79b1-7202-8202-020202020202');
  });
});

describe('UUID inspection', () => {
  it('recognises the canonical form only', () => {
    expect(isUuid('8a51fd30-2a27-11ee-be56-0242ac120002')).toBe(true);
    expect(isUuid('8A51FD30-2A27-11EE-BE56-0242AC120002')).toBe(true);
    expect(isUuid(ZERO_UUID)).toBe(true);
    for (const bad of ['', '8a51fd302a2711eebe560242ac120002', '{8a51fd30-2a27-11ee-be56-0242ac120002}',
      '8a51fd30-2a27-11ee-be56-0242ac12000g', '8a51fd30-2a27-11ee-be56-0242ac1200021', ' 8a51fd30-2a27-11ee-be56-0242ac120002']) {
      expect(isUuid(bad), bad).toBe(false);
    }
  });

  it('reads the version and which versions carry a timestamp (GOBL-HEAD-HEADER-01)', () => {
    const cases: [string, number | undefined, boolean][] = [
      ['8a51fd30-2a27-11ee-be56-0242ac120002', 1, true],
      ['3aea7b56-59d8-4beb-90bd-f8f280d852a0', 4, false],
      ['1ec9414c-232a-6b00-b3c8-9e6bdeced846', 6, true],
      ['017f22e2-79b0-7cc3-98c4-dc0c0c07398f', 7, true],
      ['6ba7b810-9dad-31d1-80b4-00c04fd430c8', 3, false],
      ['6ba7b810-9dad-51d1-80b4-00c04fd430c8', 5, false],
      [ZERO_UUID, 0, false],
      ['not-a-uuid', undefined, false],
    ];
    for (const [id, version, stamped] of cases) {
      expect(uuidVersion(id), id).toBe(version);
      expect(hasTimestamp(id), id).toBe(stamped);
    }
  });

  it('spots the all-zero UUID', () => {
    expect(isZeroUuid('00000000-0000-0000-0000-000000000000')).toBe(true);
    expect(isZeroUuid('00000000-0000-0000-0000-000000000001')).toBe(false);
    expect(isZeroUuid('')).toBe(false);
  });
});
