/**
 * Reading a TicketBAI alta XML for the importer: well-formedness (fast-xml-parser's validator),
 * the root element and namespace, and small helpers to walk the parsed tree with element paths
 * (`/TicketBai/Factura/…`) for the faults.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Fault } from '../../core/fault.ts';
import { type Amount, parseAmount } from '../../core/amount.ts';
import { convertFault } from '../types.ts';
import { NS_ALTA, NS_ANULA, type TbaiZone, isObject } from './common.ts';

export const IMPORT_FAULT = {
  malformed: 'CONVERT-TBAI-IMPORT-01',
  foreign: 'CONVERT-TBAI-IMPORT-02',
  missing: 'CONVERT-TBAI-IMPORT-03',
  invalid: 'CONVERT-TBAI-IMPORT-04',
  unsupported: 'CONVERT-TBAI-IMPORT-05',
} as const;

export type XmlNode = Record<string, unknown>;

const localName = (name: string): string => name.slice(name.indexOf(':') + 1);
const prefixOf = (name: string): string => (name.includes(':') ? name.slice(0, name.indexOf(':')) : '');

/** Element names without their prefix (children of TicketBai are unqualified, but tolerate prefixes). */
function stripPrefixes(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripPrefixes);
  if (!isObject(v)) return v;
  const out: XmlNode = {};
  for (const [k, c] of Object.entries(v)) out[k.startsWith('@') || k === '#text' ? k : localName(k)] = stripPrefixes(c);
  return out;
}

export interface ParsedAlta {
  readonly root: XmlNode;
  /** The province, when the document is signed with a known policy (Batuz, Gipuzkoa, Araba). */
  readonly signedZone?: TbaiZone;
}

export function parseAlta(xml: unknown): { ok: true; value: ParsedAlta } | { ok: false; faults: Fault[] } {
  const fail = (code: string, message: string, path = '/') => ({ ok: false as const, faults: [convertFault(code, path, message)] });
  if (typeof xml !== 'string' || xml.trim() === '') return fail(IMPORT_FAULT.malformed, 'expected the text of a TicketBAI XML document, got ' + (typeof xml === 'string' ? 'an empty string' : typeof xml));
  if (/<!DOCTYPE/i.test(xml)) return fail(IMPORT_FAULT.malformed, 'DOCTYPE declarations are not accepted in TicketBAI documents');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const e = valid.err;
    return fail(IMPORT_FAULT.malformed, `malformed XML at line ${e.line}, column ${e.col}: ${e.msg}`);
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    processEntities: true,
  });
  const doc = parser.parse(xml) as XmlNode;
  const roots = Object.keys(doc).filter((k) => !k.startsWith('?') && !k.startsWith('#'));
  if (roots.length !== 1 || !isObject(doc[roots[0]])) return fail(IMPORT_FAULT.malformed, 'expected exactly one root element with content');
  const rootName = roots[0];
  const raw = doc[rootName] as XmlNode;
  const prefix = prefixOf(rootName);
  const ns = raw[prefix ? `@xmlns:${prefix}` : '@xmlns'];
  const found = `<${rootName}>${typeof ns === 'string' ? ` in namespace ${ns}` : ' without a namespace'}`;
  const expected = `expected a TicketBAI alta: root element TicketBai in namespace ${NS_ALTA}`;
  if (localName(rootName) === 'AnulaTicketBai' && ns === NS_ANULA) {
    return fail(IMPORT_FAULT.foreign, `this is a TicketBAI cancellation (AnulaTicketBai), not an invoice; ${expected}`);
  }
  if (localName(rootName) !== 'TicketBai' || ns !== NS_ALTA) return fail(IMPORT_FAULT.foreign, `${expected}, found ${found}`);
  const root = stripPrefixes(raw) as XmlNode;
  return { ok: true, value: { root, signedZone: zoneFromSignature(root) } };
}

/** The XAdES policy identifier names the province's tax office (converters.md §2.1). */
function zoneFromSignature(root: XmlNode): TbaiZone | undefined {
  const id = text(child(child(child(child(child(child(child(child(child(root, 'Signature'), 'Object'), 'QualifyingProperties'), 'SignedProperties'), 'SignedSignatureProperties'), 'SignaturePolicyIdentifier'), 'SignaturePolicyId'), 'SigPolicyId'), 'Identifier'));
  if (!id) return undefined;
  const lower = id.toLowerCase();
  if (lower.includes('batuz') || lower.includes('bizkaia')) return 'BI';
  if (lower.includes('gipuzkoa')) return 'SS';
  if (lower.includes('araba')) return 'VI';
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Walking the tree

export function child(node: unknown, name: string): unknown {
  if (!isObject(node)) return undefined;
  const v = node[name];
  return Array.isArray(v) ? v[0] : v;
}

export function children(node: unknown, name: string): unknown[] {
  if (!isObject(node)) return [];
  const v = node[name];
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

/** An element's text (elements with only text are parsed as strings; empty ones as ''). */
export function text(node: unknown): string | undefined {
  if (typeof node === 'string') return node;
  if (typeof node === 'number') return String(node);
  if (isObject(node) && typeof node['#text'] === 'string') return node['#text'];
  return undefined;
}

/** Reads values with element paths, collecting faults instead of failing at the first one. */
export class Reader {
  readonly faults: Fault[] = [];

  required(node: unknown, name: string, path: string): string {
    const v = text(child(node, name));
    if (v === undefined || v === '') {
      this.faults.push(convertFault(IMPORT_FAULT.missing, `${path}/${name}`, `missing required element ${name}`));
      return '';
    }
    return v;
  }

  optional(node: unknown, name: string): string | undefined {
    const v = text(child(node, name));
    return v === '' ? undefined : v;
  }

  amount(node: unknown, name: string, path: string, required = true): Amount | undefined {
    const v = required ? this.required(node, name, path) : this.optional(node, name);
    if (v === undefined || v === '') return undefined;
    const r = /^[+-]?\d+(\.\d+)?$/.test(v) ? parseAmount(v.replace(/^\+/, '')) : undefined;
    if (!r || !r.ok) {
      this.faults.push(convertFault(IMPORT_FAULT.invalid, `${path}/${name}`, `${JSON.stringify(v)} is not an amount`));
      return undefined;
    }
    return r.value;
  }

  /** `dd-mm-yyyy` → `yyyy-mm-dd`. */
  date(node: unknown, name: string, path: string, required = true): string | undefined {
    const v = required ? this.required(node, name, path) : this.optional(node, name);
    if (v === undefined || v === '') return undefined;
    const m = /^(\d{2})-(\d{2})-(\d{4})$/.exec(v);
    if (!m) {
      this.faults.push(convertFault(IMPORT_FAULT.invalid, `${path}/${name}`, `${JSON.stringify(v)} is not a dd-mm-yyyy date`));
      return undefined;
    }
    return `${m[3]}-${m[2]}-${m[1]}`;
  }

  invalid(path: string, message: string): void {
    this.faults.push(convertFault(IMPORT_FAULT.invalid, path, message));
  }

  unsupported(path: string, message: string): void {
    this.faults.push(convertFault(IMPORT_FAULT.unsupported, path, message));
  }
}
