/**
 * AEAT VERI*FACTU: SOAP 1.1 RegFactuSistemaFacturacion over mutual TLS (converters.md §4.4). In
 * VERI*FACTU mode records travel unsigned; the answer's TiempoEsperaEnvio is passed on.
 */
import { endpointUrl } from './endpoints.ts';
import { exchange } from './exchange.ts';
import { parseAeatResponse } from './parse-response.ts';
import { SOAP_HEADERS, soapEnvelope } from './soap.ts';
import type { AuthorityResult, ClientContext } from './types.ts';

export const verifactuClient = {
  key: 'verifactu' as const,
  async submit(bodyOrEnvelope: string, ctx: ClientContext): Promise<AuthorityResult> {
    const xml = soapEnvelope(bodyOrEnvelope);
    const raw = await exchange(ctx, { url: endpointUrl('verifactu', 'verifactu', ctx.env, ctx.sandboxOrigin), headers: { ...SOAP_HEADERS }, body: Buffer.from(xml, 'utf8') });
    return parseAeatResponse('verifactu', 'verifactu', raw);
  },
};
