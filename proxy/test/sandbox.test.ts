import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gipuzkoaClient } from '../src/authorities/ticketbai-gipuzkoa.ts';
import { bizkaiaClient } from '../src/authorities/ticketbai-bizkaia-lroe.ts';
import { verifactuClient } from '../src/authorities/verifactu.ts';
import { signXades } from '../src/signing/xades.ts';
import { readTbai, setTbaiChain, type TbaiChainLink } from '../src/ticketbai/document.ts';
import { compactXml } from '../src/xml/dom.ts';
import type { ProfileKey } from '../src/signing/profiles.ts';
import { CONV, testCredential } from './helpers.ts';
import { harness, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await harness();
});
afterAll(async () => h?.close());

const base = (name: string) => compactXml(readFileSync(join(CONV, 'gobl.ticketbai/test/data/out', name), 'utf8')).replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, '');
let n = 0;
function doc(zone: 'BI' | 'SS', o: { number?: string; prev?: TbaiChainLink; edit?: (x: string) => string; profile?: ProfileKey } = {}) {
  const number = o.number ?? `CHK-${++n}`;
  let xml = setTbaiChain(base(zone === 'BI' ? 'sample-invoice2.xml' : 'invoice-ss.xml').replace(/<NumFactura>[^<]*</, `<NumFactura>${number}<`), o.prev);
  if (o.edit) xml = o.edit(xml);
  return signXades(xml, testCredential('izenpe'), { profile: o.profile ?? `ticketbai-${zone}`, docId: `d-${number}`, signingTime: new Date() }).xml;
}
const link = (signed: string): TbaiChainLink => {
  const f = readTbai(signed);
  return { series: f.series, number: f.number, issueDate: f.issueDate, signature: f.signatureValue!.slice(0, 100) };
};
const ss = (xml: string) => gipuzkoaClient.alta(xml, h.context());
const bi = (xml: string) => bizkaiaClient.submit({ operation: 'alta', issuer: { nif: 'S7836107H', name: 'IZENPE' }, year: '2022', documents: [xml] }, h.context());
const codes = (r: { codes: readonly { code: string }[] }) => r.codes.map((c) => c.code);

describe('the sandbox checks what the authorities check', () => {
  it('a good chain of three is accepted without remarks', async () => {
    const a = doc('BI');
    expect((await bi(a)).status).toBe('accepted');
    const b = doc('BI', { prev: link(a) });
    expect((await bi(b)).status).toBe('accepted');
    expect((await bi(doc('BI', { prev: link(b) }))).status).toBe('accepted');
  });

  it('broken XML: Gipuzkoa 002', async () => {
    const r = await ss('<T:TicketBai xmlns:T="urn:ticketbai:emision"><Cabecera>');
    expect(r.status).toBe('rejected');
    expect(codes(r)).toEqual(['002']);
  });

  it('schema: a missing mandatory element is 002', async () => {
    const r = await ss(doc('SS', { edit: (x) => x.replace(/<DescripcionFactura>[^<]*<\/DescripcionFactura>/, '') }));
    expect(r.status).toBe('rejected');
    expect(codes(r)).toEqual(['002']);
    expect(r.codes[0].message).toMatch(/DescripcionFactura|Element/);
  });

  it('tampered signed document: 008 (Gipuzkoa) / B4_2000001 (Bizkaia)', async () => {
    const tamper = (x: string) => x.replace('<ImporteTotalFactura>', '<ImporteTotalFactura>1');
    const r = await ss(tamper(doc('SS')));
    expect(r.status).toBe('rejected');
    expect(codes(r)).toEqual(['008']);
    const b = await bi(tamper(doc('BI')));
    expect(b.status).toBe('rejected');
    expect(codes(b)).toContain('B4_2000001');
  });

  it('signature policy of another province: Bizkaia refuses (B4_2000070), Gipuzkoa warns (008)', async () => {
    const b = await bi(doc('BI', { profile: 'ticketbai-SS' }));
    expect(codes(b)).toContain('B4_2000070');
    expect(b.status).toBe('rejected');
    const s = await ss(doc('SS', { profile: 'facturae' }));
    expect(s.status).toBe('accepted_with_errors');
    expect(codes(s)).toContain('008');
  });

  it('NIF check digits: recipient 014', async () => {
    const r = await ss(doc('SS', { edit: (x) => x.replace('<NIF>54387763P</NIF>', '<NIF>54387763A</NIF>') }));
    expect(r.status).toBe('rejected');
    expect(codes(r)).toContain('014');
  });

  it('dates: an issue date in the future is refused', async () => {
    const r = await ss(doc('SS', { edit: (x) => x.replace(/<FechaExpedicionFactura>[^<]*</, '<FechaExpedicionFactura>01-01-2099<') }));
    expect(r.status).toBe('rejected');
    expect(codes(r)).toContain('011');
  });

  it('duplicate numbers: 005 / B4_2000003', async () => {
    const s1 = doc('SS', { number: 'DUP-1' });
    expect((await ss(s1)).status).toMatch(/^accepted/);
    const again = await ss(doc('SS', { number: 'DUP-1', prev: link(s1) }));
    expect(again).toMatchObject({ status: 'rejected', duplicate: true });
    expect(codes(again)).toEqual(['005']);
  });

  it('chain continuity: Bizkaia refuses a broken link (B4_2000060), Gipuzkoa warns (010)', async () => {
    const wrong: TbaiChainLink = { series: 'X', number: '1', issueDate: '01-01-2022', signature: 'A'.repeat(100) };
    const b = await bi(doc('BI', { prev: wrong }));
    expect(b.status).toBe('rejected');
    expect(codes(b)).toContain('B4_2000060');
    const s = await ss(doc('SS', { prev: wrong }));
    expect(s.status).toBe('accepted_with_errors');
    expect(codes(s)).toContain('010');
  });

  it('two documents sent at once claiming the same chain position: Bizkaia registers exactly one', async () => {
    const last = h.sandboxState.tbaiHead('BI', 'S7836107H');
    const head = doc('BI', { prev: last ? { series: last.series, number: last.number, issueDate: last.issueDate, signature: last.signature } : undefined });
    expect((await bi(head)).status).toBe('accepted');
    const [x, y] = await Promise.all([bi(doc('BI', { prev: link(head) })), bi(doc('BI', { prev: link(head) }))]);
    expect([x.status, y.status].sort()).toEqual(['accepted', 'rejected']);
    expect(codes(x.status === 'rejected' ? x : y)).toContain('B4_2000060');
  });

  it('LROE: modelo 240 for a natural person is B4_1000006; a non-gzip body B4_1000003', async () => {
    const wrongModel = await bizkaiaClient.submit({ operation: 'alta', issuer: { nif: '12345678Z', name: 'PF', activity: '1' }, year: '2022', documents: [doc('BI')] }, h.context());
    expect(codes(wrongModel)).toEqual(expect.arrayContaining([expect.stringMatching(/^B4_/)]));
    const { post } = await import('../src/authorities/transport.ts');
    const res = await post({
      url: `${h.sandbox.origin}/N3B4000M/aurkezpena`,
      headers: { 'eus-bizkaia-n3-version': '1.0', 'eus-bizkaia-n3-data': JSON.stringify({ con: 'LROE', apa: '1.1', inte: { nif: 'S7836107H', nrs: 'X' }, drs: { mode: '240', ejer: '2022' } }) },
      body: Buffer.from('not gzip'),
      credential: h.tlsCredential,
      ca: [h.testCa.ca.certPem],
      replaceCa: true,
    });
    expect(res.headers['eus-bizkaia-n3-codigo-respuesta']).toBe('B4_1000003');
  });

  it('VERI*FACTU: a record whose huella does not recompute is refused', async () => {
    const soap = readFileSync(join(CONV, 'gobl.verifactu/test/data/out/inv-base.xml'), 'utf8')
      .replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, '')
      .replace(/<sum1:Huella>[0-9A-F]{64}<\/sum1:Huella>\s*(<\/sum1:RegistroAlta>)/, '<sum1:Huella>' + '0'.repeat(64) + '</sum1:Huella>$1');
    const r = await verifactuClient.submit(soap, h.context());
    expect(r.status).toBe('rejected');
    expect(r.codes[0].message).toMatch(/huella/i);
  });
});

describe('VERI*FACTU records signed for NO VERI*FACTU mode', () => {
  it('the proxy signs the record; the signature verifies on the standalone record and the sandbox accepts it', async () => {
    const { verifactuEnvelope } = await import('./harness.ts');
    const { verifactuRecords } = await import('./helpers.ts');
    const { verifyXml } = await import('../src/signing/verify.ts');
    const r = await h.api('/api/submissions', { body: { system: 'verifactu', envelope: verifactuEnvelope('SIGNED-1'), options: { sign: true } } });
    expect(r.status, r.text).toBe(201);
    const s = r.json.submission;
    expect(s.signedXml).toContain('urn:oid:2.16.724.1.3.1.1.2.1.9');
    // The signed bytes are the bytes sent: the record inside the envelope verifies on its own.
    const rec = verifactuRecords(s.signedXml)[0];
    expect(verifyXml(rec.xml).valid).toBe(true);
    expect(s.signedXml).toContain(rec.xml);
    expect(s.status).toBe('accepted');
    // The sandbox refuses a record whose signed content was changed after signing.
    const tampered = s.signedXml.replace(/<sum1:NombreRazonEmisor>/, '<sum1:NombreRazonEmisor>X');
    const t = await verifactuClient.submit(tampered.replace(/SIGNED-1/g, 'SIGNED-2'), h.context());
    expect(t.status).toBe('rejected');
  });
});
