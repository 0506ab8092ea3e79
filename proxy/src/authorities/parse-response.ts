/**
 * Authority answers → AuthorityResult (converters.md §1.8, §1.9, §3.4, §4.4, §6). Parsing is
 * namespace-agnostic (local names): real answers differ from the published response XSDs
 * (missing Azalpena, anulacion namespace), so only what we read must be there.
 */
import { child, childElements, children, descendants, parseXml, path, text, type Element } from '../xml/dom.ts';
import { AEAT_CODES, LROE_CODES, TBAI_REST_CODES, meaning } from './codes.ts';
import type { AuthorityKey, Operation } from './endpoints.ts';
import { RemoteError, type AuthorityCode, type AuthorityResult, type RawExchange, type RecordResult, type SubmissionOutcome } from './types.ts';

const t = (el: Element | undefined) => text(el)?.trim() || undefined;

function parseOrRemote(raw: RawExchange, what: string): Element {
  try {
    return parseXml(raw.response).documentElement!;
  } catch (e) {
    throw new RemoteError(`${what}: the answer is not XML (HTTP ${raw.httpStatus}): ${e instanceof Error ? e.message : String(e)}`, raw);
  }
}

function overall(records: readonly RecordResult[], fallback: SubmissionOutcome): SubmissionOutcome {
  if (records.length === 0) return fallback;
  if (records.every((r) => r.status === 'accepted')) return 'accepted';
  if (records.every((r) => r.status === 'rejected')) return 'rejected';
  return 'accepted_with_errors';
}

// ------------------------------------------------------------------------------------------------
// TicketBAI Gipuzkoa / Araba REST: TicketBaiResponse/Salida

export function parseTbaiRestResponse(authority: AuthorityKey, operation: Operation, raw: RawExchange): AuthorityResult {
  const root = parseOrRemote(raw, authority);
  const salida = root.localName === 'TicketBaiResponse' ? child(root, 'Salida') : undefined;
  if (!salida) throw new RemoteError(`${authority}: unexpected answer <${root.tagName}> (HTTP ${raw.httpStatus})`, raw);
  const estado = t(child(salida, 'Estado'));
  // The Gipuzkoa REST spec's own example answers Estado 01 with Descripcion "Recibido", a CSV and
  // no validation results (OCA valid_response.xml): the description and CSV win over the code.
  const specTypo = estado === '01' && t(child(salida, 'Descripcion')) === 'Recibido' && !child(salida, 'ResultadosValidacion') && !!child(salida, 'CSV');
  const rejected = estado !== '00' && !specTypo;
  const codes: AuthorityCode[] = children(salida, 'ResultadosValidacion').map((r) => {
    const code = t(child(r, 'Codigo')) ?? '';
    return { code, message: meaning(TBAI_REST_CODES, code, t(child(r, 'Descripcion'))), severity: rejected ? 'error' : 'warning' };
  });
  if (rejected && codes.length === 0) codes.push({ code: estado ?? '01', message: t(child(salida, 'Descripcion')) ?? 'Rechazado', severity: 'error' });
  if (specTypo) codes.push({ code: 'ESTADO-01', message: 'Estado 01 with Descripcion "Recibido" and a CSV: read as received', severity: 'warning' });
  const duplicate = codes.some((c) => (operation === 'cancel' ? c.code === '019' : c.code === '005'));
  const status: SubmissionOutcome = rejected ? 'rejected' : codes.length > 0 ? 'accepted_with_errors' : 'accepted';
  const reference = t(child(salida, 'IdentificadorTBAI')) ?? t(child(salida, 'CSV'));
  return { authority, operation, status, duplicate, reference, codes, records: [], raw };
}

// ------------------------------------------------------------------------------------------------
// Bizkaia LROE: n3 headers + gzip XML body

export function parseLroeResponse(raw: RawExchange): AuthorityResult {
  const h = raw.responseHeaders;
  const tipo = h['eus-bizkaia-n3-tipo-respuesta'];
  if (!tipo) throw new RemoteError(`tbai-bizkaia: no eus-bizkaia-n3-tipo-respuesta header (HTTP ${raw.httpStatus})`, raw);
  const headerCode = h['eus-bizkaia-n3-codigo-respuesta'];
  const codes: AuthorityCode[] = [];
  if (headerCode) codes.push({ code: headerCode, message: meaning(LROE_CODES, headerCode, decodeHeader(h['eus-bizkaia-n3-mensaje-respuesta'])), severity: 'error' });
  const records: RecordResult[] = [];
  if (raw.response.trim()) {
    const root = parseOrRemote(raw, 'tbai-bizkaia');
    for (const reg of children(child(root, 'Registros'), 'Registro')) {
      const idf = path(reg, 'Identificador', 'IDFactura');
      const id = [t(child(idf, 'SerieFactura')), t(child(idf, 'NumFactura'))].filter(Boolean).join('/');
      const sit = child(reg, 'SituacionRegistro');
      const estado = t(child(sit, 'EstadoRegistro'));
      const code = t(child(sit, 'CodigoErrorRegistro'));
      const rCodes: AuthorityCode[] = code
        ? [{ code, message: meaning(LROE_CODES, code, t(child(sit, 'DescripcionErrorRegistroES'))), severity: estado === 'Incorrecto' ? 'error' : 'warning', record: id }]
        : [];
      records.push({ id, status: estado === 'Correcto' ? 'accepted' : estado === 'AceptadoConErrores' ? 'accepted_with_errors' : 'rejected', codes: rCodes, duplicate: code === 'B4_2000003' });
      codes.push(...rCodes);
    }
  }
  const norm = tipo.replace(/\s+/g, '').toLowerCase();
  const fallback: SubmissionOutcome = norm === 'correcto' ? 'accepted' : norm === 'parcialmentecorrecto' ? 'accepted_with_errors' : 'rejected';
  const status = norm === 'incorrecto' ? 'rejected' : overall(records, fallback);
  return {
    authority: 'tbai-bizkaia',
    operation: 'lroe',
    status,
    duplicate: records.length > 0 && records.every((r) => r.duplicate),
    reference: h['eus-bizkaia-n3-identificativo'],
    codes,
    records,
    raw,
  };
}

/** Batuz may send the message header in Latin-1; Node gives it as binary string. */
function decodeHeader(v: string | undefined): string | undefined {
  if (!v) return v;
  const bytes = Buffer.from(v, 'latin1');
  const utf8 = bytes.toString('utf8');
  return utf8.includes('\uFFFD') ? v : utf8;
}

// ------------------------------------------------------------------------------------------------
// AEAT SOAP (SII, VERI*FACTU)

/** `Codigo[4102].El XML no cumple…` → code and message. */
export function splitAeatFault(s: string): { code?: string; message: string } {
  const m = /Codigo\[(-?\d+)\]\.?\s*(.*)/s.exec(s);
  return m ? { code: m[1], message: m[2].trim() } : { message: s.trim() };
}

function soapBody(root: Element, raw: RawExchange, who: string): Element {
  if (root.localName !== 'Envelope') throw new RemoteError(`${who}: the answer is not a SOAP envelope (<${root.tagName}>, HTTP ${raw.httpStatus})`, raw);
  const body = child(root, 'Body');
  const first = body ? childElements(body)[0] : undefined;
  if (!first) throw new RemoteError(`${who}: empty SOAP body`, raw);
  return first;
}

/** SOAP faults: env:Server is retryable (RemoteError), env:Client is a rejection. */
function faultResult(authority: AuthorityKey, operation: Operation, fault: Element, raw: RawExchange): AuthorityResult {
  const faultcode = t(child(fault, 'faultcode')) ?? '';
  const { code, message } = splitAeatFault(t(child(fault, 'faultstring')) ?? '');
  if (/Server/i.test(faultcode)) throw new RemoteError(`${authority}: server fault ${code ?? ''} ${message}`.trim(), raw, code);
  return {
    authority,
    operation,
    status: 'rejected',
    duplicate: false,
    codes: [{ code: code ?? faultcode, message: meaning(AEAT_CODES, code ?? '', message), severity: 'error' }],
    records: [],
    raw,
  };
}

export function parseAeatResponse(authority: 'sii' | 'verifactu', operation: Operation, raw: RawExchange): AuthorityResult {
  const root = parseOrRemote(raw, authority);
  const resp = soapBody(root, raw, authority);
  if (resp.localName === 'Fault') return faultResult(authority, operation, resp, raw);
  const estadoEnvio = t(child(resp, 'EstadoEnvio'));
  if (!estadoEnvio) throw new RemoteError(`${authority}: no EstadoEnvio in <${resp.tagName}>`, raw);
  const records: RecordResult[] = children(resp, 'RespuestaLinea').map((l) => {
    const idf = child(l, 'IDFactura');
    const id = t(descendants(idf!, 'NumSerieFacturaEmisor')[0]) ?? t(descendants(idf!, 'NumSerieFactura')[0]) ?? '';
    const estado = t(child(l, 'EstadoRegistro'));
    const code = t(child(l, 'CodigoErrorRegistro'));
    const dup = !!child(l, 'RegistroDuplicado') || code === '3000';
    const codes: AuthorityCode[] = code
      ? [{ code, message: meaning(AEAT_CODES, code, t(child(l, 'DescripcionErrorRegistro'))), severity: estado === 'Incorrecto' ? 'error' : 'warning', record: id }]
      : [];
    return { id, status: estado === 'Correcto' ? 'accepted' : estado === 'AceptadoConErrores' ? 'accepted_with_errors' : 'rejected', codes, duplicate: dup };
  });
  const fallback: SubmissionOutcome = estadoEnvio === 'Correcto' ? 'accepted' : estadoEnvio === 'ParcialmenteCorrecto' ? 'accepted_with_errors' : 'rejected';
  const wait = t(child(resp, 'TiempoEsperaEnvio'));
  return {
    authority,
    operation,
    status: overall(records, fallback),
    duplicate: records.length > 0 && records.every((r) => r.duplicate),
    reference: t(child(resp, 'CSV')),
    codes: records.flatMap((r) => r.codes),
    records,
    waitSeconds: wait ? Number(wait) : undefined,
    raw,
  };
}

// ------------------------------------------------------------------------------------------------
// VNifV2

export type VnifResultCode = 'IDENTIFICADO' | 'NO_IDENTIFICADO' | 'NO_IDENTIFICADO_SIMILAR' | 'IDENTIFICADO_BAJA' | 'IDENTIFICADO_REVOCADO' | 'NO_PROCESADO' | 'NO_IDENTIFICABLE' | 'DESCONOCIDO';

export interface VnifEntry {
  readonly nif: string;
  readonly name: string;
  /** As the AEAT wrote it (mixed case). */
  readonly result: string;
  readonly code: VnifResultCode;
}

export interface VnifResult {
  readonly entries: readonly VnifEntry[];
  readonly fault?: AuthorityCode;
  readonly raw: RawExchange;
}

export function normalizeVnifResult(s: string): VnifResultCode {
  const k = s.toUpperCase().replace(/\s+/g, '');
  const table: Record<string, VnifResultCode> = {
    IDENTIFICADO: 'IDENTIFICADO',
    NOIDENTIFICADO: 'NO_IDENTIFICADO',
    'NOIDENTIFICADO-SIMILAR': 'NO_IDENTIFICADO_SIMILAR',
    'IDENTIFICADO-BAJA': 'IDENTIFICADO_BAJA',
    'IDENTIFICADO-REVOCADO': 'IDENTIFICADO_REVOCADO',
    NOPROCESADO: 'NO_PROCESADO',
    NOIDENTIFICABLE: 'NO_IDENTIFICABLE',
  };
  return table[k] ?? 'DESCONOCIDO';
}

/** Lenient: AEAT may echo a name with a bare `&` (converters.md §6). */
export function parseVnifResponse(raw: RawExchange): VnifResult {
  const fixed = { ...raw, response: raw.response.replace(/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/g, '&amp;') };
  const root = parseOrRemote(fixed, 'vnif');
  const resp = soapBody(root, raw, 'vnif');
  if (resp.localName === 'Fault') {
    const faultcode = t(child(resp, 'faultcode')) ?? '';
    const { code, message } = splitAeatFault(t(child(resp, 'faultstring')) ?? '');
    if (/Server/i.test(faultcode)) throw new RemoteError(`vnif: server fault ${message}`, raw, code);
    return { entries: [], fault: { code: code ?? faultcode, message, severity: 'error' }, raw };
  }
  const entries = children(resp, 'Contribuyente').map((c) => {
    const result = t(child(c, 'Resultado')) ?? '';
    return { nif: t(child(c, 'Nif')) ?? '', name: t(child(c, 'Nombre')) ?? '', result, code: normalizeVnifResult(result) };
  });
  return { entries, raw };
}
