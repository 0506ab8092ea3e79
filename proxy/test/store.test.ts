import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ChainConflict, Store, type NewSubmission } from '../src/store/sqlite.ts';
import { tmp } from './helpers.ts';

const sub = (n: string): NewSubmission => ({ authority: 'tbai-bizkaia', operation: 'alta', env: 'sandbox', zone: 'BI', format: 'ticketbai', issuer: 'B00000034', number: n, chainKey: 'tbai:BI:B00000034:', signedXml: `<x>${n}</x>`, signatureValue: `SIG${n}` });
const adv = (n: string) => ({ kind: 'tbai' as const, zone: 'BI', issuer: 'B00000034', device: '', head: { number: n, issueDate: '01-01-2026', signature: `SIG${n}` } });

describe('store', () => {
  it('advances the chain with the submission, in one transaction', () => {
    const s = new Store(join(tmp(), 'p.sqlite'));
    s.insertSubmission(sub('1'), adv('1'), 0);
    s.insertSubmission(sub('2'), adv('2'), 1);
    expect(s.tbaiHead('BI', 'B00000034')).toMatchObject({ number: '2', seq: 2 });
    expect(s.pending('tbai:BI:B00000034:').map((r) => r.chainSeq)).toEqual([1, 2]);
    s.close();
  });

  it('refuses a document built on a stale chain head (no fork), and stores nothing', () => {
    const s = new Store(join(tmp(), 'p.sqlite'));
    s.insertSubmission(sub('1'), adv('1'), 0);
    expect(() => s.insertSubmission(sub('1b'), adv('1b'), 0)).toThrow(ChainConflict);
    expect(s.list().length).toBe(1);
    expect(s.tbaiHead('BI', 'B00000034')).toMatchObject({ number: '1', seq: 1 });
    s.close();
  });

  it('idempotency keys are unique', () => {
    const s = new Store(join(tmp(), 'p.sqlite'));
    s.insertSubmission({ ...sub('1'), idempotencyKey: 'k' });
    expect(() => s.insertSubmission({ ...sub('2'), idempotencyKey: 'k' })).toThrow(/UNIQUE/);
    expect(s.byIdempotencyKey('k')?.number).toBe('1');
    s.close();
  });
});
