/** SOAP 1.1 helpers for the AEAT services (SII, VERI*FACTU, VNifV2). */
export const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';

/** Wraps a body element (with its own namespace declarations) in a SOAP envelope; envelopes pass through. */
export function soapEnvelope(bodyOrEnvelope: string): string {
  const s = bodyOrEnvelope.replace(/^\uFEFF/, '').replace(/^<\?xml[^>]*\?>\s*/, '');
  if (/^<([A-Za-z0-9_]+:)?Envelope[\s>]/.test(s.trim())) return bodyOrEnvelope;
  return `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="${SOAP_ENV_NS}"><soapenv:Header/><soapenv:Body>${s}</soapenv:Body></soapenv:Envelope>`;
}

export const SOAP_HEADERS = { 'content-type': 'text/xml;charset=UTF-8', soapaction: '""' } as const;
