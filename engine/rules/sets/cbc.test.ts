/** Rules on scalar types (cbc.Key, cbc.Code, uuid.UUID, schema.ID) and the is.ts predicates. */
import { describe, expect, it } from 'vitest';
import type { RuleContext } from '../define.ts';
import {
  amountMin,
  compareAmounts,
  docIs,
  hasTimestamp,
  isCode,
  isCountryCode,
  isCurrencyCode,
  isDate,
  isDateTime,
  isEmail,
  isKey,
  isTime,
  isUrl,
  isUuid,
  keyOrSubKey,
  lengthBetween,
  matches,
  oneOf,
  present,
} from '../is.ts';
import { validateGraph } from '../run.ts';
import { cbcRuleSets } from './cbc.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */

function check(doc: any): string[] {
  const ctx: RuleContext = { addons: [], hasAddon: () => false, doc };
  return validateGraph('bill/invoice', doc, '$', cbcRuleSets, ctx)
    .flatMap((f) => f.paths.map((p) => `${f.code}@${p}`))
    .sort();
}

const invoice = (): any => ({
  $schema: 'https://gobl.org/draft-0/bill/invoice',
  $tags: ['simplified'],
  uuid: '0190f7a2-62c5-7d4c-a2b8-7d6d1b7a9c11',
  type: 'standard',
  series: 'SAMPLE',
  code: '001',
  supplier: { name: 'Provide One S.L.', addresses: [{ code: '28002' }] },
  lines: [{ i: 1, taxes: [{ cat: 'VAT', key: 'standard', rate: 'general' }] }],
  preceding: [{ code: 'A 0', schema: 'https://gobl.org/draft-0/bill/invoice' }],
});

const cases: [string, (d: any) => void, string[]][] = [
  ['combo key in capitals', (d) => (d.lines[0].taxes[0].key = 'Standard'), ['GOBL-CBC-KEY-02@$.lines[0].taxes[0].key']],
  ['tag with a trailing dash', (d) => d.$tags.push('reverse-'), ['GOBL-CBC-KEY-02@$.$tags[1]']],
  ['key longer than 64', (d) => (d.type = 'x'.repeat(65)), ['GOBL-CBC-KEY-01@$.type']],
  ['code with a leading space', (d) => (d.code = ' 001'), ['GOBL-CBC-CODE-02@$.code']],
  ['code with a control character', (d) => (d.supplier.addresses[0].code = '28\u0000002'), ['GOBL-CBC-CODE-02@$.supplier.addresses[0].code']],
  ['code longer than 64', (d) => (d.series = 'S'.repeat(65)), ['GOBL-CBC-CODE-01@$.series']],
  ['malformed UUID', (d) => (d.uuid = '0190f7a2-62c5'), ['GOBL-UUID-UUID-01@$.uuid']],
  ['schema ID not a URL', (d) => (d.preceding[0].schema = 'bill invoice'), ['GOBL-SCHEMA-ID-01@$.preceding[0].schema']],
];

describe('scalar type rules', () => {
  it('accepts the valid base document', () => {
    expect(check(invoice())).toEqual([]);
  });
  for (const [name, mutate, expected] of cases) {
    it(name, () => {
      const doc = invoice();
      mutate(doc);
      expect(check(doc)).toEqual(expected);
    });
  }
});

describe('is.ts predicates', () => {
  it('present follows GOBL', () => {
    expect([undefined, null, '', 0, false, []].map(present)).toEqual([false, false, false, false, false, false]);
    expect([{}, 'a', 1, ['x'], '0.00'].every(present)).toBe(true);
  });
  it('keys and codes', () => {
    expect(['a', 'standard', 'general+eqs', 'x1'].every(isKey)).toBe(true);
    expect(['', 'A', '-a', 'a-', 'a b', 'x'.repeat(65)].some(isKey)).toBe(false);
    expect(['', 'B98602642', 'A 1', 'Ñ-1'].every(isCode)).toBe(true);
    expect([' A', 'A ', 'A\n1', 'x'.repeat(65)].some(isCode)).toBe(false);
    expect(keyOrSubKey(['card'])('card+debit')).toBe(true);
    expect(keyOrSubKey(['card'])('cardx')).toBe(false);
  });
  it('dates and times', () => {
    expect(['2024-02-29', '2000-02-29', '1999-12-31'].every(isDate)).toBe(true);
    expect(['2023-02-29', '1900-02-29', '2024-13-01', '2024-1-01', '0000-00-00', ''].some(isDate)).toBe(false);
    expect(isTime('23:59:59')).toBe(true);
    expect(isTime('24:00:00')).toBe(false);
    expect(isDateTime('2024-02-29T10:00:00')).toBe(true);
    expect(isDateTime('2024-02-29 10:00:00')).toBe(false);
  });
  it('countries and currencies', () => {
    expect(isCountryCode('ES')).toBe(true);
    expect(isCountryCode('EL')).toBe(false);
    expect(isCurrencyCode('EUR')).toBe(true);
    expect(isCurrencyCode('eur')).toBe(false);
  });
  it('UUIDs', () => {
    expect(isUuid('8a51fd30-2a27-11ee-be56-0242ac120002')).toBe(true);
    expect(hasTimestamp('8a51fd30-2a27-11ee-be56-0242ac120002')).toBe(true);
    expect(hasTimestamp('3aea7b56-59d8-4beb-90bd-f8f280d852a0')).toBe(false);
    expect(isUuid('3aea7b56')).toBe(false);
  });
  it('URLs and e-mails like govalidator', () => {
    for (const u of ['https://gobl.org/draft-0/bill/invoice', 'http://localhost:8080/x', 'example.com', 'example.com/a?b=1', 'https://192.168.1.1/x', 'https://münchen.de'])
      expect(isUrl(u), u).toBe(true);
    for (const u of ['', 'pdf', 'not a url', 'https://', '.example.com', 'http://exa mple.com']) expect(isUrl(u), u).toBe(false);
    for (const e of ['billing@example.com', 'a.b+c@sub.example.co.uk', 'jose@españa.es']) expect(isEmail(e), e).toBe(true);
    for (const e of ['billing', 'a@b', '@example.com', 'a b@example.com', 'a@example.c']) expect(isEmail(e), e).toBe(false);
  });
  it('amounts compare exactly', () => {
    expect(compareAmounts('1.50', '1.5')).toBe(0);
    expect(compareAmounts('0.1', '0.10000000000000001')).toBe(-1);
    expect(compareAmounts('x', '1')).toBeUndefined();
    const min0 = amountMin('0');
    expect([undefined, '0', '0.00', '12.50'].every(min0)).toBe(true);
    expect(['-0.01', 'abc'].some(min0)).toBe(false);
  });
  it('set and pattern tests skip nil like GOBL', () => {
    expect(oneOf(['a'])(undefined)).toBe(false);
    expect(oneOf(['a'], true)(undefined)).toBe(true);
    expect(oneOf(['a'])('')).toBe(false);
    expect(matches(/^x$/)('')).toBe(true);
    expect(lengthBetween(1, 3)('')).toBe(true);
    expect(lengthBetween(1, 3)('abcd')).toBe(false);
  });
  it('tells the document type from its schema', () => {
    const ctx = (doc: unknown): RuleContext => ({ addons: [], hasAddon: () => false, doc });
    expect(docIs(ctx({ $schema: 'https://gobl.org/draft-0/bill/payment' }), 'bill/payment')).toBe(true);
    expect(docIs(ctx({}), 'bill/invoice')).toBe(true);
    expect(docIs(ctx({ $schema: 'https://gobl.org/draft-0/bill/order' }), 'bill/invoice')).toBe(false);
  });
});
