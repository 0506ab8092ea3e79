/**
 * Reading FacturaE XML for import: well-formedness, the root and its namespace, and a small
 * element wrapper that records faults (with XML paths) instead of throwing.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Fault } from '../../core/fault.ts';
import { convertFault } from '../types.ts';

export const IMPORT_FAULT = {
  /** Not XML text, not well-formed, or carrying a DTD. */
  xml: 'CONVERT-FACTURAE-IMPORT-01',
  /** Well-formed XML that is not a FacturaE 3.2.x document. */
  foreign: 'CONVERT-FACTURAE-IMPORT-02',
  /** A required element is missing. */
  missing: 'CONVERT-FACTURAE-IMPORT-03',
  /** An element has a value of the wrong form (date, amount, code). */
  invalid: 'CONVERT-FACTURAE-IMPORT-04',
  /** Valid FacturaE this importer does not handle (batches, unknown tax types). */
  unsupported: 'CONVERT-FACTURAE-IMPORT-05',
  internal: 'CONVERT-FACTURAE-IMPORT-99',
} as const;

/** FacturaE 3.2, 3.2.1 and 3.2.2 share this structure (both published host names). */
const NAMESPACE_RE = /^http:\/\/www\.facturae\.(gob\.)?es\/formato\/Versiones\/Facturaev3_2(_1|_2)?\.xml$/;

/** Elements that may repeat; they always parse as arrays. */
const REPEATED = new Set([
  'Invoice', 'Tax', 'InvoiceLine', 'Installment', 'Discount', 'Charge', 'AdministrativeCentre',
  'LegalReference', 'Subsidy', 'PaymentOnAccount',
]);

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const DECIMAL_RE = /^-?\d+(\.\d+)?$/;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const own = (o: Json, k: string) => Object.prototype.hasOwnProperty.call(o, k);

export class Reader {
  readonly faults: Fault[] = [];
  fault(code: string, path: string, message: string): void {
    this.faults.push(convertFault(code, path, message));
  }
}

/** One element: its parsed value and XML path. Missing optional elements are `undefined`. */
export class XEl {
  constructor(
    readonly value: unknown,
    readonly path: string,
    readonly reader: Reader,
  ) {}

  private raw(name: string): unknown[] {
    if (!isObject(this.value) || !own(this.value, name)) return [];
    const v = this.value[name];
    return Array.isArray(v) ? v : [v];
  }

  child(name: string): XEl | undefined {
    const v = this.raw(name);
    return v.length > 0 ? new XEl(v[0], `${this.path}/${name}`, this.reader) : undefined;
  }

  children(name: string): XEl[] {
    return this.raw(name).map((v, i) => new XEl(v, `${this.path}/${name}[${i + 1}]`, this.reader));
  }

  /** Required child: a fault and an empty element when it is missing. */
  req(name: string): XEl {
    const c = this.child(name);
    if (c) return c;
    this.reader.fault(IMPORT_FAULT.missing, `${this.path}/${name}`, `missing required element ${name}`);
    return new XEl(undefined, `${this.path}/${name}`, this.reader);
  }

  /** The element's own text, trimmed ('' for an empty element). */
  get content(): string {
    if (typeof this.value === 'string') return this.value.trim();
    if (isObject(this.value) && typeof this.value['#text'] === 'string') return this.value['#text'].trim();
    return '';
  }

  text(name: string): string | undefined {
    const c = this.child(name);
    const t = c?.content;
    return t === undefined || t === '' ? undefined : t;
  }

  reqText(name: string): string {
    const c = this.req(name);
    if (c.value !== undefined && c.content === '') this.reader.fault(IMPORT_FAULT.missing, c.path, `${name} is empty`);
    return c.content;
  }

  /** A decimal child (`-?digits(.digits)?`); invalid text is a fault. */
  decimal(name: string, required = false): string | undefined {
    const t = required ? this.reqText(name) : this.text(name);
    if (t === undefined || t === '') return undefined;
    if (!DECIMAL_RE.test(t)) {
      this.reader.fault(IMPORT_FAULT.invalid, `${this.path}/${name}`, `${name} must be a decimal number, got ${JSON.stringify(t)}`);
      return undefined;
    }
    return t;
  }

  date(name: string, required = false): string | undefined {
    const t = required ? this.reqText(name) : this.text(name);
    if (t === undefined || t === '') return undefined;
    if (!DATE_RE.test(t)) {
      this.reader.fault(IMPORT_FAULT.invalid, `${this.path}/${name}`, `${name} must be a date (YYYY-MM-DD), got ${JSON.stringify(t)}`);
      return undefined;
    }
    return t;
  }
}

/** Parses and checks the document; returns the root `Facturae` element or faults. */
export function readFacturae(xml: unknown): { ok: true; root: XEl; reader: Reader } | { ok: false; faults: Fault[] } {
  const reader = new Reader();
  const fail = (code: string, path: string, message: string) => {
    reader.fault(code, path, message);
    return { ok: false as const, faults: reader.faults };
  };
  if (typeof xml !== 'string' || xml.trim() === '') return fail(IMPORT_FAULT.xml, '/', 'expected FacturaE XML text');
  if (/<!DOCTYPE/i.test(xml)) return fail(IMPORT_FAULT.xml, '/', 'documents with a DTD (<!DOCTYPE>) are not accepted');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const e = valid.err;
    return fail(IMPORT_FAULT.xml, '/', `not well-formed XML (line ${e.line}, column ${e.col}): ${e.msg}`);
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    isArray: (name) => REPEATED.has(name),
  });
  const doc = parser.parse(xml) as Json;
  const roots = Object.keys(doc).filter((k) => !k.startsWith('?') && !k.startsWith('#'));
  if (roots.length !== 1) return fail(IMPORT_FAULT.xml, '/', 'expected a single root element');
  const name = roots[0];
  const [prefix, local] = name.includes(':') ? name.split(':', 2) : ['', name];
  const root = doc[name];
  const ns = isObject(root) ? root[prefix ? `@_xmlns:${prefix}` : '@_xmlns'] : undefined;
  if (local !== 'Facturae' || typeof ns !== 'string' || !NAMESPACE_RE.test(ns)) {
    const found = `<${name}>${typeof ns === 'string' ? ` in namespace ${ns}` : ' without a namespace'}`;
    return fail(IMPORT_FAULT.foreign, `/${name}`, `not a FacturaE 3.2.x document: expected <Facturae> in namespace http://www.facturae.gob.es/formato/Versiones/Facturaev3_2_2.xml, found ${found}`);
  }
  return { ok: true, root: new XEl(root, '/Facturae', reader), reader };
}
