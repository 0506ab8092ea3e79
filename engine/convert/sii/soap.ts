/**
 * SOAP 1.1 document/literal envelope for the SII web services (spec converters §3.1): no header
 * content, no signature (the AEAT authenticates the TLS client certificate), `SOAPAction: ""`.
 * The `siiLR` and `sii` prefixes are declared on `soapenv:Envelope`, as in the AEAT samples.
 */
import { create } from 'xmlbuilder2';
import type { ConvertResult } from '../types.ts';
import { FAULT, guarded } from './context.ts';
import { convertFault } from '../types.ts';
import { NS } from './xml.ts';

const XMLNS = 'http://www.w3.org/2000/xmlns/';

/** Service paths per book; hosts are in `SII_HOSTS`. */
export const SII_ENDPOINTS = {
  issued: '/wlpl/SSII-FACT/ws/fe/SiiFactFEV1SOAP',
  received: '/wlpl/SSII-FACT/ws/fr/SiiFactFRV1SOAP',
} as const;

export const SII_HOSTS = {
  production: 'https://www1.agenciatributaria.gob.es',
  /** For seal (sello) certificates. */
  productionSeal: 'https://www10.agenciatributaria.gob.es',
  test: 'https://prewww1.aeat.es',
  testSeal: 'https://prewww10.aeat.es',
} as const;

/** Wraps a message produced by the SII converters (`toSiiIssued`…) in a SOAP envelope. */
export function siiSoapEnvelope(body: string): ConvertResult<string> {
  return guarded(() => {
    let message: ReturnType<typeof create>;
    try {
      message = create(body);
    } catch (e) {
      return { ok: false, faults: [convertFault(FAULT.input, '$', `the body is not well-formed XML: ${e instanceof Error ? e.message : String(e)}`)] };
    }
    const root = message.root().node as unknown as { namespaceURI: string | null };
    if (root.namespaceURI !== NS.siiLR) {
      return { ok: false, faults: [convertFault(FAULT.input, '$', `the body must be an SII message in namespace ${NS.siiLR}`)] };
    }
    const doc = create({ version: '1.0', encoding: 'UTF-8' });
    const env = doc
      .ele(NS.soapenv, 'soapenv:Envelope')
      .att(XMLNS, 'xmlns:siiLR', NS.siiLR)
      .att(XMLNS, 'xmlns:sii', NS.sii);
    env.ele(NS.soapenv, 'soapenv:Header');
    env.ele(NS.soapenv, 'soapenv:Body').import(message);
    return { ok: true, value: doc.end({ prettyPrint: true, indent: '  ' }) + '\n' };
  });
}
