/**
 * AEAT SII: SOAP 1.1, no XML signature, mutual TLS (converters.md §3.1). Issued and received
 * invoices have their own endpoints; the same endpoint takes the alta and the baja bodies.
 */
import { endpointUrl } from './endpoints.ts';
import { exchange } from './exchange.ts';
import { parseAeatResponse } from './parse-response.ts';
import { SOAP_HEADERS, soapEnvelope } from './soap.ts';
import type { AuthorityResult, ClientContext } from './types.ts';

export const siiClient = {
  key: 'sii' as const,
  async submit(book: 'issued' | 'received', bodyOrEnvelope: string, ctx: ClientContext): Promise<AuthorityResult> {
    const op = book === 'issued' ? 'sii-issued' : 'sii-received';
    const xml = soapEnvelope(bodyOrEnvelope);
    const raw = await exchange(ctx, { url: endpointUrl('sii', op, ctx.env, ctx.sandboxOrigin), headers: { ...SOAP_HEADERS }, body: Buffer.from(xml, 'utf8') });
    return parseAeatResponse('sii', op, raw);
  },
};
