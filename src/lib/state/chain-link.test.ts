import { describe, expect, it } from 'vitest';
import { convert } from '../../../engine/convert/index.ts';
import { build } from '../../../engine/build.ts';
import { defaultRegistry } from '../../../engine/registry.ts';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { verifactuLink } from './chain-link.ts';

const sample = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../../samples/verifactu-b2b.json'), 'utf8'));
const env = build(sample, { now: () => Date.UTC(2025, 10, 17), uuid: () => '019a9118-9ae3-7454-b021-454000094540', registry: defaultRegistry });
const xmlOf = (format: 'verifactu' | 'verifactu-cancel', previous?: unknown) => {
  const r = convert(env.ok ? env.value : undefined, format, { now: '2025-11-17T10:00:00Z', previous: previous as never });
  if (!r.ok) throw new Error(JSON.stringify(r.faults));
  return r.value;
};

describe('verifactuLink', () => {
  it("reads the record's own link, not the previous one it chains to", () => {
    const first = verifactuLink(xmlOf('verifactu'))!;
    expect(first).toMatchObject({ issuerNif: 'B87421566', seriesCode: 'VF2025-000127', issueDate: '17-11-2025' });
    expect(first.huella).toMatch(/^[0-9A-F]{64}$/);
    // The next record (here its cancellation) chains to it and has a huella of its own.
    const nextXml = xmlOf('verifactu-cancel', first);
    expect(nextXml).toContain(`<sum1:Huella>${first.huella}</sum1:Huella>`);
    const next = verifactuLink(nextXml)!;
    expect(next.huella).not.toBe(first.huella);
    expect(next.seriesCode).toBe('VF2025-000127');
  });

  it('finds nothing in other XML', () => {
    expect(verifactuLink('<T:TicketBai xmlns:T="urn:ticketbai:emision"/>')).toBeUndefined();
    expect(verifactuLink('not xml')).toBeUndefined();
  });
});
