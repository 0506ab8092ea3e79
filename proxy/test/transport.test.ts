import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gipuzkoaClient } from '../src/authorities/ticketbai-gipuzkoa.ts';
import { arabaClient } from '../src/authorities/ticketbai-araba.ts';
import { bizkaiaClient, lroeRequest } from '../src/authorities/ticketbai-bizkaia-lroe.ts';
import { siiClient } from '../src/authorities/sii.ts';
import { vnifClient } from '../src/authorities/vnif.ts';
import { TransportError } from '../src/authorities/transport.ts';
import { RemoteError } from '../src/authorities/types.ts';
import { issueCertificate } from '../src/certificates/generate.ts';
import { loadPkcs12, writePkcs12 } from '../src/certificates/pkcs12.ts';
import { signXades } from '../src/signing/xades.ts';
import { setTbaiChain } from '../src/ticketbai/document.ts';
import { compactXml } from '../src/xml/dom.ts';
import { CONV, testCredential } from './helpers.ts';
import { harness, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await harness();
});
afterAll(async () => h?.close());

const fixture = (name: string) => compactXml(readFileSync(join(CONV, 'gobl.ticketbai/test/data/out', name), 'utf8'));
const unsigned = (name: string) => fixture(name).replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, '');
/** A fresh TicketBAI document: the fixture with another number, first in its chain, signed now. */
function freshTbai(name: string, number: string, zone: 'BI' | 'SS' | 'VI'): string {
  const xml = setTbaiChain(unsigned(name).replace(/<NumFactura>[^<]*<\/NumFactura>/, `<NumFactura>${number}</NumFactura>`), undefined);
  return signXades(xml, testCredential('izenpe'), { profile: `ticketbai-${zone}`, docId: `doc-${number}`, signingTime: new Date() }).xml;
}

describe('mutual TLS against the sandbox over real sockets', () => {
  it('a client with a certificate of the test CA is served', async () => {
    const r = await gipuzkoaClient.alta(freshTbai('invoice-ss.xml', 'TLS-1', 'SS'), h.context());
    expect(r.status).toBe('accepted');
    expect(r.raw.url.startsWith('https://127.0.0.1:')).toBe(true);
  });

  it('a client certificate from another CA is refused at the TLS handshake', async () => {
    const before = h.sandboxState.requestCount();
    const other = issueCertificate({ subject: { commonName: 'intruder' } });
    const intruder = loadPkcs12(writePkcs12(other.keyPem, [other.certPem], 'x'), 'x');
    const err = await gipuzkoaClient.alta(freshTbai('invoice-ss.xml', 'TLS-2', 'SS'), { ...h.context(), credential: intruder }).catch((e) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect(['tls', 'reset']).toContain(err.code);
    expect(h.sandboxState.requestCount()).toBe(before);
    expect(h.sandboxState.tbaiInvoice('SS', 'S7836107H', 'TEST', 'TLS-2')).toBeUndefined();
  });

  it('a server certificate the client does not trust is refused by the client', async () => {
    const err = await gipuzkoaClient.alta(freshTbai('invoice-ss.xml', 'TLS-3', 'SS'), { ...h.context(), ca: [issueCertificate({ subject: { commonName: 'other CA' }, ca: true }).certPem] }).catch((e) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect(err.code).toBe('tls');
  });
});

describe('each client against its sandbox service', () => {
  it('Araba alta then cancel', async () => {
    const r = await arabaClient.alta(freshTbai('invoice-vi.xml', 'VI-1', 'VI'), h.context());
    expect(r.status).toBe('accepted');
    expect(r.reference).toMatch(/^TBAI-S7836107H-/);
    const cancel =
      '<T:AnulaTicketBai xmlns:T="urn:ticketbai:anulacion"><Cabecera><IDVersionTBAI>1.2</IDVersionTBAI></Cabecera><IDFactura><Emisor><NIF>S7836107H</NIF>' +
      '<ApellidosNombreRazonSocial>IZENPE</ApellidosNombreRazonSocial></Emisor><CabeceraFactura><SerieFactura>TEST</SerieFactura><NumFactura>VI-1</NumFactura>' +
      '<FechaExpedicionFactura>01-02-2022</FechaExpedicionFactura></CabeceraFactura></IDFactura><HuellaTBAI><Software><LicenciaTBAI>X</LicenciaTBAI>' +
      '<EntidadDesarrolladora><NIF>A99800005</NIF></EntidadDesarrolladora><Nombre>S</Nombre><Version>1.0</Version></Software></HuellaTBAI></T:AnulaTicketBai>';
    const signed = signXades(cancel, testCredential('izenpe'), { profile: 'ticketbai-VI', docId: 'cancel-vi-1', signingTime: new Date() }).xml;
    const c = await arabaClient.cancel(signed, h.context());
    expect(c.status, JSON.stringify(c.codes)).toBe('accepted');
    const again = await arabaClient.cancel(signed, h.context());
    expect(again.status).toBe('rejected');
    expect(again.codes[0].code).toBe('019');
    expect(again.raw.response).toContain('urn:ticketbai:anulacion');
  });

  it('Bizkaia LROE modelo 240: gzip + n3 headers both ways', async () => {
    const doc = freshTbai('sample-invoice2.xml', 'LROE-1', 'BI');
    const r = await bizkaiaClient.submit({ operation: 'alta', issuer: { nif: 'S7836107H', name: 'IZENPE' }, year: '2022', documents: [doc] }, h.context());
    expect(r.status).toBe('accepted');
    expect(r.raw.requestHeaders['content-encoding']).toBe('gzip');
    expect(JSON.parse(r.raw.requestHeaders['eus-bizkaia-n3-data'])).toEqual({ con: 'LROE', apa: '1.1', inte: { nif: 'S7836107H', nrs: 'IZENPE' }, drs: { mode: '240', ejer: '2022' } });
    expect(r.raw.responseHeaders['eus-bizkaia-n3-tipo-respuesta']).toBe('Correcto');
    expect(r.reference).toBeTruthy();
    expect(r.raw.response).toContain('LROEPJ240FacturasEmitidasConSGAltaRespuesta');
    expect(r.raw.request).toContain(Buffer.from(doc).toString('base64').slice(0, 100));
  });

  it('Bizkaia LROE modelo 140 for a natural person (with Epígrafe)', async () => {
    const doc = signXades(setTbaiChain(unsigned('invoice-bi-pf-modelo140.xml'), undefined), testCredential('izenpePerson'), { profile: 'ticketbai-BI', docId: 'pf-1', signingTime: new Date() }).xml;
    const { model, xml } = lroeRequest({ operation: 'alta', issuer: { nif: '12345678Z', name: 'PF', activity: '197330' }, year: '2022', documents: [doc] });
    expect(model).toBe('140');
    expect(xml).toContain('<Epigrafe>197330</Epigrafe>');
    const r = await bizkaiaClient.submit({ operation: 'alta', issuer: { nif: '12345678Z', name: 'PF', activity: '197330' }, year: '2022', documents: [doc] }, h.context());
    expect(r.status, JSON.stringify(r.codes)).toBe('accepted');
    expect(r.raw.response).toContain('LROEPF140IngresosConFacturaConSGAltaRespuesta');
  });

  it('SII issued invoices (SOAP), duplicate answered with 3000 + RegistroDuplicado', async () => {
    // The sample uses AEAT's illustrative NIF A84532501, whose check digit is wrong: use a valid one.
    const valid = (s: string) => s.replaceAll('A84532501', 'B00000034');
    const body = valid(readFileSync(join(CONV, 'derived-samples/sii-1.1/alta_factura_emitida.xml'), 'utf8'));
    const r = await siiClient.submit('issued', body, h.context());
    expect(r.status, JSON.stringify(r.codes)).not.toBe('rejected');
    expect(r.reference).toMatch(/^A-/);
    const again = await siiClient.submit('issued', body, h.context());
    expect(again.status).toBe('rejected');
    expect(again.duplicate).toBe(true);
    expect(again.codes[0].code).toBe('3000');
    const baja = await siiClient.submit('issued', valid(readFileSync(join(CONV, 'derived-samples/sii-1.1/baja_factura_emitida.xml'), 'utf8')), h.context());
    expect(baja.raw.response).toContain('RespuestaLRBajaFacturasEmitidas');
  });

  it('VNifV2 lookup', async () => {
    const r = await vnifClient.lookup([{ nif: '99999999R', name: 'ESPAÑOL ESPAÑOL JUAN' }], h.context());
    expect(r.entries[0]).toMatchObject({ nif: '99999999R', code: 'IDENTIFICADO' });
  });
});

describe('fault injection', () => {
  const doc = () => freshTbai('invoice-ss.xml', `F-${Math.random().toString(36).slice(2, 8)}`, 'SS');
  it('connection reset → TransportError reset, nothing registered', async () => {
    const n = h.sandboxState.tbaiInvoices('SS', 'S7836107H').length;
    h.faults.push({ kind: 'reset' });
    const e = await gipuzkoaClient.alta(doc(), h.context()).catch((x) => x);
    expect(e).toBeInstanceOf(TransportError);
    expect(e.code).toBe('reset');
    expect(h.sandboxState.tbaiInvoices('SS', 'S7836107H').length).toBe(n);
  });
  it('reset after processing → TransportError, but the record is registered', async () => {
    const n = h.sandboxState.tbaiInvoices('SS', 'S7836107H').length;
    h.faults.push({ kind: 'reset-after' });
    const e = await gipuzkoaClient.alta(doc(), h.context()).catch((x) => x);
    expect(e).toBeInstanceOf(TransportError);
    expect(h.sandboxState.tbaiInvoices('SS', 'S7836107H').length).toBe(n + 1);
  });
  it('5xx HTML page → RemoteError', async () => {
    h.faults.push({ kind: 'status', status: 502 });
    const e = await gipuzkoaClient.alta(doc(), h.context()).catch((x) => x);
    expect(e).toBeInstanceOf(RemoteError);
    expect(e.raw.httpStatus).toBe(502);
  });
  it('malformed answer → RemoteError', async () => {
    h.faults.push({ kind: 'malformed' });
    expect(await gipuzkoaClient.alta(doc(), h.context()).catch((x) => x)).toBeInstanceOf(RemoteError);
  });
  it('delay beyond the client timeout → TransportError timeout', async () => {
    h.faults.push({ kind: 'delay', ms: 1500 });
    const e = await gipuzkoaClient.alta(doc(), { ...h.context(), timeoutMs: 300 }).catch((x) => x);
    expect(e).toBeInstanceOf(TransportError);
    expect(e.code).toBe('timeout');
  });
  it('a delay within the timeout only slows the answer', async () => {
    h.faults.push({ kind: 'delay', ms: 200 });
    const t0 = Date.now();
    const r = await gipuzkoaClient.alta(doc(), h.context());
    // Accepted; with warning 010 because this document starts a new chain after earlier ones.
    expect(r.status).toMatch(/^accepted/);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(190);
  });
});
