/**
 * Shared pieces of the TicketBAI converter: constants, the fault collector, amount and date
 * helpers, and the conversion context every part of the document is built from.
 * Spec: shared/spec/converters.md §1 (TicketBAI 1.2, `ticketBaiV1-2-2.xsd`).
 */
import { type Amount, ZERO, abs, amountToString, negate, parseAmount, rescale } from '../../core/amount.ts';
import { todayIn } from '../../core/dates.ts';
import type { Fault } from '../../core/fault.ts';
import { parsePercentage } from '../../core/percentage.ts';
import type { Invoice } from '../../model/bill.ts';
import { convertFault } from '../types.ts';

export const TBAI_VERSION = '1.2';
export const NS_ALTA = 'urn:ticketbai:emision';
export const NS_ANULA = 'urn:ticketbai:anulacion';

/** Basque provinces (territorios históricos): Araba (VI), Bizkaia (BI), Gipuzkoa (SS). */
export type TbaiZone = 'BI' | 'SS' | 'VI';
export const ZONES: readonly TbaiZone[] = ['BI', 'SS', 'VI'];
export const isZone = (v: unknown): v is TbaiZone => typeof v === 'string' && (ZONES as readonly string[]).includes(v);

export const EXT_REGION = 'es-tbai-region';
export const EXT_PRODUCT = 'es-tbai-product';
export const EXT_EXEMPTION = 'es-tbai-exemption';
export const EXT_CORRECTION = 'es-tbai-correction';
export const EXT_REGIME = 'es-tbai-regime';
export const EXT_IDENTITY_TYPE = 'es-tbai-identity-type';
export const EXT_SIMPLIFIED = 'es-tbai-simplified';
export const EXT_BI_ACTIVITY = 'es-tbai-bi-activity';

/** Converter fault codes `CONVERT-TBAI-NN` (export) and `CONVERT-TBAI-IMPORT-NN` (import). */
export const FAULT = {
  input: 'CONVERT-TBAI-01',
  model: 'CONVERT-TBAI-02',
  addon: 'CONVERT-TBAI-03',
  supplier: 'CONVERT-TBAI-04',
  zone: 'CONVERT-TBAI-05',
  type: 'CONVERT-TBAI-06',
  charges: 'CONVERT-TBAI-07',
  totals: 'CONVERT-TBAI-08',
  note: 'CONVERT-TBAI-09',
  zoneRule: 'CONVERT-TBAI-10',
  preceding: 'CONVERT-TBAI-11',
  option: 'CONVERT-TBAI-12',
  breakdown: 'CONVERT-TBAI-13',
  limit: 'CONVERT-TBAI-14',
  amount: 'CONVERT-TBAI-15',
  cancelDate: 'CONVERT-TBAI-16',
  serialize: 'CONVERT-TBAI-17',
  currency: 'CONVERT-TBAI-18',
  customer: 'CONVERT-TBAI-19',
} as const;

/** Collects faults; every reader returns a usable value so one pass reports every problem. */
export class Faults {
  readonly list: Fault[] = [];
  add(code: string, path: string, message: string): void {
    this.list.push(convertFault(code, path, message));
  }
  get empty(): boolean {
    return this.list.length === 0;
  }
}

/** Everything the document parts need: the parsed invoice, where it sits in the envelope. */
export interface Ctx {
  readonly inv: Invoice;
  /** JSON path of the invoice: `$.doc` in an envelope, `$` for a bare document. */
  readonly base: string;
  readonly faults: Faults;
  readonly zone: TbaiZone;
  /** Credit notes are reported with negated amounts (rectificativa por diferencias). */
  readonly negate: boolean;
  /** Reproduce gobl.ticketbai (GOBL v0.403) detail lines (see TicketBaiOptions.legacyLineTotals). */
  readonly legacyLineTotals: boolean;
}

// ---------------------------------------------------------------------------------------------
// Text

/** Characters XML 1.0 cannot carry at all (C0 controls other than tab/newline/CR, lone surrogates, U+FFFE/F). */
const INVALID_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/**
 * A free-text value for the XML: checked for characters XML cannot hold and for the XSD length
 * (`max` characters). Problems become faults at `path`; the value is returned as given.
 */
export function text(f: Faults, value: string | null | undefined, path: string, what: string, max?: number, required = false): string | undefined {
  if (value === undefined || value === null || value === '') {
    if (required) f.add(FAULT.model, path, `${what} is required`);
    return undefined;
  }
  if (required && value.trim() === '') f.add(FAULT.model, path, `${what} must not be blank`);
  if (INVALID_XML_CHAR.test(value)) f.add(FAULT.model, path, `${what} contains a character XML cannot carry`);
  if (max !== undefined && [...value].length > max) f.add(FAULT.limit, path, `${what} is longer than ${max} characters, the TicketBAI maximum`);
  return value;
}

// ---------------------------------------------------------------------------------------------
// Amounts

/** An amount field of the document; a bad value is a fault and reads as zero. */
export function amountAt(f: Faults, value: string | null | undefined, path: string): Amount {
  if (value === undefined || value === null) return ZERO;
  const r = parseAmount(value);
  if (!r.ok) {
    f.add(FAULT.amount, path, r.error);
    return ZERO;
  }
  return r.value;
}

/** Applies the credit-note sign. */
export const signed = (ctx: Ctx, a: Amount): Amount => (ctx.negate ? negate(a) : a);

/** Exactly two decimals (TicketBAI `ImporteSgn12.2`). */
export const fmt2 = (a: Amount): string => amountToString(rescale(a, 2));

/** A GOBL percentage ("21.0%") as TicketBAI's rate: the number without sign, two decimals ("21.00"). */
export function percentText(f: Faults, value: string | null | undefined, path: string): string {
  if (value === undefined || value === null) return '0.00';
  const p = parsePercentage(value);
  if (!p.ok) {
    f.add(FAULT.amount, path, p.error);
    return '0.00';
  }
  const frac = p.value.amount;
  // fraction × 100: the same digits with two fewer decimals.
  const pct: Amount = frac.exp >= 2 ? { value: frac.value, exp: frac.exp - 2 } : { value: frac.value * 10n ** BigInt(2 - frac.exp), exp: 0 };
  return fmt2(abs(pct));
}

// ---------------------------------------------------------------------------------------------
// Dates and times

/** `2022-02-01` → `01-02-2022` (TicketBAI `FechaType`). */
export function dmy(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  return `${d}-${m}-${y}`;
}

const DMY_RE = /^(\d{2})-(\d{2})-(\d{4})$/;
const YMD_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Accepts `dd-mm-yyyy` (TicketBAI) or `yyyy-mm-dd` (GOBL) and returns `dd-mm-yyyy`. */
export function toDmy(value: string): string | undefined {
  if (DMY_RE.test(value)) return value;
  return YMD_RE.test(value) ? dmy(value) : undefined;
}

const ISO_TS_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;

/** Milliseconds since the epoch of an ISO-8601 timestamp with an explicit offset. */
export function parseTimestamp(value: string): number | undefined {
  const m = ISO_TS_RE.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s = '0', , off] = m;
  if (Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
  let ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (new Date(ms).getUTCDate() !== Number(d)) return undefined; // 31-02 and friends
  if (off !== 'Z') {
    const sign = off[0] === '-' ? -1 : 1;
    ms -= sign * (Number(off.slice(1, 3)) * 60 + Number(off.slice(4, 6))) * 60_000;
  }
  return ms;
}

/** The conversion time in Europe/Madrid, as TicketBAI's date (`dd-mm-yyyy`) and time (`hh:mm:ss`). */
export function madridDateTime(epochMs: number): { date: string; time: string } {
  const t = todayIn(epochMs, 'Europe/Madrid');
  return { date: dmy(t.date), time: t.time };
}

// ---------------------------------------------------------------------------------------------
// Misc

export const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** GOBL tax-only country codes that are not ISO 3166 (TicketBAI `CodigoPais` wants ISO). */
const ISO_COUNTRY: Readonly<Record<string, string>> = { EL: 'GR', XI: 'GB', XU: 'GB' };
export const isoCountry = (code: string): string => ISO_COUNTRY[code.toUpperCase()] ?? code.toUpperCase();
