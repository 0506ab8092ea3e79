/**
 * The small XML layer the VERI*FACTU converter needs: records are built as plain data trees
 * (`XNode`, structured-clone safe, so a record can be kept and later wrapped in a SOAP envelope)
 * and written with xmlbuilder2; incoming XML is read with fast-xml-parser into a
 * namespace-resolved tree (`XElement`) so lookups never depend on the prefixes a sender chose.
 */
import { create } from 'xmlbuilder2';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

// ---------------------------------------------------------------------------------------------
// Namespaces (AEAT, `…/tike/cont/ws/`)

const AEAT_WS = 'https://www2.agenciatributaria.gob.es/static_files/common/internet/dep/aplicaciones/es/aeat/tike/cont/ws/';
/** `sum1`: record types (SuministroInformacion.xsd). */
export const NS_SUM1 = `${AEAT_WS}SuministroInformacion.xsd`;
/** `sum`: the submission message (SuministroLR.xsd). */
export const NS_SUM = `${AEAT_WS}SuministroLR.xsd`;
/** `sf`: event records of NO VERI*FACTU systems (EventosSIF.xsd). */
export const NS_SF = `${AEAT_WS}EventosSIF.xsd`;
export const NS_SOAPENV = 'http://schemas.xmlsoap.org/soap/envelope/';
export const NS_DS = 'http://www.w3.org/2000/09/xmldsig#';
const NS_XMLNS = 'http://www.w3.org/2000/xmlns/';

const PREFIX_NS: Readonly<Record<string, string>> = { sum1: NS_SUM1, sum: NS_SUM, sf: NS_SF, soapenv: NS_SOAPENV, ds: NS_DS };

// ---------------------------------------------------------------------------------------------
// Writing

/** An element to write: `name` carries its prefix (`sum1:IDVersion`), bound by `PREFIX_NS`
 * unless `ns` says otherwise (records re-read from text keep whatever they declared). */
export interface XNode {
  readonly name: string;
  readonly ns?: string;
  readonly attrs?: Readonly<Record<string, string>>;
  readonly text?: string;
  readonly children?: readonly XNode[];
}

/** An element with text. */
export const el = (name: string, text: string): XNode => ({ name, text });
/** An element with children; undefined children are skipped so optional parts read naturally. */
export const group = (name: string, children: readonly (XNode | undefined)[]): XNode => ({
  name,
  children: children.filter((c): c is XNode => c !== undefined),
});
/** An element only when it has text. */
export const opt = (name: string, text: string | undefined): XNode | undefined => (text === undefined || text === '' ? undefined : el(name, text));

function nsOf(n: XNode): string | undefined {
  if (n.ns !== undefined) return n.ns;
  const i = n.name.indexOf(':');
  return i < 0 ? undefined : PREFIX_NS[n.name.slice(0, i)];
}

type Builder = ReturnType<typeof create>;

function write(parent: Builder, n: XNode): void {
  const ns = nsOf(n);
  const e = ns === undefined ? parent.ele(n.name) : parent.ele(ns, n.name);
  for (const [k, v] of Object.entries(n.attrs ?? {})) {
    if (k.startsWith('xmlns')) e.att(NS_XMLNS, k, v);
    else e.att(k, v);
  }
  if (n.text !== undefined) e.txt(n.text);
  for (const c of n.children ?? []) write(e, c);
}

/** `declare`: prefixes to declare on the root (beyond the root's own). */
export function serialize(root: XNode, opts: { pretty?: boolean; declare?: readonly string[] } = {}): string {
  const doc = create({ version: '1.0', encoding: 'UTF-8' });
  const ns = nsOf(root);
  const e = ns === undefined ? doc.ele(root.name) : doc.ele(ns, root.name);
  for (const p of opts.declare ?? []) e.att(NS_XMLNS, `xmlns:${p}`, PREFIX_NS[p]);
  for (const [k, v] of Object.entries(root.attrs ?? {})) {
    if (k.startsWith('xmlns')) e.att(NS_XMLNS, k, v);
    else e.att(k, v);
  }
  if (root.text !== undefined) e.txt(root.text);
  for (const c of root.children ?? []) write(e, c);
  const xml = doc.end({ prettyPrint: opts.pretty === true, indent: '  ' });
  // xmlbuilder2 runs the declaration into the root in compact mode; keep it on its own line.
  return xml.replace(/^(<\?xml[^>]*\?>)(?!\n)/, '$1\n');
}

// ---------------------------------------------------------------------------------------------
// Reading

/** A parsed element with its namespace resolved. Text is the concatenated character data. */
export interface XElement {
  readonly ns: string;
  readonly local: string;
  /** Qualified name as written, for messages and paths. */
  readonly qname: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XElement[];
  readonly text: string;
}

export type ParseOutcome = { readonly ok: true; readonly root: XElement } | { readonly ok: false; readonly message: string };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  cdataPropName: '#cdata',
  commentPropName: '#comment',
});

type Raw = Record<string, unknown>;

function rawText(items: readonly Raw[]): string {
  let s = '';
  for (const it of items) {
    if (typeof it['#text'] === 'string') s += it['#text'];
    else if (Array.isArray(it['#cdata'])) s += rawText(it['#cdata'] as Raw[]);
  }
  return s;
}

function resolve(item: Raw, scope: Readonly<Record<string, string>>): XElement | undefined {
  const qname = Object.keys(item).find((k) => k !== ':@' && !k.startsWith('#'));
  if (qname === undefined) return undefined;
  const attrsRaw = (item[':@'] ?? {}) as Record<string, unknown>;
  const attrs: Record<string, string> = {};
  let inner: Record<string, string> | undefined;
  for (const [k, v] of Object.entries(attrsRaw)) {
    const value = String(v);
    if (k === 'xmlns' || k.startsWith('xmlns:')) {
      inner ??= { ...scope };
      inner[k === 'xmlns' ? '' : k.slice(6)] = value;
    } else {
      attrs[k] = value;
    }
  }
  const here = inner ?? scope;
  const i = qname.indexOf(':');
  const prefix = i < 0 ? '' : qname.slice(0, i);
  const local = i < 0 ? qname : qname.slice(i + 1);
  const items = (item[qname] ?? []) as Raw[];
  const children: XElement[] = [];
  for (const c of items) {
    const child = resolve(c, here);
    if (child) children.push(child);
  }
  return { ns: here[prefix] ?? '', local, qname, attrs, children, text: rawText(items) };
}

/** Parses XML text; malformed input (or a DOCTYPE, which a record never needs and which can
 * smuggle entity expansion) comes back as a message, never an exception. */
export function parseXml(xml: string): ParseOutcome {
  if (typeof xml !== 'string' || xml.trim() === '') return { ok: false, message: 'the XML text is empty' };
  if (/<!DOCTYPE/i.test(xml)) return { ok: false, message: 'DOCTYPE declarations are not accepted' };
  const check = XMLValidator.validate(xml);
  if (check !== true) return { ok: false, message: `malformed XML at line ${check.err.line}, column ${check.err.col}: ${check.err.msg}` };
  let parsed: Raw[];
  try {
    parsed = parser.parse(xml) as Raw[];
  } catch (e) {
    return { ok: false, message: `malformed XML: ${e instanceof Error ? e.message : String(e)}` };
  }
  const roots = parsed.map((r) => resolve(r, { xml: 'http://www.w3.org/XML/1998/namespace' })).filter((r): r is XElement => r !== undefined);
  if (roots.length !== 1) return { ok: false, message: roots.length === 0 ? 'no root element' : 'more than one root element' };
  return { ok: true, root: roots[0] };
}

export function child(e: XElement, ns: string, local: string): XElement | undefined {
  return e.children.find((c) => c.ns === ns && c.local === local);
}

export function childrenNamed(e: XElement, ns: string, local: string): XElement[] {
  return e.children.filter((c) => c.ns === ns && c.local === local);
}

/** Back to a writable node, keeping prefixes and the namespaces they were bound to. Namespace
 * declarations already in force in the new context are dropped by xmlbuilder2 itself. */
export function toXNode(e: XElement): XNode {
  const colon = e.qname.indexOf(':');
  const attrs = { ...e.attrs };
  const kids = e.children.map(toXNode);
  const node: XNode = {
    name: e.qname,
    ns: e.ns === '' && colon < 0 ? undefined : e.ns,
    attrs: Object.keys(attrs).length ? attrs : undefined,
  };
  if (kids.length) return { ...node, children: kids };
  return e.text.trim() === '' ? node : { ...node, text: e.text };
}
