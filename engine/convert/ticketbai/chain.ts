/**
 * The chaining data of a *signed* TicketBAI alta, to keep for the next document of the same issuer
 * (converters.md §1.3): SerieFactura, NumFactura, FechaExpedicionFactura and the first 100
 * characters of ds:SignatureValue.
 */
import type { Fault } from '../../core/fault.ts';
import { type ConvertResult, convertFault } from '../types.ts';
import { CHAIN_SIGNATURE_LENGTH, type ChainData } from './huella.ts';
import { IMPORT_FAULT, child, parseAlta, text } from './import-xml.ts';

export function chainDataFromXml(signedXml: string): ConvertResult<ChainData> {
  try {
    const parsed = parseAlta(signedXml);
    if (!parsed.ok) return parsed;
    const root = parsed.value.root;
    const cab = child(child(root, 'Factura'), 'CabeceraFactura');
    const code = text(child(cab, 'NumFactura'));
    const issueDate = text(child(cab, 'FechaExpedicionFactura'));
    const signature = text(child(child(root, 'Signature'), 'SignatureValue'))?.replace(/\s+/g, '');
    const faults: Fault[] = [];
    if (!code) faults.push(convertFault(IMPORT_FAULT.missing, '/TicketBai/Factura/CabeceraFactura/NumFactura', 'missing required element NumFactura'));
    if (!issueDate) faults.push(convertFault(IMPORT_FAULT.missing, '/TicketBai/Factura/CabeceraFactura/FechaExpedicionFactura', 'missing required element FechaExpedicionFactura'));
    if (!signature) faults.push(convertFault(IMPORT_FAULT.missing, '/TicketBai/Signature/SignatureValue', 'the document is not signed: ds:SignatureValue is missing'));
    if (faults.length > 0) return { ok: false, faults };
    const series = text(child(cab, 'SerieFactura'));
    return { ok: true, value: { ...(series ? { series } : {}), code: code!, issueDate: issueDate!, signature: signature!.slice(0, CHAIN_SIGNATURE_LENGTH) } };
  } catch (e) {
    return { ok: false, faults: [convertFault(IMPORT_FAULT.malformed, '/', `could not read the document: ${e instanceof Error ? e.message : String(e)}`)] };
  }
}
