/**
 * Code lists as words, per locale: tax categories and keys, payment means and terms, units,
 * month names and the legal mentions of operations without Spanish VAT.
 */
import type { Locale } from './labels.ts';

type Words = Readonly<Record<string, string>>;

/** Tax category codes as each locale writes them. */
const CATEGORIES: Readonly<Record<Locale, Words>> = {
  es: { VAT: 'IVA', IRPF: 'IRPF', IGIC: 'IGIC', IPSI: 'IPSI' },
  en: { VAT: 'VAT', IRPF: 'IRPF', IGIC: 'IGIC', IPSI: 'IPSI' },
  eu: { VAT: 'BEZ', IRPF: 'PFEZ', IGIC: 'IGIC', IPSI: 'IPSI' },
};

/** Tax rate keys that say more than a percentage (GOBL `tax.Key`). */
const TAX_KEYS: Readonly<Record<Locale, Words>> = {
  es: {
    zero: 'tipo cero',
    exempt: 'exento',
    'reverse-charge': 'inversión del sujeto pasivo',
    'intra-community': 'entrega intracomunitaria exenta',
    export: 'exportación exenta',
    'outside-scope': 'no sujeto',
  },
  en: { zero: 'zero rate', exempt: 'exempt', 'reverse-charge': 'reverse charge', 'intra-community': 'intra-community, exempt', export: 'export, exempt', 'outside-scope': 'outside scope' },
  eu: {
    zero: 'zero tasa',
    exempt: 'salbuetsia',
    'reverse-charge': 'subjektu pasiboaren inbertsioa',
    'intra-community': 'erkidego barruko entrega salbuetsia',
    export: 'esportazio salbuetsia',
    'outside-scope': 'kargapean ez',
  },
};

/** Payment means (GOBL `pay.MeansKey`, first part). */
const PAY_KEYS: Readonly<Record<Locale, Words>> = {
  es: { 'credit-transfer': 'Transferencia bancaria', 'direct-debit': 'Domiciliación bancaria', card: 'Tarjeta', cash: 'Efectivo', cheque: 'Cheque', online: 'Pago en línea', 'bank-draft': 'Giro bancario', promissory: 'Pagaré', netting: 'Compensación', other: 'Otro', any: 'Cualquiera' },
  en: { 'credit-transfer': 'Bank transfer', 'direct-debit': 'Direct debit', card: 'Card', cash: 'Cash', cheque: 'Cheque', online: 'Online payment', 'bank-draft': 'Bank draft', promissory: 'Promissory note', netting: 'Netting', other: 'Other', any: 'Any' },
  eu: { 'credit-transfer': 'Banku-transferentzia', 'direct-debit': 'Helbideratzea', card: 'Txartela', cash: 'Eskudirua', cheque: 'Txekea', online: 'Online ordainketa', 'bank-draft': 'Banku-zirroa', promissory: 'Ordaindukoa', netting: 'Konpentsazioa', other: 'Beste bat', any: 'Edozein' },
};

/** Payment terms (GOBL `pay.TermKey`). */
const TERM_KEYS: Readonly<Record<Locale, Words>> = {
  es: { 'end-of-month': 'Fin de mes', 'due-date': 'Fecha de vencimiento', deferred: 'Aplazado', proximo: 'Mes siguiente', instant: 'Pago inmediato', elective: 'A elección', pending: 'Pendiente', advanced: 'Pagado por adelantado', delivery: 'A la entrega', undefined: 'Sin definir' },
  en: { 'end-of-month': 'End of month', 'due-date': 'Due date', deferred: 'Deferred', proximo: 'Following month', instant: 'Immediate payment', elective: 'Elective', pending: 'Pending', advanced: 'Paid in advance', delivery: 'On delivery', undefined: 'Undefined' },
  eu: { 'end-of-month': 'Hilabete amaieran', 'due-date': 'Mugaeguna', deferred: 'Geroratua', proximo: 'Hurrengo hilabetea', instant: 'Berehalako ordainketa', elective: 'Aukerakoa', pending: 'Zain', advanced: 'Aldez aurretik ordaindua', delivery: 'Entregatzean', undefined: 'Zehaztu gabe' },
};

/** Item units printed in the lines table (GOBL `org.Unit`); others are printed as written. */
const UNITS: Readonly<Record<Locale, Words>> = {
  es: { item: 'ud.', piece: 'pza.', h: 'h', day: 'día', month: 'mes', year: 'año', kg: 'kg', g: 'g', l: 'l', m: 'm', m2: 'm²', m3: 'm³', km: 'km', service: 'serv.' },
  en: { item: 'item', piece: 'pc', h: 'h', day: 'day', month: 'month', year: 'year', kg: 'kg', g: 'g', l: 'l', m: 'm', m2: 'm²', m3: 'm³', km: 'km', service: 'service' },
  eu: { item: 'ale', piece: 'pieza', h: 'h', day: 'egun', month: 'hil.', year: 'urte', kg: 'kg', g: 'g', l: 'l', m: 'm', m2: 'm²', m3: 'm³', km: 'km', service: 'zerb.' },
};

/** Month names for `%b` / `%B` in date formats. */
export const MONTHS: Readonly<Record<Locale, readonly string[]>> = {
  es: ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  eu: ['urtarrila', 'otsaila', 'martxoa', 'apirila', 'maiatza', 'ekaina', 'uztaila', 'abuztua', 'iraila', 'urria', 'azaroa', 'abendua'],
};

const lookup = (table: Readonly<Record<Locale, Words>>, locale: Locale, key: string | null | undefined): string | undefined =>
  key ? (Object.hasOwn(table[locale], key) ? table[locale][key] : undefined) : undefined;

export const categoryLabel = (l: Locale, code: string): string => lookup(CATEGORIES, l, code.toUpperCase()) ?? code;
export const taxKeyLabel = (l: Locale, key: string | null | undefined): string | undefined => lookup(TAX_KEYS, l, key);
/** `credit-transfer+sepa` reads as its first part. */
export const payKeyLabel = (l: Locale, key: string | null | undefined): string | undefined => (key ? (lookup(PAY_KEYS, l, key.split('+')[0]) ?? key) : undefined);
export const termKeyLabel = (l: Locale, key: string | null | undefined): string | undefined => (key ? (lookup(TERM_KEYS, l, key) ?? key) : undefined);
export const unitLabel = (l: Locale, unit: string | null | undefined): string => (unit ? (lookup(UNITS, l, unit) ?? unit) : '');

/**
 * Legal mentions for VAT operations without Spanish VAT, printed when the invoice brings no note
 * of its own with key `legal`: RD 1619/2012 (Reglamento de facturación) art. 6.1.j asks for the
 * provision an exemption rests on and art. 6.1.m for the words "inversión del sujeto pasivo".
 * Exemption codes E1–E6 are the AEAT's (SII / VERI*FACTU / TicketBAI), each tied to articles of
 * Ley 37/1992 del IVA (https://www.boe.es/buscar/act.php?id=BOE-A-1992-28740).
 */
const LEGAL: Readonly<Record<Locale, Words>> = {
  es: {
    E1: 'Operación exenta de IVA (artículo 20 de la Ley 37/1992).',
    E2: 'Exportación exenta de IVA (artículo 21 de la Ley 37/1992).',
    E3: 'Operación asimilada a la exportación, exenta de IVA (artículo 22 de la Ley 37/1992).',
    E4: 'Operación exenta de IVA (artículos 23 y 24 de la Ley 37/1992).',
    E5: 'Entrega intracomunitaria exenta de IVA (artículo 25 de la Ley 37/1992).',
    E6: 'Operación exenta de IVA.',
    'reverse-charge': 'Inversión del sujeto pasivo.',
    'outside-scope': 'Operación no sujeta al IVA español.',
  },
  en: {
    E1: 'VAT exempt (article 20 of Spanish VAT Law 37/1992).',
    E2: 'Export, VAT exempt (article 21 of Spanish VAT Law 37/1992).',
    E3: 'Treated as an export, VAT exempt (article 22 of Spanish VAT Law 37/1992).',
    E4: 'VAT exempt (articles 23 and 24 of Spanish VAT Law 37/1992).',
    E5: 'Intra-community supply, VAT exempt (article 25 of Spanish VAT Law 37/1992).',
    E6: 'VAT exempt.',
    'reverse-charge': 'Reverse charge: VAT to be accounted for by the recipient (inversión del sujeto pasivo).',
    'outside-scope': 'Not subject to Spanish VAT.',
  },
  eu: {
    E1: 'BEZetik salbuetsitako eragiketa (37/1992 Legearen 20. artikulua).',
    E2: 'BEZetik salbuetsitako esportazioa (37/1992 Legearen 21. artikulua).',
    E3: 'Esportazioaren parekoa, BEZetik salbuetsia (37/1992 Legearen 22. artikulua).',
    E4: 'BEZetik salbuetsitako eragiketa (37/1992 Legearen 23. eta 24. artikuluak).',
    E5: 'Erkidego barruko entrega, BEZetik salbuetsia (37/1992 Legearen 25. artikulua).',
    E6: 'BEZetik salbuetsitako eragiketa.',
    'reverse-charge': 'Subjektu pasiboaren inbertsioa.',
    'outside-scope': 'Espainiako BEZaren kargapean ez dagoen eragiketa.',
  },
};

/** The legal mention for an exemption code or tax key, if there is one. */
export const legalMention = (l: Locale, codeOrKey: string | null | undefined): string | undefined => lookup(LEGAL, l, codeOrKey);
