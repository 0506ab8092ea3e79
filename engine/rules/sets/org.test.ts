/** Package `org` rules, on parties and items inside an otherwise valid invoice. */
import { describe, expect, it } from 'vitest';
import type { RuleContext } from '../define.ts';
import { validateGraph } from '../run.ts';
import { coreRuleSets } from './index.ts';
import { isUnit } from './org.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */

function check(doc: any): string[] {
  const ctx: RuleContext = { addons: [], hasAddon: () => false, doc };
  return validateGraph('bill/invoice', doc, '$', coreRuleSets, ctx)
    .flatMap((f) => f.paths.map((p) => `${f.code}@${p}`))
    .sort();
}

const invoice = (): any => ({
  $schema: 'https://gobl.org/draft-0/bill/invoice',
  type: 'standard',
  code: 'A1',
  issue_date: '2024-06-13',
  currency: 'EUR',
  supplier: {
    name: 'Provide One S.L.',
    tax_id: { country: 'ES', code: 'B98602642' },
    identities: [{ key: 'passport', code: 'X1234' }],
    people: [{ name: { given: 'Maria', surname: 'Montero' } }],
    inboxes: [{ code: '0088:1234' }],
    addresses: [{ street: 'Calle Pradillo', country: 'ES', coords: { lat: 40.45, lon: -3.68 } }],
    emails: [{ addr: 'billing@example.com' }],
    websites: [{ url: 'https://example.com' }],
    telephones: [{ num: '+34 600 000 000' }],
    logos: [{ url: 'https://example.com/logo.png', height: 128, width: 128 }],
  },
  lines: [{ i: 1, quantity: '1', item: { name: 'Mug', price: '12.50', unit: 'piece' }, sum: '12.50', total: '12.50' }],
  preceding: [{ code: 'A0', issue_date: '2024-01-10' }],
  notes: [{ key: 'general', text: 'Thanks' }],
  attachments: [{ url: 'https://example.com/a.pdf', mime: 'application/pdf' }],
  totals: { sum: '12.50', total: '12.50', tax: '0.00', total_with_tax: '12.50', payable: '12.50' },
});

const cases: [string, (d: any) => void, string[]][] = [
  ['attachment MIME not allowed', (d) => (d.attachments[0].mime = 'application/zip'), ['GOBL-ORG-ATTACHMENT-02@$.attachments[0].mime']],
  ['latitude out of range', (d) => (d.supplier.addresses[0].coords.lat = 91.5), ['GOBL-ORG-COORDINATES-01@$.supplier.addresses[0].coords.lat']],
  ['document reference without code', (d) => delete d.preceding[0].code, ['GOBL-ORG-DOCUMENTREF-01@$.preceding[0].code']],
  ['email not valid', (d) => (d.supplier.emails[0].addr = 'billing-at-example'), ['GOBL-ORG-EMAIL-02@$.supplier.emails[0].addr']],
  ['endpoint without uri', (d) => (d.supplier.endpoints = [{ label: 'api' }]), ['GOBL-ORG-ENDPOINT-01@$.supplier.endpoints[0]']],
  ['identity with key and type', (d) => (d.supplier.identities[0].type = 'NIF'), ['GOBL-ORG-IDENTITY-03@$.supplier.identities[0]']],
  ['identity without code', (d) => delete d.supplier.identities[0].code, ['GOBL-ORG-IDENTITY-01@$.supplier.identities[0].code']],
  ['image too small', (d) => (d.supplier.logos[0].height = 32), ['GOBL-ORG-IMAGE-02@$.supplier.logos[0].height']],
  ['inbox with code and url', (d) => (d.supplier.inboxes[0].url = 'https://inbox.example.com'), ['GOBL-ORG-INBOX-02@$.supplier.inboxes[0]']],
  ['inbox empty', (d) => (d.supplier.inboxes[0] = { label: 'x' }), ['GOBL-ORG-INBOX-01@$.supplier.inboxes[0]']],
  ['item without name', (d) => delete d.lines[0].item.name, ['GOBL-ORG-ITEM-01@$.lines[0].item.name']],
  ['negative item price', (d) => (d.lines[0].item.price = '-1.00'), ['GOBL-ORG-ITEM-02@$.lines[0].item.price']],
  ['name without given or surname', (d) => (d.supplier.people[0].name = { alias: 'M' }), [
    'GOBL-ORG-NAME-01@$.supplier.people[0].name.given',
    'GOBL-ORG-NAME-02@$.supplier.people[0].name.surname',
  ]],
  ['note key not valid', (d) => (d.notes[0].key = 'misc'), ['GOBL-ORG-NOTE-02@$.notes[0].key']],
  ['note without text', (d) => delete d.notes[0].text, ['GOBL-ORG-NOTE-01@$.notes[0].text']],
  ['person without name', (d) => delete d.supplier.people[0].name, ['GOBL-ORG-PERSON-01@$.supplier.people[0].name']],
  ['registration currency unknown', (d) => (d.supplier.registration = { currency: 'EUX' }), [
    'GOBL-CURRENCY-CODE-01@$.supplier.registration.currency',
    'GOBL-ORG-REGISTRATION-01@$.supplier.registration.currency',
  ]],
  ['telephone without number', (d) => (d.supplier.telephones[0] = { label: 'office' }), ['GOBL-ORG-TELEPHONE-01@$.supplier.telephones[0].num']],
  ['unit not valid', (d) => (d.lines[0].item.unit = 'pieces'), ['GOBL-ORG-UNIT-01@$.lines[0].item.unit']],
  ['website URL not valid', (d) => (d.supplier.websites[0].url = 'not a url'), ['GOBL-ORG-WEBSITE-01@$.supplier.websites[0].url']],
];

describe('org rules', () => {
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
  it('knows GOBL units and UN/ECE codes', () => {
    expect(['kg', 'h', 'piece', 'C62', 'XPP', '', undefined].every(isUnit)).toBe(true);
    expect(['KGS1', 'Kg', 'boxes'].some(isUnit)).toBe(false);
  });
});
