/**
 * VERI*FACTU (AEAT, Real Decreto 1007/2023, Orden HAC/1177/2024): GOBL invoices to registration
 * and cancellation records chained by their huella, the SOAP request that submits them, the QR
 * URL printed on invoices, NO VERI*FACTU event records, and back from a RegistroAlta to GOBL.
 *
 * Export fault codes (`CONVERT-VERIFACTU-NN`): 01 not an invoice/status, 02 addon missing,
 * 03 supplier/code/date/description, 04 totals or amounts, 05 doc type, correction or preceding,
 * 06 tax breakdown, 07 options, 08 SOAP request, 09 event, 99 internal.
 * Import fault codes: see import.ts.
 */
export { toVerifactuAlta, toVerifactuCancel, type VerifactuRecord, type VerifactuAltaOptions, type VerifactuCancelOptions } from './alta.ts';
export { toVerifactuSoap, VERIFACTU_ENDPOINTS, type VerifactuSoapOptions } from './soap.ts';
export { toVerifactuEvent, VERIFACTU_EVENT_TYPES, type VerifactuEvent, type VerifactuEventChain, type VerifactuEventOptions } from './event.ts';
export { fromVerifactu } from './import.ts';
export { verifactuHuella, verifactuHuellaInput, madridTimestamp, type HuellaFields, type AltaHuellaFields, type AnulacionHuellaFields, type EventoHuellaFields } from './huella.ts';
export { verifactuQrUrl, queryEscape, VERIFACTU_QR_HOSTS, type VerifactuQrFields } from './qr.ts';
export type { VerifactuChain, VerifactuOptions } from './common.ts';
export { NS_SUM, NS_SUM1, NS_SF } from './xml.ts';
