/**
 * Number and date formatting for print, on the engine's decimal strings: amounts never become
 * JS numbers, so "1234.56" prints "1.234,56 €" (es) or "€1,234.56" (en) digit for digit.
 */
import type { Locale } from './labels.ts';
import { MONTHS } from './words.ts';

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

interface Separators {
  readonly group: string;
  readonly decimal: string;
}

const SEPARATORS: Readonly<Record<Locale, Separators>> = {
  es: { group: '.', decimal: ',' },
  eu: { group: '.', decimal: ',' },
  en: { group: ',', decimal: '.' },
};

function groupDigits(int: string, sep: string): string {
  let out = '';
  for (let i = 0; i < int.length; i++) {
    if (i > 0 && (int.length - i) % 3 === 0) out += sep;
    out += int[i];
  }
  return out;
}

/**
 * A decimal string with the locale's separators, keeping every digit it has: "-1234.5" →
 * "-1.234,5" (es). Text that is not a plain decimal comes back unchanged.
 */
export function formatDecimal(value: string, locale: Locale): string {
  const m = DECIMAL.exec(value.trim());
  if (!m) return value;
  const s = SEPARATORS[locale];
  const int = groupDigits(m[2].replace(/^0+(?=\d)/, ''), s.group);
  return `${m[1]}${int}${m[3] !== undefined ? s.decimal + m[3] : ''}`;
}

/** Symbols printed instead of the ISO code; every other currency prints its code. */
const SYMBOLS: Readonly<Record<string, string>> = { EUR: '€', USD: '$', GBP: '£' };

/** "1.234,56 €" (es, eu), "€1,234.56" (en), "1.234,56 CHF"; a minus sign goes first. */
export function formatMoney(value: string, currency: string, locale: Locale): string {
  const num = formatDecimal(value, locale);
  const symbol = Object.hasOwn(SYMBOLS, currency) ? SYMBOLS[currency] : undefined;
  if (locale === 'en' && symbol) return num.startsWith('-') ? `-${symbol}${num.slice(1)}` : `${symbol}${num}`;
  return `${num} ${symbol ?? currency}`;
}

/** "21.0%" → "21 %" (es, eu) or "21%" (en); "10.50%" → "10,5 %". Trailing zeros go. */
export function formatPercent(value: string, locale: Locale): string {
  const raw = value.trim().replace(/%$/, '');
  const m = DECIMAL.exec(raw);
  if (!m) return value;
  const frac = (m[3] ?? '').replace(/0+$/, '');
  const num = formatDecimal(`${m[1]}${m[2]}${frac ? '.' + frac : ''}`, locale);
  return locale === 'en' ? `${num}%` : `${num} %`;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Default date formats: Spanish dd/mm/yyyy, Basque yyyy/mm/dd, English "8 Dec 2021". */
export const DEFAULT_DATE_FORMAT: Readonly<Record<Locale, string>> = { es: '%d/%m/%Y', eu: '%Y/%m/%d', en: '%-d %b %Y' };

/** The strftime directives `formatDate` understands. */
export const DATE_DIRECTIVES = ['%Y', '%y', '%m', '%-m', '%d', '%-d', '%e', '%b', '%B', '%%'] as const;

/** Checks a strftime-style format: undefined when fine, else the first unknown directive. */
export function badDateDirective(format: string): string | undefined {
  for (let i = 0; i < format.length; i++) {
    if (format[i] !== '%') continue;
    const two = format.slice(i, i + 2);
    const three = format.slice(i, i + 3);
    if ((DATE_DIRECTIVES as readonly string[]).includes(three)) i += 2;
    else if ((DATE_DIRECTIVES as readonly string[]).includes(two)) i += 1;
    else return two || '%';
  }
  return undefined;
}

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * A `YYYY-MM-DD` date through a strftime-style format (`%Y-%m-%d`, `%d/%m/%Y`, `%-d %B %Y`).
 * `%b` is the month's first three letters (English capitalised, as its month names are).
 * Text that is not an ISO date comes back unchanged; no time zone is involved.
 */
export function formatDate(iso: string | null | undefined, format: string, locale: Locale): string {
  if (!iso) return '';
  const m = ISO_DATE.exec(iso.trim());
  if (!m) return iso;
  const [, y, mo, d] = m;
  const month = MONTHS[locale][Number(mo) - 1] ?? mo;
  const values: Readonly<Record<string, string>> = {
    '%Y': y,
    '%y': y.slice(2),
    '%m': mo,
    '%-m': String(Number(mo)),
    '%d': d,
    '%-d': String(Number(d)),
    '%e': String(Number(d)).padStart(2, ' '),
    '%b': locale === 'en' ? capital(month.slice(0, 3)) : month.slice(0, 3),
    '%B': month,
    '%%': '%',
  };
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const three = format.slice(i, i + 3);
    const two = format.slice(i, i + 2);
    if (format[i] === '%' && Object.hasOwn(values, three)) {
      out += values[three];
      i += 2;
    } else if (format[i] === '%' && Object.hasOwn(values, two)) {
      out += values[two];
      i += 1;
    } else out += format[i];
  }
  return out;
}

/** "ES2501882570718544704761" → "ES25 0188 2570 7185 4470 4761" (spaces normalised). */
export function formatIban(iban: string): string {
  const compact = iban.replace(/\s+/g, '').toUpperCase();
  return compact.replace(/(.{4})(?=.)/g, '$1 ');
}
