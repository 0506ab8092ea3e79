/** End-to-end flows through the API for each system (alta, cancellation), against the sandbox. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { siiClient } from '../src/authorities/sii.ts';
import { resendKind } from '../src/service/submissions.ts';
import type { SubmissionRow } from '../src/store/sqlite.ts';
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

describe('VERI*FACTU: sending an invoice again', () => {
  const withCustomerNif = (code: string, nif: string) => {
    const env = verifactuEnvelope(code);
    env.doc.customer.tax_id.code = nif;
    return env;
  };
  const submit = (env: unknown) => h.api('/api/submissions', { body: { system: 'verifactu', envelope: env } });
  const flag = (xml: string, name: string) => new RegExp(`<sum1:${name}>([^<]*)</sum1:${name}>`).exec(xml)?.[1];

  it('after a rejection: Subsanacion S with RechazoPrevio X, accepted; then a correction of the accepted record: Subsanacion S', async () => {
    const rejected = await submit(withCustomerNif('RESEND-1', 'B63272604'));
    expect(rejected.json.submission.status).toBe('rejected');
    expect(rejected.json.submission.result.codes[0].code).toBe('1104');
    expect(flag(rejected.json.submission.signedXml, 'Subsanacion')).toBeUndefined();

    const afterRejection = await submit(withCustomerNif('RESEND-1', 'B63272603'));
    expect(afterRejection.status, afterRejection.text).toBe(201);
    expect(afterRejection.json.submission.status).toBe('accepted');
    expect([flag(afterRejection.json.submission.signedXml, 'Subsanacion'), flag(afterRejection.json.submission.signedXml, 'RechazoPrevio')]).toEqual(['S', 'X']);
    expect(afterRejection.json.submission.resend).toBe('after-rejection');

    const corrected = withCustomerNif('RESEND-1', 'B63272603');
    corrected.doc.notes = [{ key: 'general', text: 'Servicios de consultoría (descripción corregida)' }];
    const amendment = await submit(corrected);
    expect(amendment.json.submission.status).toBe('accepted');
    expect([flag(amendment.json.submission.signedXml, 'Subsanacion'), flag(amendment.json.submission.signedXml, 'RechazoPrevio')]).toEqual(['S', undefined]);
    expect(amendment.json.submission.resend).toBe('amendment');
    // Every record, the corrections too, is a link of the huella chain.
    expect(amendment.json.submission.signedXml).toContain(`<sum1:Huella>${afterRejection.json.submission.stamps['verifactu-huella']}</sum1:Huella>`);
  });

  it('after a cancellation the alta is sent plain, and the AEAT answers that it holds the record, cancelled (3000)', async () => {
    const env = verifactuEnvelope('RESEND-2');
    expect((await submit(env)).json.submission.status).toBe('accepted');
    const c = await h.api('/api/cancellations', { body: { system: 'verifactu', envelope: env } });
    expect(c.json.submission.status).toBe('accepted');
    const again = await submit(env);
    expect(flag(again.json.submission.signedXml, 'Subsanacion')).toBeUndefined();
    expect(again.json.submission.status).toBe('rejected');
    expect(again.json.submission.result.codes[0].code).toBe('3000');
    expect(again.json.submission.raw.response).toContain('<tik:EstadoRegistroDuplicado>Anulada</tik:EstadoRegistroDuplicado>');
  });

  it('an invoice whose earlier attempt is still out is refused until that one is answered', () => {
    const row = (status: string, operation = 'alta') => ({ id: `s-${status}`, status, operation }) as unknown as SubmissionRow;
    expect(() => resendKind([row('pending')])).toThrow(/still waiting for the AEAT's answer/);
    expect(resendKind([row('rejected'), row('accepted_with_errors')])).toBe('amendment');
    expect(resendKind([row('rejected'), row('rejected')])).toBe('after-rejection');
    expect(resendKind([row('accepted', 'cancel'), row('accepted')])).toBeUndefined();
    expect(resendKind([])).toBeUndefined();
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
