/**
 * A small ordered element tree, serialized with xmlbuilder2. Builders return `undefined` for
 * absent optional parts, so each builder reads like the XSD sequence it writes.
 *
 * SII schemas are `elementFormDefault="qualified"` and split over two namespaces: the messages
 * and their record wrappers live in `siiLR` (SuministroLR.xsd), everything inside them in `sii`
 * (SuministroInformacion.xsd). Names carry their prefix (`sii:NIF`).
 */
import { create } from 'xmlbuilder2';

const BASE = 'https://www2.agenciatributaria.gob.es/static_files/common/internet/dep/aplicaciones/es/aeat/ssii/fact/ws/';

export const NS = {
  soapenv: 'http://schemas.xmlsoap.org/soap/envelope/',
  siiLR: `${BASE}SuministroLR.xsd`,
  sii: `${BASE}SuministroInformacion.xsd`,
  siiR: `${BASE}RespuestaSuministro.xsd`,
} as const;

type Prefix = keyof typeof NS;
const XMLNS = 'http://www.w3.org/2000/xmlns/';

export interface XNode {
  readonly name: string;
  readonly text?: string;
  readonly children?: readonly XNode[];
}

export type Child = XNode | undefined | null | false;

/** A text element that is always written. */
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

/** A container that is written even when empty (required by the XSD). */
export function node(name: string, ...children: Child[]): XNode {
  return { name, children: children.filter((c): c is XNode => !!c) };
}

function nsOf(name: string): string {
  const prefix = name.slice(0, name.indexOf(':')) as Prefix;
  const ns = NS[prefix];
  if (!ns) throw new Error(`unknown namespace prefix in ${name}`);
  return ns;
}

type Builder = ReturnType<typeof create>;

function write(parent: Builder, n: XNode): void {
  const e = parent.ele(nsOf(n.name), n.name);
  if (n.text !== undefined) e.txt(n.text);
  for (const c of n.children ?? []) write(e, c);
}

/** A standalone document whose root declares every prefix it uses, indented by two spaces. */
export function serialize(root: XNode, prefixes: readonly Prefix[]): string {
  const doc = create({ version: '1.0', encoding: 'UTF-8' });
  const top = doc.ele(nsOf(root.name), root.name);
  for (const p of prefixes) if (!root.name.startsWith(`${p}:`)) top.att(XMLNS, `xmlns:${p}`, NS[p]);
  if (root.text !== undefined) top.txt(root.text);
  for (const c of root.children ?? []) write(top, c);
  return doc.end({ prettyPrint: true, indent: '  ' }) + '\n';
}
