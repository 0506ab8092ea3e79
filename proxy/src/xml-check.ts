/**
 * `POST /api/xml/check`: the studio's XML against the official XSD, before anything is sent, so
 * a person sees which element the authority would refuse and on which line. The schemas are the
 * configured folder's (PROXY_XSD_DIR); without it, or without xmllint, the answer says the check
 * did not run rather than pretending the document is valid.
 *
 * SOAP requests (VERI*FACTU, SII) are checked by their body element, which the XSDs define; its
 * lines are mapped back to the whole request. TicketBAI documents are unsigned here: the XSD's
 * required ds:Signature (added when the proxy signs) is not reported as missing.
 */
import type { Hono } from 'hono';
import type { JsonBody } from './json-body.ts';
import { z } from 'zod';
import { ProxyError } from './errors.ts';
import { SCHEMAS, type SchemaIssue, type SchemaKey, type SchemaValidator } from './sandbox/schema.ts';
import { C14N, canonicalize } from './signing/c14n.ts';
import { child, childElements, parseXml, XmlSyntaxError } from './xml/dom.ts';

const FORMATS = {
  ticketbai: { schema: 'tbai-alta', soap: false, signed: true },
  'ticketbai-cancel': { schema: 'tbai-anula', soap: false, signed: true },
  verifactu: { schema: 'verifactu', soap: true, signed: false },
  'verifactu-cancel': { schema: 'verifactu', soap: true, signed: false },
  sii: { schema: 'sii', soap: true, signed: false },
  'sii-received': { schema: 'sii', soap: true, signed: false },
  facturae: { schema: 'facturae', soap: false, signed: false },
} as const satisfies Record<string, { schema: SchemaKey; soap: boolean; signed: boolean }>;

export const XmlCheckBody = z.object({
  format: z.enum(Object.keys(FORMATS) as [keyof typeof FORMATS, ...(keyof typeof FORMATS)[]]),
  xml: z.string().min(1).max(5_000_000),
});

export interface XmlCheckAnswer {
  /** False when no XSD folder or no xmllint is configured: nothing was checked. */
  readonly checked: boolean;
  /** The XSD file, relative to the schemas folder (e.g. verifactu/SuministroLR.xsd). */
  readonly schema: string;
  readonly valid: boolean;
  readonly issues: readonly SchemaIssue[];
  /** What the check leaves out, in words. */
  readonly note?: string;
}

const MISSING_SIGNATURE = /Missing child element\(s\)\. Expected is \( \{http:\/\/www\.w3\.org\/2000\/09\/xmldsig#\}Signature \)/;

/** The SOAP body's element as its own document, and the line it starts on in the request. */
function soapBody(xml: string): { xml: string; firstLine: number } {
  let doc;
  try {
    doc = parseXml(xml);
  } catch (e) {
    if (e instanceof XmlSyntaxError) throw new ProxyError('validation', `the XML is not well-formed: ${e.message}`);
    throw e;
  }
  const root = doc.documentElement!;
  const body = root.localName === 'Envelope' ? child(root, 'Body') : undefined;
  const el = body ? childElements(body)[0] : undefined;
  if (!el) throw new ProxyError('validation', 'expected a SOAP envelope with a request in its Body');
  const name = el.tagName;
  const at = xml.search(new RegExp(`<${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[\\s>/]`));
  const firstLine = at < 0 ? 1 : xml.slice(0, at).split('\n').length;
  // Inclusive C14N carries the envelope's namespace declarations onto the element; its content
  // keeps its line breaks, so line n of the copy is line firstLine + n - 1 of the request.
  return { xml: canonicalize(el, { algorithm: C14N }), firstLine };
}

export async function checkXml(validator: SchemaValidator, format: keyof typeof FORMATS, xml: string): Promise<XmlCheckAnswer> {
  const f = FORMATS[format];
  const target = f.soap ? soapBody(xml) : { xml, firstLine: 1 };
  const r = await validator.validate(target.xml, f.schema);
  const schema = SCHEMAS[f.schema];
  if (!r.checked) return { checked: false, schema, valid: false, issues: [], note: 'no XSD folder or no xmllint is configured for the proxy (PROXY_XSD_DIR, libxml2-utils): the document was not checked' };
  let issues = (r.issues ?? r.errors.map((message): SchemaIssue => ({ message }))).map((i): SchemaIssue => (i.line === undefined ? i : { ...i, line: i.line + target.firstLine - 1 }));
  const notes: string[] = [];
  if (f.signed && issues.some((i) => MISSING_SIGNATURE.test(i.message))) {
    issues = issues.filter((i) => !MISSING_SIGNATURE.test(i.message));
    notes.push('the ds:Signature the XSD requires is added when the proxy signs, so its absence is not reported');
  }
  if (f.soap) notes.push('checked: the request in the SOAP Body');
  return { checked: true, schema, valid: issues.length === 0, issues, ...(notes.length ? { note: notes.join('; ') } : {}) };
}

export function registerXmlCheckRoute(app: Hono, validator: SchemaValidator, body: JsonBody): void {
  app.post('/api/xml/check', async (c) => {
    const b = await body(c, XmlCheckBody);
    return c.json(await checkXml(validator, b.format, b.xml));
  });
}
