/**
 * `POST /api/responses/explain`: an authority's answer pasted by a person (a customer's rejection,
 * an old log) read the way the proxy reads its own answers — TicketBAI Gipuzkoa/Araba REST, the
 * Bizkaia LROE body, SII and VERI*FACTU SOAP (faults included) — into statuses and codes.
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import { parseAeatResponse, parseLroeResponse, parseTbaiRestResponse, splitAeatFault } from './authorities/parse-response.ts';
import { AEAT_CODES, meaning } from './authorities/codes.ts';
import { RemoteError, type AuthorityResult, type RawExchange } from './authorities/types.ts';
import type { JsonBody } from './json-body.ts';
import { child, childElements, children, descendants, parseXml, text, XmlSyntaxError, type Element } from './xml/dom.ts';

const Body = z.object({ xml: z.string().min(1).max(5_000_000) });

export type Explanation = Omit<AuthorityResult, 'raw'> & {
  readonly recognised: true;
  /** What kind of answer it was recognised as. */
  readonly kind: string;
};

/** Text that is not an answer the proxy reads: the request was fine, so this is a 200 too. */
export interface NotAnAnswer {
  readonly recognised: false;
  readonly message: string;
}

class NotRecognised extends Error {}

const raw = (response: string, responseHeaders: Record<string, string> = {}): RawExchange => ({ url: '', requestHeaders: {}, request: '', responseHeaders, response, httpStatus: 200 });
const strip = ({ raw: _raw, ...rest }: AuthorityResult, kind: string): Explanation => ({ recognised: true, ...rest, kind });

/** An LROE answer body: its overall state is in HTTP headers, so it is derived from the records. */
function lroeTipo(root: Element): string {
  const states = children(child(root, 'Registros'), 'Registro').map((r) => text(descendants(r, 'EstadoRegistro')[0])?.trim());
  if (states.length > 0 && states.every((s) => s === 'Correcto')) return 'Correcto';
  if (states.length > 0 && states.every((s) => s === 'Incorrecto')) return 'Incorrecto';
  return 'Parcialmente correcto';
}

export function explainAnswer(xml: string): Explanation | NotAnAnswer {
  try {
    return explain(xml);
  } catch (e) {
    if (e instanceof NotRecognised) return { recognised: false, message: e.message };
    throw e;
  }
}

function explain(xml: string): Explanation {
  let root: Element;
  try {
    root = parseXml(xml).documentElement!;
  } catch (e) {
    if (e instanceof XmlSyntaxError) throw new NotRecognised(`the answer is not well-formed XML: ${e.message}`);
    throw e;
  }
  const name = root.localName ?? '';
  const ns = root.namespaceURI ?? '';
  if (name === 'TicketBaiResponse') {
    const cancel = /anulacion/i.test(ns);
    return strip(parseTbaiRestResponse('tbai-gipuzkoa', cancel ? 'cancel' : 'alta', raw(xml)), `TicketBAI Gipuzkoa/Araba ${cancel ? 'cancellation' : 'alta'} answer`);
  }
  if (/^LROE.*Respuesta$/.test(name)) {
    return strip(parseLroeResponse(raw(xml, { 'eus-bizkaia-n3-tipo-respuesta': lroeTipo(root) })), `Bizkaia LROE answer (${name})`);
  }
  if (name === 'Envelope') {
    const body = child(root, 'Body');
    const first = body ? childElements(body)[0] : undefined;
    if (!first) throw new NotRecognised('a SOAP envelope without a Body: nothing to explain');
    const bodyNs = first.namespaceURI ?? '';
    const authority = /ssii/.test(bodyNs) ? 'sii' : 'verifactu';
    if (first.localName === 'Fault') {
      const { code, message } = splitAeatFault(text(child(first, 'faultstring'))?.trim() ?? '');
      const server = /Server/i.test(text(child(first, 'faultcode')) ?? '');
      return {
        recognised: true,
        kind: `AEAT SOAP fault (${server ? 'server side: send again later' : 'the request was refused'})`,
        authority,
        operation: 'alta',
        status: 'rejected',
        duplicate: false,
        codes: [{ code: code ?? 'Fault', message: meaning(AEAT_CODES, code ?? '', message), severity: 'error' }],
        records: [],
      };
    }
    try {
      return strip(parseAeatResponse(authority, 'alta', raw(xml)), `${authority === 'sii' ? 'SII' : 'VERI*FACTU'} answer (${first.localName})`);
    } catch (e) {
      if (e instanceof RemoteError) throw new NotRecognised(`not an answer the proxy can read: ${e.message}`);
      throw e;
    }
  }
  throw new NotRecognised(`<${root.tagName}> is not a TicketBAI, LROE, SII or VERI*FACTU answer`);
}

export function registerExplainRoute(app: Hono, body: JsonBody): void {
  app.post('/api/responses/explain', async (c) => {
    const b = await body(c, Body);
    return c.json(explainAnswer(b.xml));
  });
}
