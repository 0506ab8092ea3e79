/**
 * 100 concurrent runs of the seed's TicketBAI issue workflow (verbatim): codes F000001…F000100
 * with no gaps and no duplicates, every job sent, and one linear chain — in the proxy's store and
 * in the authority's register — that follows the numbers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sample, seedWorkflows, wfHarness, type WfHarness } from './workflows.harness.ts';

let h: WfHarness;
beforeAll(async () => {
  // 100 PDFs and 100 XAdES signatures share one CPU with the sandbox: give the answers time.
  h = await wfHarness({ sendTimeoutMs: 90_000 });
});
afterAll(async () => h?.close());

describe('100 concurrent TicketBAI issue runs', () => {
  it('F000001…F000100, no gaps, no duplicates, a linear chain in number order', async () => {
    const workflow = seedWorkflows().get('TicketBAI issue invoice')!.json;
    const answers = await Promise.all(Array.from({ length: 100 }, () => h.api('/api/jobs', { body: { workflow, document: sample('tbai-b2b.json'), wait: true } })));
    for (const a of answers) expect(a.status, a.text.slice(0, 500)).toBe(201);
    const jobs = answers.map((a) => a.json.job);
    const failures = jobs.filter((j) => j.status !== 'completed').map((j) => j.steps.find((s: any) => s.error)?.error);
    expect(failures).toEqual([]);
    expect(jobs.every((j) => j.entry.state === 'sent')).toBe(true);

    const expected = Array.from({ length: 100 }, (_, i) => `F${String(i + 1).padStart(6, '0')}`);
    const codes = jobs.map((j) => j.entry.code).sort();
    expect(codes).toEqual(expected);
    expect(new Set(codes).size).toBe(100);
    const seq = h.engine.store.sequences()[0];
    expect(seq).toMatchObject({ name: 'TicketBAI Invoice', last: 100, count: 100 });
    expect(h.engine.store.sequenceCodes(seq.key).map((c) => c.code)).toEqual(expected);

    // The proxy's chain: one link per invoice, each pointing at the one before, in number order.
    const rows = h.store
      .list({ issuer: 'A99805194', limit: 500 })
      .filter((r) => r.chainKey === 'tbai:BI:A99805194:')
      .sort((a, b) => a.chainSeq - b.chainSeq);
    expect(rows.map((r) => r.chainSeq)).toEqual(expected.map((_, i) => i + 1));
    expect(rows.map((r) => r.number)).toEqual(expected);
    expect(rows[0].signedXml).not.toContain('EncadenamientoFacturaAnterior');
    for (let i = 1; i < rows.length; i++) {
      expect(rows[i].signedXml).toContain(`<NumFacturaAnterior>${rows[i - 1].number}</NumFacturaAnterior>`);
      expect(rows[i].signedXml).toContain(`<SignatureValueFirmaFacturaAnterior>${rows[i - 1].signatureValue!.slice(0, 100)}</SignatureValueFirmaFacturaAnterior>`);
    }
    expect(rows.every((r) => r.status === 'accepted')).toBe(true);

    // The authority's register agrees: 100 invoices in order, each linked to the previous one.
    const reg = h.sandboxState.tbaiInvoices('BI', 'A99805194');
    expect(reg.map((r) => r.number)).toEqual(expected);
    for (let i = 1; i < reg.length; i++) expect(reg[i].prevSignature).toBe(reg[i - 1].signature.slice(0, 100));
    expect(h.store.tbaiHead('BI', 'A99805194')).toMatchObject({ seq: 100, number: 'F000100' });
  }, 180_000);
});
