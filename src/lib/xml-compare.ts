/**
 * Makes two XML documents comparable line by line: the same indentation for both, no XML
 * declaration (encoding spellings differ), and optionally without their ds:Signature (it differs
 * in every signed copy). Used to put a customer's XML beside the studio's for the same invoice.
 */
import { prettyXml } from './proxy/pretty-xml.ts';

const SIGNATURE = /<([A-Za-z_][\w.-]*:)?Signature\b[^>]*>[\s\S]*?<\/\1Signature>/g;

export interface CompareOptions {
  /** Leave out ds:Signature elements (default true). */
  readonly dropSignature?: boolean;
}

export function comparableXml(xml: string, opts: CompareOptions = {}): string {
  let s = xml.replace(/^\uFEFF/, '').replace(/<\?xml[^?]*\?>/, '');
  if (opts.dropSignature !== false) s = s.replace(SIGNATURE, '');
  s = s.replace(/>\s+</g, '><').trim();
  return prettyXml(s);
}

/** Whether a text looks like XML at all (what a person pasted or picked). */
export function looksLikeXml(text: string): boolean {
  return /^\s*(\uFEFF)?</.test(text);
}
