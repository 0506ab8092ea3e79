/** POST /api/xml/check: the studio's XML against the official XSDs, with the lines of what is wrong. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convert, type ConvertFormat } from '../../engine/convert/index.ts';
import { noSchemaValidation } from '../src/sandbox/schema.ts';
import { checkXml } from '../src/xml-check.ts';
import { harness, tbaiEnvelope, verifactuEnvelope, type Harness } from './harness.ts';
import { CONV } from './helpers.ts';

let h: Harness;
beforeAll(async () => {
  h = await harness();
});
afterAll(async () => h?.close());

const NOW = '2025-11-10T09:30:00Z';
function xmlOf(env: unknown, format: ConvertFormat): string {
  const r = convert(env, format, { now: NOW, zone: 'BI' });
  if (!r.ok) throw new Error(JSON.stringify(r.faults));
  return r.value;
}
const check = (format: string, xml: string) => h.api('/api/xml/check', { body: { format, xml } });
const lineOf = (xml: string, needle: string) => xml.slice(0, xml.indexOf(needle)).split('\n').length;

describe('XSD check of the studio XML', () => {
  it.each([
    ['ticketbai', () => xmlOf(tbaiEnvelope('CHK-1'), 'ticketbai')],
    ['ticketbai-cancel', () => xmlOf({ ...tbaiEnvelope('CHK-1'), head: { stamps: [{ prv: 'tbai-code', val: 'TBAI-S7836107H-010222-IcPAtqFdsdGFT-155' }] } }, 'ticketbai-cancel')],
    ['verifactu', () => xmlOf(verifactuEnvelope('CHK-1'), 'verifactu')],
    ['verifactu-cancel', () => xmlOf(verifactuEnvelope('CHK-1'), 'verifactu-cancel')],
    ['facturae', () => xmlOf(JSON.parse(readFileSync(join(CONV, 'gobl.facturae/test/data/invoice-vat.json'), 'utf8')), 'facturae')],
  ] as const)('%s from the engine validates', async (format, make) => {
    const r = await check(format, make());
    expect(r.status, r.text).toBe(200);
    expect(r.json).toMatchObject({ checked: true, valid: true, issues: [] });
    if (format.startsWith('ticketbai')) expect(r.json.note).toMatch(/ds:Signature the XSD requires is added when the proxy signs/);
  });

  it('a TicketBAI element the XSD refuses is reported on its line', async () => {
    const xml = xmlOf(tbaiEnvelope('CHK-2'), 'ticketbai').replace('<FacturaSimplificada>N</FacturaSimplificada>', '<FacturaSimplificada>Q</FacturaSimplificada>');
    const r = await check('ticketbai', xml);
    expect(r.json.valid).toBe(false);
    expect(r.json.issues).toHaveLength(1);
    expect(r.json.issues[0].line).toBe(lineOf(xml, '<FacturaSimplificada>'));
    expect(r.json.issues[0].message).toMatch(/FacturaSimplificada.*'Q'/);
  });

  it('in a SOAP request, lines count from the start of the whole request', async () => {
    const good = xmlOf(verifactuEnvelope('CHK-3'), 'verifactu');
    const xml = good.replace(/<sum1:TipoFactura>F1<\/sum1:TipoFactura>/, '<sum1:TipoFactura>Z9</sum1:TipoFactura>');
    expect(xml).not.toBe(good);
    const r = await check('verifactu', xml);
    expect(r.json.valid).toBe(false);
    expect(r.json.issues[0].line).toBe(lineOf(xml, '<sum1:TipoFactura>'));
    expect(r.json.note).toMatch(/SOAP Body/);
  });

  it('XML that is not well-formed is reported with its line', async () => {
    const xml = xmlOf(tbaiEnvelope('CHK-4'), 'ticketbai').replace('</NumFactura>', '</NumFacturaX>');
    const r = await check('ticketbai', xml);
    expect(r.json.valid).toBe(false);
    expect(r.json.issues[0]).toMatchObject({ line: lineOf(xml, '</NumFacturaX>') });
    expect(r.json.issues[0].message).toMatch(/^not well-formed: /);
  });

  it('bad requests get a 400 that says why', async () => {
    expect((await check('ubl', '<x/>')).status).toBe(400);
    const noBody = await check('sii', '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"/>');
    expect([noBody.status, noBody.json.error.message]).toEqual([400, 'expected a SOAP envelope with a request in its Body']);
    const broken = await check('verifactu', '<soapenv:Envelope');
    expect(broken.status).toBe(400);
    expect(broken.json.error.message).toMatch(/not well-formed/);
  });

  it('without schemas it says it did not check, never that the XML is valid', async () => {
    const r = await checkXml(noSchemaValidation, 'facturae', '<x/>');
    expect(r).toMatchObject({ checked: false, valid: false, issues: [] });
    expect(r.note).toMatch(/was not checked/);
  });
});
