/**
 * Strict XML parsing (@xmldom/xmldom) and small DOM helpers shared by the signer, the verifier,
 * the authority clients and the sandbox. Any warning or error while parsing is a failure: a
 * document we sign or judge must be well-formed without repairs.
 */
import { DOMParser, type Document, type Element, type Node } from '@xmldom/xmldom';

export type { Document, Element, Node };

/** Input that is not well-formed XML; `message` carries the parser's position. */
export class XmlSyntaxError extends Error {
  override readonly name = 'XmlSyntaxError' as const;
}

export function parseXml(text: string): Document {
  if (text.trim() === '') throw new XmlSyntaxError('empty document');
  let doc: Document;
  try {
    doc = new DOMParser({
      onError: (level, msg) => {
        throw new XmlSyntaxError(`${level}: ${msg}`);
      },
    }).parseFromString(text, 'text/xml');
  } catch (e) {
    if (e instanceof XmlSyntaxError) throw e;
    throw new XmlSyntaxError(e instanceof Error ? e.message : String(e));
  }
  if (!doc.documentElement) throw new XmlSyntaxError('no root element');
  if (/<!DOCTYPE/i.test(text)) throw new XmlSyntaxError('DOCTYPE declarations are not accepted');
  return doc;
}

const ELEMENT = 1;

export function childElements(el: Element | Document): Element[] {
  const out: Element[] = [];
  for (let c = el.firstChild; c; c = c.nextSibling) if (c.nodeType === ELEMENT) out.push(c as Element);
  return out;
}

/** First child element with this local name (any namespace). */
export function child(el: Element | Document | undefined, local: string): Element | undefined {
  if (!el) return undefined;
  return childElements(el).find((c) => c.localName === local);
}

export function children(el: Element | undefined, local: string): Element[] {
  return el ? childElements(el).filter((c) => c.localName === local) : [];
}

/** Walks a path of local names from `el`. */
export function path(el: Element | Document | undefined, ...locals: string[]): Element | undefined {
  let cur: Element | Document | undefined = el;
  for (const l of locals) cur = child(cur, l);
  return cur as Element | undefined;
}

export function text(el: Element | undefined): string | undefined {
  return el ? (el.textContent ?? '') : undefined;
}

/** Every descendant element (document order) with this local name, optionally in a namespace. */
export function descendants(root: Element | Document, local: string, ns?: string): Element[] {
  const out: Element[] = [];
  const walk = (n: Element | Document) => {
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.nodeType !== ELEMENT) continue;
      const e = c as Element;
      if (e.localName === local && (ns === undefined || e.namespaceURI === ns)) out.push(e);
      walk(e);
    }
  };
  walk(root);
  return out;
}

/** Escapes text for element content and double-quoted attributes. */
export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Removes whitespace between tags (how the reference fixtures were signed, see INDEX.md). */
export function compactXml(s: string): string {
  return s
    .replace(/^\uFEFF/, '')
    .replace(/^<\?xml[^>]*\?>\s*/, '')
    .trim()
    .replace(/>\s+</g, '><');
}
