/**
 * What the VERI*FACTU record builders share: options, the software block, parties, dates and
 * amounts as the AEAT writes them, and fault helpers. Fault codes: `CONVERT-VERIFACTU-NN` for
 * export, `CONVERT-VERIFACTU-IMPORT-NN` for import (see index.ts for the list).
 */
import type { Fault } from '../../core/fault.ts';
import { type Amount, amountToString, negate, parseAmount, rescaleDown } from '../../core/amount.ts';
import { isCalendarDate } from '../../core/dates.ts';
import { isEuMember } from '../../l10n/eu.ts';
import type { Party } from '../../model/org.ts';
import { VERIFACTU_IDENTITY_TYPE } from '../../addons/es-verifactu/extensions.ts';
import { convertFault, type SoftwareInfo } from '../types.ts';
import { type XNode, el, group, opt } from './xml.ts';
import { madridTimestamp } from './huella.ts';

export const VERIFACTU_ADDON = 'es-verifactu-v1';
/** IDVersion of the records (Orden HAC/1177/2024, XSD version 1.0). */
export const ID_VERSION = '1.0';
/** TipoHuella 01: SHA-256. */
export const TIPO_HUELLA = '01';

/** The last record of the chain, as the next record must quote it (Encadenamiento/RegistroAnterior). */
export interface VerifactuChain {
  /** IDEmisorFactura. */
  readonly issuerNif: string;
  /** NumSerieFactura. */
  readonly seriesCode: string;
  /** FechaExpedicionFactura: `dd-mm-yyyy` as in the XML, or an ISO `yyyy-mm-dd` date. */
  readonly issueDate: string;
  /** Its Huella (64 hex digits). */
  readonly huella: string;
}

export interface VerifactuOptions {
  /** Generation time, an ISO-8601 instant with a zone; written in Europe/Madrid time. */
  readonly now: string;
  /** The previous record of this issuer's chain; undefined for the very first record. */
  readonly previous?: VerifactuChain;
  readonly software: SoftwareInfo;
  /** Indent the XML (default: compact, which is what gets signed and sent). */
  readonly pretty?: boolean;
}

export const fault = (n: string, path: string, message: string): Fault => convertFault(`CONVERT-VERIFACTU-${n}`, path, message);

// ---------------------------------------------------------------------------------------------
// Dates and amounts

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const AEAT_DATE = /^(\d{2})-(\d{2})-(\d{4})$/;

/** `2024-11-13` → `13-11-2024`; undefined if not a real calendar date. */
export function aeatDate(iso: string | null | undefined): string | undefined {
  if (typeof iso !== 'string' || !isCalendarDate(iso)) return undefined;
  const m = ISO_DATE.exec(iso);
  return m ? `${m[3]}-${m[2]}-${m[1]}` : undefined;
}

/** `13-11-2024` → `2024-11-13`; undefined if not a real calendar date. */
export function isoDate(aeat: string): string | undefined {
  const m = AEAT_DATE.exec(aeat.trim());
  if (!m) return undefined;
  const iso = `${m[3]}-${m[2]}-${m[1]}`;
  return isCalendarDate(iso) ? iso : undefined;
}

/** A chain date in either form, as the XML writes it (`dd-mm-yyyy`). */
export function chainDate(s: string): string | undefined {
  return ISO_DATE.test(s) ? aeatDate(s) : isoDate(s) ? s.trim() : undefined;
}

/** Amount text in the XML: at most 2 decimals (GOBL's EUR totals already are), negated for
 * credit notes. */
export function money(a: Amount, invert: boolean): string {
  const r = rescaleDown(a, 2);
  return amountToString(invert ? negate(r) : r);
}

/** Parses an amount from the envelope, recording a fault when it is missing or bad. */
export function readAmount(v: string | null | undefined, path: string, faults: Fault[]): Amount | undefined {
  if (v === undefined || v === null || v === '') {
    faults.push(fault('04', path, 'amount is required (convert a calculated envelope)'));
    return undefined;
  }
  const r = parseAmount(v);
  if (!r.ok) {
    faults.push(fault('04', path, r.error));
    return undefined;
  }
  return r.value;
}

/** `21.0%` → `21.0` (TipoImpositivo keeps the written decimals). */
export const percentText = (p: string): string => p.trim().replace(/%$/, '');

// ---------------------------------------------------------------------------------------------
// Options

export interface CheckedOptions {
  readonly timestamp: string;
  readonly previous?: { readonly issuerNif: string; readonly seriesCode: string; readonly issueDate: string; readonly huella: string };
}

const HUELLA_RE = /^[0-9A-Fa-f]{64}$/;

export function checkOptions(opts: VerifactuOptions | undefined, faults: Fault[]): CheckedOptions | undefined {
  if (!opts || typeof opts !== 'object') {
    faults.push(fault('07', '$options', 'options { now, software, previous? } are required'));
    return undefined;
  }
  const timestamp = madridTimestamp(opts.now);
  if (timestamp === undefined) faults.push(fault('07', '$options.now', `now must be an ISO-8601 instant with a zone (e.g. 2024-11-26T04:00:00Z), got ${JSON.stringify(opts.now)}`));
  checkSoftware(opts.software, faults);
  let previous: CheckedOptions['previous'];
  const p = opts.previous;
  if (p !== undefined && p !== null) {
    const date = typeof p.issueDate === 'string' ? chainDate(p.issueDate) : undefined;
    if (typeof p.issuerNif !== 'string' || p.issuerNif.trim() === '') faults.push(fault('07', '$options.previous.issuerNif', 'previous.issuerNif is required'));
    if (typeof p.seriesCode !== 'string' || p.seriesCode.trim() === '') faults.push(fault('07', '$options.previous.seriesCode', 'previous.seriesCode is required'));
    if (date === undefined) faults.push(fault('07', '$options.previous.issueDate', `previous.issueDate must be dd-mm-yyyy or yyyy-mm-dd, got ${JSON.stringify(p.issueDate)}`));
    if (typeof p.huella !== 'string' || !HUELLA_RE.test(p.huella.trim())) faults.push(fault('07', '$options.previous.huella', 'previous.huella must be 64 hexadecimal digits'));
    if (date !== undefined && typeof p.huella === 'string' && HUELLA_RE.test(p.huella.trim())) {
      previous = { issuerNif: String(p.issuerNif).trim(), seriesCode: String(p.seriesCode).trim(), issueDate: date, huella: p.huella.trim() };
    }
  }
  return timestamp === undefined ? undefined : { timestamp, previous };
}

function checkSoftware(s: SoftwareInfo | undefined, faults: Fault[]): void {
  const base = '$options.software';
  if (!s || typeof s !== 'object') {
    faults.push(fault('07', base, 'software { name, nif, version, systemId, installationNumber } is required'));
    return;
  }
  const need = (v: unknown, field: string, max: number) => {
    if (typeof v !== 'string' || v.trim() === '') faults.push(fault('07', `${base}.${field}`, `software.${field} is required`));
    else if (v.trim().length > max) faults.push(fault('07', `${base}.${field}`, `software.${field} is longer than ${max} characters`));
  };
  need(s.name, 'name', 120);
  need(s.nif, 'nif', 9);
  need(s.version, 'version', 50);
  need(s.systemId, 'systemId', 2);
  need(s.installationNumber, 'installationNumber', 100);
  if (s.systemName !== undefined) need(s.systemName, 'systemName', 30);
  else if (typeof s.name === 'string' && s.name.trim().length > 30) faults.push(fault('07', `${base}.systemName`, 'software.systemName is required when the name is longer than 30 characters'));
}

const yn = (b: boolean | undefined): string => (b ? 'S' : 'N');

/** SistemaInformatico, in the record's prefix (`sum1` or `sf`). The three usage flags default to
 * `N` when not given. */
export function softwareNode(prefix: string, s: SoftwareInfo): XNode {
  return group(`${prefix}:SistemaInformatico`, [
    el(`${prefix}:NombreRazon`, s.name.trim()),
    el(`${prefix}:NIF`, s.nif.trim()),
    el(`${prefix}:NombreSistemaInformatico`, (s.systemName ?? s.name).trim()),
    el(`${prefix}:IdSistemaInformatico`, (s.systemId ?? '').trim()),
    el(`${prefix}:Version`, s.version.trim()),
    el(`${prefix}:NumeroInstalacion`, (s.installationNumber ?? '').trim()),
    el(`${prefix}:TipoUsoPosibleSoloVerifactu`, yn(s.onlyVerifactu)),
    el(`${prefix}:TipoUsoPosibleMultiOT`, yn(s.multiOT)),
    el(`${prefix}:IndicadorMultiplesOT`, yn(s.multipleOT)),
  ]);
}

/** Encadenamiento: PrimerRegistro `S`, or the previous record. */
export function chainNode(prev: CheckedOptions['previous']): XNode {
  if (!prev) return group('sum1:Encadenamiento', [el('sum1:PrimerRegistro', 'S')]);
  return group('sum1:Encadenamiento', [
    group('sum1:RegistroAnterior', [
      el('sum1:IDEmisorFactura', prev.issuerNif),
      el('sum1:NumSerieFactura', prev.seriesCode),
      el('sum1:FechaExpedicionFactura', prev.issueDate),
      el('sum1:Huella', prev.huella),
    ]),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Parties

/** Identity keys GOBL maps to IDType when the identity has no explicit extension (list L7). */
const IDENTITY_KEY_TYPES: Readonly<Record<string, string>> = { passport: '03', foreign: '04', resident: '05', other: '06' };

/** Greece: GOBL tax IDs say EL, ISO 3166 (CodigoPais) says GR. */
const isoCountry = (c: string): string => (c.toUpperCase() === 'EL' ? 'GR' : c.toUpperCase());

/**
 * PersonaFisicaJuridicaType (IDDestinatario, Tercero): a Spanish tax ID gives NIF; a foreign one
 * gives IDOtro (02 NIF-VAT with the country prefix inside the EU, 04 otherwise); without a tax
 * code, the first identity with an IDType. Undefined when the party cannot be identified
 * (simplified / B2C invoices).
 */
export function partyNode(name: string, p: Party | null | undefined): XNode | undefined {
  if (!p) return undefined;
  const nombre = el('sum1:NombreRazon', (p.name ?? '').trim());
  const tid = p.tax_id;
  const country = (tid?.country ?? '').toUpperCase();
  const code = (tid?.code ?? '').trim();
  if (tid && code !== '') {
    if (country === 'ES') return group(name, [nombre, el('sum1:NIF', code)]);
    const eu = isEuMember(country);
    return group(name, [
      nombre,
      group('sum1:IDOtro', [opt('sum1:CodigoPais', country ? isoCountry(country) : undefined), el('sum1:IDType', eu ? '02' : '04'), el('sum1:ID', eu ? `${country}${code}` : code)]),
    ]);
  }
  for (const id of p.identities ?? []) {
    if (!id) continue;
    const type = id.ext?.[VERIFACTU_IDENTITY_TYPE] ?? (id.key ? IDENTITY_KEY_TYPES[id.key] : undefined);
    if (!type || !id.code) continue;
    const c = id.country ?? (country || undefined);
    return group(name, [nombre, group('sum1:IDOtro', [opt('sum1:CodigoPais', c ? isoCountry(c) : undefined), el('sum1:IDType', type), el('sum1:ID', id.code.trim())])]);
  }
  return undefined;
}
