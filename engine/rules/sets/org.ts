/**
 * Package `org`: parties and their parts, items, identities, notes, document references and
 * attachments.
 *
 * Path note: GOBL-ORG-ENDPOINT-01 is bound to the party (endpoints are not a kind of their own
 * in the walker), so its fault points at the endpoint (`$.supplier.endpoints[0]`) rather than at
 * its `uri`.
 */
import type { RuleSet } from '../define.ts';
import {
  amountMin,
  asObject,
  dateNotZero,
  intBetween,
  isCurrencyCode,
  isEmail,
  isPresent,
  isUrl,
  matches,
  numberBetween,
  oneOf,
  required,
} from '../is.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */

const L = '(?:\\p{L}\\p{M}*)+';
const DOT = '[.\\uff61\\u3002\\uff65\\u30fb\\ufe12\\u17d4\\u0589\\u104b\\u06d4\\u1362\\u0964]';
const SP = `(?:[ \\u00a0]${L}){1,3}`;
/** A what3words address: three words, or three groups of 2–4 words in some scripts. */
const W3W_RE = new RegExp(`^/*(?:${L}${DOT}${L}${DOT}${L}|${L}${SP}${DOT}${L}${SP}${DOT}${L}${SP})$`, 'u');

const ATTACHMENT_MIMES = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.spreadsheet',
];

const NOTE_KEYS = [
  'goods', 'payment', 'payment-method', 'payment-term', 'legal', 'dangerous-goods', 'ack', 'rate', 'reason',
  'dispute', 'customer', 'glossary', 'customs', 'general', 'handling', 'packaging', 'loading', 'price',
  'priority', 'regulatory', 'safety', 'ship-line', 'supplier', 'transport', 'delivery', 'quarantine', 'tax',
  'other',
];

const UNITS = new Set(
  (
    'mg cg g kg t mm cm dm m lm km in ft lft mm2 cm2 dm2 m2 ac ha mm3 cm3 dm3 m3 ml cl dl l kl w kw kwh rate yr ' +
    'mon wk day s h min piece item pair dozen assortment service job activity trip group outfit kit basebox pk ' +
    'one bag box bin can tub case tray portion set roll carton cylinder barrel jerrican carboy demijohn bottle ' +
    '6pack canister pkg pkt bunch bdl blk tetrabrik pallet reel sack sheet envelope lot unit'
  ).split(' '),
);

/** org.Unit: one of GOBL's unit keys, or a UN/ECE Rec 20 code. Empty units are allowed. */
export const isUnit = (v: unknown): boolean =>
  v === undefined || v === null || v === '' || (typeof v === 'string' && (/^[A-Z0-9]{2,3}$/.test(v) || UNITS.has(v)));

const unitRule = (field: string) => ({
  code: 'GOBL-ORG-UNIT-01',
  desc: 'unit must be a valid value or UN/ECE code',
  field,
  test: isUnit,
});

const attachment: RuleSet = {
  object: 'org/attachment',
  assertions: [
    { code: 'GOBL-ORG-ATTACHMENT-01', desc: 'attachment URL must be valid', field: 'url', test: (v) => isPresent(v) && isUrl(v) },
    {
      code: 'GOBL-ORG-ATTACHMENT-02',
      desc: 'attachment MIME type must be of an expected types defined in EN16931-1:2017',
      field: 'mime',
      ifPresent: true,
      test: oneOf(ATTACHMENT_MIMES),
    },
  ],
};

const address: RuleSet = {
  object: 'org/address',
  assertions: [
    {
      code: 'GOBL-ORG-COORDINATES-01',
      desc: 'coordinate lattude must be between -90.0 and 90.0',
      field: 'coords.lat',
      ifPresent: true,
      test: numberBetween(-90, 90),
    },
    {
      code: 'GOBL-ORG-COORDINATES-02',
      desc: 'coordinate longitude must be between -180.0 and 180.0',
      field: 'coords.lon',
      ifPresent: true,
      test: numberBetween(-180, 180),
    },
    {
      code: 'GOBL-ORG-COORDINATES-03',
      desc: 'what3words coordinate must be valid',
      field: 'coords.w3w',
      ifPresent: true,
      test: matches(W3W_RE),
    },
  ],
};

const documentRef: RuleSet = {
  object: 'org/document-ref',
  assertions: [
    required('GOBL-ORG-DOCUMENTREF-01', 'document reference code is required', 'code'),
    {
      code: 'GOBL-ORG-DOCUMENTREF-02',
      desc: 'document reference issue date must not be zero',
      field: 'issue_date',
      ifPresent: true,
      test: dateNotZero,
    },
    { code: 'GOBL-ORG-DOCUMENTREF-03', desc: 'document reference URL must be valid', field: 'url', ifPresent: true, test: isUrl },
  ],
};

const email: RuleSet = {
  object: 'org/email',
  assertions: [
    required('GOBL-ORG-EMAIL-01', 'email address is required', 'addr'),
    { code: 'GOBL-ORG-EMAIL-02', desc: 'email address must be valid', field: 'addr', test: isEmail },
  ],
};

const party: RuleSet = {
  object: 'org/party',
  assertions: [
    {
      code: 'GOBL-ORG-ENDPOINT-01',
      desc: 'endpoint uri is required',
      field: 'endpoints',
      each: true,
      test: (e) => isPresent(asObject(e)?.uri),
    },
  ],
};

const identity: RuleSet = {
  object: 'org/identity',
  assertions: [
    {
      code: 'GOBL-ORG-IDENTITY-03',
      desc: 'identity must have either a key or type defined, but not both',
      test: (i: any) => !(isPresent(i.key) && isPresent(i.type)),
    },
    required('GOBL-ORG-IDENTITY-01', 'identity code must be provided', 'code'),
    {
      code: 'GOBL-ORG-IDENTITY-02',
      desc: "identity scope when provided must be either 'tax' or 'legal'",
      field: 'scope',
      ifPresent: true,
      test: oneOf(['tax', 'legal']),
    },
  ],
};

const image: RuleSet = {
  object: 'org/image',
  assertions: [
    { code: 'GOBL-ORG-IMAGE-01', desc: 'image URL must be valid', field: 'url', ifPresent: true, test: isUrl },
    { code: 'GOBL-ORG-IMAGE-02', desc: 'image height must be between 64 and 2048 pixels', field: 'height', test: intBetween(64, 2048) },
    { code: 'GOBL-ORG-IMAGE-03', desc: 'image width must be between 64 and 2048 pixels', field: 'width', test: intBetween(64, 2048) },
  ],
};

const inbox: RuleSet = {
  object: 'org/inbox',
  assertions: [
    {
      code: 'GOBL-ORG-INBOX-01',
      desc: 'inbox requires a code, url, or email',
      test: (i: any) => isPresent(i.code) || isPresent(i.url) || isPresent(i.email),
    },
    {
      code: 'GOBL-ORG-INBOX-02',
      desc: 'inbox url must be blank when code or email is provided',
      test: (i: any) => !isPresent(i.url) || !(isPresent(i.code) || isPresent(i.email)),
    },
    {
      code: 'GOBL-ORG-INBOX-03',
      desc: 'inbox email must be blank when code or url is provided',
      test: (i: any) => !isPresent(i.email) || !(isPresent(i.code) || isPresent(i.url)),
    },
    { code: 'GOBL-ORG-INBOX-04', desc: 'inbox url must be valid', field: 'url', ifPresent: true, test: isUrl },
    { code: 'GOBL-ORG-INBOX-05', desc: 'inbox email must be valid', field: 'email', ifPresent: true, test: isEmail },
  ],
};

const item: RuleSet = {
  object: 'org/item',
  assertions: [
    required('GOBL-ORG-ITEM-01', 'item name is required', 'name'),
    { code: 'GOBL-ORG-ITEM-02', desc: 'item price must be zero or positive', field: 'price', ifPresent: true, test: amountMin('0') },
    unitRule('unit'),
  ],
};

const name: RuleSet = {
  object: 'org/name',
  assertions: [
    required('GOBL-ORG-NAME-01', 'given name is required when surname is absent', 'given', {
      when: (n: any) => !isPresent(n.surname),
    }),
    required('GOBL-ORG-NAME-02', 'surname is required when given name is absent', 'surname', {
      when: (n: any) => !isPresent(n.given),
    }),
  ],
};

const note: RuleSet = {
  object: 'org/note',
  assertions: [
    required('GOBL-ORG-NOTE-01', 'note text is required', 'text'),
    { code: 'GOBL-ORG-NOTE-02', desc: 'note key must be a valid value', field: 'key', ifPresent: true, test: oneOf(NOTE_KEYS) },
  ],
};

const others: RuleSet[] = [
  { object: 'org/person', assertions: [required('GOBL-ORG-PERSON-01', 'person name is required', 'name')] },
  {
    object: 'org/registration',
    assertions: [
      {
        code: 'GOBL-ORG-REGISTRATION-01',
        desc: 'registration currency must be a valid ISO 4217 code',
        field: 'currency',
        ifPresent: true,
        // GOBL checks the code against its currency list, as for any currency.Code.
        test: isCurrencyCode,
      },
    ],
  },
  { object: 'org/telephone', assertions: [required('GOBL-ORG-TELEPHONE-01', 'telephone number is required', 'num')] },
  {
    object: 'org/website',
    assertions: [
      { code: 'GOBL-ORG-WEBSITE-01', desc: 'website URL is required and must be valid', field: 'url', test: (v) => isPresent(v) && isUrl(v) },
    ],
  },
  // A line charge's `unit` is an org.Unit too.
  { object: 'bill/line-charge', assertions: [unitRule('unit')] },
];

export const orgRuleSets: readonly RuleSet[] = [
  attachment,
  address,
  documentRef,
  email,
  party,
  identity,
  image,
  inbox,
  item,
  name,
  note,
  ...others,
];
