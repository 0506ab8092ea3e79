/**
 * What the authorities' codes mean, in English, beside the authority's own (Spanish) text that
 * the proxy passes on. The codes are those of proxy/src/authorities/codes.ts (sources there:
 * Batuz LROE "Validaciones y Errores" 1.0.5, Gipuzkoa/Araba REST, AEAT SII and VERI*FACTU).
 */

const TBAI_REST: Readonly<Record<string, string>> = {
  '001': "The sender's certificate is not valid",
  '002': 'The file does not match the XSD schema',
  '003': 'The file has no lines',
  '004': 'Data needed to compute the TicketBAI identifier is missing',
  '005': 'Invoice already registered (duplicate)',
  '006': 'Service temporarily unavailable',
  '007': "The sender's certificate is not valid for the issuer",
  '008': 'The signature does not verify',
  '009': 'The signing certificate is not valid',
  '010': 'Possible chaining error (the previous invoice does not match)',
  '011': 'Mandatory data missing or invalid (NIF, dates)',
  '012': 'The TicketBAI software is not registered',
  '013': 'Device not registered',
  '014': 'The recipient or third party cannot be identified',
  '015': "The sender's certificate has expired",
  '016': 'The signing certificate has expired',
  '017': 'Message too long',
  '018': 'The invoice to cancel is not registered',
  '019': 'The invoice was already cancelled',
};

const LROE: Readonly<Record<string, string>> = {
  B4_1000001: 'The request does not match the LROE schema',
  B4_1000002: 'Every record in the request was rejected',
  B4_1000003: 'The request could not be decompressed (gzip)',
  B4_1000004: 'Technical error: retry later',
  B4_1000006: 'The model (140/240) does not match the kind of taxpayer',
  B4_2000001: 'The TicketBAI file is not valid (schema, signature or dates)',
  B4_2000002: 'The issuer is not the taxpayer filing the record',
  B4_2000003: 'Duplicate record: this invoice is already registered',
  B4_2000004: 'The record does not exist',
  B4_2000006: 'The record is already cancelled',
  B4_2000013: 'Wrong NIF-IVA format',
  B4_2000017: 'The fiscal year does not match the issue date',
  B4_2000026: 'Incompatible regime keys',
  B4_2000060: 'The chain does not match the previous invoice',
  B4_2000062: 'Gaps in the series numbering',
  B4_2000070: 'The signature policy is not valid',
  N3_0000001: 'The certificate is not valid for this NIF',
  N3_0000002: 'The name does not match',
  N3_0000011: 'Error in the header',
};

const AEAT: Readonly<Record<string, string>> = {
  '1100': 'Wrong value or type in a field',
  '1104': 'NIF not identified',
  '1110': 'Issue date later than today',
  '2000': 'Accepted with errors (e.g. the chain does not match)',
  '2011': 'The counterparty NIF is not identified (accepted with errors)',
  '3000': 'Duplicate invoice: already registered',
  '3001': 'The invoice to cancel is not registered',
  '3002': 'The billing record does not exist',
  '4102': 'The XML does not match the schema (a mandatory field is missing)',
  '4104': "The holder's NIF in the header is not identified",
  '4109': 'The NIF is not identified',
  '20009': 'Internal server error at the authority',
};

/** English meaning of an authority code, when known. */
export function codeMeaning(authority: string, code: string): string | undefined {
  if (authority === 'tbai-bizkaia') return LROE[code];
  if (authority.startsWith('tbai-')) return TBAI_REST[code];
  return AEAT[code];
}

/** What a VNifV2 answer means. */
export const LOOKUP_MEANINGS: Readonly<Record<string, string>> = {
  IDENTIFICADO: 'Identified: the NIF exists and the name matches',
  NO_IDENTIFICADO: 'Not identified',
  NO_IDENTIFICADO_SIMILAR: 'Not identified, but a similar name exists',
  IDENTIFICADO_BAJA: 'Identified, but deregistered',
  IDENTIFICADO_REVOCADO: 'Identified, but the NIF was revoked',
  NO_PROCESADO: 'Not processed',
  NO_IDENTIFICABLE: 'Cannot be identified',
  DESCONOCIDO: 'Unknown answer',
};

/** What the certificate inspector's warnings mean. */
export const CERTIFICATE_WARNINGS: Readonly<Record<string, string>> = {
  expired: 'expired',
  not_yet_valid: 'not valid yet',
  expiring_soon: 'expires within 30 days',
  no_digital_signature_usage: 'key usage lacks digitalSignature',
  no_client_auth_usage: 'not usable for client authentication',
  self_signed: 'self-signed (sandbox only: real authorities refuse it)',
  no_holder_nif: 'no holder NIF in the subject',
  weak_key: 'weak key',
};
