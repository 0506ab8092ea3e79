/** POST /api/responses/explain on the public sample answers of each authority. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainAnswer as explainOrNot, type Explanation } from '../src/explain.ts';
import { harness, type Harness } from './harness.ts';
import { CONV } from './helpers.ts';

const read = (p: string) => readFileSync(join(CONV, p), 'utf8');
const explainAnswer = (xml: string): Explanation => {
  const e = explainOrNot(xml);
  if (!e.recognised) throw new Error(e.message);
  return e;
};
let h: Harness;
beforeAll(async () => {
  h = await harness();
});
afterAll(async () => h?.close());

describe('explaining an answer', () => {
  it('TicketBAI REST, received with warnings: accepted with errors, every code', () => {
    const e = explainAnswer(read('OCA-l10n-spain/ticketbai-responses/response_with_multiple_errors.xml'));
    expect(e).toMatchObject({ kind: 'TicketBAI Gipuzkoa/Araba alta answer', status: 'accepted_with_errors', reference: 'TBAI-99999990S-091120-Wu+nw9bvO4Yqt-142' });
    expect(e.codes.map((c) => [c.code, c.severity])).toEqual([['008', 'warning'], ['010', 'warning'], ['012', 'warning']]);
  });

  it('TicketBAI REST duplicate (005) and a cancellation refused (019)', () => {
    expect(explainAnswer(read('OCA-l10n-spain/ticketbai-responses/response_with_error_code_005.xml'))).toMatchObject({ status: 'rejected', duplicate: true, codes: [{ code: '005' }] });
    const cancel = explainAnswer(read('derived-samples/ticketbai-gipuzkoa-araba/anula-rechazado-019.xml'));
    expect(cancel).toMatchObject({ kind: 'TicketBAI Gipuzkoa/Araba cancellation answer', status: 'rejected', duplicate: true });
  });

  it('Bizkaia LROE bodies: the state comes from the records', () => {
    const bad = explainAnswer(read('OCA-l10n-spain/batuz-lroe-responses/Ejemplo_1_LROE_PJ_240_FacturasEmitidasConSG_B00000034_Incorrecta_Resp.xml'));
    expect(bad.kind).toBe('Bizkaia LROE answer (LROEPJ240FacturasEmitidasConSGAltaRespuesta)');
    expect(bad.status).toBe('rejected');
    expect(bad.records[0]).toMatchObject({ id: 'B2022/0100', status: 'rejected', duplicate: true, codes: [{ code: 'B4_2000003', message: 'Registro duplicado.' }] });
    const partly = explainAnswer(read('OCA-l10n-spain/batuz-lroe-responses/Ejemplo_1_LROE_PJ_240_FacturasEmitidasConSG_B00000034_Parc_Correcta_Resp.xml'));
    expect(partly.status).toBe('accepted_with_errors');
    expect(explainAnswer(read('OCA-l10n-spain/batuz-lroe-responses/Ejemplo_1_LROE_PJ_240_FacturasEmitidasConSG_B00000034_Correcta_Resp.xml')).status).toBe('accepted');
  });

  it('VERI*FACTU: a record that does not exist (3002), a correct batch, a server fault', () => {
    const e = explainAnswer(read('Verifactu-PHP/extracted-responses/incorrect-response.xml'));
    expect(e).toMatchObject({ authority: 'verifactu', status: 'rejected', waitSeconds: 60, records: [{ id: 'NO-EXISTE', codes: [{ code: '3002', message: 'No existe el registro de facturación.' }] }] });
    expect(explainAnswer(read('Verifactu-PHP/extracted-responses/correct-response.xml'))).toMatchObject({ status: 'accepted', reference: expect.any(String) });
    const fault = explainAnswer(read('Verifactu-PHP/extracted-responses/soap-fault.xml'));
    expect(fault.kind).toBe('AEAT SOAP fault (server side: send again later)');
    expect(fault.codes[0]).toMatchObject({ code: '20009' });
  });

  it('SII: partly correct, with the duplicate line', () => {
    const e = explainAnswer(read('derived-samples/sii-1.1/respuesta_emitidas_parcialmente_correcto.xml'));
    expect(e.kind).toMatch(/^SII answer/);
    expect(e.status).toBe('accepted_with_errors');
    expect(e.records.some((r) => r.duplicate && r.codes[0]?.code === '3000')).toBe(true);
  });

  it('through the API; what is not an answer is said so (a 200: the request itself was fine)', async () => {
    const ok = await h.api('/api/responses/explain', { body: { xml: read('Verifactu-PHP/extracted-responses/incorrect-response.xml') } });
    expect(ok.status).toBe(200);
    expect(ok.json.codes[0].code).toBe('3002');
    expect(ok.json).not.toHaveProperty('raw');
    for (const [xml, message] of [
      ['<a', /not well-formed XML/],
      ['<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>', /<Invoice> is not a TicketBAI, LROE, SII or VERI\*FACTU answer/],
      ['<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body/></soapenv:Envelope>', /without a Body/],
    ] as const) {
      const r = await h.api('/api/responses/explain', { body: { xml } });
      expect(r.status, xml).toBe(200);
      expect(r.json.recognised).toBe(false);
      expect(r.json.message).toMatch(message);
    }
    const empty = await h.api('/api/responses/explain', { body: { xml: '' } });
    expect(empty.status).toBe(400);
  });
});
