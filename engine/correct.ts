/**
 * Correcting an invoice (GOBL's `correct` command, spec gobl-core §3.6): a new invoice of a
 * correction type (credit note, corrective, debit note) whose `preceding` points at the original.
 *
 * What may be done is data: the regime's and the addons' correction definitions, merged (types,
 * extensions offered for the reference, whether a reason or stamps are required, whether the
 * original's tax totals are copied). The result is a *document*, not an envelope: it keeps the
 * original's lines and parties (the user edits them: a partial credit, new charges...), drops the
 * original's identity (uuid, code, issue date unless one is given, totals), and builds like any
 * other document. Problems with the original or the options come back as faults.
 */
import type { Fault } from './core/fault.ts';
import { build } from './build.ts';
import { regimeFor } from './prepare-bill.ts';
import { expandAddons, type Registry } from './tax/context.ts';
import type { CorrectionDef, ExtensionDef, I18n } from './tax/regime-def.ts';
import type { Invoice } from './model/bill.ts';
import { INVOICE_SCHEMA, isEnvelopeInput } from './model/documents.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);


/** Fault codes of `correct` (GOBL reports these as plain errors; ours carry paths). */
export const CORRECT_FAULT = {
  /** The input is not an invoice (or an envelope holding one) that builds. */
  input: 'CORRECT-01',
  /** The options are malformed (not an object, a field of the wrong type, an unknown extension). */
  options: 'CORRECT-02',
  /** The original has no code: an invoice that was never issued cannot be corrected. */
  noCode: 'CORRECT-03',
  /** The correction type is missing or not allowed by the regime. */
  type: 'CORRECT-04',
  /** The definition requires a reason. */
  reason: 'CORRECT-05',
  /** The definition requires a stamp of the original that was not given. */
  stamp: 'CORRECT-06',
} as const;

/** Correction options, as GOBL's `bill.CorrectionOptions` (JSON field names). */
export interface CorrectionOptions {
  readonly type: string;
  readonly issue_date?: string;
  readonly series?: string;
  readonly stamps?: readonly { readonly prv: string; readonly val: string }[];
  readonly reason?: string;
  readonly ext?: Readonly<Record<string, string>>;
  readonly copy_tax?: boolean;
}

/** The merged definition, with the extension definitions it offers. */
export interface CorrectionDefinition {
  readonly types: readonly string[];
  readonly extensions: readonly ExtensionDef[];
  readonly reasonRequired: boolean;
  readonly stamps: readonly string[];
  readonly copyTax: boolean;
}

export interface CorrectOptions {
  /** Builds the original (for its totals and addons); the clock only fills defaults there. */
  readonly now: () => number;
  readonly uuid: () => string;
  readonly registry: Registry;
}

export type CorrectResult =
  | { readonly ok: true; readonly value: { readonly document: Json; readonly definition: CorrectionDefinition } }
  | { readonly ok: false; readonly faults: readonly Fault[] };

/** Invoice types a correction can produce, with what each means (GOBL's invoice type keys). */
export const CORRECTION_TYPES: Readonly<Record<string, { readonly name: I18n; readonly desc: I18n }>> = {
  'credit-note': {
    name: { en: 'Credit note', es: 'Factura rectificativa (abono)' },
    desc: { en: 'Refunds or reduces (part of) the original; its lines are what is credited.', es: 'Anula o reduce (parte de) la factura original; sus líneas son lo que se abona.' },
  },
  corrective: {
    name: { en: 'Corrective', es: 'Factura rectificativa (sustitución)' },
    desc: { en: 'Replaces the original completely; its lines are the corrected invoice.', es: 'Sustituye por completo a la original; sus líneas son la factura corregida.' },
  },
  'debit-note': {
    name: { en: 'Debit note', es: 'Factura rectificativa (cargo)' },
    desc: { en: 'Adds charges to the original; its lines are the extra amounts.', es: 'Añade importes a la factura original; sus líneas son los importes adicionales.' },
  },
};

const union = <T>(a: readonly T[], b: readonly T[] | undefined): T[] => [...a, ...(b ?? []).filter((x) => !a.includes(x))];

/** GOBL's `tax.CorrectionDefinition.Merge` over the regime's and each addon's invoice definition. */
export function correctionDefinition(doc: Json, registry: Registry): CorrectionDefinition {
  const regime = regimeFor(doc, registry);
  const addons = expandAddons(Array.isArray(doc.$addons) ? doc.$addons.filter((k): k is string => typeof k === 'string') : [], registry);
  const defs: CorrectionDef[] = [...(regime?.corrections ?? []), ...addons.flatMap((a) => a.corrections ?? [])].filter((d) => d.schema === 'bill/invoice');
  let types: string[] = [];
  let extKeys: string[] = [];
  let stamps: string[] = [];
  for (const d of defs) {
    types = union(types, d.types);
    extKeys = union(extKeys, d.extensions);
    stamps = union(stamps, d.stamps);
  }
  const extDefs = new Map(addons.flatMap((a) => a.extensions).map((e) => [e.key, e]));
  return {
    types,
    extensions: extKeys.map((k) => extDefs.get(k) ?? { key: k, name: { en: k } }),
    reasonRequired: defs.some((d) => d.reasonRequired === true),
    stamps,
    copyTax: defs.some((d) => d.copyTax === true),
  };
}

/** Reads the options, reporting every malformed field at `$options.<field>`. */
function readOptions(raw: unknown, def: CorrectionDefinition, faults: Fault[]): CorrectionOptions | undefined {
  const bad = (field: string, message: string) => faults.push({ code: CORRECT_FAULT.options, paths: [`$options${field ? `.${field}` : ''}`], message });
  if (!isObject(raw)) {
    bad('', 'the correction options must be a JSON object, e.g. {"type":"credit-note"}');
    return undefined;
  }
  const str = (k: string) => {
    const v = raw[k];
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v !== 'string') bad(k, `${k} must be a string`);
    return typeof v === 'string' ? v : undefined;
  };
  const type = str('type');
  const issueDate = str('issue_date');
  if (issueDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(issueDate)) bad('issue_date', 'issue_date must be a date like 2025-01-31');
  const series = str('series');
  const reason = str('reason');
  let ext: Record<string, string> | undefined;
  if (raw.ext !== undefined && raw.ext !== null) {
    if (!isObject(raw.ext)) bad('ext', 'ext must be an object of extension codes');
    else {
      ext = {};
      for (const [k, v] of Object.entries(raw.ext)) {
        const known = def.extensions.find((e) => e.key === k);
        if (typeof v !== 'string') bad(`ext.${k}`, `the ${k} code must be a string`);
        else if (!known) bad(`ext.${k}`, `${k} is not offered for this correction; expected one of: ${def.extensions.map((e) => e.key).join(', ') || 'none'}`);
        else if (known.values && !known.values.some((c) => c.code === v)) bad(`ext.${k}`, `${JSON.stringify(v)} is not a ${k} code; expected one of: ${known.values.map((c) => c.code).join(', ')}`);
        else ext[k] = v;
      }
    }
  }
  let stamps: { prv: string; val: string }[] | undefined;
  if (raw.stamps !== undefined && raw.stamps !== null) {
    if (!Array.isArray(raw.stamps) || !raw.stamps.every((s) => isObject(s) && typeof s.prv === 'string' && typeof s.val === 'string')) bad('stamps', 'stamps must be a list of {"prv","val"}');
    else stamps = raw.stamps.map((s) => ({ prv: (s as Json).prv as string, val: (s as Json).val as string }));
  }
  if (raw.copy_tax !== undefined && typeof raw.copy_tax !== 'boolean') bad('copy_tax', 'copy_tax must be true or false');
  return { type: type ?? '', issue_date: issueDate, series, reason, ext, stamps, copy_tax: raw.copy_tax === true };
}

/** The original: the document to transform (as written) and its built form (totals, uuid). */
function readOriginal(input: unknown, opts: CorrectOptions, faults: Fault[]) {
  const isEnvelope = isObject(input) && isEnvelopeInput(input);
  const base = isEnvelope ? '$.doc' : '$';
  const source = isEnvelope ? (input as Json).doc : input;
  if (!isObject(source) || source.$schema !== INVOICE_SCHEMA) {
    faults.push({ code: CORRECT_FAULT.input, paths: [`${base}.$schema`], message: `only invoices can be corrected (expected $schema ${INVOICE_SCHEMA})` });
    return undefined;
  }
  const built = build(source, { now: opts.now, uuid: opts.uuid, registry: opts.registry, envelop: false, skipValidation: true });
  if (!built.ok) {
    const rebase = (p: string) => (base === '$' ? p : p.replace(/^\$/, base));
    faults.push(...built.error.faults.map((f) => ({ ...f, code: CORRECT_FAULT.input, paths: f.paths.map(rebase), message: `the original does not build: ${f.message}` })));
    return undefined;
  }
  const head = isEnvelope && isObject((input as Json).head) ? ((input as Json).head as Json) : undefined;
  const headStamps = Array.isArray(head?.stamps) ? (head!.stamps as unknown[]).filter(isObject) : [];
  return { base, source, built: built.value as unknown as Invoice & Json, headStamps };
}

/** Builds the correcting document for `input` (an invoice or an envelope holding one). */
export function correct(input: unknown, options: unknown, opts: CorrectOptions): CorrectResult {
  const faults: Fault[] = [];
  const original = readOriginal(input, opts, faults);
  if (!original) return { ok: false, faults };
  const { base, source, built, headStamps } = original;
  const def = correctionDefinition(built, opts.registry);
  const o = readOptions(options, def, faults);
  if (!o) return { ok: false, faults };

  if (!built.code) faults.push({ code: CORRECT_FAULT.noCode, paths: [`${base}.code`], message: 'cannot correct an invoice without a code: only issued invoices can be corrected' });
  if (!o.type) faults.push({ code: CORRECT_FAULT.type, paths: ['$options.type'], message: `missing correction type; expected one of: ${def.types.join(', ') || 'none (the regime defines no corrections)'}` });
  else if (!def.types.includes(o.type)) faults.push({ code: CORRECT_FAULT.type, paths: ['$options.type'], message: `invalid correction type ${JSON.stringify(o.type)}; expected one of: ${def.types.join(', ') || 'none'}` });
  if (def.reasonRequired && !o.reason) faults.push({ code: CORRECT_FAULT.reason, paths: ['$options.reason'], message: 'missing corrective reason' });
  const available = [...(o.stamps ?? []), ...headStamps.map((s) => ({ prv: String(s.prv ?? ''), val: String(s.val ?? '') }))];
  const stamps = def.stamps.map((k) => {
    const s = available.find((x) => x.prv === k);
    if (!s) faults.push({ code: CORRECT_FAULT.stamp, paths: ['$options.stamps'], message: `missing stamp: ${k}` });
    return s;
  });
  if (faults.length > 0) return { ok: false, faults };

  const preceding: Json = {
    uuid: typeof source.uuid === 'string' ? source.uuid : undefined,
    type: built.type,
    issue_date: built.issue_date,
    series: built.series,
    code: built.code,
    reason: o.reason,
    stamps: stamps.length > 0 ? stamps : undefined,
    tax: o.copy_tax || def.copyTax ? built.totals?.taxes : undefined,
    ext: o.ext && Object.keys(o.ext).length > 0 ? { ...o.ext } : undefined,
  };
  // The source is JSON data: a JSON round trip is a deep copy (and keeps "__proto__" an own key).
  const doc = JSON.parse(JSON.stringify(source)) as Json;
  for (const k of ['uuid', 'code', 'totals', 'issue_date'] as const) delete doc[k];
  doc.type = o.type;
  if (o.series) doc.series = o.series;
  if (o.issue_date) doc.issue_date = o.issue_date;
  doc.preceding = [Object.fromEntries(Object.entries(preceding).filter(([, v]) => v !== undefined && v !== null && v !== ''))];
  // Addons move what belongs to the new invoice (SII/VERI*FACTU doc type) off the reference.
  for (const addon of expandAddons(built.$addons ?? [], opts.registry)) addon.normalizeCorrection?.(doc as unknown as Invoice);
  const ref = (doc.preceding as Json[])[0]!;
  if (isObject(ref.ext) && Object.keys(ref.ext).length === 0) delete ref.ext;
  return { ok: true, value: { document: headFirst(doc), definition: def } };
}

/** GOBL's order for an invoice's leading fields, so `type` and `preceding` read where expected. */
const HEAD_FIELDS = ['$schema', '$regime', '$addons', '$tags', 'uuid', 'type', 'series', 'code', 'issue_date', 'issue_time', 'op_date', 'value_date', 'tax_period', 'currency', 'exchange_rates', 'preceding'];

function headFirst(doc: Json): Json {
  const out: Json = {};
  for (const k of HEAD_FIELDS) if (Object.hasOwn(doc, k)) out[k] = doc[k];
  for (const [k, v] of Object.entries(doc)) if (!Object.hasOwn(out, k)) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
}

/** The options schema for an invoice or an envelope holding one (its series is the default). */
export function correctionOptionsSchemaFor(input: unknown, registry: Registry, lang = 'en'): Json {
  const doc = isObject(input) && isEnvelopeInput(input) ? (input.doc as Json) : isObject(input) ? input : {};
  return correctionOptionsSchema(correctionDefinition(doc, registry), typeof doc.series === 'string' ? doc.series : undefined, lang);
}

/** What GOBL offers as the correction options' JSON Schema for this invoice (`correct --options`). */
export function correctionOptionsSchema(def: CorrectionDefinition, series?: string, lang = 'en'): Json {
  const t = (i: I18n | undefined) => (i ? (i[lang] ?? i.en ?? Object.values(i)[0]) : undefined);
  const properties: Json = {
    type: {
      type: 'string',
      title: 'Type',
      default: def.types[0],
      oneOf: def.types.map((k) => ({ const: k, title: t(CORRECTION_TYPES[k]?.name) ?? k, description: t(CORRECTION_TYPES[k]?.desc) })),
    },
    issue_date: { type: 'string', format: 'date', title: 'Issue date', description: 'Issue date of the correction (default: today in the regime’s time zone).' },
    series: { type: 'string', title: 'Series', ...(series ? { default: series } : {}) },
    reason: { type: 'string', title: 'Reason' },
  };
  if (def.stamps.length > 0) properties.stamps = { type: 'array', title: 'Stamps', items: { type: 'object', properties: { prv: { type: 'string' }, val: { type: 'string' } }, required: ['prv', 'val'] } };
  if (def.extensions.length > 0) {
    properties.ext = {
      type: 'object',
      title: 'Extensions',
      additionalProperties: false,
      properties: Object.fromEntries(
        def.extensions.map((e) => [
          e.key,
          { type: 'string', title: t(e.name), ...(e.desc ? { description: t(e.desc) } : {}), ...(e.values ? { oneOf: e.values.map((c) => ({ const: c.code, title: t(c.name) })) } : {}) },
        ]),
      ),
    };
  }
  properties.copy_tax = { type: 'boolean', title: 'Copy tax totals', default: def.copyTax };
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://gobl.org/draft-0/bill/correction-options',
    type: 'object',
    properties,
    required: def.reasonRequired ? ['type', 'reason'] : ['type'],
    additionalProperties: false,
  };
}
