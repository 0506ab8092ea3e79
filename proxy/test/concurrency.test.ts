import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harness, tbaiEnvelope, verifactuEnvelope, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await harness();
});
afterAll(async () => h?.close());

describe('50 concurrent submissions for one issuer', () => {
  it('TicketBAI Bizkaia: all accepted, one linear chain, no duplicates', async () => {
    const codes = Array.from({ length: 50 }, (_, i) => `C${String(i).padStart(3, '0')}`);
    const answers = await Promise.all(codes.map((code) => h.api('/api/submissions', { body: { system: 'ticketbai', zone: 'BI', envelope: tbaiEnvelope(code) }, headers: { 'idempotency-key': `conc-${code}` } })));
    for (const a of answers) expect(a.status, JSON.stringify(a.json)).toBe(201);
    expect(answers.map((a) => a.json.submission.status)).toEqual(codes.map(() => 'accepted'));

    // The proxy's chain: positions 1..50, each document chained to the one before it.
    const rows = h.store.list({ issuer: 'S7836107H', limit: 500 }).filter((r) => r.chainKey === 'tbai:BI:S7836107H:').sort((a, b) => a.chainSeq - b.chainSeq);
    expect(rows.map((r) => r.chainSeq)).toEqual(codes.map((_, i) => i + 1));
    for (let i = 1; i < rows.length; i++) {
      const prev = rows[i - 1];
      expect(rows[i].signedXml).toContain(`<NumFacturaAnterior>${prev.number}</NumFacturaAnterior>`);
      expect(rows[i].signedXml).toContain(`<SignatureValueFirmaFacturaAnterior>${prev.signatureValue!.slice(0, 100)}</SignatureValueFirmaFacturaAnterior>`);
    }
    expect(rows[0].signedXml).not.toContain('EncadenamientoFacturaAnterior');
    expect(new Set(rows.map((r) => r.number)).size).toBe(50);

    // The authority's register agrees: 50 invoices, each linking to the previous one received.
    const reg = h.sandboxState.tbaiInvoices('BI', 'S7836107H');
    expect(reg.length).toBe(50);
    for (let i = 1; i < reg.length; i++) expect(reg[i].prevSignature).toBe(reg[i - 1].signature.slice(0, 100));
    const head = h.store.tbaiHead('BI', 'S7836107H');
    expect(head?.seq).toBe(50);
    expect(head?.signature).toBe(reg[49].signature.slice(0, 100));
  });

  it('VERI*FACTU: 50 concurrent records, one huella chain', async () => {
    const codes = Array.from({ length: 50 }, (_, i) => `V${String(i).padStart(3, '0')}`);
    const answers = await Promise.all(codes.map((code) => h.api('/api/submissions', { body: { system: 'verifactu', envelope: verifactuEnvelope(code) } })));
    for (const a of answers) expect(a.status, JSON.stringify(a.json)).toBe(201);
    expect(answers.every((a) => a.json.submission.status === 'accepted')).toBe(true);
    const issuer = answers[0].json.submission.issuer;
    const rows = h.store.list({ authority: 'verifactu', limit: 500 }).sort((a, b) => a.chainSeq - b.chainSeq);
    expect(rows.length).toBe(50);
    for (let i = 1; i < rows.length; i++) {
      expect(rows[i].signedXml).toContain(`<sum1:Huella>${rows[i - 1].stamps['verifactu-huella']}</sum1:Huella>`);
    }
    expect(h.sandboxState.aeatCount('verifactu', issuer)).toBe(50);
    expect(h.store.verifactuHead(issuer)?.huella).toBe(rows[49].stamps['verifactu-huella']);
  });
});
