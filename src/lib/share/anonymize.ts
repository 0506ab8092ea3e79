/**
 * Replaces real names, tax IDs and contact details with test ones before a document is shared,
 * keeping everything the build depends on: amounts, dates, tax combos, and the address fields
 * scenarios read (locality, region, postal code, country). Spanish tax codes become codes of
 * the same kind (CIF, DNI, NIE, K/L/M) with correct check characters, so the document still
 * builds; the same real code always maps to the same test code within one document.
 */
import { classifyEsTaxCode, normalizeEsTaxCode, type EsTaxCodeKind } from '../../../engine/regimes/es/tax-identity.ts';

export const TEST_NAMES = {
  supplier: 'Supplier Test S.L.',
  customer: 'Customer Test S.L.',
  other: 'Party Test S.L.',
} as const;
export const TEST_EMAIL = 'test@example.com';
export const TEST_PHONE = '+34 600 000 000';
export const TEST_STREET = 'Calle de Prueba';
export const TEST_WEBSITE = 'https://example.com';
/** The IBAN printed in Spanish banking examples (valid check digits). */
export const TEST_IBAN = 'ES9121000418450200051332';

const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';
const ORG_LETTERS = 'JABCDEFGHI';
/** Organisation letters whose control character is a letter (Orden EHA/451/2008); K/L/M too. */
const LETTER_CONTROL = 'KLMNPQRSW';

/** FNV-1a: a small, stable hash so one real code always gets the same test code. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** `n` pseudo-random digits from a seed (a linear congruential sequence). */
function digitsFrom(seed: number, n: number): string {
  let x = seed >>> 0;
  let out = '';
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    out += String((x >>> 16) % 10);
  }
  return out;
}

function orgControl(digits7: string): number {
  let sum = 0;
  for (let i = 0; i < 7; i++) {
    const d = digits7.charCodeAt(i) - 48;
    sum += i % 2 === 0 ? ((d * 2) % 10) + Math.floor((d * 2) / 10) : d;
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * A Spanish tax code of the given kind with correct check characters. `first` keeps the
 * leading letter (entity type of a CIF, X/Y/Z of a NIE, K/L/M) when it fits the kind.
 */
export function testEsTaxCode(kind: EsTaxCodeKind, seed: number, first?: string): string {
  switch (kind) {
    case 'national': {
      let digits = digitsFrom(seed, 8);
      if (digits === '00000000') digits = '00000001';
      return digits + DNI_LETTERS[Number(digits) % 23];
    }
    case 'foreigner': {
      const prefix = first && 'XYZ'.includes(first) ? first : 'X';
      const digits = digitsFrom(seed, 7);
      return prefix + digits + DNI_LETTERS[Number(String('XYZ'.indexOf(prefix)) + digits) % 23];
    }
    case 'org':
    case 'other': {
      const letters = kind === 'org' ? 'ABCDEFGHJNPQRSUVW' : 'KLM';
      const prefix = first && letters.includes(first) ? first : kind === 'org' ? 'B' : 'K';
      const digits = digitsFrom(seed, 7);
      const c = orgControl(digits);
      return prefix + digits + (LETTER_CONTROL.includes(prefix) ? ORG_LETTERS[c] : String(c));
    }
  }
}

/** Keeps letters and length of a foreign code but replaces its digits. */
function scrambleDigits(code: string, seed: number): string {
  const digits = digitsFrom(seed, code.length);
  return code.replace(/[0-9]/g, (_d, i: number) => digits[i]);
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Identity keys that point at a person's own documents (DIR3 and other public codes stay). */
const PERSONAL_IDENTITY_KEYS = new Set(['national', 'passport', 'foreign', 'resident', 'dni', 'nie']);

class Anonymizer {
  #codes = new Map<string, string>();

  taxCode(code: string, country: string): string {
    const key = `${country}:${code}`;
    const known = this.#codes.get(key);
    if (known) return known;
    const taken = new Set(this.#codes.values());
    let out = code;
    // Salted retries, so a test code never equals the real one or another party's.
    for (let salt = 0; salt < 20 && (out === code || taken.has(out)); salt++) {
      const seed = hash(`${key}#${salt}`);
      if (country === 'ES' || country === '') {
        const norm = normalizeEsTaxCode(code);
        out = testEsTaxCode(classifyEsTaxCode(norm) ?? 'org', seed, norm[0]);
      } else {
        out = scrambleDigits(code, seed);
      }
    }
    this.#codes.set(key, out);
    return out;
  }

  party(p: Json, name: string): void {
    if (typeof p.name === 'string') p.name = name;
    if (typeof p.alias === 'string') p.alias = name;
  }

  /** Walks the tree replacing contact details wherever they sit (parties, people, payees). */
  walk(node: unknown, key = ''): void {
    if (Array.isArray(node)) {
      for (const item of node) this.walk(item, key);
      return;
    }
    if (!isObj(node)) return;

    if (key === 'supplier') this.party(node, TEST_NAMES.supplier);
    else if (key === 'customer') this.party(node, TEST_NAMES.customer);
    else if (['payee', 'receiver', 'buyer', 'seller', 'issuer', 'agent'].includes(key)) this.party(node, TEST_NAMES.other);

    const tax = node.tax_id;
    if (isObj(tax) && typeof tax.code === 'string' && tax.code !== '') {
      tax.code = this.taxCode(tax.code, typeof tax.country === 'string' ? tax.country.toUpperCase() : '');
    }
    if (key === 'people' && isObj(node.name)) {
      const n = node.name;
      for (const f of ['prefix', 'given', 'middle', 'surname', 'surname2', 'suffix', 'alias']) delete n[f];
      n.given = 'Test';
      n.surname = 'Person';
    }
    if (key === 'identities' && typeof node.code === 'string' && typeof node.key === 'string' && PERSONAL_IDENTITY_KEYS.has(node.key)) {
      node.code = this.taxCode(node.code, node.key === 'national' ? 'ES' : 'XX');
    }
    if (key === 'emails' && typeof node.addr === 'string') node.addr = TEST_EMAIL;
    if (key === 'telephones' && typeof node.num === 'string') node.num = TEST_PHONE;
    if (key === 'websites' && typeof node.url === 'string') node.url = TEST_WEBSITE;
    if (key === 'addresses') {
      if (typeof node.street === 'string') node.street = TEST_STREET;
      if (typeof node.num === 'string') node.num = '1';
      delete node.street_extra;
      delete node.po_box;
      delete node.block;
      delete node.floor;
      delete node.door;
    }
    if (typeof node.iban === 'string') node.iban = /\s/.test(node.iban) ? TEST_IBAN.replace(/(.{4})(?!$)/g, '$1 ') : TEST_IBAN;

    for (const [k, v] of Object.entries(node)) this.walk(v, k);
  }
}

const ENVELOPE = /^https:\/\/gobl\.org\/draft-0\/envelope/;

/** A deep copy of a GOBL document (or envelope) with test names, tax IDs and contact details. */
export function anonymizeDocument<T>(doc: T): T {
  const copy = structuredClone(doc);
  const a = new Anonymizer();
  if (isObj(copy) && typeof copy.$schema === 'string' && ENVELOPE.test(copy.$schema)) {
    // The signatures cover the real document: they cannot survive the change.
    delete copy.sigs;
    a.walk(copy.doc);
  } else {
    a.walk(copy);
  }
  return copy;
}

export type Anonymized = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly message: string };

/** Anonymizes the editor's text (pretty-printed with two spaces, like the samples). */
export function anonymizeText(text: string): Anonymized {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { ok: false, message: 'The document is not valid JSON, so names and tax IDs cannot be replaced. Fix it first, or share it as it is.' };
  }
  return { ok: true, text: `${JSON.stringify(anonymizeDocument(doc), null, 2)}\n` };
}
