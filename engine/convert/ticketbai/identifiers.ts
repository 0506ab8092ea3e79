/**
 * The TicketBAI identifier and QR URL (converters.md §1.4–1.5; TicketBAI *Especificaciones
 * funcionales y técnicas* 1.2, §4.3 and Anexo 3).
 *
 * Identifier: `TBAI-{NIF}-{ddmmyy}-{first 13 chars of SignatureValue}-{CRC}` (39 characters), CRC-8
 * over the UTF-8 bytes of everything up to and including the last `-`, as 3-digit decimal.
 * QR: `{base}?id=…&s=…&nf=…&i=…&cr=…`, values URL-encoded like Go's `url.QueryEscape`, `s` left
 * out without a series, `cr` = CRC-8 of the encoded URL before `&cr`.
 */
import type { Fault } from '../../core/fault.ts';
import { utf8Encode } from '../../core/utf8.ts';
import { type ConvertResult, convertFault } from '../types.ts';
import { type TbaiZone, isZone, toDmy } from './common.ts';

/**
 * CRC-8 with polynomial 0x07 (x⁸+x²+x+1), initial value 0, no reflection, no final XOR
 * ("CRC-8/SMBUS"; check value of "123456789" is 0xF4). Table-driven, as the spec's Java example.
 */
const CRC8_TABLE: Uint8Array = (() => {
  const t = new Uint8Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let b = 0; b < 8; b++) c = c & 0x80 ? ((c << 1) ^ 0x07) & 0xff : (c << 1) & 0xff;
    t[i] = c;
  }
  return t;
})();

export function crc8(data: Uint8Array | string): number {
  const bytes = typeof data === 'string' ? utf8Encode(data) : data;
  let crc = 0;
  for (const b of bytes) crc = CRC8_TABLE[crc ^ b];
  return crc;
}

const crcText = (n: number): string => String(n).padStart(3, '0');

const IDENT_FAULT = 'CONVERT-TBAI-20';
const QR_FAULT = 'CONVERT-TBAI-21';

const NIF_RE = /^[0-9A-Za-z]{9}$/;

export interface TbaiIdentifierInput {
  /** Emisor NIF (9 characters). */
  readonly nif: string;
  /** FechaExpedicionFactura: `dd-mm-yyyy` (as in the XML) or `yyyy-mm-dd`. */
  readonly issueDate: string;
  /** The signed document's ds:SignatureValue (whitespace ignored); its first 13 characters are used. */
  readonly signatureValue: string;
}

export function tbaiIdentifier(input: TbaiIdentifierInput): ConvertResult<string> {
  const faults: Fault[] = [];
  if (typeof input?.nif !== 'string' || !NIF_RE.test(input.nif)) faults.push(convertFault(IDENT_FAULT, 'nif', 'the NIF must have 9 letters or digits'));
  const date = typeof input?.issueDate === 'string' ? toDmy(input.issueDate) : undefined;
  if (!date) faults.push(convertFault(IDENT_FAULT, 'issueDate', 'the issue date must be dd-mm-yyyy or yyyy-mm-dd'));
  const sig = typeof input?.signatureValue === 'string' ? input.signatureValue.replace(/\s+/g, '') : '';
  if (sig.length < 13) faults.push(convertFault(IDENT_FAULT, 'signatureValue', 'the signature value needs at least 13 characters'));
  if (faults.length > 0) return { ok: false, faults };
  const [d, m, y] = date!.split('-');
  const head = `TBAI-${input.nif}-${d}${m}${y.slice(2)}-${sig.slice(0, 13)}-`;
  return { ok: true, value: head + crcText(crc8(head)) };
}

// ---------------------------------------------------------------------------------------------
// QR

export type TbaiEnvironment = 'production' | 'test';

interface QrBase {
  readonly production: string;
  readonly test: string;
  readonly sources: readonly string[];
}

/**
 * QR verification URLs per province. Bizkaia has one host; Gipuzkoa and Araba publish a
 * pre-production host. Araba: the spec text writes `https://ticketbai.araba.eus/TBAI/QRTBAI` (no
 * trailing slash) but every implementation, invopop's included, uses `…/tbai/qrtbai/`, and the CRC
 * covers the exact string, so the implementations' form is used.
 */
export const QR_BASE_URLS: Readonly<Record<TbaiZone, QrBase>> = {
  BI: {
    production: 'https://batuz.eus/QRTBAI/',
    test: 'https://batuz.eus/QRTBAI/',
    sources: ['TicketBAI Especificaciones funcionales y técnicas 1.2 §4.3.3', 'invopop/gobl.ticketbai convert/qr_code.go'],
  },
  SS: {
    production: 'https://tbai.egoitza.gipuzkoa.eus/qr/',
    test: 'https://tbai.prep.gipuzkoa.eus/qr/',
    sources: ['TicketBAI Especificaciones funcionales y técnicas 1.2 §4.3.3', 'invopop/gobl.ticketbai convert/qr_code.go', 'OCA/l10n-spain l10n_es_ticketbai_api'],
  },
  VI: {
    production: 'https://ticketbai.araba.eus/tbai/qrtbai/',
    test: 'https://pruebas-ticketbai.araba.eus/tbai/qrtbai/',
    sources: ['invopop/gobl.ticketbai convert/qr_code.go', 'OCA/l10n-spain l10n_es_ticketbai_api', 'Odoo l10n_es_edi_tbai'],
  },
};

const UNRESERVED = /[A-Za-z0-9\-_.~]/;

/** Go's `url.QueryEscape`: unreserved characters kept, space as `+`, other UTF-8 bytes as `%XX`. */
export function queryEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    if (UNRESERVED.test(ch)) out += ch;
    else if (ch === ' ') out += '+';
    else for (const b of utf8Encode(ch)) out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export interface TbaiQrInput {
  readonly zone: TbaiZone;
  readonly env: TbaiEnvironment;
  /** The TicketBAI identifier (`tbaiIdentifier`). */
  readonly identifier: string;
  /** SerieFactura; `s` is left out when empty. */
  readonly series?: string;
  /** NumFactura. */
  readonly code: string;
  /** FechaExpedicionFactura (`dd-mm-yyyy` or `yyyy-mm-dd`): not a URL parameter, only checked against the identifier. */
  readonly date?: string;
  /** ImporteTotalFactura exactly as written in the XML ("value and format"). */
  readonly total: string;
}

export function tbaiQrUrl(input: TbaiQrInput): ConvertResult<string> {
  const faults: Fault[] = [];
  if (!isZone(input?.zone)) faults.push(convertFault(QR_FAULT, 'zone', 'zone must be BI, SS or VI'));
  if (input?.env !== 'production' && input?.env !== 'test') faults.push(convertFault(QR_FAULT, 'env', 'env must be production or test'));
  if (typeof input?.identifier !== 'string' || input.identifier.length !== 39) faults.push(convertFault(QR_FAULT, 'identifier', 'the TicketBAI identifier has 39 characters'));
  if (typeof input?.code !== 'string' || input.code === '') faults.push(convertFault(QR_FAULT, 'code', 'the invoice number is required'));
  if (typeof input?.total !== 'string' || !/^[+-]?\d{1,12}(\.\d{0,2})?$/.test(input.total)) faults.push(convertFault(QR_FAULT, 'total', 'the total must be ImporteTotalFactura as written in the XML'));
  if (input?.date !== undefined && faults.length === 0) {
    const d = toDmy(input.date);
    const [dd, mm, yyyy] = (d ?? '--').split('-');
    if (!d || input.identifier.slice(15, 21) !== `${dd}${mm}${yyyy.slice(2)}`) faults.push(convertFault(QR_FAULT, 'date', 'the date does not match the identifier'));
  }
  if (faults.length > 0) return { ok: false, faults };
  const params: [string, string][] = [['id', input.identifier]];
  if (input.series) params.push(['s', input.series]);
  params.push(['nf', input.code], ['i', input.total]);
  const url = QR_BASE_URLS[input.zone][input.env] + '?' + params.map(([k, v]) => `${k}=${queryEscape(v)}`).join('&');
  return { ok: true, value: `${url}&cr=${crcText(crc8(url))}` };
}
