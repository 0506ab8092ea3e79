/**
 * JSON Schemas for the supported documents, generated from the engine's own zod models so the
 * editor (Monaco) and ajv see exactly the shapes the parser accepts. `z.toJSONSchema` describes
 * the *input* side (legacy fields that migrations move are still accepted, amounts may be JSON
 * numbers or decimal text); this module then names the shared parts (`$defs`), adds titles and
 * short descriptions, and lists the known values of keys and codes (document types, tags,
 * addons, tax categories, keys and rates of the ES regime, and every addon extension code).
 *
 * Objects stay open (no `additionalProperties: false`): GOBL drops unknown fields rather than
 * rejecting them. Value lists are closed only where GOBL accepts nothing else whatever the
 * regime (document `type`, currency codes, codes of a known extension key); lists that depend on
 * the regime or addons in use (`$tags`, `$addons`, tax categories, keys and rates) only suggest.
 *
 * Pure: no I/O. `scripts/generate-schemas.ts` writes the result into `schemas/`.
 */
import { z } from 'zod';
import { addons } from '../addons/index.ts';
import { knownCurrencyCodes } from '../currency/currencies.ts';
import { esRegime } from '../regimes/es/index.ts';
import { defaultInvoiceTags } from '../tax/default-tags.ts';
import type { CodeDef, ExtensionDef, I18n, RegimeDef, TagDef } from '../tax/regime-def.ts';
import type { AddonDef } from '../tax/addon-def.ts';
import { ENVELOPE_SCHEMA, SCHEMA_BASE, documentTypes, type DocumentType } from './documents.ts';
import { amount, date, percentage, stringMap, uuid } from './primitives.ts';
import * as billModels from './bill.ts';
import * as deliveryOrderModels from './delivery-order.ts';
import * as messageModels from './message.ts';
import * as orgModels from './org.ts';
import * as paymentModels from './payment.ts';
import * as statusModels from './status.ts';
import * as taxModels from './tax.ts';

/** A JSON Schema node (plain JSON data). */
export type JsonSchema = { [key: string]: unknown };

export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

/** Keywords that are annotations for editors only; ajv must be told about them (`addKeyword`). */
export const EDITOR_KEYWORDS = ['markdownDescription', 'deprecationMessage'] as const;

// ---------------------------------------------------------------------------------------------
// Names of the shared parts, as GOBL's Go types (`org.Party`, `tax.Combo`...).

/** `module.export` → GOBL type name, where the generic PascalCase name would be wrong. */
const GOBL_NAMES: Readonly<Record<string, string>> = {
  'bill.billTax': 'bill.Tax',
  'bill.invoice': 'bill.Invoice',
  'org.digest': 'dsig.Digest',
  'org.taxIdentity': 'tax.Identity',
  'org.period': 'cal.Period',
  'org.stamp': 'head.Stamp',
  'org.exchangeRate': 'currency.ExchangeRate',
  'org.currencyAmount': 'currency.Amount',
  'tax.taxTotal': 'tax.Total',
  'tax.taxNote': 'tax.Note',
  'tax.documentRef': 'org.DocumentRef',
  'tax.card': 'pay.Card',
  'tax.creditTransfer': 'pay.CreditTransfer',
  'tax.directDebit': 'pay.DirectDebit',
  'tax.online': 'pay.Online',
  'tax.instructions': 'pay.Instructions',
  'tax.payRecord': 'pay.Record',
  'tax.dueDate': 'pay.DueDate',
  'tax.terms': 'pay.Terms',
  'status.statusFault': 'bill.Fault',
  'status.statusReason': 'bill.Reason',
  'status.statusAction': 'bill.Action',
  'status.statusLine': 'bill.StatusLine',
  'status.status': 'bill.Status',
  'payment.paymentLine': 'bill.PaymentLine',
  'payment.payment': 'bill.Payment',
  'deliveryOrder.delivery': 'bill.Delivery',
  'deliveryOrder.order': 'bill.Order',
  'message.message': 'note.Message',
};

const MODEL_MODULES: ReadonlyArray<readonly [string, string, Record<string, unknown>]> = [
  // [module key, GOBL package for generic names, exports]
  ['bill', 'bill', billModels],
  ['deliveryOrder', 'bill', deliveryOrderModels],
  ['payment', 'bill', paymentModels],
  ['status', 'bill', statusModels],
  ['message', 'note', messageModels],
  ['org', 'org', orgModels],
  ['tax', 'tax', taxModels],
];

const pascal = (s: string): string =>
  s
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');

type ZodDef = { type: string; out?: z.ZodType };
const defOf = (s: unknown): ZodDef | undefined =>
  s instanceof z.ZodType ? (s as unknown as { _zod: { def: ZodDef } })._zod.def : undefined;

/** Objects, and objects behind a `z.preprocess` migration. */
function isObjectModel(s: unknown): s is z.ZodType {
  const d = defOf(s);
  if (!d) return false;
  if (d.type === 'object') return true;
  return d.type === 'pipe' && defOf(d.out)?.type === 'object';
}

/** Every named object model of the model modules, with its GOBL type name. */
function namedModels(): Map<z.ZodType, string> {
  const out = new Map<z.ZodType, string>();
  const used = new Set<string>();
  for (const [mod, pkg, exports] of MODEL_MODULES) {
    for (const [name, value] of Object.entries(exports)) {
      if (!isObjectModel(value) || out.has(value)) continue;
      let id = GOBL_NAMES[`${mod}.${name}`] ?? `${pkg}.${pascal(name)}`;
      while (used.has(id)) id += '_';
      used.add(id);
      out.set(value, id);
    }
  }
  return out;
}

/** `bill/invoice` → `bill.Invoice`. */
const rootName = (docName: string): string => {
  const parts = docName.split('/');
  return [...parts.slice(0, -1), pascal(parts[parts.length - 1])].join('.');
};

// ---------------------------------------------------------------------------------------------
// Known values.

interface KnownValue {
  readonly value: string;
  readonly title: string;
  readonly description?: string;
  readonly markdown?: string;
}

const en = (t: I18n | undefined): string | undefined => (t ? (t.en ?? Object.values(t)[0]) : undefined);
const es = (t: I18n | undefined): string | undefined => t?.es;
const joinText = (...parts: (string | undefined)[]): string =>
  parts
    .filter((p): p is string => !!p && p.trim() !== '')
    .map((p) => (/[.!?)]$/.test(p.trim()) ? p.trim() : `${p.trim()}.`))
    .join(' ');

function tagValues(tags: readonly TagDef[], origin: string): KnownValue[] {
  return tags.map((t) => ({
    value: t.key,
    title: `${t.key} – ${en(t.name)}`,
    description: joinText(es(t.name), origin),
    markdown: `**${t.key}** – ${en(t.name)}\n\n*${es(t.name) ?? ''}*\n\n${origin}`,
  }));
}

function uniqueValues(list: KnownValue[]): KnownValue[] {
  const seen = new Set<string>();
  return list.filter((v) => (seen.has(v.value) ? false : (seen.add(v.value), true)));
}

const INVOICE_TYPES: readonly KnownValue[] = [
  { value: 'standard', title: 'standard – Standard invoice', description: 'A regular commercial invoice.' },
  { value: 'proforma', title: 'proforma – Proforma invoice', description: 'A preliminary invoice or quote sent before the real one; it has no tax effect.' },
  { value: 'corrective', title: 'corrective – Corrective invoice', description: 'Replaces a previous invoice completely (needs `preceding`).' },
  { value: 'credit-note', title: 'credit-note – Credit note', description: 'Reverses or reduces (part of) a previous invoice (needs `preceding` in most formats).' },
  { value: 'debit-note', title: 'debit-note – Debit note', description: 'Adds charges to a previous invoice.' },
  { value: 'other', title: 'other – Other', description: 'Any other kind of invoice agreed between the parties.' },
];

/** Document `type` values GOBL accepts, per schema. */
const DOCUMENT_TYPES: Readonly<Record<string, readonly KnownValue[]>> = {
  'bill/invoice': INVOICE_TYPES,
  'bill/order': [
    { value: 'purchase', title: 'purchase – Purchase order', description: 'An order to buy goods or services from the supplier.' },
    { value: 'sale', title: 'sale – Sales order', description: 'An order confirmed by the supplier to the customer.' },
    { value: 'quote', title: 'quote – Quote', description: 'A quotation or offer.' },
  ],
  'bill/delivery': [
    { value: 'advice', title: 'advice – Delivery advice', description: 'Notice of an upcoming delivery.' },
    { value: 'note', title: 'note – Delivery note', description: 'Document that accompanies the goods.' },
    { value: 'waybill', title: 'waybill – Waybill', description: 'Transport document issued by the carrier.' },
    { value: 'receipt', title: 'receipt – Delivery receipt', description: 'Confirmation that the goods were received.' },
    { value: 'other', title: 'other – Other', description: 'Any other delivery document.' },
  ],
  'bill/payment': [
    { value: 'request', title: 'request – Payment request', description: 'Asks the customer to pay.' },
    { value: 'advice', title: 'advice – Remittance advice', description: 'Tells the supplier a payment was made.' },
    { value: 'receipt', title: 'receipt – Payment receipt', description: 'Confirms a payment was received.' },
  ],
  'bill/status': [
    { value: 'response', title: 'response – Response', description: 'Answer about a received document.' },
    { value: 'update', title: 'update – Update', description: 'Progress update about a document.' },
    { value: 'system', title: 'system – System', description: 'Event of the system itself (anomaly, shutdown...).' },
  ],
};

const ROUNDING_RULES: readonly KnownValue[] = [
  { value: 'precise', title: 'precise – Precise (default)', description: 'Sums line amounts with extra precision and rounds the totals only at the end (legacy name: sum-then-round).' },
  { value: 'currency', title: 'currency – Currency', description: 'Rounds every line to the currency\'s decimals before summing (legacy name: round-then-sum).' },
];

const PAYMENT_MEANS: readonly KnownValue[] = [
  ['any', 'Any method available'],
  ['card', 'Payment card'],
  ['card+credit', 'Credit card'],
  ['card+debit', 'Debit card'],
  ['credit-transfer', 'Credit transfer'],
  ['credit-transfer+sepa', 'SEPA credit transfer'],
  ['debit-transfer', 'Debit transfer'],
  ['cash', 'Cash'],
  ['cheque', 'Cheque'],
  ['bank-draft', 'Bank draft'],
  ['direct-debit', 'Direct debit'],
  ['direct-debit+sepa', 'SEPA direct debit'],
  ['online', 'Online payment'],
  ['promissory-note', 'Promissory note'],
  ['netting', 'Netting'],
  ['other', 'Other'],
].map(([value, title]) => ({ value, title: `${value} – ${title}` }));

const TERM_KEYS: readonly KnownValue[] = [
  ['end-of-month', 'End of month'],
  ['due-date', 'Due date'],
  ['deferred', 'Deferred'],
  ['proximo', 'Proximo (day of the next month)'],
  ['instant', 'Instant'],
  ['elective', 'Elective (chosen by the customer)'],
  ['pending', 'Pending (to be agreed)'],
  ['advanced', 'Advanced (paid before)'],
  ['delivery', 'On delivery'],
  ['undefined', 'Undefined'],
].map(([value, title]) => ({ value, title: `${value} – ${title}` }));

/** The regimes the engine ships with. */
const REGIMES: readonly RegimeDef[] = [esRegime];

function regimeValues(): KnownValue[] {
  return REGIMES.map((r) => ({ value: r.country, title: `${r.country} – ${en(r.name)}`, description: joinText(es(r.name), `Currency ${r.currency}`) }));
}

function addonValues(list: readonly AddonDef[]): KnownValue[] {
  return list.map((a) => ({
    value: a.key,
    title: `${a.key} – ${en(a.name)}`,
    description: joinText(es(a.name), en(a.description)),
    markdown: `**${a.key}** – ${en(a.name)}\n\n*${es(a.name) ?? ''}*\n\n${en(a.description) ?? ''}`.trim(),
  }));
}

function invoiceTagValues(list: readonly AddonDef[]): KnownValue[] {
  return uniqueValues([
    ...tagValues(defaultInvoiceTags, 'GOBL default tag.'),
    ...REGIMES.flatMap((r) => tagValues(r.tags, `${en(r.name)} (${r.country}) regime tag.`)),
    ...list.flatMap((a) => tagValues(a.tags ?? [], `Tag of the ${a.key} addon.`)),
  ]);
}

function categoryValues(): KnownValue[] {
  return uniqueValues(
    REGIMES.flatMap((r) =>
      r.categories.map((c) => ({
        value: c.code,
        title: `${c.code} – ${en(c.title) ?? en(c.name)}`,
        description: joinText(es(c.title) ?? es(c.name), c.retained ? 'Retained (withheld) tax' : undefined, `${r.country} regime`),
      })),
    ),
  );
}

function comboKeyValues(): KnownValue[] {
  const out = new Map<string, { title: string; es?: string; noPercent?: boolean; cats: string[] }>();
  for (const r of REGIMES) {
    for (const c of r.categories) {
      for (const k of c.keys ?? []) {
        const e = out.get(k.key) ?? { title: en(k.name) ?? k.key, es: es(k.name), noPercent: k.noPercent, cats: [] };
        e.cats.push(c.code);
        out.set(k.key, e);
      }
    }
  }
  return [...out].map(([value, e]) => ({
    value,
    title: `${value} – ${e.title}`,
    description: joinText(e.es, `Categories: ${e.cats.join(', ')}`, e.noPercent ? 'Carries no rate or percent' : undefined),
  }));
}

function rateValues(): KnownValue[] {
  const out = new Map<string, { title: string; es?: string; lines: string[] }>();
  for (const r of REGIMES) {
    for (const c of r.categories) {
      for (const rate of c.rates ?? []) {
        const e = out.get(rate.rate) ?? { title: en(rate.name) ?? rate.rate, es: es(rate.name), lines: [] };
        const v = rate.values?.[0];
        const pct = v ? `${v.percent}${v.surcharge ? ` + ${v.surcharge} surcharge` : ''}${v.since ? ` since ${v.since}` : ''}` : 'no fixed percent';
        e.lines.push(`${c.code}: ${pct}${rate.keys?.length ? ` (key ${rate.keys.join('/')})` : ''}`);
        out.set(rate.rate, e);
      }
    }
  }
  return [...out].map(([value, e]) => ({
    value,
    title: `${value} – ${e.title}`,
    description: joinText(e.es, e.lines.join('; ')),
    markdown: `**${value}** – ${e.title}\n\n*${e.es ?? ''}*\n\n${e.lines.map((l) => `- ${l}`).join('\n')}`,
  }));
}

function identityKeyValues(list: readonly AddonDef[]): KnownValue[] {
  const defs = [
    ...REGIMES.flatMap((r) => (r.identityKeys ?? []).map((k) => ({ k, origin: `${r.country} regime` }))),
    ...list.flatMap((a) => (a.identityKeys ?? []).map((k) => ({ k, origin: `${a.key} addon` }))),
  ];
  return uniqueValues(defs.map(({ k, origin }) => ({ value: k.key, title: `${k.key} – ${en(k.name)}`, description: joinText(es(k.name), origin) })));
}

function constSchema(v: KnownValue): JsonSchema {
  const s: JsonSchema = { const: v.value, title: v.title };
  if (v.description) s.description = v.description;
  if (v.markdown) s.markdownDescription = v.markdown;
  return s;
}

// ---------------------------------------------------------------------------------------------
// Extensions.

interface ExtEntry {
  readonly def: ExtensionDef;
  readonly addons: string[];
}

/** Every extension key the addons define, in addon order; code lists of shared keys merged. */
function extensionEntries(list: readonly AddonDef[]): ExtEntry[] {
  const out = new Map<string, { def: ExtensionDef; addons: string[]; values: CodeDef[] }>();
  for (const a of list) {
    for (const e of a.extensions) {
      const cur = out.get(e.key);
      if (!cur) {
        out.set(e.key, { def: e, addons: [a.key], values: [...(e.values ?? [])] });
        continue;
      }
      if (!cur.addons.includes(a.key)) cur.addons.push(a.key);
      for (const v of e.values ?? []) if (!cur.values.some((x) => x.code === v.code)) cur.values.push(v);
    }
  }
  return [...out.values()].map((e) => ({ def: { ...e.def, values: e.values.length ? e.values : undefined }, addons: e.addons }));
}

function extensionCodeSchema(v: CodeDef): JsonSchema {
  const name = en(v.name) ?? v.code;
  const desc = en(v.desc);
  return {
    const: v.code,
    title: `${v.code} – ${name}`,
    description: joinText(es(v.name), desc),
    markdownDescription: [`**${v.code}** – ${name}`, es(v.name) ? `*${es(v.name)}*` : '', desc ?? ''].filter(Boolean).join('\n\n'),
  };
}

function extensionKeySchema(e: ExtEntry): JsonSchema {
  const d = e.def;
  const name = en(d.name) ?? d.key;
  const addonText = `Addon${e.addons.length > 1 ? 's' : ''}: ${e.addons.map((a) => `\`${a}\``).join(', ')}`;
  const options: JsonSchema[] = (d.values ?? []).map(extensionCodeSchema);
  if (d.pattern) options.push({ type: 'string', pattern: d.pattern, title: `Code matching ${d.pattern}` });
  // GOBL removes empty extension values while normalizing, so they are valid input.
  options.push({ type: 'string', maxLength: 0, title: 'Empty (removed when normalized)' });
  const codes = (d.values ?? []).map((v) => `- \`${v.code}\` ${en(v.name) ?? ''}`).join('\n');
  return {
    title: name,
    description: joinText(es(d.name), en(d.desc), addonText.replace(/`/g, '')),
    markdownDescription: [`**${name}**`, es(d.name) ? `*${es(d.name)}*` : '', en(d.desc) ?? '', addonText, codes].filter(Boolean).join('\n\n'),
    anyOf: options,
  };
}

function extensionsDef(list: readonly AddonDef[]): JsonSchema {
  const properties: JsonSchema = {};
  for (const e of extensionEntries(list)) properties[e.def.key] = extensionKeySchema(e);
  return {
    title: 'Extensions',
    description:
      'Extension codes required by addons and tax authorities, keyed by extension key (e.g. es-tbai-exemption: "E1"). ' +
      'Keys defined by the addons are listed with their codes; other keys are kept but only accepted by validation when a regime or addon defines them.',
    type: 'object',
    properties,
    additionalProperties: { type: 'string' },
  };
}

// ---------------------------------------------------------------------------------------------
// Titles and descriptions.

interface Doc {
  readonly title?: string;
  readonly description: string;
}
type DocTable = Readonly<Record<string, string | Doc>>;

/** Descriptions of fields whatever object they are in. */
const COMMON_FIELDS: DocTable = {
  $schema: 'Schema URL identifying the type of this object.',
  $regime: 'Tax regime (country code) whose rules apply; when empty it is taken from the supplier\'s tax ID country.',
  $addons: 'Addons whose extensions, normalization and validation rules apply (e.g. the Spanish VERI*FACTU, SII or TicketBAI formats).',
  $tags: 'Tags for special situations; they select scenarios that add legal notes and extension codes.',
  uuid: 'Universally unique identifier (UUID).',
  i: 'Line or row number, set automatically when calculated.',
  label: 'Short label to identify this entry.',
  key: 'Key (lower-case words joined by "-") classifying this entry.',
  code: 'Code identifying this entry.',
  name: 'Name.',
  description: 'Free-text description.',
  notes: 'Notes with additional information.',
  ext: 'Extension codes required by addons and tax authorities, keyed by extension key.',
  meta: 'Additional non-structured data, as string keys and values.',
  complements: 'Additional structured objects required by some formats, each with its own $schema.',
  attachments: 'Files or links attached to the document.',
  currency: 'Currency code (ISO 4217), e.g. EUR.',
  country: 'Country code (ISO 3166-1 alpha-2), e.g. ES.',
  identities: 'Other identities (codes from other systems or authorities).',
  period: 'Period of time covered: start and end dates.',
  url: 'Web address (URL).',
  email: 'E-mail address.',
  percent: 'Percentage as text, e.g. "10%" (a value without % is a ratio: "0.1" is 10%).',
  amount: 'Amount as decimal text, e.g. "12.50".',
  base: 'Amount the percentage is applied to; the line or document sum when empty.',
  reason: 'Human-readable reason.',
  date: 'Date (YYYY-MM-DD).',
  issue_date: 'Date the document was issued (YYYY-MM-DD); defaults to today in the regime\'s time zone.',
  issue_time: 'Time of issue (HH:MM:SS), when it matters to the tax authority.',
  value_date: 'Date from which the amounts are valid or payable.',
  series: 'Series the code belongs to; series and code together must be unique for the supplier.',
  exchange_rates: 'Exchange rates to convert amounts in other currencies into the document currency.',
  preceding: 'Previous documents this one refers to, corrects or replaces.',
  supplier: 'Party supplying the goods or services and issuing the document.',
  customer: 'Party receiving the goods or services.',
  ordering: 'Ordering details: order, contract, project and other references.',
  totals: 'Calculated totals; always recalculated from the lines, discounts and charges.',
  lines: 'Lines of the document.',
  discounts: 'Discounts on the whole document, applied after the line totals.',
  charges: 'Charges on the whole document (e.g. shipping), applied after the line totals.',
  taxes: 'Taxes that apply, one combo per category, e.g. [{ "cat": "VAT", "rate": "general" }].',
  tax: 'Tax options of the document.',
  payment: 'Payment terms, advances and instructions.',
  delivery: 'Delivery details.',
  item: 'Goods or service supplied.',
  quantity: 'Number of units (decimal text or number), e.g. "10" or "1.5".',
  sum: 'Quantity × price, before discounts and charges (calculated).',
  total: 'Total after discounts and charges, before taxes (calculated).',
  addresses: 'Postal addresses.',
  emails: 'E-mail addresses.',
  telephones: 'Telephone numbers.',
  websites: 'Web sites.',
  tax_id: 'Tax identity: country and tax code (the NIF in Spain).',
};

/** Per object (GOBL type name): title, description and field descriptions. */
const OBJECT_DOCS: Readonly<Record<string, { title: string; description: string; fields?: DocTable }>> = {
  'bill.Invoice': {
    title: 'Invoice',
    description: 'A GOBL invoice (bill/invoice): parties, lines with taxes and calculated totals.',
    fields: {
      type: 'Type of invoice: standard, proforma, corrective, credit-note, debit-note or other. Defaults to standard.',
      code: 'Sequential code (number) of the invoice within its series; required to issue it (drafts may leave it empty).',
      op_date: 'Date of the operation (supply of goods or services) when it differs from the issue date.',
      currency: 'Currency of all amounts (ISO 4217); defaults to the regime\'s currency (EUR in Spain).',
      preceding: 'Previous invoices this one corrects, replaces or refers to (required by corrective invoices and credit notes).',
      tax: 'Document tax options: prices including tax, rounding rule, extensions and legal notes.',
      supplier: 'Party issuing the invoice and supplying the goods or services; needs a name and, normally, a tax ID.',
      customer: 'Party receiving the invoice; optional for simplified invoices.',
      lines: 'Invoice lines: what is supplied, with quantity, item price and taxes.',
      payment: 'Payment terms, advances already paid and payment instructions (IBAN, card...).',
      delivery: 'Delivery details: receiver and date or period of delivery.',
      notes: 'Notes printed on the invoice, including legal remarks.',
    },
  },
  'bill.Order': { title: 'Order', description: 'A GOBL order (bill/order): a purchase order, sales order or quote.' },
  'bill.Delivery': { title: 'Delivery', description: 'A GOBL delivery document (bill/delivery): delivery note, advice, waybill or receipt.' },
  'bill.Payment': {
    title: 'Payment',
    description: 'A GOBL payment (bill/payment): request, remittance advice or receipt for one or more documents.',
    fields: { lines: 'Documents the payment is for, with the amount paid for each.', methods: 'How the payment is or was made.', total: 'Total amount paid (calculated from the lines).' },
  },
  'bill.Status': { title: 'Status', description: 'A GOBL status message (bill/status) about other documents.' },
  'org.Party': {
    title: 'Party',
    description: 'A person or organisation: supplier, customer, payee...',
    fields: {
      name: 'Legal or official name of the party.',
      alias: 'Trade name or alias.',
      people: 'Contact people.',
      inboxes: 'Electronic inboxes where documents can be delivered (e.g. Peppol IDs).',
      endpoints: 'Electronic endpoints (URIs) of the party.',
      registration: 'Company registry details (registro mercantil).',
      logos: 'Logos of the party.',
    },
  },
  'tax.Identity': {
    title: 'Tax identity',
    description: 'A tax identification code with its country.',
    fields: {
      country: 'Country of the tax identity (ISO 3166-1 alpha-2); also selects the tax regime.',
      code: 'Tax code without the country prefix, e.g. B98602642; normalized (spaces and dashes removed).',
      scheme: 'Tax scheme, e.g. VAT; set from the regime.',
      type: 'Type of identity (regime specific).',
    },
  },
  'org.Identity': { title: 'Identity', description: 'A code that identifies a party or item in some system.', fields: { key: 'Kind of identity document (regime or addon specific, e.g. passport).', type: 'Type of code (e.g. a standard scheme).', code: 'The identity code.', scope: 'Where the identity applies (e.g. tax, legal).' } },
  'org.Address': {
    title: 'Address',
    description: 'A postal address.',
    fields: {
      po_box: 'Post office box.',
      num: 'House or building number.',
      street: 'Street name.',
      street_extra: 'Additional street details.',
      locality: 'Village, town or city.',
      region: 'Province, county or region.',
      state: 'State code (where applicable).',
      code: 'Postal code.',
      country: 'Country code (ISO 3166-1 alpha-2).',
      coords: 'Geographic coordinates.',
    },
  },
  'org.Item': {
    title: 'Item',
    description: 'The goods or service supplied in a line.',
    fields: {
      ref: 'Supplier\'s reference (SKU) of the item.',
      key: 'Kind of item (e.g. goods, services); some addons derive codes from it.',
      name: 'Name of the item as printed on the document.',
      currency: 'Currency of the price when it differs from the document currency (needs an exchange rate).',
      price: 'Price of one unit, before tax unless tax.prices_include is set; decimal text or number.',
      alt_prices: 'Prices in other currencies.',
      unit: 'Unit of measure, e.g. h, kg, item, or a UN/ECE Recommendation 20 code.',
      origin: 'Country of origin of the goods.',
    },
  },
  'bill.Line': {
    title: 'Line',
    description: 'An invoice line: quantity × item price, discounts, charges and taxes.',
    fields: {
      identifier: 'Identity of the line in another system.',
      order: 'Purchase order reference of this line.',
      cost: 'Cost centre code.',
      breakdown: 'Sub-lines whose sum gives the item price.',
      substituted: 'Items this line replaces.',
      seller: 'Seller of the line when it is not the supplier (marketplaces).',
      discounts: 'Discounts on this line (percent of the sum or amount).',
      charges: 'Charges on this line.',
      taxes: 'Taxes of the line, one combo per category, e.g. [{ "cat": "VAT", "rate": "general" }].',
      total: 'Line total after discounts and charges, before taxes (calculated).',
    },
  },
  'bill.SubLine': { title: 'Sub-line', description: 'A part of a line\'s breakdown.' },
  'bill.LineDiscount': { title: 'Line discount', description: 'A discount on a line, as a percent of the line sum or an amount.', fields: { key: 'Kind of discount (UNTDID 5189 based key).', amount: 'Discount amount; calculated from percent and base when a percent is given.' } },
  'bill.LineCharge': { title: 'Line charge', description: 'A charge on a line, as a percent, a rate × quantity or an amount.', fields: { key: 'Kind of charge (UNTDID 7161 based key).', rate: 'Amount per unit, multiplied by quantity.', amount: 'Charge amount; calculated when a percent or rate is given.' } },
  'bill.Discount': { title: 'Discount', description: 'A discount on the whole document.', fields: { amount: 'Discount amount; calculated from percent and base when a percent is given.', taxes: 'Taxes that apply to the discount.' } },
  'bill.Charge': { title: 'Charge', description: 'A charge on the whole document (shipping, handling...).', fields: { amount: 'Charge amount; calculated from percent and base when a percent is given.', taxes: 'Taxes that apply to the charge.' } },
  'bill.Tax': {
    title: 'Document tax options',
    description: 'Tax options of the whole document.',
    fields: {
      prices_include: 'Tax category included in item prices (e.g. VAT): prices are then gross and the tax is extracted from them.',
      rounding: 'Rounding rule: precise (default, totals rounded at the end) or currency (each line rounded first).',
      point: 'Tax point: when the tax becomes due, if not the issue date.',
      ext: 'Document-level extension codes (e.g. the Spanish invoice type code of an addon).',
      notes: 'Legal notes required by a tax situation (e.g. the reason for an exemption).',
    },
  },
  'tax.Combo': {
    title: 'Tax combo',
    description: 'One tax applied to a line, discount or charge: category, key, rate and percent.',
    fields: {
      cat: 'Tax category code, e.g. VAT, IGIC, IPSI or IRPF.',
      country: 'Country whose rates apply, when the tax belongs to another regime than the document\'s.',
      key: 'Situation of the supply in the category: standard (default), zero, exempt, reverse-charge, export, intra-community or outside-scope.',
      rate: 'Rate key of the regime (e.g. general, reduced, super-reduced); the percent is looked up for the tax date.',
      percent: 'Tax percentage, e.g. "21%"; taken from the rate when empty.',
      surcharge: 'Equivalence surcharge percentage (recargo de equivalencia), e.g. "5.2%".',
      ext: 'Extension codes of this tax (e.g. exemption or operation codes required by an addon).',
    },
  },
  'tax.Note': { title: 'Tax note', description: 'A legal note explaining a tax situation.', fields: { cat: 'Tax category the note is about.', key: 'Tax combo key the note is about.', text: 'Text of the note.' } },
  'tax.Total': { title: 'Tax total', description: 'Calculated tax totals by category and rate.', fields: { sum: 'Sum of all taxes (calculated).', retained: 'Sum of retained taxes (calculated).' } },
  'tax.CategoryTotal': { title: 'Tax category total', description: 'Calculated totals of one tax category.', fields: { code: 'Tax category code.' } },
  'tax.RateTotal': { title: 'Tax rate total', description: 'Calculated totals of one key and percent.' },
  'bill.Totals': {
    title: 'Totals',
    description: 'Calculated totals of the document; any value given is replaced by the calculation.',
    fields: {
      sum: 'Sum of the line totals.',
      discount: 'Sum of the document discounts.',
      charge: 'Sum of the document charges.',
      tax_included: 'Tax included in the prices, when tax.prices_include is set.',
      total: 'Sum of lines minus discounts plus charges, without taxes.',
      taxes: 'Tax totals by category and rate.',
      tax: 'Sum of the taxes (without retained taxes).',
      total_with_tax: 'Total plus taxes.',
      retained_tax: 'Retained (withheld) taxes, e.g. IRPF.',
      rounding: 'Rounding adjustment.',
      payable: 'Amount to pay: total with tax minus retained taxes plus rounding.',
      advance: 'Advances already paid.',
      due: 'Amount still due: payable minus advances.',
    },
  },
  'org.DocumentRef': { title: 'Document reference', description: 'A reference to another document (e.g. the invoice a credit note corrects).', fields: { type: 'Type of the referenced document.', code: 'Code of the referenced document.', stamps: 'Stamps of the referenced document (e.g. registration codes of the tax agency).', reason: 'Reason for referring to (or correcting) the document.' } },
  'org.Note': { title: 'Note', description: 'A free-text note.', fields: { key: 'Kind of note (e.g. general, legal, payment).', src: 'Source of the note (e.g. a key of the tax situation).', text: 'Text of the note.' } },
  'org.Person': { title: 'Person', description: 'A contact person.' },
  'org.Name': { title: 'Person name', description: 'Parts of a person\'s name.' },
  'org.Email': { title: 'E-mail', description: 'An e-mail address.', fields: { addr: 'E-mail address.' } },
  'org.Telephone': { title: 'Telephone', description: 'A telephone number.', fields: { num: 'Telephone number.' } },
  'org.Website': { title: 'Website', description: 'A web site.' },
  'org.Inbox': { title: 'Inbox', description: 'An electronic inbox (e.g. Peppol participant ID).' },
  'org.Endpoint': { title: 'Endpoint', description: 'An electronic endpoint (URI).' },
  'org.Image': { title: 'Image', description: 'An image (logo, photo) by URL or inline data.' },
  'org.Registration': { title: 'Registration', description: 'Company registry details (registro mercantil).' },
  'org.Attachment': { title: 'Attachment', description: 'A file attached to the document.' },
  'org.Coordinates': { title: 'Coordinates', description: 'Geographic coordinates.' },
  'cal.Period': { title: 'Period', description: 'A period of time.', fields: { start: 'First day (YYYY-MM-DD).', end: 'Last day (YYYY-MM-DD).' } },
  'head.Stamp': { title: 'Stamp', description: 'A value added by a provider or tax agency (e.g. a registration code or QR URL).', fields: { prv: 'Provider key of the stamp.', val: 'Value of the stamp.' } },
  'dsig.Digest': { title: 'Digest', description: 'A digest (hash) of some content.', fields: { alg: 'Algorithm, e.g. sha256.', val: 'Hex-encoded digest value.' } },
  'currency.ExchangeRate': { title: 'Exchange rate', description: 'Converts amounts from one currency to another.', fields: { from: 'Currency converted from.', to: 'Currency converted to.', amount: 'How much one unit of "from" is worth in "to".', at: 'Date and time of the rate.', source: 'Source of the rate.' } },
  'currency.Amount': { title: 'Amount in currency', description: 'An amount in a given currency.' },
  'bill.Ordering': { title: 'Ordering', description: 'Ordering details: order, contract, project and other references.' },
  'bill.PaymentDetails': { title: 'Payment details', description: 'Payment terms, advances and instructions.', fields: { payee: 'Party to pay when it is not the supplier (factoring).', payer: 'Party paying when it is not the customer.', terms: 'Payment terms and due dates.', advances: 'Payments already made.', instructions: 'How to pay.' } },
  'bill.DeliveryDetails': { title: 'Delivery details', description: 'Where and when the goods are delivered.' },
  'bill.Tracking': { title: 'Tracking', description: 'Tracking details of a delivery.' },
  'pay.Terms': { title: 'Payment terms', description: 'When payment is due.', fields: { key: 'Kind of terms (e.g. due-date, instant).', due_dates: 'Dates and amounts due.', notes: 'Description of the terms.' } },
  'pay.DueDate': { title: 'Due date', description: 'An amount due on a date.' },
  'pay.Instructions': { title: 'Payment instructions', description: 'How the customer should pay.', fields: { key: 'Payment means, e.g. credit-transfer, card, cash, direct-debit.', detail: 'Free-text details of the method.', ref: 'Reference to quote with the payment.', credit_transfer: 'Bank accounts to transfer to.', notes: 'Notes for the payer.' } },
  'pay.Record': { title: 'Payment record', description: 'A payment that was made (an advance).', fields: { key: 'Payment means used, e.g. credit-transfer, card, cash.', ref: 'Reference of the payment.', description: 'Description of the payment.', amount: 'Amount paid; calculated from percent when a percent is given.' } },
  'pay.CreditTransfer': { title: 'Credit transfer', description: 'Bank account details.', fields: { iban: 'International Bank Account Number.', bic: 'Bank identifier (BIC/SWIFT).', number: 'Account number when there is no IBAN.', name: 'Bank name.' } },
  'pay.Card': { title: 'Card', description: 'Payment card details (never the full number).' },
  'pay.DirectDebit': { title: 'Direct debit', description: 'Direct debit mandate details.', fields: { ref: 'Mandate reference.', creditor: 'Creditor identifier.', account: 'Account to debit.' } },
  'pay.Online': { title: 'Online payment', description: 'A link to pay online.' },
  'bill.StatusLine': { title: 'Status line', description: 'The status of one document.' },
  'bill.Reason': { title: 'Reason', description: 'A reason for a status.' },
  'bill.Action': { title: 'Action', description: 'An action requested by a status.' },
  'bill.Fault': { title: 'Fault', description: 'An error found in a document.' },
  'bill.PaymentLine': { title: 'Payment line', description: 'A document a payment is for.' },
  'note.Message': { title: 'Message', description: 'A GOBL free-text message (note/message).', fields: { title: 'Title of the message.', content: 'Content of the message.' } },
  'num.Amount': { title: 'Amount', description: 'A decimal amount as text, e.g. "12.50" (JSON numbers are accepted and read as their decimal text; no exponents).' },
  'num.Percentage': { title: 'Percentage', description: 'A percentage as text, e.g. "21%" or "21.0%"; text without % (and JSON numbers) is a ratio, so 0.21 means 21%.' },
  'cbc.Meta': { title: 'Meta', description: 'String keys and values with additional data.' },
  'currency.Code': { title: 'Currency code', description: 'ISO 4217 currency code known to GOBL.' },
};

/** Legacy fields the models migrate on input (GOBL does it when decoding JSON). */
const LEGACY_FIELDS: Readonly<Record<string, Readonly<Record<string, { schema: JsonSchema; message: string }>>>> = {
  'bill.Invoice': { tags: { schema: { type: ['array', 'null'], items: { type: 'string' } }, message: 'Deprecated: moved to $tags.' } },
  'bill.Delivery': { tags: { schema: { type: ['array', 'null'], items: { type: 'string' } }, message: 'Deprecated: moved to $tags.' } },
  'bill.Order': { tags: { schema: { type: ['array', 'null'], items: { type: 'string' } }, message: 'Deprecated: moved to $tags.' } },
  'bill.Tax': { tags: { schema: { type: ['array', 'null'], items: { type: 'string' } }, message: 'Deprecated: moved to the document\'s $tags.' } },
  'tax.Combo': { tags: { schema: { type: ['array', 'null'] }, message: 'Deprecated: the first tag is taken as the rate.' } },
  'pay.Record': { desc: { schema: { type: ['string', 'null'] }, message: 'Deprecated: renamed description.' } },
  'pay.Online': {
    name: { schema: { type: ['string', 'null'] }, message: 'Deprecated: renamed label.' },
    addr: { schema: { type: ['string', 'null'] }, message: 'Deprecated: renamed url.' },
  },
  'pay.Terms': { detail: { schema: { type: ['string', 'null'] }, message: 'Deprecated: appended to notes.' } },
  'bill.Payment': { method: { schema: {}, message: 'Deprecated: becomes the only entry of methods.' } },
};

// ---------------------------------------------------------------------------------------------
// Generation.

const isObj = (v: unknown): v is JsonSchema => v !== null && typeof v === 'object' && !Array.isArray(v);
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const REF = '#/$defs/';

/** Walks every schema node (not the data inside `const`/`enum`) bottom-up, replacing it. */
function mapSchemas(node: unknown, fn: (s: JsonSchema) => JsonSchema): unknown {
  if (Array.isArray(node)) return node.map((n) => mapSchemas(n, fn));
  if (!isObj(node)) return node;
  const out: JsonSchema = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'const' || k === 'enum' || k === 'examples' || k === 'default' || k === 'required') out[k] = v;
    else if (k === 'properties' || k === '$defs' || k === 'patternProperties') {
      const m: JsonSchema = {};
      for (const [pk, pv] of Object.entries(v as JsonSchema)) m[pk] = mapSchemas(pv, fn);
      out[k] = m;
    } else out[k] = mapSchemas(v, fn);
  }
  return fn(out);
}

const SAFE_INT = Number.MAX_SAFE_INTEGER;

/** Small clean-ups of zod's output that keep the meaning. */
function tidy(s: JsonSchema): JsonSchema {
  if (s.type === 'integer' && s.minimum === -SAFE_INT && s.maximum === SAFE_INT) {
    delete s.minimum;
    delete s.maximum;
  }
  // {anyOf: [{type: X, ...}, {type: null}]} → {type: [X, null], ...}
  const any = s.anyOf;
  if (Array.isArray(any) && any.length === 2 && Object.keys(s).length === 1) {
    const [a, b] = any as JsonSchema[];
    const nul = isObj(b) && Object.keys(b).length === 1 && b.type === 'null';
    const simple =
      isObj(a) && typeof a.type === 'string' && a.type !== 'null' && !('$ref' in a) && !('anyOf' in a) && !('const' in a) && !('enum' in a);
    if (nul && simple) return { ...a, type: [a.type, 'null'] };
  }
  return s;
}

interface RawResult {
  root: JsonSchema;
  defs: Record<string, JsonSchema>;
}

function rawJsonSchema(type: DocumentType): RawResult {
  const reg = z.registry<{ id?: string }>();
  for (const [schema, id] of namedModels()) if (schema !== type.schema) reg.add(schema, { id });
  reg.add(amount, { id: 'num.Amount' });
  reg.add(percentage, { id: 'num.Percentage' });
  reg.add(stringMap, { id: 'cbc.Meta' });
  const raw = z.toJSONSchema(type.schema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
    reused: 'ref',
    cycles: 'ref',
    metadata: reg,
    override: (ctx) => {
      const js = ctx.jsonSchema as JsonSchema;
      // Descriptions written on the models themselves (`.describe()`, `.meta()`) win over ours.
      const own = z.globalRegistry.get(ctx.zodSchema as unknown as z.ZodType);
      if (typeof own?.title === 'string') js.title = own.title;
      if (typeof own?.description === 'string') js.description = own.description;
      if (ctx.zodSchema === (date as unknown)) js.format = 'date';
      else if (ctx.zodSchema === (uuid as unknown)) js.format = 'uuid';
      else if (ctx.zodSchema === (amount as unknown)) js.pattern = '^\\s*-?\\d+(\\.\\d+)?\\s*$';
      else if (ctx.zodSchema === (percentage as unknown)) js.pattern = '^\\s*-?\\d+(\\.\\d+)?%?\\s*$';
    },
  }) as JsonSchema;
  const defs = { ...((raw.$defs as Record<string, JsonSchema> | undefined) ?? {}) };
  delete raw.$defs;
  delete raw.$schema;
  return { root: raw, defs };
}

const isObjectSchema = (s: JsonSchema): boolean =>
  (s.type === 'object' || (Array.isArray(s.type) && s.type.includes('object'))) && isObj(s.properties);

/**
 * Inlines zod's anonymous shared schemas (`__schemaN`) that are scalars, and names the anonymous
 * shared objects after the property they are first found in.
 */
function resolveAnonymous(raw: RawResult): RawResult {
  const anon = Object.keys(raw.defs).filter((k) => k.startsWith('__schema'));
  const inline = new Set(anon.filter((k) => !isObjectSchema(raw.defs[k])));
  const resolved = new Map<string, JsonSchema>();
  const resolve = (node: unknown, stack: string[]): unknown =>
    mapSchemas(node, (s) => {
      const ref = typeof s.$ref === 'string' && s.$ref.startsWith(REF) ? s.$ref.slice(REF.length) : undefined;
      if (!ref || !inline.has(ref) || stack.includes(ref)) return s;
      if (!resolved.has(ref)) resolved.set(ref, resolve(raw.defs[ref], [...stack, ref]) as JsonSchema);
      const rest = { ...s };
      delete rest.$ref;
      return { ...clone(resolved.get(ref)!), ...rest };
    });
  let root = resolve(raw.root, []) as JsonSchema;
  let defs: Record<string, JsonSchema> = {};
  for (const [k, v] of Object.entries(raw.defs)) if (!inline.has(k)) defs[k] = resolve(v, [k]) as JsonSchema;

  // Name the remaining anonymous objects by the first property referring to them.
  const names = new Map<string, string>();
  const taken = new Set(Object.keys(defs));
  const visit = (node: unknown, prop: string | undefined): void => {
    if (Array.isArray(node)) return node.forEach((n) => visit(n, prop));
    if (!isObj(node)) return;
    const ref = typeof node.$ref === 'string' && node.$ref.startsWith(REF) ? node.$ref.slice(REF.length) : undefined;
    if (ref && ref.startsWith('__schema') && !names.has(ref)) {
      let name = `anon.${pascal(prop ?? 'Object')}`;
      while (taken.has(name)) name += '_';
      taken.add(name);
      names.set(ref, name);
      visit(defs[ref], undefined);
    }
    for (const [k, v] of Object.entries(node)) {
      if (k === 'properties' && isObj(v)) for (const [pk, pv] of Object.entries(v)) visit(pv, pk);
      else if (k !== 'const' && k !== 'enum') visit(v, prop);
    }
  };
  visit(root, undefined);
  for (const k of Object.keys(defs)) visit(defs[k], undefined);
  if (names.size > 0) {
    const rename = (node: unknown): unknown =>
      mapSchemas(node, (s) => {
        const ref = typeof s.$ref === 'string' ? s.$ref.slice(REF.length) : undefined;
        return ref && names.has(ref) ? { ...s, $ref: REF + names.get(ref) } : s;
      });
    root = rename(root) as JsonSchema;
    const renamed: Record<string, JsonSchema> = {};
    for (const [k, v] of Object.entries(defs)) renamed[names.get(k) ?? k] = rename(v) as JsonSchema;
    defs = renamed;
  }
  return { root, defs };
}

interface DecorateEnv {
  readonly docName: string;
  readonly addons: readonly AddonDef[];
}

const nullable = (s: JsonSchema): boolean =>
  (Array.isArray(s.type) && s.type.includes('null')) ||
  (Array.isArray(s.anyOf) && (s.anyOf as JsonSchema[]).some((a) => isObj(a) && a.type === 'null'));

/** A string field restricted to (`closed`) or suggesting (open) a list of values. */
function knownValues(prop: JsonSchema, values: readonly KnownValue[], closed: boolean): JsonSchema {
  const options: JsonSchema[] = values.map(constSchema);
  if (!closed) options.push({ type: 'string', title: 'Other value' });
  if (nullable(prop)) options.push({ type: 'null' });
  const out: JsonSchema = {};
  for (const k of ['title', 'description', 'markdownDescription']) if (prop[k] !== undefined) out[k] = prop[k];
  out.anyOf = options;
  return out;
}

/** The same for the items of a string list (`$tags`, `$addons`). */
function knownItems(prop: JsonSchema, values: readonly KnownValue[]): JsonSchema {
  const items: JsonSchema = { anyOf: [...values.map(constSchema), { type: 'string', title: 'Other value' }] };
  return { ...prop, items };
}

function describe(prop: JsonSchema, doc: string | Doc | undefined, fieldName: string): JsonSchema {
  if (!doc || typeof prop.description === 'string') return prop;
  const d = typeof doc === 'string' ? { description: doc } : doc;
  const out: JsonSchema = { title: d.title ?? fieldTitle(fieldName), description: d.description };
  for (const [k, v] of Object.entries(prop)) if (!(k in out)) out[k] = v;
  return out;
}

const FIELD_TITLES: Readonly<Record<string, string>> = {
  uuid: 'UUID', i: 'Index', url: 'URL', uri: 'URI', tax_id: 'Tax ID', iban: 'IBAN', bic: 'BIC', ext: 'Extensions',
  $regime: 'Regime', $addons: 'Addons', $tags: 'Tags', op_date: 'Operation date', num: 'Number', addr: 'Address',
  prv: 'Provider', val: 'Value', alg: 'Algorithm', src: 'Source', po_box: 'PO box', mime: 'MIME type',
};

const fieldTitle = (name: string): string => {
  if (FIELD_TITLES[name]) return FIELD_TITLES[name];
  const words = name.replace(/^\$/, '').split('_').join(' ');
  return words[0].toUpperCase() + words.slice(1);
};

/** Known values of a field, by object and field name (`*` for any object). */
function valueRule(objName: string, field: string, env: DecorateEnv): ((p: JsonSchema) => JsonSchema) | undefined {
  const isRoot = objName === rootName(env.docName);
  if (isRoot && field === 'type' && DOCUMENT_TYPES[env.docName]) {
    const values = DOCUMENT_TYPES[env.docName];
    return (p) =>
      knownValues(describe(p, p.description ? undefined : `Type of document: ${values.map((v) => v.value).join(', ')}.`, field), values, true);
  }
  if (field === '$regime') return (p) => knownValues(p, regimeValues(), false);
  if (isRoot && field === '$addons') return (p) => knownItems(p, addonValues(env.addons));
  if (isRoot && field === '$tags' && env.docName === 'bill/invoice') return (p) => knownItems(p, invoiceTagValues(env.addons));
  if (field === 'currency' || (objName === 'currency.ExchangeRate' && (field === 'from' || field === 'to'))) {
    return (p) => {
      const out = { ...p };
      delete out.type;
      return { ...out, anyOf: [{ $ref: `${REF}currency.Code` }, ...(nullable(p) ? [{ type: 'null' }] : [])] };
    };
  }
  if ((objName === 'tax.Combo' || objName === 'tax.Note') && field === 'cat') return (p) => knownValues(p, categoryValues(), false);
  if (objName === 'bill.Tax' && field === 'prices_include') return (p) => knownValues(p, categoryValues(), false);
  if (objName === 'tax.CategoryTotal' && field === 'code') return (p) => knownValues(p, categoryValues(), false);
  if ((objName === 'tax.Combo' || objName === 'tax.Note' || objName === 'tax.RateTotal') && field === 'key') return (p) => knownValues(p, comboKeyValues(), false);
  if (objName === 'tax.Combo' && field === 'rate') return (p) => knownValues(p, rateValues(), false);
  if (objName === 'bill.Tax' && field === 'rounding') return (p) => knownValues(p, ROUNDING_RULES, false);
  if ((objName === 'pay.Instructions' || objName === 'pay.Record') && field === 'key') return (p) => knownValues(p, PAYMENT_MEANS, false);
  if (objName === 'pay.Terms' && field === 'key') return (p) => knownValues(p, TERM_KEYS, false);
  if (objName === 'org.Identity' && field === 'key') {
    const values = identityKeyValues(env.addons);
    if (values.length > 0) return (p) => knownValues(p, values, false);
  }
  return undefined;
}

/** Adds titles, descriptions and known values to the properties of one object schema. */
function decorateObject(s: JsonSchema, objName: string, env: DecorateEnv): JsonSchema {
  const props = s.properties as JsonSchema;
  const docs = OBJECT_DOCS[objName];
  const out: JsonSchema = {};
  for (const [field, raw] of Object.entries(props)) {
    let p = raw as JsonSchema;
    if (field === '$schema' && objName === rootName(env.docName)) {
      out[field] = { title: 'Schema', description: `Schema URL of the document: ${SCHEMA_BASE}${env.docName}.`, const: `${SCHEMA_BASE}${env.docName}` };
      continue;
    }
    if (field === 'ext') {
      p = mapSchemas(p, (n) => (n.$ref === `${REF}cbc.Meta` ? { ...n, $ref: `${REF}tax.Extensions` } : n)) as JsonSchema;
    }
    p = describe(p, docs?.fields?.[field] ?? COMMON_FIELDS[field], field);
    const rule = valueRule(objName, field, env);
    if (rule) p = rule(p);
    out[field] = p;
  }
  for (const [field, legacy] of Object.entries(LEGACY_FIELDS[objName] ?? {})) {
    if (field in out) continue;
    out[field] = { ...legacy.schema, title: fieldTitle(field), description: legacy.message, deprecated: true, deprecationMessage: legacy.message };
  }
  const result: JsonSchema = { ...s, properties: out };
  if (docs) {
    result.title = docs.title;
    result.description = docs.description;
  }
  return result;
}

/** Decorates an object schema and, recursively, the inline objects inside it. */
function decorate(node: unknown, objName: string, env: DecorateEnv): unknown {
  if (Array.isArray(node)) return node.map((n) => decorate(n, objName, env));
  if (!isObj(node)) return node;
  let s: JsonSchema = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'properties' && isObj(v)) {
      const m: JsonSchema = {};
      // Inline objects below a field are described by field name only.
      for (const [pk, pv] of Object.entries(v)) m[pk] = decorate(pv, `${objName}#${pk}`, env);
      s[k] = m;
    } else if (k === 'const' || k === 'enum' || k === 'required') s[k] = v;
    else s[k] = decorate(v, objName, env);
  }
  if (isObjectSchema(s)) s = decorateObject(s, objName.includes('#') ? 'inline' : objName, env);
  return s;
}

function currencyDef(): JsonSchema {
  return { ...describeDef('currency.Code'), type: 'string', enum: knownCurrencyCodes() };
}

function describeDef(name: string): JsonSchema {
  const d = OBJECT_DOCS[name];
  return d ? { title: d.title, description: d.description } : {};
}

/** The JSON Schema of one document type (by name, e.g. `bill/invoice`). */
export function documentJsonSchema(type: string | DocumentType, addonList: readonly AddonDef[] = addons): JsonSchema {
  const dt = typeof type === 'string' ? documentTypes.find((t) => t.name === type) : type;
  if (!dt) throw new Error(`unknown document type ${JSON.stringify(type)}`);
  const env: DecorateEnv = { docName: dt.name, addons: addonList };
  const raw = resolveAnonymous(rawJsonSchema(dt));
  const tidyAll = (n: unknown) => mapSchemas(n, tidy) as JsonSchema;
  const root = decorate(tidyAll(raw.root), rootName(dt.name), env) as JsonSchema;
  const defs: Record<string, JsonSchema> = {};
  for (const [name, def] of Object.entries(raw.defs)) {
    let d = decorate(tidyAll(def), name, env) as JsonSchema;
    if (!isObjectSchema(d)) d = { ...describeDef(name), ...d };
    defs[name] = d;
  }
  const used = JSON.stringify([root, defs]);
  if (used.includes(`"${REF}tax.Extensions"`)) defs['tax.Extensions'] = extensionsDef(addonList);
  if (used.includes(`"${REF}currency.Code"`)) defs['currency.Code'] = currencyDef();
  const sortedDefs: Record<string, JsonSchema> = {};
  for (const k of Object.keys(defs).sort()) sortedDefs[k] = defs[k];
  const docs = OBJECT_DOCS[rootName(dt.name)];
  return orderKeys({
    $schema: JSON_SCHEMA_DIALECT,
    $id: `${SCHEMA_BASE}${dt.name}`,
    ...root,
    title: docs?.title ?? fieldTitle(dt.name.split('/').pop() ?? dt.name),
    description: docs?.description ?? `GOBL ${dt.name} document.`,
    ...(Object.keys(sortedDefs).length > 0 ? { $defs: sortedDefs } : {}),
  }) as JsonSchema;
}

/**
 * The envelope schema: a GOBL envelope (`$schema` envelope, `head`, `doc`) or a bare document,
 * each document checked against the schema of its `$schema` (other files, referenced by `$id`).
 */
export function envelopeJsonSchema(types: readonly DocumentType[] = documentTypes): JsonSchema {
  const docSchema: JsonSchema = {
    title: 'Document',
    description: 'A GOBL document, checked against the schema its $schema names.',
    type: 'object',
    properties: {
      $schema: {
        title: 'Schema',
        description: 'Schema URL of the document type.',
        anyOf: types.map((t) => ({ const: `${SCHEMA_BASE}${t.name}`, title: t.name, description: OBJECT_DOCS[rootName(t.name)]?.description ?? `GOBL ${t.name}` })),
      },
    },
    allOf: types.map((t) => ({
      if: { type: 'object', required: ['$schema'], properties: { $schema: { const: `${SCHEMA_BASE}${t.name}` } } },
      then: { $ref: `${SCHEMA_BASE}${t.name}` },
    })),
  };
  const str = { type: 'string' };
  return orderKeys({
    $schema: JSON_SCHEMA_DIALECT,
    $id: ENVELOPE_SCHEMA,
    title: 'GOBL envelope or document',
    description: 'Either an envelope ({ "$schema": envelope, "head", "doc" }) or a bare GOBL document identified by its $schema.',
    if: {
      anyOf: [
        { type: 'object', required: ['$schema'], properties: { $schema: { const: ENVELOPE_SCHEMA } } },
        { type: 'object', not: { required: ['$schema'] }, required: ['doc'], properties: { doc: { type: 'object' } } },
      ],
    },
    then: { $ref: `${REF}head.Envelope` },
    else: { $ref: `${REF}Document` },
    $defs: {
      Document: docSchema,
      'dsig.Digest': { title: 'Digest', description: 'Digest of the canonical JSON of the document.', type: 'object', properties: { alg: { ...str, title: 'Algorithm', description: 'Digest algorithm, sha256.' }, val: { ...str, title: 'Value', description: 'Hex-encoded digest.' } } },
      'head.Envelope': {
        title: 'Envelope',
        description: 'A GOBL envelope: a header with the digest and stamps, and the document.',
        type: 'object',
        properties: {
          $schema: { title: 'Schema', description: 'Schema URL of the envelope.', const: ENVELOPE_SCHEMA },
          head: { $ref: `${REF}head.Header` },
          doc: { $ref: `${REF}Document` },
          sigs: { title: 'Signatures', description: 'JSON Web Signatures of the header.', type: ['array', 'null'], items: str },
        },
        required: ['doc'],
      },
      'head.Header': {
        title: 'Header',
        description: 'Envelope header; uuid and dig are (re)calculated when the envelope is built.',
        type: ['object', 'null'],
        properties: {
          uuid: { ...str, format: 'uuid', title: 'UUID', description: 'Unique identifier of the envelope.' },
          dig: { $ref: `${REF}dsig.Digest` },
          stamps: { title: 'Stamps', description: 'Stamps added by providers and tax agencies.', type: ['array', 'null'], items: { $ref: `${REF}head.Stamp` } },
          links: { title: 'Links', description: 'Links to related resources.', type: ['array', 'null'], items: { $ref: `${REF}head.Link` } },
          tags: { title: 'Tags', description: 'Tags for the envelope.', type: ['array', 'null'], items: str },
          meta: { title: 'Meta', description: 'String keys and values with additional data.', type: ['object', 'null'], additionalProperties: str },
          notes: { ...str, title: 'Notes', description: 'Notes about the envelope.' },
        },
      },
      'head.Link': {
        title: 'Link',
        description: 'A link to a related resource.',
        type: 'object',
        properties: {
          uuid: { ...str, title: 'UUID' },
          category: { ...str, title: 'Category' },
          key: { ...str, title: 'Key' },
          code: { ...str, title: 'Code' },
          title: { ...str, title: 'Title' },
          description: { ...str, title: 'Description' },
          mime: { ...str, title: 'MIME type' },
          url: { ...str, title: 'URL' },
        },
      },
      'head.Stamp': { title: 'Stamp', description: 'A value added by a provider or tax agency.', type: 'object', properties: { prv: { ...str, title: 'Provider' }, val: { ...str, title: 'Value' } } },
    },
  }) as JsonSchema;
}

// ---------------------------------------------------------------------------------------------
// Files.

export interface SchemaFile {
  /** Schema short name: `bill/invoice`, or `envelope`. */
  readonly name: string;
  readonly id: string;
  /** File name inside `schemas/`, e.g. `bill-invoice.json`. */
  readonly file: string;
  readonly schema: JsonSchema;
}

export const schemaFileName = (name: string): string => `${name.replace(/\//g, '-')}.json`;

/** Every schema the engine publishes: one per document type, then the envelope. */
export function allJsonSchemas(): SchemaFile[] {
  const out: SchemaFile[] = documentTypes.map((t) => ({ name: t.name, id: `${SCHEMA_BASE}${t.name}`, file: schemaFileName(t.name), schema: documentJsonSchema(t) }));
  out.push({ name: 'envelope', id: ENVELOPE_SCHEMA, file: schemaFileName('envelope'), schema: envelopeJsonSchema() });
  return out;
}

/** `schemas/index.json`: what each file holds. */
export function schemaIndex(files: readonly SchemaFile[]): JsonSchema {
  return {
    description: 'JSON Schemas generated from the engine models by scripts/generate-schemas.ts (npm run schemas). Do not edit.',
    dialect: JSON_SCHEMA_DIALECT,
    schemas: files.map((f) => ({ name: f.name, $id: f.id, file: f.file, title: f.schema.title })),
  };
}

const KEYWORD_ORDER = [
  '$schema', '$id', '$ref', 'const', 'title', 'description', 'markdownDescription', 'deprecated', 'deprecationMessage',
  'type', 'format', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'enum',
  'items', 'prefixItems', 'properties', 'patternProperties', 'propertyNames', 'additionalProperties', 'required',
  'anyOf', 'oneOf', 'allOf', 'not', 'if', 'then', 'else', '$defs',
];
const rank = (k: string): number => {
  const i = KEYWORD_ORDER.indexOf(k);
  return i < 0 ? KEYWORD_ORDER.length : i;
};

/** Keywords in a fixed order (unknown ones last, alphabetically); property and def maps as given. */
function orderKeys(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(orderKeys);
  if (!isObj(node)) return node;
  const keys = Object.keys(node).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  const out: JsonSchema = {};
  for (const k of keys) {
    const v = node[k];
    if ((k === 'properties' || k === '$defs' || k === 'patternProperties') && isObj(v)) {
      const m: JsonSchema = {};
      for (const [pk, pv] of Object.entries(v)) m[pk] = orderKeys(pv);
      out[k] = m;
    } else if (k === 'const' || k === 'enum' || k === 'required' || k === 'examples' || k === 'default') out[k] = v;
    else out[k] = orderKeys(v);
  }
  return out;
}

/** The text written to disk: two-space JSON and a final newline. */
export function serializeJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
