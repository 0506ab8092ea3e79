/**
 * Reading AEAT answers (spec converters §3.4): `siiR:RespuestaLR…` inside a SOAP envelope, or a
 * SOAP Fault when the whole request was rejected (e.g. 4102 XSD errors). Error codes: 1xxx
 * record rejected, 2xxx accepted with errors, 3000 duplicate (see `RegistroDuplicado`),
 * 4xxx envelope or certificate problems. Pure: the caller does the HTTP.
 */
import { XMLParser } from 'fast-xml-parser';
import type { ConvertResult } from '../types.ts';
import { convertFault } from '../types.ts';
import { FAULT, guarded } from './context.ts';

export interface SiiResponseLine {
  /** Issuer NIF, or the `IDOtro/ID` of a foreign supplier (received invoices). */
  readonly issuer: string;
  readonly number: string;
  /** `dd-mm-yyyy`, as sent. */
  readonly date: string;
  readonly status: 'Correcto' | 'AceptadoConErrores' | 'Incorrecto' | string;
  readonly errorCode?: string;
  readonly errorDescription?: string;
  readonly csv?: string;
  /** Present on duplicates (code 3000): the state of the record already stored. */
  readonly duplicate?: { readonly status: string; readonly errorCode?: string; readonly errorDescription?: string };
}

export type SiiResponse =
  | {
      readonly kind: 'response';
      /** Root element without prefix, e.g. `RespuestaLRFacturasEmitidas`. */
      readonly message: string;
      readonly csv?: string;
      readonly presenter?: { readonly nif: string; readonly timestamp: string };
      readonly status: 'Correcto' | 'ParcialmenteCorrecto' | 'Incorrecto' | string;
      readonly lines: readonly SiiResponseLine[];
    }
  | { readonly kind: 'soap-fault'; readonly faultCode: string; readonly faultString: string };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const text = (v: unknown): string | undefined => (v === undefined || v === null ? undefined : isObject(v) ? text(v['#text']) : String(v));
const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

const parser = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true, parseTagValue: false, trimValues: true });

function readLine(v: unknown): SiiResponseLine {
  const l = isObject(v) ? v : {};
  const id = isObject(l.IDFactura) ? l.IDFactura : {};
  const emisor = isObject(id.IDEmisorFactura) ? id.IDEmisorFactura : {};
  const other = isObject(emisor.IDOtro) ? emisor.IDOtro : {};
  const dup = isObject(l.RegistroDuplicado) ? l.RegistroDuplicado : undefined;
  return {
    issuer: text(emisor.NIF) ?? text(other.ID) ?? '',
    number: text(id.NumSerieFacturaEmisor) ?? '',
    date: text(id.FechaExpedicionFacturaEmisor) ?? '',
    status: text(l.EstadoRegistro) ?? '',
    errorCode: text(l.CodigoErrorRegistro),
    errorDescription: text(l.DescripcionErrorRegistro),
    csv: text(l.CSV),
    duplicate: dup && {
      status: text(dup.EstadoRegistro) ?? '',
      errorCode: text(dup.CodigoErrorRegistro),
      errorDescription: text(dup.DescripcionErrorRegistro),
    },
  };
}

/** Parses an SII answer; unreadable text comes back as a `CONVERT-SII-20` fault. */
export function parseSiiResponse(xml: string): ConvertResult<SiiResponse> {
  return guarded(() => {
    const bad = (msg: string): ConvertResult<SiiResponse> => ({ ok: false, faults: [convertFault(FAULT.response, '$', msg)] });
    let doc: unknown;
    try {
      doc = parser.parse(xml, true);
    } catch (e) {
      return bad(`not well-formed XML: ${e instanceof Error ? e.message : String(e)}`);
    }
    const env = isObject(doc) ? doc.Envelope : undefined;
    const body = isObject(env) ? env.Body : isObject(doc) ? doc : undefined;
    if (!isObject(body)) return bad('no SOAP Body found');
    if (isObject(body.Fault)) {
      return { ok: true, value: { kind: 'soap-fault', faultCode: text(body.Fault.faultcode) ?? '', faultString: text(body.Fault.faultstring) ?? '' } };
    }
    const message = Object.keys(body).find((k) => k.startsWith('RespuestaLR'));
    const r = message ? body[message] : undefined;
    if (!message || !isObject(r)) return bad('no RespuestaLR… element in the body');
    const dp = isObject(r.DatosPresentacion) ? r.DatosPresentacion : undefined;
    return {
      ok: true,
      value: {
        kind: 'response',
        message,
        csv: text(r.CSV),
        presenter: dp && { nif: text(dp.NIFPresentador) ?? '', timestamp: text(dp.TimestampPresentacion) ?? '' },
        status: text(r.EstadoEnvio) ?? '',
        lines: list(r.RespuestaLinea).map(readLine),
      },
    };
  });
}
