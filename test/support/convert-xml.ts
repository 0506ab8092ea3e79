/**
 * Small helpers for validating converter output against the official XSDs (test-only):
 *  - the TicketBAI XSDs require a ds:Signature, which a signer adds after conversion: a signed
 *    public fixture's own ds:Signature is grafted onto our unsigned document (as
 *    test/convert/ticketbai.test.ts does), and its SignatureValue gives the TicketBAI identifier;
 *  - the SOAP wrapper schemas keep the Body lax, so the message inside is extracted into a
 *    document of its own and validated strictly (as verifactu.test.ts and sii.test.ts do).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { create } from 'xmlbuilder2';
import { XSD_DIR } from './xsd.ts';

export const CONVERTERS_DIR = resolve(XSD_DIR, '../../conformance/converters');

/** A signed alta from gobl.es.ticketbai: its signature is the one grafted for validation. */
const TBAI_SIGNED_FIXTURE = join(CONVERTERS_DIR, 'gobl.es.ticketbai/test/data/out/invoice-es-es-tbai-prices-included.xml');

export interface FixtureSignature {
  /** The whole `<ds:Signature>…</ds:Signature>` element. */
  readonly element: string;
  /** Its ds:SignatureValue text (whitespace removed). */
  readonly value: string;
}

let tbaiSignature: FixtureSignature | undefined;
export function tbaiFixtureSignature(): FixtureSignature {
  if (tbaiSignature) return tbaiSignature;
  const xml = readFileSync(TBAI_SIGNED_FIXTURE, 'utf8');
  const element = /<ds:Signature\b[\s\S]*<\/ds:Signature>/.exec(xml)?.[0];
  const value = /<ds:SignatureValue[^>]*>([^<]*)</.exec(xml)?.[1];
  if (!element || !value) throw new Error(`${TBAI_SIGNED_FIXTURE} has no ds:Signature`);
  tbaiSignature = { element, value: value.replace(/\s+/g, '') };
  return tbaiSignature;
}

/** Our unsigned document with `signature` as the last child of its root element `rootName`. */
export function graftSignature(xml: string, rootName: string, signature: string): string {
  const close = `</${rootName}>`;
  const at = xml.lastIndexOf(close);
  if (at < 0) throw new Error(`no ${close} in the document`);
  return xml.slice(0, at) + signature + xml.slice(at);
}

/**
 * The first element inside `soapenv:Body` as a document of its own, namespace declarations of the
 * envelope carried over (xmlbuilder2 import), so it can be validated strictly against the message
 * schema.
 */
export function soapBodyDocument(soap: string): string {
  const env = create(soap);
  const body = env.root().find((n) => n.node.nodeName === 'soapenv:Body' || (n.node as { localName?: string }).localName === 'Body', false, true);
  if (!body) throw new Error('no soapenv:Body in the SOAP envelope');
  const out = create({ version: '1.0', encoding: 'UTF-8' });
  out.import(body.first());
  return out.end({ prettyPrint: true });
}

/** Text of the first `<name>…</name>` (prefix included in `name` if the document uses one). */
export function firstText(xml: string, name: string): string | undefined {
  return new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];
}
