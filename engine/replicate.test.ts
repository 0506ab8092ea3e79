import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { build } from './build.ts';
import { defaultRegistry } from './registry.ts';
import { replicate } from './replicate.ts';

type Json = Record<string, any>;
const sample = (name: string): Json => JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../samples', `${name}.json`), 'utf8'));
const NOW = Date.UTC(2025, 11, 24, 12);
const opts = { now: () => NOW, uuid: () => '019b4f00-0000-7000-8000-000000000001', registry: defaultRegistry };

describe('replicate', () => {
  it('keeps parties, lines and series; drops the identity and dates; builds dated today', () => {
    const original: Json = { ...sample('verifactu-b2b'), op_date: '2025-11-01', value_date: '2025-11-02' };
    const r = replicate(original);
    if (!r.ok) throw new Error(JSON.stringify(r.faults));
    for (const k of ['uuid', 'code', 'issue_date', 'op_date', 'value_date']) expect(r.value).not.toHaveProperty(k);
    expect([r.value.series, r.value.supplier, r.value.lines]).toEqual([original.series, original.supplier, original.lines]);
    const b = build(r.value, { ...opts, envelop: false });
    if (!b.ok) throw new Error(JSON.stringify(b.error));
    const doc = b.value as Json;
    expect(doc.issue_date).toBe('2025-12-24');
    expect(doc.totals.payable).toBe((build(sample('verifactu-b2b'), { ...opts, envelop: false }) as { value: Json }).value.totals.payable);
  });

  it('from an envelope: its document, without the head', () => {
    const env = build(sample('tbai-b2b'), opts);
    if (!env.ok) throw new Error('sample does not build');
    const r = replicate({ ...(env.value as Json), head: { ...(env.value as Json).head, stamps: [{ prv: 'tbai-code', val: 'TBAI-X' }] } });
    expect(r.ok && r.value.$schema).toBe('https://gobl.org/draft-0/bill/invoice');
    expect(r.ok && JSON.stringify(r.value)).not.toContain('TBAI-X');
    expect(r.ok && r.value.totals).toBeUndefined();
  });

  it('anything but an invoice is refused with a path', () => {
    expect(replicate({ $schema: 'https://gobl.org/draft-0/note/message' })).toEqual({ ok: false, faults: [{ code: 'REPLICATE-01', paths: ['$.$schema'], message: expect.stringContaining('only invoices') }] });
    expect(replicate({ doc: 7 })).toMatchObject({ ok: false, faults: [{ paths: ['$.doc.$schema'] }] });
    expect(replicate('x')).toMatchObject({ ok: false });
  });

  it('keeps a "__proto__" key an ordinary key and pollutes nothing', () => {
    const input = JSON.parse(`{"$schema":"${'https://gobl.org/draft-0/bill/invoice'}","meta":{"__proto__":{"polluted":"yes"}}}`);
    const r = replicate(input);
    expect(r.ok && Object.keys(r.value.meta as object)).toEqual(['__proto__']);
    expect(({} as Json).polluted).toBeUndefined();
  });
});
