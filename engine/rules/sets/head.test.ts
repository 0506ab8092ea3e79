/** Envelope, header, stamps, links and digests (packages gobl, head, dsig), and note messages. */
import { describe, expect, it } from 'vitest';
import type { ObjectKind, RuleContext } from '../define.ts';
import { validateGraph } from '../run.ts';
import { coreRuleSets } from './index.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */

function check(kind: ObjectKind, root: any): string[] {
  const ctx: RuleContext = { addons: [], hasAddon: () => false, doc: root.doc ?? root };
  return validateGraph(kind, root, '$', coreRuleSets, ctx)
    .flatMap((f) => f.paths.map((p) => `${f.code}@${p}`))
    .sort();
}

const envelope = (): any => ({
  $schema: 'https://gobl.org/draft-0/envelope',
  head: {
    uuid: '8a51fd30-2a27-11ee-be56-0242ac120002',
    dig: { alg: 'sha256', val: '436cfc03758b66a10ca1611753f1802401f2c337df5fc4590121c018e5325725' },
    links: [{ category: 'format', key: 'pdf', url: 'https://example.com/a.pdf', mime: 'application/pdf' }],
  },
  doc: { $schema: 'https://gobl.org/draft-0/bill/invoice', code: 'A1' },
});

const cases: [string, (e: any) => void, string[]][] = [
  ['envelope without schema', (e) => delete e.$schema, ['GOBL-ENVELOPE-01@$.$schema']],
  ['envelope without doc', (e) => delete e.doc, ['GOBL-ENVELOPE-03@$.doc']],
  ['doc of an unknown schema', (e) => (e.doc.$schema = 'https://gobl.org/draft-0/bill/receipt'), ['GOBL-ENVELOPE-04@$.doc']],
  ['doc without schema', (e) => delete e.doc.$schema, ['GOBL-ENVELOPE-04@$.doc', 'GOBL-SCHEMA-OBJECT-01@$.doc.$schema']],
  ['stamps on an unsigned envelope', (e) => (e.head.stamps = [{ prv: 'verifactu-qr', val: 'x' }]), ['GOBL-ENVELOPE-12@$']],
  ['signed envelope of an invoice without code', (e) => {
    e.sigs = ['eyJhbGciOiJFUzI1NiJ9.e30.sig'];
    delete e.doc.code;
  }, ['GOBL-ENVELOPE-13@$']],
  ['header UUID without timestamp', (e) => (e.head.uuid = '3aea7b56-59d8-4beb-90bd-f8f280d852a0'), ['GOBL-HEAD-HEADER-01@$.head.uuid']],
  ['header without digest', (e) => delete e.head.dig, ['GOBL-HEAD-HEADER-02@$.head.dig']],
  ['duplicate stamp providers', (e) => {
    e.sigs = ['sig'];
    e.head.stamps = [{ prv: 'a', val: '1' }, { prv: 'a', val: '2' }];
  }, ['GOBL-HEAD-HEADER-03@$.head.stamps']],
  ['duplicate links', (e) => e.head.links.push({ ...e.head.links[0] }), ['GOBL-HEAD-HEADER-04@$.head.links']],
  ['stamp without value', (e) => {
    e.sigs = ['sig'];
    e.head.stamps = [{ prv: 'a' }];
  }, ['GOBL-HEAD-STAMP-02@$.head.stamps[0].val']],
  ['link with digest but no MIME', (e) => {
    delete e.head.links[0].mime;
    e.head.links[0].digest = { alg: 'sha256', val: 'abc' };
  }, ['GOBL-HEAD-LINK-06@$.head.links[0]']],
  ['link category unknown', (e) => (e.head.links[0].category = 'invoice'), ['GOBL-HEAD-LINK-02@$.head.links[0].category']],
  ['link URL not valid', (e) => (e.head.links[0].url = 'pdf'), ['GOBL-HEAD-LINK-04@$.head.links[0].url']],
  ['link MIME not allowed', (e) => (e.head.links[0].mime = 'image/gif'), ['GOBL-HEAD-LINK-05@$.head.links[0].mime']],
  ['digest without value', (e) => delete e.head.dig.val, ['GOBL-DSIG-DIGEST-02@$.head.dig.val']],
];

describe('envelope and header rules', () => {
  it('accepts the valid base envelope', () => {
    expect(check('envelope', envelope())).toEqual([]);
  });
  for (const [name, mutate, expected] of cases) {
    it(name, () => {
      const env = envelope();
      mutate(env);
      expect(check('envelope', env)).toEqual(expected);
    });
  }
});

describe('note messages', () => {
  it('require content', () => {
    const msg = { $schema: 'https://gobl.org/draft-0/note/message', title: 'Hi', content: 'Hello' };
    expect(check('note/message', msg)).toEqual([]);
    expect(check('note/message', { ...msg, content: '' })).toEqual(['GOBL-NOTE-MESSAGE-01@$.content']);
  });
});
