/**
 * Small typed predicates used by the assertions' tests. Each mirrors one of GOBL's `rules/is`
 * tests (`present`, `url`, `email-format`, `matches …`, `min 0`…) on our JSON model, where
 * amounts and percentages are decimal strings and absent fields are `undefined`.
 *
 * Conventions copied from GOBL: "one of", "matches", "min/max" and "length" tests skip nil
 * values; "matches" and "length" also pass on the empty string.
 */
import { compare, isZero, parseAmount, type Amount } from '../core/amount.ts';
import { isCalendarDate } from '../core/dates.ts';
import { parsePercentage } from '../core/percentage.ts';
import { hasTimestamp as uuidHasTimestamp, isUuid as uuidIsUuid } from '../core/uuid.ts';
import { isKnownCurrency } from '../currency/currencies.ts';
import { isPresent, type Assertion, type ObjectKind, type RuleContext, type RuleSet } from './define.ts';

export { isPresent, isPresent as present };

/* eslint-disable @typescript-eslint/no-explicit-any */
type Rec = Record<string, any>;

/** Not present: GOBL's `is.Empty`. */
export const empty = (v: unknown): boolean => !isPresent(v);

/** A value that is not undefined/null (a Go pointer that is set, even to zero). */
export const isSet = (v: unknown): boolean => v !== undefined && v !== null;

export const isString = (v: unknown): v is string => typeof v === 'string';

/** The object at `v`, or undefined when it is not a plain object. */
export function asObject(v: unknown): Rec | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Rec) : undefined;
}

export function asArray(v: unknown): readonly unknown[] {
  return Array.isArray(v) ? v : [];
}

// ---------------------------------------------------------------------------------------------
// Sets and patterns

/**
 * GOBL's `is.In`. GOBL skips nil pointers but checks non-pointer strings, where an absent field
 * reads as "" and is not in the list; most listed fields are non-pointer keys, so an absent
 * value fails unless `absentPasses` is set (use `ifPresent` for GOBL's AssertIfPresent).
 */
export function oneOf(list: readonly string[], absentPasses = false): (v: unknown) => boolean {
  const set = new Set(list);
  return (v) => {
    if (v === undefined || v === null) return absentPasses;
    return typeof v === 'string' && set.has(v);
  };
}

/** GOBL's `is.Matches`: nil and "" pass. */
export function matches(re: RegExp): (v: unknown) => boolean {
  return (v) => v === undefined || v === null || v === '' || (typeof v === 'string' && re.test(v));
}

/** `be or starts with one of`: `key` equals one of the bases, or extends one with `+`. */
export function keyOrSubKey(bases: readonly string[]): (v: unknown) => boolean {
  return (v) => typeof v === 'string' && bases.some((b) => v === b || v.startsWith(`${b}+`));
}

/** GOBL's `is.Length` on strings (bytes in Go; UTF-8 length here): empty values are skipped. */
export function lengthBetween(min: number, max: number): (v: unknown) => boolean {
  return (v) => {
    if (typeof v !== 'string' || v === '') return true;
    const n = utf8Length(v);
    return (min === 0 || n >= min) && (max === 0 || n <= max);
  };
}

function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

/** cbc.Key: `^(?:[a-z]|[a-z0-9][a-z0-9-+]*[a-z0-9])$`, 1 to 64 characters. */
export const KEY_RE = /^(?:[a-z]|[a-z0-9][a-z0-9-+]*[a-z0-9])$/;
export const isKey = (v: unknown): boolean => typeof v === 'string' && v.length >= 1 && v.length <= 64 && KEY_RE.test(v);

/** cbc.Code: no control characters, no leading or trailing whitespace, at most 64 bytes. */
// eslint-disable-next-line no-control-regex
export const CODE_RE = /^[^\s\x00-\x1f\x7f-\x9f](?:[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f])?$/u;
export const isCode = (v: unknown): boolean => typeof v === 'string' && (v === '' || (utf8Length(v) <= 64 && CODE_RE.test(v)));

// ---------------------------------------------------------------------------------------------
// Identifiers, dates and times

export const isUuid = (v: unknown): boolean => typeof v === 'string' && uuidIsUuid(v);

/** UUID versions 1, 6 and 7 carry their creation time (GOBL-HEAD-HEADER-01). */
export const hasTimestamp = (v: unknown): boolean => typeof v === 'string' && uuidHasTimestamp(v);

/** `YYYY-MM-DD` naming a real calendar day. GOBL's zero date `0000-00-00` is not a date. */
export const isDate = (v: unknown): boolean => typeof v === 'string' && isCalendarDate(v);

/** cal.Date "not zero": set, and not GOBL's zero date. */
export const dateNotZero = (v: unknown): boolean => typeof v === 'string' && v !== '' && v !== '0000-00-00';

/** `HH:MM:SS` (cal.Time), 24-hour clock. */
export function isTime(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  const m = /^(\d{2}):(\d{2}):(\d{2})$/.exec(v);
  return !!m && Number(m[1]) <= 23 && Number(m[2]) <= 59 && Number(m[3]) <= 59;
}

/** cal.DateTime: `YYYY-MM-DDTHH:MM:SS`, local time without a zone. */
export function isDateTime(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  const t = v.indexOf('T');
  return t === 10 && isDate(v.slice(0, 10)) && isTime(v.slice(11));
}

/** cal.DateTime "not zero". */
export const dateTimeNotZero = (v: unknown): boolean => typeof v === 'string' && v !== '' && !/^0000-00-00T00:00:00/.test(v);

// ---------------------------------------------------------------------------------------------
// Countries and currencies

const ISO_COUNTRIES = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS ' +
    'BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE ' +
    'EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM ' +
    'HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC ' +
    'LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA ' +
    'NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW ' +
    'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO ' +
    'TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
  ).split(' '),
);

/** ISO 3166-1 alpha-2 country code. */
export const isCountryCode = (v: unknown): boolean => typeof v === 'string' && ISO_COUNTRIES.has(v);

/**
 * A tax country code as GOBL accepts it (`l10n.TaxCountryCode`): ISO codes plus the special
 * codes used by some tax systems (`EL` Greece, `XI` Northern Ireland, `XU` UK excluding NI).
 */
export const isTaxCountryCode = (v: unknown): boolean => isCountryCode(v) || v === 'EL' || v === 'XI' || v === 'XU';

/** An ISO 4217 currency code GOBL knows. */
export const isCurrencyCode = (v: unknown): boolean => typeof v === 'string' && isKnownCurrency(v);

// ---------------------------------------------------------------------------------------------
// URLs and e-mail (approximations of govalidator's IsURL / IsEmail, which GOBL uses)

const URL_SCHEME = '(?:(?:ftp|tcp|udp|wss?|https?)://)';
const URL_USER = '(?:[^\\s@/]+(?::[^\\s@/]*)?@)';
const URL_IPV4 = '(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?:\\.(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3})';
const URL_IPV6 = '(?:\\[[0-9a-fA-F:.]+\\])';
const URL_LABEL = '[a-zA-Z0-9\\u00a1-\\uffff_](?:[a-zA-Z0-9\\u00a1-\\uffff_-]*[a-zA-Z0-9\\u00a1-\\uffff_])?';
const URL_HOST = `(?:${URL_IPV4}|${URL_IPV6}|${URL_LABEL}(?:\\.${URL_LABEL})*)\\.?`;
const URL_RE = new RegExp(`^${URL_SCHEME}?${URL_USER}?${URL_HOST}(?::\\d{1,5})?(?:[/?#]\\S*)?$`);

/**
 * govalidator's `IsURL`: 4 to 2082 characters, an optional well-known scheme, a host and an
 * optional port and path. Like govalidator it also accepts host-only forms (`example.com`),
 * but a bare word without a dot or scheme is not a URL.
 */
export function isUrl(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  const n = [...v].length;
  if (n <= 3 || n >= 2083 || v.startsWith('.')) return false;
  const schemeAt = v.indexOf('://');
  if (schemeAt < 0) {
    const host = v.split(/[/?#]/, 1)[0];
    if (!v.includes(':') && !host.includes('.')) return false;
  } else if (v.slice(schemeAt + 3).startsWith('.')) {
    return false;
  }
  return URL_RE.test(v);
}

const EMAIL_LOCAL = "[a-zA-Z0-9!#$%&'*+/=?^_`{|}~\\u00a0-\\uffff-]+(?:\\.[a-zA-Z0-9!#$%&'*+/=?^_`{|}~\\u00a0-\\uffff-]+)*";
const EMAIL_LABEL = '[a-zA-Z0-9\\u00a0-\\uffff](?:[a-zA-Z0-9\\u00a0-\\uffff_~.-]*[a-zA-Z0-9\\u00a0-\\uffff])?';
const EMAIL_RE = new RegExp(`^${EMAIL_LOCAL}@(?:${EMAIL_LABEL}\\.)+[a-zA-Z\\u00a0-\\uffff]{2,}\\.?$`);

/** govalidator's `IsEmail` (format only: no MX lookup). */
export const isEmail = (v: unknown): boolean => typeof v === 'string' && v.length <= 254 && EMAIL_RE.test(v);

// ---------------------------------------------------------------------------------------------
// Amounts and percentages (decimal strings, compared exactly)

/** Parses an amount string (or JSON number); undefined when absent or malformed. */
export function amountOf(v: unknown): Amount | undefined {
  if (typeof v !== 'string' && typeof v !== 'number') return undefined;
  const r = parseAmount(v);
  return r.ok ? r.value : undefined;
}

/** Parses a percentage string into its fraction as an Amount ("21%" -> 0.21). */
export function percentOf(v: unknown): Amount | undefined {
  if (typeof v !== 'string' && typeof v !== 'number') return undefined;
  const r = parsePercentage(v);
  return r.ok ? r.value.amount : undefined;
}

/** Exact comparison of two decimal strings; undefined if either is not a number. */
export function compareAmounts(a: unknown, b: unknown): -1 | 0 | 1 | undefined {
  const x = amountOf(a);
  const y = amountOf(b);
  return x && y ? compare(x, y) : undefined;
}

/** GOBL's `num.Min(n)` on amounts: absent or zero values are skipped; malformed ones fail. */
export function amountMin(min: string): (v: unknown) => boolean {
  const threshold = amountOf(min) as Amount;
  return (v) => {
    if (v === undefined || v === null || v === '') return true;
    const a = amountOf(v);
    if (!a) return false;
    return isZero(a) || compare(a, threshold) >= 0;
  };
}

/** Amount present and not zero (`num.NotZero` on a non-pointer amount). */
export function amountNotZero(v: unknown): boolean {
  const a = amountOf(v);
  return !!a && !isZero(a);
}

/** Integer between min and max, skipping zero (GOBL's `is.Min`/`is.Max` skip empty values). */
export function intBetween(min: number, max: number): (v: unknown) => boolean {
  return (v) => v === undefined || v === null || v === 0 || (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max);
}

/** Number between min and max (floats), skipping nil and zero. */
export function numberBetween(min: number, max: number): (v: unknown) => boolean {
  return (v) => v === undefined || v === null || v === 0 || (typeof v === 'number' && v >= min && v <= max);
}

/** Sum of a list of decimal strings (undefined entries count as zero); undefined if malformed. */
export function sumAmounts(values: readonly unknown[]): Amount | undefined {
  let value = 0n;
  let exp = 0;
  for (const v of values) {
    if (v === undefined || v === null) continue;
    const a = amountOf(v);
    if (!a) return undefined;
    if (a.exp > exp) {
      value *= 10n ** BigInt(a.exp - exp);
      exp = a.exp;
    }
    value += a.value * 10n ** BigInt(exp - a.exp);
  }
  return { value, exp };
}

// ---------------------------------------------------------------------------------------------
// Lists

/** No two elements share the same `keyOf` value (empty keys included, as GOBL compares them). */
export function noDuplicates(keyOf: (item: Rec) => string): (v: unknown) => boolean {
  return (v) => {
    const seen = new Set<string>();
    for (const item of asArray(v)) {
      const o = asObject(item);
      if (!o) continue;
      const k = keyOf(o);
      if (seen.has(k)) return false;
      seen.add(k);
    }
    return true;
  };
}

// ---------------------------------------------------------------------------------------------
// Document context

/** The short schema of the document being validated (`bill/invoice`), from its `$schema`. */
export function docSchema(ctx: RuleContext): string | undefined {
  const s = asObject(ctx.doc)?.$schema;
  if (typeof s !== 'string') return undefined;
  const at = s.indexOf('/draft-0/');
  return at >= 0 ? s.slice(at + '/draft-0/'.length) : s;
}

/**
 * Is the document being validated of this schema? A document without `$schema` is taken to be
 * an invoice (the engine's default document type).
 */
export function docIs(ctx: RuleContext, schema: string): boolean {
  return (docSchema(ctx) ?? 'bill/invoice') === schema;
}

// ---------------------------------------------------------------------------------------------
// Assertion shorthands

/** A `present` assertion (GOBL's `is.Present`). */
export function required<T = any>(code: string, desc: string, field: string, extra?: Partial<Assertion<T>>): Assertion<T> {
  return { code, desc, field, test: isPresent, ...extra };
}

/**
 * One rule set per object kind for a "type" rule: GOBL binds rules to scalar types (cbc.Key,
 * cal.Date…) and checks every field of that type anywhere in the graph; we list the fields of
 * each kind that hold the type. `name[*]` means each element of the list `name`.
 */
export function typeRuleSets(
  fields: Readonly<Partial<Record<ObjectKind, readonly string[]>>>,
  make: (field: string, each: boolean) => Assertion[],
): RuleSet[] {
  const out: RuleSet[] = [];
  for (const [kind, list] of Object.entries(fields) as [ObjectKind, readonly string[]][]) {
    const assertions = list.flatMap((f) => (f.endsWith('[*]') ? make(f.slice(0, -3), true) : make(f, false)));
    out.push({ object: kind, assertions });
  }
  return out;
}
