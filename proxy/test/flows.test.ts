/** End-to-end flows through the API for each system (alta, cancellation), against the sandbox. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { siiClient } from '../src/authorities/sii.ts';
import { CONV } from './helpers.ts';
import { harness, tbaiEnvelope, verifactuEnvelope, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await harness();
});
afterAll(async () => h?.close());

describe.each([
  ['SS', 'invoice-ss', 'tbai-gipuzkoa'],
  ['VI', 'invoice-vi', 'tbai-araba'],
  ['BI', 'sample-invoice2', 'tbai-bizkaia'],
] as const)('TicketBAI %s', (zone, fixture, authority) => {
  it('alta, a chained second alta, cancellation of the first', async () => {
    const first = tbaiEnvelope(`${zone}-FLOW-1`, fixture);
    const a = await h.api('/api/submissions', { body: { system: 'ticketbai', zone, envelope: first } });
    expect(a.status, a.text).toBe(201);
    expect(a.json.submission).toMatchObject({ authority, status: 'accepted' });
    const b = await h.api('/api/submissions', { body: { system: 'ticketbai', zone, envelope: tbaiEnvelope(`${zone}-FLOW-2`, fixture) } });
    expect(b.json.submission.status).toBe('accepted');
    expect(b.json.submission.signedXml).toContain(`<NumFacturaAnterior>${zone}-FLOW-1</NumFacturaAnterior>`);
    const c = await h.api('/api/cancellations', { body: { system: 'ticketbai', zone, envelope: first, options: { tbaiCode: a.json.submission.stamps['tbai-code'] } } });
    expect(c.status, c.text).toBe(201);
    expect(c.json.submission).toMatchObject({ status: 'accepted', format: 'ticketbai-cancel' });
    expect(c.json.submission.signedXml).toContain('urn:ticketbai:anulacion');
    // Cancellations are not chained: the chain head is still the second alta.
    expect(h.store.tbaiHead(zone, 'S7836107H')?.number).toBe(`${zone}-FLOW-2`);
  });
});

describe('VERI*FACTU', () => {
  it('alta then anulación, both in the huella chain', async () => {
    const env = verifactuEnvelope('FLOW-1');
    const a = await h.api('/api/submissions', { body: { system: 'verifactu', envelope: env } });
    expect(a.json.submission.status).toBe('accepted');
    const c = await h.api('/api/cancellations', { body: { system: 'verifactu', envelope: env } });
    expect(c.status, c.text).toBe(201);
    expect(c.json.submission.status).toBe('accepted');
    expect(c.json.submission.signedXml).toContain('sum1:RegistroAnulacion');
    expect(c.json.submission.signedXml).toContain(`<sum1:Huella>${a.json.submission.stamps['verifactu-huella']}</sum1:Huella>`);
    const again = await h.api('/api/cancellations', { body: { system: 'verifactu', envelope: verifactuEnvelope('NEVER-SENT') } });
    expect(again.json.submission.status).toBe('rejected');
    expect(again.json.submission.result.codes[0].code).toBe('3002');
  });
});

describe('SII', () => {
  const valid = (s: string) => s.replaceAll('A84532501', 'B00000034');
  it('issued invoices as XML through the API', async () => {
    const xml = valid(readFileSync(join(CONV, 'derived-samples/sii-1.1/alta_factura_emitida.xml'), 'utf8'));
    const r = await h.api('/api/submissions', { body: { system: 'sii', xml } });
    expect(r.status, r.text).toBe(201);
    expect(r.json.submission.status).toMatch(/^accepted/);
    expect(r.json.submission.raw.response).toContain('RespuestaLRFacturasEmitidas');
  });
  it('received invoices book', async () => {
    const xml = valid(readFileSync(join(CONV, 'derived-samples/sii-1.1/alta_factura_recibida.xml'), 'utf8'));
    const r = await siiClient.submit('received', xml, h.context());
    expect(r.raw.response).toContain('RespuestaLRFacturasRecibidas');
    expect(r.status, JSON.stringify(r.codes)).not.toBe('rejected');
  });
});
