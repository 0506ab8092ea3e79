import { describe, expect, it } from 'vitest';
import { comparableXml, looksLikeXml } from './xml-compare.ts';

describe('comparableXml', () => {
  const compact = '<?xml version="1.0" encoding="utf-8"?><T:TicketBai xmlns:T="urn:ticketbai:emision"><Cabecera><IDVersionTBAI>1.2</IDVersionTBAI></Cabecera><ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#" Id="s1"><ds:SignedInfo/><ds:SignatureValue>abc</ds:SignatureValue></ds:Signature></T:TicketBai>';
  const pretty = `<?xml version="1.0" encoding="UTF-8"?>\n<T:TicketBai xmlns:T="urn:ticketbai:emision">\n    <Cabecera>\n        <IDVersionTBAI>1.2</IDVersionTBAI>\n    </Cabecera>\n</T:TicketBai>\n`;

  it('a compact signed copy and a pretty unsigned one of the same document compare equal', () => {
    expect(comparableXml(compact)).toBe(comparableXml(pretty));
    expect(comparableXml(pretty).trimEnd().split('\n')).toEqual(['<T:TicketBai xmlns:T="urn:ticketbai:emision">', '  <Cabecera>', '    <IDVersionTBAI>1.2</IDVersionTBAI>', '  </Cabecera>', '</T:TicketBai>']);
  });

  it('keeps the signature when asked, and real differences always', () => {
    expect(comparableXml(compact, { dropSignature: false })).toContain('<ds:SignatureValue>abc</ds:SignatureValue>');
    expect(comparableXml(pretty.replace('1.2', '1.1'))).not.toBe(comparableXml(pretty));
  });

  it('tells XML from other text', () => {
    expect([looksLikeXml('  <a/>'), looksLikeXml('\uFEFF<a/>'), looksLikeXml('{"a":1}'), looksLikeXml('')]).toEqual([true, true, false, false]);
  });
});
