/**
 * Spanish tax identity codes (NIF): normalization, classification and check digits, following
 * GOBL's `regimes/es/tax_identity.go`. The three official forms are the DNI of nationals,
 * the NIE of foreigners and the CIF-style code of organisations (Real Decreto 1065/2007 and
 * Orden EHA/451/2008); K/L/M codes are "other" individuals without a DNI.
 */

export type EsTaxCodeKind = 'org' | 'national' | 'foreigner' | 'other';

export type EsTaxCodeCheck = { readonly ok: true; readonly kind: EsTaxCodeKind } | { readonly ok: false; readonly message: string };

/** Check letter of DNI/NIE numbers, indexed by `number mod 23`. */
const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';
/** Letter form of the organisation control digit, indexed by the digit. */
const ORG_LETTERS = 'JABCDEFGHI';

// Tried in this order, like GOBL: a code is the first kind whose pattern it matches.
const PATTERNS: readonly (readonly [EsTaxCodeKind, RegExp])[] = [
  ['org', /^[ABCDEFGHJNPQRSUVW][0-9]{7}[0-9JABCDEFGHI]$/],
  ['national', /^[0-9]{8}[TRWAGMYFPDXBNJZSQVHLCKE]$/],
  ['foreigner', /^[XYZ][0-9]{7}[TRWAGMYFPDXBNJZSQVHLCKE]$/],
  ['other', /^[KLM][0-9]{7}[0-9JABCDEFGHI]$/],
];

/**
 * Uppercases one code point at a time and keeps characters whose uppercase form would be
 * longer (JS maps "ß" to "SS", "ﬁ" to "FI"; Go's `strings.ToUpper` leaves them alone, and the
 * following filter then drops them). This keeps our output identical to GOBL's.
 */
function upperLikeGo(s: string): string {
  let out = '';
  for (const ch of s) {
    const up = ch.toUpperCase();
    out += [...up].length === 1 ? up : ch;
  }
  return out;
}

/** Characters GOBL allows in any tax code; everything else (spaces, dots, dashes) is noise. */
const BAD_CHARS = /[^A-Z0-9Ñ&]+/g;

/**
 * GOBL's generic `tax.NormalizeIdentity`, used for countries without a regime (or without
 * their own normalizer): uppercase, drop disallowed characters, drop one leading country code.
 */
export function normalizeGenericTaxCode(code: string, country: string): string {
  const clean = upperLikeGo(code).replace(BAD_CHARS, '');
  const prefix = country.toUpperCase();
  return prefix !== '' && clean.startsWith(prefix) ? clean.slice(prefix.length) : clean;
}

/**
 * ES normalization: the generic one, then numeric codes are left-padded with zeros to nine
 * characters, because DNIs are often written without their leading zeros ("15S").
 */
export function normalizeEsTaxCode(code: string): string {
  const clean = normalizeGenericTaxCode(code, 'ES');
  return /^[0-9]/.test(clean) ? clean.padStart(9, '0') : clean;
}

/** Kind of a normalized code by its shape only (no check digit), or undefined if none fits. */
export function classifyEsTaxCode(code: string): EsTaxCodeKind | undefined {
  for (const [kind, re] of PATTERNS) if (re.test(code)) return kind;
  return undefined;
}

/** DNI/NIE rule: the letter is the table entry for the 8-digit number modulo 23. */
function dniLetterOk(digits: string, letter: string): boolean {
  return DNI_LETTERS[Number(digits) % 23] === letter;
}

/**
 * Organisation rule over the 7 digits after the first letter: digits in odd positions are
 * doubled (subtracting 9 when above 9), even ones added as they are; the control is
 * (10 - sum mod 10) mod 10, written either as that digit or as the matching letter. GOBL
 * accepts both forms whatever the first letter is, so we do too.
 */
function orgControlOk(code: string): boolean {
  const digits = code.slice(1, 8);
  let sum = 0;
  for (let i = 0; i < 7; i++) {
    const d = digits.charCodeAt(i) - 48;
    if (i % 2 === 0) {
      const x = d * 2;
      sum += x > 9 ? x - 9 : x;
    } else {
      sum += d;
    }
  }
  const check = (10 - (sum % 10)) % 10;
  const control = code[8];
  return control === String(check) || control === ORG_LETTERS[check];
}

/** Validates a normalized Spanish tax code: its shape and its check character. */
export function checkEsTaxCode(code: string): EsTaxCodeCheck {
  const kind = classifyEsTaxCode(code);
  switch (kind) {
    case 'national': {
      const digits = code.slice(0, 8);
      // A DNI number of all zeros passes the letter check ("00000000T") but is never issued.
      if (digits === '00000000') return { ok: false, message: 'invalid national DNI number' };
      return dniLetterOk(digits, code[8]) ? { ok: true, kind } : { ok: false, message: 'invalid national DNI check letter' };
    }
    case 'foreigner': {
      // The NIE prefix stands for a leading digit: X=0, Y=1, Z=2.
      const digits = String('XYZ'.indexOf(code[0])) + code.slice(1, 8);
      return dniLetterOk(digits, code[8]) ? { ok: true, kind } : { ok: false, message: 'invalid foreigner NIE check letter' };
    }
    case 'org':
    case 'other':
      return orgControlOk(code) ? { ok: true, kind } : { ok: false, message: 'invalid organisation check digit' };
    default:
      return { ok: false, message: 'unknown tax code format' };
  }
}
