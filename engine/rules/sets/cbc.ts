/**
 * Rules GOBL binds to its basic scalar types — `cbc.Key`, `cbc.Code` (package cbc),
 * `uuid.UUID` (package uuid) and `schema.ID` / `schema.Object` (package schema). GOBL checks
 * every value of such a type wherever it appears; we list, per object kind, the fields of our
 * JSON model that hold each type (from GOBL's Go structs), so a bad value is reported at its
 * own path, e.g. `$.lines[0].taxes[0].key`.
 *
 * Not implemented, because no document field we model holds the type:
 * - GOBL-CBC-CODEMAP-01 (cbc.CodeMap), GOBL-CBC-URI-01/02 (cbc.URI, only in org.Endpoint,
 *   whose `uri` presence is GOBL-ORG-ENDPOINT-01), GOBL-I18N-LANG-01 (i18n.Lang).
 * - GOBL-CBC-DEFINITION-01..03 and GOBL-CBC-SOURCE-01: they validate regime and addon
 *   definitions (code lists, sources), not documents; our definitions are TypeScript data.
 * Extension maps (`ext`) are not covered here: GOBL validates their keys through the extension
 * registry (GOBL-TAX-COMBO-06 for combos).
 */
import type { Assertion, ObjectKind, RuleSet } from '../define.ts';
import { CODE_RE, KEY_RE, isUrl, isUuid, lengthBetween, matches, required, typeRuleSets } from '../is.ts';

type FieldTable = Readonly<Partial<Record<ObjectKind, readonly string[]>>>;

const docKeys = ['type', '$addons[*]', '$tags[*]'];
const docCodes = ['series', 'code'];

/** Fields holding a `cbc.Key`. */
export const KEY_FIELDS: FieldTable = {
  'bill/invoice': docKeys,
  'bill/order': docKeys,
  'bill/delivery': docKeys,
  'bill/payment': docKeys,
  'bill/status': docKeys,
  'bill/line-discount': ['key'],
  'bill/line-charge': ['key'],
  'bill/discount': ['key'],
  'bill/charge': ['key'],
  'bill/tax': ['rounding', 'point'],
  'bill/status-line': ['key'],
  'tax/combo': ['key', 'rate'],
  'tax/identity': ['type'],
  'tax/note': ['key'],
  'org/identity': ['scope', 'key'],
  'org/item': ['key'],
  'org/inbox': ['key'],
  'org/person': ['key'],
  'org/note': ['key', 'src'],
  'org/attachment': ['key'],
  'org/document-ref': ['type'],
  'head/stamp': ['prv'],
  'head/link': ['category', 'key'],
  'pay/terms': ['key'],
  'pay/instructions': ['key'],
  'pay/record': ['key'],
  'pay/online': ['key'],
  'currency/exchange-rate': ['source'],
};

/** Fields holding a `cbc.Code`. */
export const CODE_FIELDS: FieldTable = {
  'bill/invoice': docCodes,
  'bill/order': docCodes,
  'bill/delivery': docCodes,
  'bill/payment': docCodes,
  'bill/status': docCodes,
  'bill/line': ['order', 'cost'],
  'bill/sub-line': ['order', 'cost'],
  'bill/line-discount': ['code'],
  'bill/line-charge': ['code'],
  'bill/discount': ['code'],
  'bill/charge': ['code'],
  'bill/tax': ['prices_include'],
  'bill/ordering': ['code', 'cost'],
  'tax/combo': ['cat'],
  'tax/identity': ['code', 'scheme'],
  'tax/note': ['cat'],
  'org/identity': ['type', 'code'],
  'org/item': ['ref'],
  'org/address': ['state', 'code'],
  'org/inbox': ['scheme', 'code'],
  'org/note': ['code'],
  'org/attachment': ['code'],
  'org/document-ref': ['series', 'code'],
  'head/link': ['code'],
  'pay/instructions': ['ref'],
};

const withUuid: readonly ObjectKind[] = [
  'head/header',
  'head/link',
  'bill/invoice',
  'bill/order',
  'bill/delivery',
  'bill/payment',
  'bill/status',
  'bill/line',
  'bill/sub-line',
  'bill/discount',
  'bill/charge',
  'bill/payment-line',
  'org/party',
  'org/item',
  'org/identity',
  'org/address',
  'org/email',
  'org/telephone',
  'org/website',
  'org/inbox',
  'org/person',
  'org/name',
  'org/registration',
  'org/image',
  'org/attachment',
  'org/note',
  'org/document-ref',
  'pay/record',
  'note/message',
];

/** Fields holding a `uuid.UUID`. */
export const UUID_FIELDS: FieldTable = Object.fromEntries(withUuid.map((k) => [k, ['uuid']]));

/** Fields holding a `schema.ID` (a document's `$schema`, a reference's `schema`). */
export const SCHEMA_ID_FIELDS: FieldTable = {
  envelope: ['$schema'],
  'bill/invoice': ['$schema'],
  'bill/order': ['$schema'],
  'bill/delivery': ['$schema'],
  'bill/payment': ['$schema'],
  'bill/status': ['$schema'],
  'org/document-ref': ['schema'],
};

const keyRules = (field: string, each: boolean): Assertion[] => [
  { code: 'GOBL-CBC-KEY-01', desc: 'key must be between 1 and 64 characters long', field, each, test: keyLength },
  { code: 'GOBL-CBC-KEY-02', desc: 'key must match the required pattern', field, each, test: matches(KEY_RE) },
];

// `length between 1 and 64` skips empty values, as GOBL's is.Length does.
const keyLength = lengthBetween(1, 64);

const codeRules = (field: string, each: boolean): Assertion[] => [
  { code: 'GOBL-CBC-CODE-01', desc: 'codes must be no longer than 64 characters', field, each, test: lengthBetween(0, 64) },
  {
    code: 'GOBL-CBC-CODE-02',
    desc: 'codes must not contain control characters or leading or trailing whitespace',
    field,
    each,
    test: matches(CODE_RE),
  },
];

const uuidRules = (field: string, each: boolean): Assertion[] => [
  { code: 'GOBL-UUID-UUID-01', desc: 'invalid UUID', field, each, ifPresent: true, test: isUuid },
];

const schemaIdRules = (field: string, each: boolean): Assertion[] => [
  { code: 'GOBL-SCHEMA-ID-01', desc: 'schema ID must be a valid URL', field, each, ifPresent: true, test: isUrl },
];

export const cbcRuleSets: readonly RuleSet[] = [
  ...typeRuleSets(KEY_FIELDS, keyRules),
  ...typeRuleSets(CODE_FIELDS, codeRules),
  ...typeRuleSets(UUID_FIELDS, uuidRules),
  ...typeRuleSets(SCHEMA_ID_FIELDS, schemaIdRules),
  // The envelope's `doc` is GOBL's schema.Object.
  { object: 'envelope', assertions: [required('GOBL-SCHEMA-OBJECT-01', 'schema is required', 'doc.$schema')] },
];
