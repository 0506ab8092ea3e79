/**
 * A tiny ordered element tree for building FacturaE documents, serialized with xmlbuilder2.
 * Builders return `undefined` for absent optional parts, so sequences read like the XSD.
 */
import { create } from 'xmlbuilder2';

export const FACTURAE_NS = 'http://www.facturae.gob.es/formato/Versiones/Facturaev3_2_2.xml';

export interface XNode {
  readonly name: string;
  readonly text?: string;
  readonly children?: readonly XNode[];
}

type Child = XNode | undefined | null | false;

/** A text element that is always written, even empty (required by the XSD). */
export function el(name: string, text: string): XNode {
  return { name, text };
}

/** A text element written only when it has a value. */
export function opt(name: string, text: string | undefined | null): XNode | undefined {
  return text === undefined || text === null || text === '' ? undefined : { name, text };
}

/** A container element; absent when none of its children are present. */
export function group(name: string, ...children: Child[]): XNode | undefined {
  const kept = children.filter((c): c is XNode => !!c);
  return kept.length > 0 ? { name, children: kept } : undefined;
}

/** A container for a repeated child list (absent when the list is empty). */
export function list(name: string, items: readonly Child[]): XNode | undefined {
  return group(name, ...items);
}

export type Pretty = 'tab' | 'none';

type Builder = ReturnType<typeof create>;

/** Characters XML 1.0 cannot carry at all (controls, lone surrogates, U+FFFE/U+FFFF). */
const NOT_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function append(parent: Builder, n: XNode): void {
  const e = parent.ele(n.name);
  if (n.children) for (const c of n.children) append(e, c);
  else if (n.text !== undefined && n.text !== '') e.txt(n.text.replace(NOT_XML, ''));
}

/** `<?xml …?>` + `fe:Facturae` with its children (unqualified, as the XSD requires). */
export function serialize(children: readonly XNode[], pretty: Pretty): string {
  const doc = create({ version: '1.0', encoding: 'UTF-8' });
  const root = doc.ele(FACTURAE_NS, 'fe:Facturae');
  for (const c of children) append(root, c);
  return pretty === 'none' ? doc.end({ prettyPrint: false }) : doc.end({ prettyPrint: true, indent: '\t' });
}
