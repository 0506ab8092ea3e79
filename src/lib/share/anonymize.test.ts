import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { build, defaultRegistry, parseJsonText } from '../../../engine/index.ts';
import { checkEsTaxCode, classifyEsTaxCode, type EsTaxCodeKind } from '../../../engine/regimes/es/tax-identity.ts';
import { samples } from '../samples.ts';
import { TEST_EMAIL, TEST_IBAN, TEST_NAMES, TEST_STREET, anonymizeDocument, anonymizeText, testEsTaxCode } from './anonymize.ts';

const sample = (file: string) => readFileSync(new URL(`../../../samples/${file}`, import.meta.url), 'utf8');

function buildText(text: string) {
  const parsed = parseJsonText(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return build(parsed.value, { now: () => Date.UTC(2025, 10, 10), uuid: () => '019a6d00-0000-7000-8000-000000000000', registry: defaultRegistry, defaultType: 'bill/invoice' });
}

function esCodes(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => esCodes(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    const t = o.tax_id as { country?: string; code?: string } | undefined;
    if (t?.country === 'ES' && t.code) out.push(t.code);
    Object.values(o).forEach((v) => esCodes(v, out));
  }
  return out;
}

describe('testEsTaxCode', () => {
  const kinds: [EsTaxCodeKind, string | undefined][] = [
    ['org', 'A'],
    ['org', 'B'],
    ['org', 'P'],
    ['org', 'Q'],
    ['org', 'N'],
    ['org', 'W'],
    ['national', undefined],
    ['foreigner', 'X'],
    ['foreigner', 'Y'],
    ['foreigner', 'Z'],
    ['other', 'K'],
    ['other', 'L'],
    ['other', 'M'],
  ];
  it.each(kinds)('makes valid %s codes (first letter %s)', (kind, first) => {
    for (let seed = 0; seed < 500; seed++) {
      const code = testEsTaxCode(kind, seed * 7919, first);
      expect(checkEsTaxCode(code), code).toEqual({ ok: true, kind });
      if (first) expect(code[0]).toBe(first);
    }
  });

  it('writes the control of P/Q/R/S/N/W and K/L/M codes as a letter, of A/B as a digit', () => {
    expect(testEsTaxCode('org', 1, 'P')).toMatch(/^P\d{7}[A-J]$/);
    expect(testEsTaxCode('other', 1, 'L')).toMatch(/^L\d{7}[A-J]$/);
    expect(testEsTaxCode('org', 1, 'B')).toMatch(/^B\d{8}$/);
  });
});

describe('anonymizeDocument', () => {
  const doc = JSON.parse(sample('tbai-b2b.json'));
  const anon = anonymizeDocument(doc);

  it('replaces names, tax IDs, emails and streets, keeping the kind of each tax code', () => {
    expect(anon.supplier.name).toBe(TEST_NAMES.supplier);
    expect(anon.customer.name).toBe(TEST_NAMES.customer);
    expect(anon.supplier.tax_id.code).not.toBe(doc.supplier.tax_id.code);
    expect(anon.customer.tax_id.code).not.toBe(doc.customer.tax_id.code);
    expect(anon.supplier.tax_id.code).not.toBe(anon.customer.tax_id.code);
    expect(classifyEsTaxCode(anon.supplier.tax_id.code)).toBe('org');
    expect(anon.supplier.tax_id.code[0]).toBe('A');
    expect(anon.customer.tax_id.code[0]).toBe('B');
    expect(anon.supplier.emails[0].addr).toBe(TEST_EMAIL);
    expect(anon.customer.addresses[0].street).toBe(TEST_STREET);
    // What the scenarios read stays.
    expect(anon.supplier.addresses[0].region).toBe('Bizkaia');
    expect(anon.supplier.addresses[0].code).toBe('48003');
  });

  it('keeps amounts, lines and dates, and does not touch its input', () => {
    expect(anon.lines).toEqual(doc.lines);
    expect(anon.issue_date).toBe(doc.issue_date);
    expect(doc.supplier.name).toBe('HFPn5yhXZ9tdD4pHRbvwymaVPrGZQr');
  });

  it('maps one real code to the same test code everywhere in the document', () => {
    const twice = { supplier: { tax_id: { country: 'ES', code: 'B85905495' } }, payment: { payee: { tax_id: { country: 'ES', code: 'B85905495' } } } };
    const out = anonymizeDocument(twice);
    expect(out.payment.payee.tax_id.code).toBe(out.supplier.tax_id.code);
  });

  it('keeps the country letters of foreign codes and replaces their digits', () => {
    const out = anonymizeDocument({ customer: { tax_id: { country: 'DE', code: '111111125' } } });
    expect(out.customer.tax_id.code).toMatch(/^\d{9}$/);
    expect(out.customer.tax_id.code).not.toBe('111111125');
  });

  it('replaces people, phones, personal identities and IBANs', () => {
    const out = anonymizeDocument(JSON.parse(sample('facturae-b2b.json')));
    const text = JSON.stringify(out);
    const ibans = [...text.matchAll(/"iban":"([^"]+)"/g)].map((m) => m[1].replace(/\s/g, ''));
    expect(ibans.every((i) => i === TEST_IBAN)).toBe(true);
    const party = anonymizeDocument(JSON.parse(sample('party-supplier.json')));
    expect(party.people[0].name).toEqual({ given: 'Test', surname: 'Person' });
    expect(party.people[0].identities[0].code).not.toBe('123456789A');
    expect(party.people[0].addresses[0].street).toBe(TEST_STREET);
  });

  it('anonymizes the document of an envelope and drops its signatures', () => {
    const env = { $schema: 'https://gobl.org/draft-0/envelope', head: { uuid: 'x' }, doc: JSON.parse(sample('tbai-b2b.json')), sigs: ['abc'] };
    const out = anonymizeDocument(env);
    expect(out.doc.supplier.name).toBe(TEST_NAMES.supplier);
    expect('sigs' in out).toBe(false);
  });

  it('says why it cannot anonymize broken JSON', () => {
    expect(anonymizeText('{"supplier": ')).toMatchObject({ ok: false });
  });
});

describe('every sample still builds the same totals once anonymized', () => {
  it('has an IBAN test value with valid check digits', () => {
    const s = TEST_IBAN.slice(4) + TEST_IBAN.slice(0, 4);
    const n = s.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
    expect(BigInt(n) % 97n).toBe(1n);
  });

  it.each(samples.map((s) => s.file))('%s', (file) => {
    const text = sample(file);
    const anon = anonymizeText(text);
    if (!anon.ok) throw new Error(anon.message);
    for (const code of esCodes(JSON.parse(anon.text))) expect(checkEsTaxCode(code).ok, code).toBe(true);
    // No real ES tax code of the sample survives.
    for (const code of esCodes(JSON.parse(text))) expect(anon.text).not.toContain(`"${code}"`);
    const before = buildText(text);
    const after = buildText(anon.text);
    expect(after.ok, JSON.stringify(after.ok ? '' : after.error)).toBe(before.ok);
    if (before.ok && after.ok) {
      const totals = (e: unknown) => (e as { doc: { totals?: unknown } }).doc.totals;
      expect(totals(after.value)).toEqual(totals(before.value));
    }
  });
});
