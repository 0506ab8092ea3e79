/** Sends one request and records both sides as text (the raw request/response kept with a submission). */
import { gunzipSync } from 'node:zlib';
import { post } from './transport.ts';
import type { ClientContext, RawExchange } from './types.ts';

export interface Outgoing {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  /** The text to keep as "raw request" when the body is encoded (gzip). */
  readonly requestText?: string;
}

export async function exchange(ctx: ClientContext, out: Outgoing): Promise<RawExchange> {
  const res = await post({ url: out.url, headers: out.headers, body: out.body, credential: ctx.credential, ca: ctx.ca, replaceCa: ctx.replaceCa, timeoutMs: ctx.timeoutMs });
  let body = res.body;
  if ((res.headers['content-encoding'] ?? '').includes('gzip') && body.length > 0) {
    try {
      body = gunzipSync(body);
    } catch {
      // left as is: the parser reports a malformed answer
    }
  }
  return {
    url: out.url,
    requestHeaders: out.headers,
    request: out.requestText ?? out.body.toString('utf8'),
    responseHeaders: res.headers,
    response: body.toString('utf8'),
    httpStatus: res.status,
  };
}
