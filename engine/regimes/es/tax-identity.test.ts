import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkEsTaxCode, classifyEsTaxCode, normalizeEsTaxCode, normalizeGenericTaxCode } from './tax-identity.ts';

// Check characters below were computed by hand from the published algorithms, not taken
// from GOBL: DNI letter = "TRWAGMYFPDXBNJZSQVHLCKE"[n mod 23]; org control per §3.4.

describe('normalizeEsTaxCode', () => {
  it.each([
    ['B98602642', 'B98602642'],
    ['B-986.026.42', 'B98602642'],
    [' b 98602642 ', 'B98602642'],
    ['ESB98602642', 'B98602642'],
    ['es-B98602642', 'B98602642'],
    ['15S', '00000015S'],
    ['3157928M', '03157928M'],
    ['ES 3157928-m', '03157928M'],
    ['12345678Z', '12345678Z'],
    ['1234567890123', '1234567890123'], // padding never truncates
    ['x1234567l', 'X1234567L'],
    ['ñ&ñ', 'Ñ&Ñ'],
    ['', ''],
    ['ES', ''],
    // Only one leading ES goes; a second one is part of the code.
    ['ESES123', 'ES123'],
    // Go's ToUpper keeps "ß" (JS would make it "SS"), then the filter drops it.
    ['ß12345678Z', '12345678Z'],
  ])('%j -> %j', (input, expected) => {
    expect(normalizeEsTaxCode(input)).toBe(expected);
  });

  it('is idempotent and only leaves allowed characters', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (s) => {
        const once = normalizeEsTaxCode(s);
        expect(normalizeEsTaxCode(once)).toBe(once);
        expect(once).toMatch(/^[A-Z0-9Ñ&]*$/);
      }),
    );
  });
});

describe('normalizeGenericTaxCode', () => {
  it.each([
    ['de 123 456 789', 'DE', '123456789'],
    ['EL-123456789', 'EL', '123456789'],
    ['GR123456789', 'EL', 'GR123456789'], // only the identity's own country is removed
    ['fr 12.345', 'FR', '12345'],
    ['0001', 'US', '0001'], // no padding outside Spain
    ['abc', '', 'ABC'],
  ])('%j (%s) -> %j', (input, country, expected) => {
    expect(normalizeGenericTaxCode(input, country)).toBe(expected);
  });
});

describe('classifyEsTaxCode', () => {
  it.each([
    ['B98602642', 'org'],
    ['A5878061J', 'org'],
    ['Q2826000H', 'org'],
    ['12345678Z', 'national'],
    ['00000015S', 'national'],
    ['X1234567L', 'foreigner'],
    ['Y1234567X', 'foreigner'],
    ['Z7654321H', 'foreigner'],
    ['K1234567D', 'other'],
    ['L76543214', 'other'],
    ['M0000000J', 'other'],
  ] as const)('%s is %s', (code, kind) => {
    expect(classifyEsTaxCode(code)).toBe(kind);
  });

  it.each(['', 'I1234567A', 'O1234567A', 'T1234567A', 'B1234567', 'B123456789', '1234567Z', '12345678I', 'X12345678', 'X1234567U', 'K1234567K'])(
    '%j has no Spanish shape',
    (code) => {
      expect(classifyEsTaxCode(code)).toBeUndefined();
    },
  );
});

describe('checkEsTaxCode', () => {
  it.each([
    // Organisations: the control may be the digit or its letter, whatever the entity type.
    ['B98602642', 'org'],
    ['B9860264B', 'org'],
    ['A58780610', 'org'],
    ['A5878061J', 'org'],
    ['Q2826000H', 'org'],
    ['Q28260008', 'org'],
    ['P0800000B', 'org'],
    ['S2800000H', 'org'],
    ['N0032484H', 'org'],
    ['W1234567D', 'org'],
    ['G00000000', 'org'],
    // Nationals (DNI).
    ['12345678Z', 'national'],
    ['00000015S', 'national'],
    ['03157928M', 'national'],
    ['99999999R', 'national'],
    // Foreigners (NIE): X/Y/Z stand for 0/1/2.
    ['X1234567L', 'foreigner'],
    ['Y1234567X', 'foreigner'],
    ['Z7654321H', 'foreigner'],
    ['X0000000T', 'foreigner'],
    // K/L/M individuals use the organisation algorithm.
    ['K1234567D', 'other'],
    ['K12345674', 'other'],
    ['L7654321D', 'other'],
    ['M0000000J', 'other'],
  ] as const)('%s is a valid %s code', (code, kind) => {
    expect(checkEsTaxCode(code)).toEqual({ ok: true, kind });
  });

  it.each([
    ['B98602643', 'invalid organisation check digit'],
    ['B9860264C', 'invalid organisation check digit'],
    ['A58780611', 'invalid organisation check digit'],
    ['K1234567E', 'invalid organisation check digit'],
    ['12345678A', 'invalid national DNI check letter'],
    ['00000015T', 'invalid national DNI check letter'],
    ['00000000T', 'invalid national DNI number'], // the letter fits, the number is never issued
    ['X1234567T', 'invalid foreigner NIE check letter'],
    ['Y1234567L', 'invalid foreigner NIE check letter'],
    ['', 'unknown tax code format'],
    ['ABC', 'unknown tax code format'],
    ['I12345678', 'unknown tax code format'],
  ])('%j is rejected: %s', (code, message) => {
    expect(checkEsTaxCode(code)).toEqual({ ok: false, message });
  });

  const LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';

  it('accepts exactly one letter for every DNI number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99_999_999 }), fc.constantFrom(...LETTERS), (n, letter) => {
        const code = String(n).padStart(8, '0') + letter;
        expect(checkEsTaxCode(code).ok).toBe(letter === LETTERS[n % 23]);
      }),
    );
  });

  it('accepts exactly one digit and one letter control for every organisation number', () => {
    fc.assert(
      fc.property(fc.constantFrom(...'ABCDEFGHJNPQRSUVWKLM'), fc.integer({ min: 0, max: 9_999_999 }), (first, n) => {
        const body = first + String(n).padStart(7, '0');
        const good = [...'0123456789JABCDEFGHI'].filter((c) => checkEsTaxCode(body + c).ok);
        expect(good).toHaveLength(2);
        expect('JABCDEFGHI'[Number(good[0])]).toBe(good[1]);
      }),
    );
  });
});
