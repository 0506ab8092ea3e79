/**
 * `HuellaTBAI`: the chaining to the previous document of the same issuer (all series) and the
 * invoicing software. Cancellations carry only the software. Spec converters.md §1.3.
 */
import type { SoftwareInfo } from '../types.ts';
import { FAULT, type Faults, text, toDmy } from './common.ts';
import type { XObject } from './xml.ts';

/**
 * What must be kept of each signed TicketBAI document to chain the next one (gobl.ticketbai's
 * `ChainData`): its SerieFactura, NumFactura, FechaExpedicionFactura and SignatureValue.
 */
export interface ChainData {
  readonly series?: string;
  readonly code: string;
  /** FechaExpedicionFactura of the previous document: `dd-mm-yyyy` (or `yyyy-mm-dd`). */
  readonly issueDate: string;
  /** Its ds:SignatureValue; only the first 100 characters are used. */
  readonly signature: string;
}

/** Only the first 100 characters of the previous SignatureValue are chained. */
export const CHAIN_SIGNATURE_LENGTH = 100;

const NIF_RE = /^(([A-Za-z]\d{7}[A-Za-z])|(\d{8}[A-Za-z])|([A-Za-z]\d{8}))$/;

export function buildSoftware(f: Faults, software: SoftwareInfo | undefined): XObject {
  const path = 'opts.software';
  if (!software) {
    f.add(FAULT.option, path, 'the software option (licence, developer NIF, name, version) is required');
    return {};
  }
  if (software.nif !== undefined && !NIF_RE.test(software.nif)) f.add(FAULT.option, `${path}.nif`, 'the developer NIF must be a 9-character Spanish NIF');
  return {
    LicenciaTBAI: text(f, software.license, `${path}.license`, 'TicketBAI licence', 20, true) ?? '',
    EntidadDesarrolladora: { NIF: text(f, software.nif, `${path}.nif`, 'developer NIF', 9, true) ?? '' },
    Nombre: text(f, software.name, `${path}.name`, 'software name', 120, true) ?? '',
    Version: text(f, software.version, `${path}.version`, 'software version', 20, true) ?? '',
  };
}

export function buildHuella(f: Faults, software: SoftwareInfo | undefined, previous: ChainData | undefined, device: string | undefined): XObject {
  return {
    EncadenamientoFacturaAnterior: previous ? chain(f, previous) : undefined,
    Software: buildSoftware(f, software),
    NumSerieDispositivo: text(f, device, 'opts.deviceSerial', 'device serial number', 30),
  };
}

function chain(f: Faults, p: ChainData): XObject {
  const path = 'opts.previous';
  const date = typeof p.issueDate === 'string' ? toDmy(p.issueDate) : undefined;
  if (!date) f.add(FAULT.option, `${path}.issueDate`, 'the previous issue date must be dd-mm-yyyy (or yyyy-mm-dd)');
  const signature = typeof p.signature === 'string' ? p.signature.replace(/\s+/g, '') : '';
  if (signature === '') f.add(FAULT.option, `${path}.signature`, 'the previous signature value is required');
  return {
    SerieFacturaAnterior: text(f, p.series, `${path}.series`, 'previous series', 20),
    NumFacturaAnterior: text(f, p.code, `${path}.code`, 'previous code', 20, true) ?? '',
    FechaExpedicionFacturaAnterior: date ?? '',
    SignatureValueFirmaFacturaAnterior: signature.slice(0, CHAIN_SIGNATURE_LENGTH),
  };
}
