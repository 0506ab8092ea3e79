/**
 * The envelope (package `gobl`), its header, stamps and links (package `head`) and digests
 * (package `dsig`).
 *
 * Not implemented here:
 * - GOBL-ENVELOPE-11 (digest matches the document): needs the canonical JSON and SHA-256 of
 *   the document, so it is checked where the envelope is built.
 * - GOBL-ENVELOPE-13 is only implemented for invoices: GOBL asks each document type whether it
 *   is "ready to sign" and only the invoice's answer (it has a `code`) is specified.
 */
import type { RuleSet } from '../define.ts';
import { asObject, hasTimestamp, isPresent, isUrl, noDuplicates, required } from '../is.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** Every schema GOBL registers (`data/schemas`), under `https://gobl.org/draft-0/`. */
const KNOWN_SCHEMAS = new Set(
  (
    'bill/action bill/charge bill/correction-options bill/delivery bill/delivery-details bill/discount bill/fault ' +
    'bill/invoice bill/line bill/order bill/ordering bill/payment bill/payment-details bill/reason bill/status ' +
    'bill/status-line bill/tax bill/totals cal/date cal/date-time cal/period cal/time cal/timestamp cbc/code ' +
    'cbc/code-map cbc/definition cbc/key cbc/meta cbc/source cbc/uri currency/amount currency/code ' +
    'currency/exchange-rate dsig/digest dsig/signature envelope head/header head/link head/stamp i18n/string ' +
    'l10n/code l10n/iso-country-code l10n/tax-country-code note/message num/amount num/percentage org/address ' +
    'org/attachment org/coordinates org/document-ref org/email org/endpoint org/identity org/image org/inbox ' +
    'org/item org/name org/note org/party org/person org/registration org/telephone org/unit org/website ' +
    'pay/card pay/credit-transfer pay/direct-debit pay/instructions pay/online pay/record pay/terms ' +
    'schema/object tax/addon-def tax/addon-list tax/catalogue-def tax/correction-definition tax/correction-set ' +
    'tax/extensions tax/identity tax/note tax/regime-code tax/regime-def tax/scenario tax/scenario-set tax/set ' +
    'tax/tag-set tax/total'
  ).split(' '),
);

const SCHEMA_BASE = 'https://gobl.org/draft-0/';

function hasKnownSchema(doc: unknown): boolean {
  const s = asObject(doc)?.$schema;
  return typeof s === 'string' && s.startsWith(SCHEMA_BASE) && KNOWN_SCHEMAS.has(s.slice(SCHEMA_BASE.length));
}

/** Can the document be signed? For invoices: it has a code. Other types: assumed ready. */
function readyToSign(doc: unknown): boolean {
  const d = asObject(doc);
  if (!d) return false;
  return d.$schema !== `${SCHEMA_BASE}bill/invoice` || isPresent(d.code);
}

const envelope: RuleSet = {
  object: 'envelope',
  assertions: [
    required('GOBL-ENVELOPE-01', 'envelope schema is required', '$schema'),
    required('GOBL-ENVELOPE-02', 'envelope header is required', 'head'),
    required('GOBL-ENVELOPE-03', 'envelope doc is required', 'doc'),
    { code: 'GOBL-ENVELOPE-04', desc: 'envelope doc must have a known schema', field: 'doc', ifPresent: true, test: hasKnownSchema },
    {
      code: 'GOBL-ENVELOPE-12',
      desc: 'envelope header cannot have stamps when not signed',
      when: (e: any) => !isPresent(e.sigs),
      test: (e: any) => !isPresent(asObject(e.head)?.stamps),
    },
    {
      code: 'GOBL-ENVELOPE-13',
      desc: 'envelope doc is not ready to be signed, check code or other key fields',
      when: (e: any) => isPresent(e.sigs),
      test: (e: any) => readyToSign(e.doc),
    },
  ],
};

const digestRules = (field: string) => [
  required('GOBL-DSIG-DIGEST-01', 'algorithm is required', `${field}.alg`),
  required('GOBL-DSIG-DIGEST-02', 'value is required', `${field}.val`),
];

const header: RuleSet = {
  object: 'head/header',
  assertions: [
    {
      code: 'GOBL-HEAD-HEADER-01',
      desc: 'header must contain a UUID v1 or v7 with timestamp',
      field: 'uuid',
      test: (v) => isPresent(v) && hasTimestamp(v),
    },
    required('GOBL-HEAD-HEADER-02', 'header must have a digest', 'dig'),
    {
      code: 'GOBL-HEAD-HEADER-03',
      desc: 'duplicate stamp providers are not allowed',
      field: 'stamps',
      test: noDuplicates((s) => String(s.prv ?? '')),
    },
    {
      code: 'GOBL-HEAD-HEADER-04',
      desc: 'duplicate link keys are not allowed',
      field: 'links',
      test: noDuplicates((l) => `${String(l.category ?? '')}\u0000${String(l.key ?? '')}`),
    },
    ...digestRules('dig'),
  ],
};

const stamp: RuleSet = {
  object: 'head/stamp',
  assertions: [
    required('GOBL-HEAD-STAMP-01', 'stamp provider is required', 'prv'),
    required('GOBL-HEAD-STAMP-02', 'stamp value is required', 'val'),
  ],
};

const LINK_CATEGORIES = new Set(['format', 'portal', 'request', 'response', 'agreement', 'verification', 'attachment']);

/** EN 16931-1:2017 attachment types plus HTML, XML and JSON. */
const LINK_MIMES = new Set([
  'application/pdf',
  'image/jpeg',
  'image/png',
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.spreadsheet',
  'text/html',
  'application/xml',
  'text/xml',
  'application/json',
]);

const link: RuleSet = {
  object: 'head/link',
  assertions: [
    {
      code: 'GOBL-HEAD-LINK-06',
      desc: 'link digest must be nil when MIME type is not provided',
      test: (l: any) => isPresent(l.mime) || l.digest === undefined || l.digest === null,
    },
    required('GOBL-HEAD-LINK-01', 'link key is required', 'key'),
    {
      code: 'GOBL-HEAD-LINK-02',
      desc: 'link category is not valid',
      field: 'category',
      test: (v) => !isPresent(v) || LINK_CATEGORIES.has(v),
    },
    required('GOBL-HEAD-LINK-03', 'link URL is required', 'url'),
    // GOBL's is.URL fails on the empty string too, so a missing URL gets both faults.
    { code: 'GOBL-HEAD-LINK-04', desc: 'link URL must be a valid URL', field: 'url', test: (v) => isUrl(v ?? '') },
    {
      code: 'GOBL-HEAD-LINK-05',
      desc: 'link MIME type is not valid',
      field: 'mime',
      test: (v) => !isPresent(v) || LINK_MIMES.has(v),
    },
    ...digestRules('digest'),
  ],
};

/** Digests also protect attachments and images. */
const otherDigests: RuleSet[] = [
  { object: 'org/attachment', assertions: digestRules('digest') },
  { object: 'org/image', assertions: digestRules('digest') },
];

export const headRuleSets: readonly RuleSet[] = [envelope, header, stamp, link, ...otherDigests];

