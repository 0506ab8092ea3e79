/**
 * Gipuzkoa and Araba take the signed TicketBai / AnulaTicketBai document as the raw POST body
 * (converters.md §1.7) and answer TicketBaiResponse/Salida (§1.9). The two provinces differ only
 * in their endpoints.
 */
import { endpointUrl, type AuthorityKey } from './endpoints.ts';
import { exchange } from './exchange.ts';
import { parseTbaiRestResponse } from './parse-response.ts';
import type { AuthorityResult, ClientContext } from './types.ts';

export interface TbaiRestClient {
  readonly key: AuthorityKey;
  alta(signedXml: string, ctx: ClientContext): Promise<AuthorityResult>;
  cancel(signedXml: string, ctx: ClientContext): Promise<AuthorityResult>;
}

export function tbaiRestClient(key: 'tbai-gipuzkoa' | 'tbai-araba'): TbaiRestClient {
  const send = async (op: 'alta' | 'cancel', xml: string, ctx: ClientContext) => {
    const raw = await exchange(ctx, {
      url: endpointUrl(key, op, ctx.env, ctx.sandboxOrigin),
      headers: { 'content-type': 'application/xml;charset=UTF-8', accept: 'application/xml' },
      body: Buffer.from(xml, 'utf8'),
    });
    return parseTbaiRestResponse(key, op, raw);
  };
  return { key, alta: (xml, ctx) => send('alta', xml, ctx), cancel: (xml, ctx) => send('cancel', xml, ctx) };
}
