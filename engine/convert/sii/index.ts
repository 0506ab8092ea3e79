/**
 * GOBL → SII 1.1 (Suministro Inmediato de Información, AEAT): the issued and received VAT books,
 * cancellations, the SOAP envelope and the answers (spec converters §3). There is no reference
 * converter; the mapping follows the `es-sii-v1` addon and the SII XSDs.
 */
export { toSiiIssued, toSiiCancelIssued } from './issued.ts';
export { toSiiReceived } from './received.ts';
export { siiSoapEnvelope, SII_ENDPOINTS, SII_HOSTS } from './soap.ts';
export { parseSiiResponse, type SiiResponse, type SiiResponseLine } from './response.ts';
export { FAULT as SII_FAULT, splitBatchPath } from './context.ts';
export type { SiiCancelOptions, SiiOptions, SiiReceivedOptions, SiiReceivedRecord, SiiTitular } from './options.ts';
