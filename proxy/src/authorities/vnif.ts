/**
 * AEAT VNifV2 ("Calidad de datos identificativos", converters.md §6): checks NIF + name pairs.
 * The request namespace is the http:// one AEAT's own example and working clients use.
 */
import { esc } from '../xml/dom.ts';
import { endpointUrl } from './endpoints.ts';
import { exchange } from './exchange.ts';
import { parseVnifResponse, type VnifResult } from './parse-response.ts';
import { SOAP_HEADERS } from './soap.ts';
import type { ClientContext } from './types.ts';

export const VNIF_ENT_NS = 'http://www2.agenciatributaria.gob.es/static_files/common/internet/dep/aplicaciones/es/aeat/burt/jdit/ws/VNifV2Ent.xsd';
export const VNIF_SAL_NS = 'http://www2.agenciatributaria.gob.es/static_files/common/internet/dep/aplicaciones/es/aeat/burt/jdit/ws/VNifV2Sal.xsd';

export interface VnifQuery {
  readonly nif: string;
  readonly name: string;
}

export function vnifRequest(items: readonly VnifQuery[]): string {
  const body = items.map((i) => `<vnif:Contribuyente><vnif:Nif>${esc(i.nif)}</vnif:Nif><vnif:Nombre>${esc(i.name)}</vnif:Nombre></vnif:Contribuyente>`).join('');
  return (
    `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:vnif="${VNIF_ENT_NS}">` +
    `<soapenv:Header/><soapenv:Body><vnif:VNifV2Ent>${body}</vnif:VNifV2Ent></soapenv:Body></soapenv:Envelope>`
  );
}

export const vnifClient = {
  key: 'vnif' as const,
  async lookup(items: readonly VnifQuery[], ctx: ClientContext): Promise<VnifResult> {
    if (items.length === 0 || items.length > 10_000) throw new Error('VNifV2 takes 1 to 10000 tax IDs');
    const xml = vnifRequest(items);
    const raw = await exchange(ctx, { url: endpointUrl('vnif', 'vnif', ctx.env, ctx.sandboxOrigin), headers: { ...SOAP_HEADERS }, body: Buffer.from(xml, 'utf8') });
    return parseVnifResponse(raw);
  },
};
