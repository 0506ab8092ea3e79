/**
 * Canonical XML over an @xmldom/xmldom tree: inclusive C14N 1.0 (W3C REC-xml-c14n-20010315) and
 * exclusive C14N 1.0 (REC-xml-exc-c14n-20020718), without comments unless asked.
 *
 * Only the two node-sets XMLDSig signatures use here are supported: a whole document, and an
 * element with its descendants; either may exclude one subtree (the enveloped-signature transform).
 * A subtree apex inherits the namespace declarations (and, inclusive only, the xml:* attributes) in
 * scope at its position, which is what makes a fragment's digest depend on where it sits.
 */
import type { Document as XDocument, Element as XElement, Node as XNode } from '@xmldom/xmldom';

export const C14N = 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315';
export const C14N_COMMENTS = 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments';
export const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
export const EXC_C14N_COMMENTS = 'http://www.w3.org/2001/10/xml-exc-c14n#WithComments';
export const C14N_ALGORITHMS = [C14N, C14N_COMMENTS, EXC_C14N, EXC_C14N_COMMENTS] as const;

const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

const ELEMENT = 1;
const TEXT = 3;
const CDATA = 4;
const PI = 7;
const COMMENT = 8;
const DOCUMENT = 9;

export interface C14nOptions {
  /** One of C14N_ALGORITHMS. */
  readonly algorithm: string;
  /** A subtree left out of the output (the enveloped signature). */
  readonly exclude?: XNode | null;
  /** Exclusive C14N: prefixes treated as in inclusive mode ("#default" for the default namespace). */
  readonly inclusivePrefixes?: readonly string[];
}

export function isC14nAlgorithm(uri: string): boolean {
  return (C14N_ALGORITHMS as readonly string[]).includes(uri);
}

const escText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#xD;');
const escAttr = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;').replace(/\t/g, '&#x9;').replace(/\n/g, '&#xA;').replace(/\r/g, '&#xD;');

type NsMap = Map<string, string>; // prefix ('' = default) → uri

/** Namespace declarations in scope at `el`, ancestors first (nearest wins). */
function inScopeNamespaces(el: XElement): NsMap {
  const chain: XElement[] = [];
  for (let n: XNode | null = el; n && n.nodeType === ELEMENT; n = n.parentNode) chain.unshift(n as XElement);
  const map: NsMap = new Map();
  for (const e of chain) for (const [p, u] of declaredNamespaces(e)) map.set(p, u);
  return map;
}

function declaredNamespaces(el: XElement): [string, string][] {
  const out: [string, string][] = [];
  const attrs = el.attributes;
  for (let i = 0; i < attrs.length; i++) {
    const a = attrs.item(i)!;
    if (a.namespaceURI === XMLNS_NS || a.name === 'xmlns' || a.name.startsWith('xmlns:')) {
      out.push([a.name === 'xmlns' ? '' : a.name.slice(6), a.value]);
    }
  }
  return out;
}

/** xml:* attributes of the ancestors, nearest wins (inclusive C14N copies them onto a subtree apex). */
function inheritedXmlAttrs(el: XElement): Map<string, string> {
  const map = new Map<string, string>();
  const chain: XElement[] = [];
  for (let n: XNode | null = el.parentNode; n && n.nodeType === ELEMENT; n = n.parentNode) chain.unshift(n as XElement);
  for (const e of chain) {
    const attrs = e.attributes;
    for (let i = 0; i < attrs.length; i++) {
      const a = attrs.item(i)!;
      if (a.name.startsWith('xml:')) map.set(a.name, a.value);
    }
  }
  return map;
}

interface Ctx {
  readonly comments: boolean;
  readonly exclusive: boolean;
  readonly inclusivePrefixes: ReadonlySet<string>;
  readonly exclude: XNode | null;
  out: string[];
}

function prefixOf(qname: string): string {
  const i = qname.indexOf(':');
  return i < 0 ? '' : qname.slice(0, i);
}

function renderElement(ctx: Ctx, el: XElement, parentScope: NsMap | null, rendered: NsMap): void {
  if (ctx.exclude && el === ctx.exclude) return;
  // parentScope === null marks a subtree apex: its scope comes from the ancestors.
  let scope: NsMap;
  if (parentScope === null) scope = inScopeNamespaces(el);
  else {
    const own = declaredNamespaces(el);
    scope = own.length === 0 ? parentScope : new Map(parentScope);
    for (const [p, u] of own) scope.set(p, u);
  }
  let candidates: Iterable<string>;
  if (ctx.exclusive) {
    const used = new Set<string>([prefixOf(el.tagName)]);
    const attrs = el.attributes;
    for (let i = 0; i < attrs.length; i++) {
      const name = attrs.item(i)!.name;
      if (!isNsDecl(name)) {
        const p = prefixOf(name);
        if (p) used.add(p);
      }
    }
    for (const p of ctx.inclusivePrefixes) if (scope.has(p)) used.add(p);
    candidates = used;
  } else candidates = scope.keys();

  const nsOut: [string, string][] = [];
  let nextRendered = rendered;
  for (const p of candidates) {
    if (p === 'xml') continue;
    const uri = scope.get(p) ?? '';
    const prev = rendered.get(p);
    if (uri === '' && !(p === '' && prev !== undefined && prev !== '')) continue;
    if (prev === uri) continue;
    nsOut.push([p, uri]);
    if (nextRendered === rendered) nextRendered = new Map(rendered);
    nextRendered.set(p, uri);
  }
  nsOut.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));

  const attrsOut: { uri: string; local: string; name: string; value: string }[] = [];
  const attrs = el.attributes;
  const seen = new Set<string>();
  for (let i = 0; i < attrs.length; i++) {
    const a = attrs.item(i)!;
    if (isNsDecl(a.name)) continue;
    const p = prefixOf(a.name);
    const uri = p === 'xml' ? XML_NS : p ? (scope.get(p) ?? '') : '';
    attrsOut.push({ uri, local: p ? a.name.slice(p.length + 1) : a.name, name: a.name, value: a.value });
    seen.add(a.name);
  }
  if (parentScope === null && !ctx.exclusive) {
    for (const [name, value] of inheritedXmlAttrs(el)) {
      if (!seen.has(name)) attrsOut.push({ uri: XML_NS, local: name.slice(4), name, value });
    }
  }
  attrsOut.sort((a, b) => (a.uri !== b.uri ? (a.uri < b.uri ? -1 : 1) : a.local < b.local ? -1 : a.local > b.local ? 1 : 0));

  const out = ctx.out;
  out.push('<', el.tagName);
  for (const [p, uri] of nsOut) out.push(p ? ` xmlns:${p}="` : ' xmlns="', escAttr(uri), '"');
  for (const a of attrsOut) out.push(' ', a.name, '="', escAttr(a.value), '"');
  out.push('>');
  for (let c = el.firstChild; c; c = c.nextSibling) renderNode(ctx, c, scope, nextRendered);
  out.push('</', el.tagName, '>');
}

function isNsDecl(name: string): boolean {
  return name === 'xmlns' || name.startsWith('xmlns:');
}

function renderNode(ctx: Ctx, node: XNode, scope: NsMap, rendered: NsMap): void {
  switch (node.nodeType) {
    case ELEMENT:
      renderElement(ctx, node as XElement, scope, rendered);
      return;
    case TEXT:
    case CDATA:
      ctx.out.push(escText((node as unknown as { data: string }).data));
      return;
    case PI: {
      const pi = node as unknown as { target: string; data: string };
      ctx.out.push('<?', pi.target, pi.data ? ' ' + pi.data : '', '?>');
      return;
    }
    case COMMENT:
      if (ctx.comments) ctx.out.push('<!--', (node as unknown as { data: string }).data, '-->');
      return;
    default:
      return;
  }
}

/**
 * Canonicalizes a document or an element subtree. For an element, inherited namespaces are taken
 * from its ancestors; for a document, processing instructions (and comments, if asked) outside the
 * root element are kept with the line breaks C14N prescribes.
 */
export function canonicalize(node: XDocument | XElement, opts: C14nOptions): string {
  const alg = opts.algorithm;
  if (!isC14nAlgorithm(alg)) throw new Error(`unsupported canonicalization ${alg}`);
  const ctx: Ctx = {
    comments: alg.endsWith('#WithComments'),
    exclusive: alg.startsWith('http://www.w3.org/2001/10/xml-exc-c14n#'),
    inclusivePrefixes: new Set((opts.inclusivePrefixes ?? []).map((p) => (p === '#default' ? '' : p))),
    exclude: opts.exclude ?? null,
    out: [],
  };
  if (node.nodeType === DOCUMENT) {
    const doc = node as XDocument;
    let afterRoot = false;
    for (let c = doc.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === ELEMENT) {
        renderElement(ctx, c as XElement, new Map(), new Map());
        afterRoot = true;
      } else if ((c.nodeType === PI && (c as unknown as { target: string }).target.toLowerCase() !== 'xml') || (c.nodeType === COMMENT && ctx.comments)) {
        // (xmldom keeps the XML declaration as a processing instruction; it is not one, and C14N drops it.)
        if (afterRoot) ctx.out.push('\n');
        renderNode(ctx, c, new Map(), new Map());
        if (!afterRoot) ctx.out.push('\n');
      }
    }
  } else {
    renderElement(ctx, node as XElement, null, new Map());
  }
  return ctx.out.join('');
}
