import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAeatResponse, parseLroeResponse, parseTbaiRestResponse, parseVnifResponse, splitAeatFault } from '../src/authorities/parse-response.ts';
import { RemoteError, type RawExchange } from '../src/authorities/types.ts';
import { CONV } from './helpers.ts';

const raw = (response: string, responseHeaders: Record<string, string> = {}, httpStatus = 200): RawExchange => ({ url: 'https://x/', requestHeaders: {}, request: '', responseHeaders, response, httpStatus });
const read = (p: string) => readFileSync(join(CONV, p), 'utf8');

describe('TicketBAI Gipuzkoa/Araba responses (OCA samples, derived cancel samples)', () => {
  it('valid response', () => {
    const r = parseTbaiRestResponse('tbai-gipuzkoa', 'alta', raw(read('OCA-l10n-spain/ticketbai-responses/valid_response.xml')));
    expect(r.status).toMatch(/^accepted/);
  });
  it('005 already registered → rejected, duplicate', () => {
    const r = parseTbaiRestResponse('tbai-gipuzkoa', 'alta', raw(read('OCA-l10n-spain/ticketbai-responses/response_with_error_code_005.xml')));
    expect(r).toMatchObject({ status: 'rejected', duplicate: true });
    expect(r.codes[0].code).toBe('005');
  });
  it('Estado 00 with warnings 008/010/012 → accepted with errors, CSV kept', () => {
    const r = parseTbaiRestResponse('tbai-araba', 'alta', raw(read('OCA-l10n-spain/ticketbai-responses/response_with_multiple_errors.xml')));
    expect(r.status).toBe('accepted_with_errors');
    expect(r.codes.map((c) => c.code)).toEqual(['008', '010', '012']);
    expect(r.codes.every((c) => c.severity === 'warning')).toBe(true);
    expect(r.reference).toBe('TBAI-99999990S-091120-Wu+nw9bvO4Yqt-142');
  });
  it('cancel 019 (anulacion namespace, no Azalpena)', () => {
    const r = parseTbaiRestResponse('tbai-gipuzkoa', 'cancel', raw(read('derived-samples/ticketbai-gipuzkoa-araba/anula-rechazado-019.xml')));
    expect(r).toMatchObject({ status: 'rejected', duplicate: true });
    expect(r.codes[0]).toMatchObject({ code: '019', message: 'El fichero de alta ya ha sido anulado previamente' });
  });
  it('HTML error page → RemoteError', () => {
    expect(() => parseTbaiRestResponse('tbai-gipuzkoa', 'alta', raw('<html><body>503</body></html>', {}, 503))).toThrow(RemoteError);
  });
});

describe('Bizkaia LROE responses (official Batuz examples)', () => {
  const dir = 'OCA-l10n-spain/batuz-lroe-responses/';
  it('PJ 240 correct', () => {
    const r = parseLroeResponse(raw(read(`${dir}Ejemplo_1_LROE_PJ_240_FacturasEmitidasConSG_B00000034_Correcta_Resp.xml`), { 'eus-bizkaia-n3-tipo-respuesta': 'Correcto', 'eus-bizkaia-n3-identificativo': 'ID1' }));
    expect(r.status).toBe('accepted');
    expect(r.reference).toBe('ID1');
    expect(r.records.length).toBeGreaterThan(0);
  });
  it('PJ 240 incorrect: B4_2000003 duplicates', () => {
    const r = parseLroeResponse(raw(read(`${dir}Ejemplo_1_LROE_PJ_240_FacturasEmitidasConSG_B00000034_Incorrecta_Resp.xml`), { 'eus-bizkaia-n3-tipo-respuesta': 'Incorrecto', 'eus-bizkaia-n3-codigo-respuesta': 'B4_1000002' }));
    expect(r.status).toBe('rejected');
    expect(r.duplicate).toBe(true);
    expect(r.records.map((x) => x.id)).toEqual(['B2022/0100', 'B2022/0101']);
    expect(r.codes.map((c) => c.code)).toContain('B4_2000003');
  });
  it('PF 140 partially correct', () => {
    const r = parseLroeResponse(raw(read(`${dir}Ejemplo_1_LROE_PF_140_IngresosConFacturaConSG_79732487C_Parc_Correcta_Resp.xml`), { 'eus-bizkaia-n3-tipo-respuesta': 'ParcialmenteCorrecto' }));
    expect(r.status).toBe('accepted_with_errors');
  });
  it('no n3 headers → RemoteError', () => {
    expect(() => parseLroeResponse(raw('', {}, 500))).toThrow(RemoteError);
  });
});

describe('AEAT responses', () => {
  it('VERI*FACTU correct (Verifactu-PHP sample)', () => {
    const r = parseAeatResponse('verifactu', 'verifactu', raw(read('Verifactu-PHP/extracted-responses/correct-response.xml')));
    expect(r).toMatchObject({ status: 'accepted', reference: 'A-86U4KHPACUMVZE', waitSeconds: 60 });
    expect(r.records.map((x) => x.id)).toEqual(['TEST-202510-123', 'TEST-202510-124', 'TEST-202510-120']);
  });
  it('VERI*FACTU incorrect 3002', () => {
    const r = parseAeatResponse('verifactu', 'verifactu', raw(read('Verifactu-PHP/extracted-responses/incorrect-response.xml')));
    expect(r.status).toBe('rejected');
    expect(r.codes[0].code).toBe('3002');
  });
  it('server fault → RemoteError (retryable) with its code', () => {
    try {
      parseAeatResponse('verifactu', 'verifactu', raw(read('Verifactu-PHP/extracted-responses/soap-fault.xml'), {}, 500));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RemoteError);
      expect((e as RemoteError).code).toBe('20009');
    }
  });
  it('SII partially correct with a 3000 duplicate', () => {
    const r = parseAeatResponse('sii', 'sii-issued', raw(read('derived-samples/sii-1.1/respuesta_emitidas_parcialmente_correcto.xml')));
    expect(r.status).toBe('accepted_with_errors');
    expect(r.records[1]).toMatchObject({ id: '02', status: 'rejected', duplicate: true });
    expect(r.reference).toBe('A-ABCDEFGHIJKLMN');
  });
  it('fault strings', () => {
    expect(splitAeatFault('Codigo[4102].El XML no cumple el esquema')).toEqual({ code: '4102', message: 'El XML no cumple el esquema' });
  });
});

describe('VNifV2 responses (derived samples)', () => {
  const cases: [string, string][] = [
    ['response-identificado.xml', 'IDENTIFICADO'],
    ['response-no-identificado.xml', 'NO_IDENTIFICADO'],
    ['response-no-identificado-similar.xml', 'NO_IDENTIFICADO_SIMILAR'],
    ['response-identificado-baja.xml', 'IDENTIFICADO_BAJA'],
    ['response-identificado-revocado.xml', 'IDENTIFICADO_REVOCADO'],
    ['response-no-procesado.xml', 'NO_PROCESADO'],
  ];
  it.each(cases)('%s', (file, code) => {
    const r = parseVnifResponse(raw(read(`derived-samples/vnif/${file}`)));
    expect(r.entries[0].code).toBe(code);
  });
  it('client fault', () => {
    const r = parseVnifResponse(raw(read('derived-samples/vnif/fault-client.xml'), {}, 500));
    expect(r.fault).toMatchObject({ code: '103' });
  });
  it('a bare & in a name does not break the parser', () => {
    const r = parseVnifResponse(raw(read('derived-samples/vnif/response-identificado.xml').replace(/<VNifV2Sal:Nombre>[^<]*</, '<VNifV2Sal:Nombre>SMITH & SONS<')));
    expect(r.entries[0].name).toBe('SMITH & SONS');
  });
});
