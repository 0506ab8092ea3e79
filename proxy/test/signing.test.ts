import { describe, expect, it } from 'vitest';
import { basename } from 'node:path';
import { signXades } from '../src/signing/xades.ts';
import { verifyXml } from '../src/signing/verify.ts';
import { compactXml } from '../src/xml/dom.ts';
import type { ProfileKey } from '../src/signing/profiles.ts';
import { fixtureFiles, hasXmlsec1, readText, testCredential, verifactuRecords, xmlsec1Verify } from './helpers.ts';

const tbaiFiles = [...fixtureFiles('gobl.ticketbai/test/data/out'), ...fixtureFiles('gobl.es.ticketbai/test/data/out')];
const facturaeFiles = fixtureFiles('gobl.facturae/test/data/out');
const verifactuFiles = fixtureFiles('gobl.verifactu/test/data/out');

const stripSignature = (xml: string) => xml.replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, '');
const docIdOf = (xml: string) => /Id="Signature-(.+?)-Signature"/.exec(xml)![1];
const signingTimeOf = (xml: string) => /<xades:SigningTime>(.+?)<\/xades:SigningTime>/.exec(xml)![1];
const zoneOf = (xml: string): 'BI' | 'SS' | 'VI' =>
  xml.includes('gipuzkoa.eus') ? 'SS' : xml.includes('araba.eus') ? 'VI' : 'BI';

describe('our verifier accepts every reference signature', () => {
  it.each([...tbaiFiles, ...facturaeFiles].map((f) => [basename(f), f]))('%s', (_n, file) => {
    const r = verifyXml(compactXml(readText(file)));
    expect(r.errors).toEqual([]);
    expect(r.valid).toBe(true);
    expect(r.references.length).toBe(3);
    expect(r.xades?.signingCertificateOk).toBe(true);
  });

  it.each(verifactuFiles.map((f) => [basename(f), f]))('VERI*FACTU %s (standalone records)', (_n, file) => {
    const records = verifactuRecords(readText(file));
    expect(records.length).toBeGreaterThan(0);
    for (const rec of records) {
      const r = verifyXml(compactXml(rec.xml));
      expect(r.errors, rec.name).toEqual([]);
      expect(r.references.length).toBe(2);
    }
  });

  it('counts: 17 TicketBAI, 7 Facturae, 29 VERI*FACTU files', () => {
    expect([tbaiFiles.length, facturaeFiles.length, verifactuFiles.length]).toEqual([17, 7, 29]);
  });
});

describe('our signer reproduces the reference signatures byte for byte', () => {
  const cases: [string, string, ProfileKey, 'izenpe' | 'facturae' | 'verifactu'][] = [
    ...tbaiFiles.map((f) => [basename(f), f, `ticketbai-${zoneOf(readText(f))}` as ProfileKey, 'izenpe'] as [string, string, ProfileKey, 'izenpe']),
    ...facturaeFiles.map((f) => [basename(f), f, 'facturae', 'facturae'] as [string, string, ProfileKey, 'facturae']),
  ];
  it.each(cases)('%s', (_n, file, profile, cert) => {
    const signed = compactXml(readText(file));
    const out = signXades(stripSignature(signed), testCredential(cert), {
      profile,
      docId: docIdOf(signed),
      signingTime: new Date(signingTimeOf(signed)),
      role: 'third-party',
    });
    expect(out.xml).toBe(signed);
  });

  it.each(verifactuFiles.filter((f) => !basename(f).startsWith('status-')).map((f) => [basename(f), f]))('VERI*FACTU %s', (_n, file) => {
    const rec = compactXml(verifactuRecords(readText(file))[0].xml);
    const out = signXades(stripSignature(rec), testCredential('verifactu'), { profile: 'verifactu', docId: docIdOf(rec), signingTime: new Date(signingTimeOf(rec)) });
    expect(out.xml).toBe(rec);
  });
});

describe('xmlsec1 accepts what we sign and refuses tampering', () => {
  it('xmlsec1 is installed (Debian package xmlsec1; .ci/run installs it)', () => {
    expect(hasXmlsec1, 'xmlsec1 not found: install the Debian package xmlsec1').toBe(true);
  });

  const unsignedTbai = (zone: string) => {
    const file = tbaiFiles.find((f) => zoneOf(readText(f)) === zone)!;
    return stripSignature(compactXml(readText(file)));
  };
  const cases: [string, string, ProfileKey, 'izenpe' | 'facturae' | 'verifactu'][] = [
    ['TicketBAI Bizkaia', unsignedTbai('BI'), 'ticketbai-BI', 'izenpe'],
    ['TicketBAI Gipuzkoa', unsignedTbai('SS'), 'ticketbai-SS', 'izenpe'],
    ['TicketBAI Araba', unsignedTbai('VI'), 'ticketbai-VI', 'izenpe'],
    ['Facturae 3.2.2', stripSignature(compactXml(readText(facturaeFiles[0]))), 'facturae', 'facturae'],
    ['VERI*FACTU record', stripSignature(compactXml(verifactuRecords(readText(verifactuFiles[0]))[0].xml)), 'verifactu', 'verifactu'],
  ];
  it.each(cases)('%s', (_n, unsigned, profile, cert) => {
    const signed = signXades(unsigned, testCredential(cert), { profile, docId: 'doc-0001', signingTime: new Date(), role: 'supplier' }).xml;
    const good = xmlsec1Verify(signed);
    expect(good.log).toMatch(/OK/);
    expect(good.ok).toBe(true);
    expect(verifyXml(signed).valid).toBe(true);

    // Change one amount inside the signed document: both verifiers must refuse it.
    const tampered = signed.replace(/(<(?:ImporteTotalFactura|InvoiceTotal|sum1:ImporteTotal)>-?)(\d)/, (_m, tag: string, d: string) => `${tag}${(Number(d) + 1) % 10}`);
    expect(tampered).not.toBe(signed);
    expect(xmlsec1Verify(tampered).ok).toBe(false);
    const r = verifyXml(tampered);
    expect(r.valid).toBe(false);
    expect(r.errors.join(' ')).toMatch(/digest mismatch/);
  });

  it('a pretty-printed copy of a signed document no longer verifies (signed bytes are sent bytes)', () => {
    const signed = signXades(cases[0][1], testCredential('izenpe'), { profile: 'ticketbai-BI', docId: 'doc-0002', signingTime: new Date() }).xml;
    const pretty = signed.replace(/></g, '>\n<');
    expect(verifyXml(pretty).valid).toBe(false);
    expect(xmlsec1Verify(pretty).ok).toBe(false);
  });
});

describe('documents with an XML declaration', () => {
  it('the declaration is not part of the canonical form (xmlsec1 agrees)', () => {
    const xml = '<?xml version="1.0" encoding="UTF-8"?>\n' + stripSignature(compactXml(readText(tbaiFiles[0])));
    const signed = signXades(xml, testCredential('izenpe'), { profile: 'ticketbai-BI', docId: 'decl', signingTime: new Date() }).xml;
    expect(signed.startsWith('<?xml')).toBe(true);
    expect(verifyXml(signed).valid).toBe(true);
    expect(verifyXml(signed.replace(/^<\?xml[^>]*\?>\s*/, '')).valid).toBe(true);
    if (hasXmlsec1) expect(xmlsec1Verify(signed).ok).toBe(true);
  });
});
