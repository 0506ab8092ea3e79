/**
 * Bizkaia (Batuz) LROE "servicio de entradas" (converters.md §1.8): the signed TicketBAI documents
 * go base64-encoded inside an LROE request (modelo 240 for legal entities, 140 for natural persons),
 * gzip-compressed, with the eus-bizkaia-n3-* headers; the answer comes in headers and a gzip body.
 */
import { gzipSync } from 'node:zlib';
import { isNaturalPerson } from '../domain/nif.ts';
import { esc } from '../xml/dom.ts';
import { endpointUrl } from './endpoints.ts';
import { exchange } from './exchange.ts';
import { parseLroeResponse } from './parse-response.ts';
import type { AuthorityResult, ClientContext } from './types.ts';

const BASE = 'https://www.batuz.eus/fitxategiak/batuz/LROE/esquemas/';
export const LROE_NS = {
  alta240: `${BASE}LROE_PJ_240_1_1_FacturasEmitidas_ConSG_AltaPeticion_V1_0_2.xsd`,
  anula240: `${BASE}LROE_PJ_240_1_1_FacturasEmitidas_ConSG_AnulacionPeticion_V1_0_0.xsd`,
  alta140: `${BASE}LROE_PF_140_1_1_Ingresos_ConfacturaConSG_AltaPeticion_V1_0_2.xsd`,
  anula140: `${BASE}LROE_PF_140_1_1_Ingresos_ConfacturaConSG_AnulacionPeticion_V1_0_0.xsd`,
  altaResp240: `${BASE}LROE_PJ_240_1_1_FacturasEmitidas_ConSG_AltaRespuesta_V1_0_1.xsd`,
  anulaResp240: `${BASE}LROE_PJ_240_1_1_FacturasEmitidas_ConSG_AnulacionRespuesta_V1_0_0.xsd`,
  altaResp140: `${BASE}LROE_PF_140_1_1_Ingresos_ConfacturaConSG_AltaRespuesta_V1_0_2.xsd`,
  anulaResp140: `${BASE}LROE_PF_140_1_1_Ingresos_ConfacturaConSG_AnulacionRespuesta_V1_0_0.xsd`,
} as const;

export interface LroeIssuer {
  readonly nif: string;
  readonly name: string;
  /** Epígrafe IAE (supplier ext es-tbai-bi-activity), required for modelo 140. */
  readonly activity?: string;
}

export interface LroeRequest {
  readonly operation: 'alta' | 'cancel';
  readonly issuer: LroeIssuer;
  /** Ejercicio: year of FechaExpedicionFactura. */
  readonly year: string;
  /** Signed TicketBai (alta) or AnulaTicketBai (cancel) documents, as sent bytes. */
  readonly documents: readonly string[];
}

export function lroeModel(nif: string): '140' | '240' {
  return isNaturalPerson(nif) ? '140' : '240';
}

/** The uncompressed LROE request document and its JSON header. */
export function lroeRequest(r: LroeRequest): { xml: string; dataHeader: string; model: '140' | '240' } {
  const model = lroeModel(r.issuer.nif);
  const alta = r.operation === 'alta';
  const ns = model === '240' ? (alta ? LROE_NS.alta240 : LROE_NS.anula240) : alta ? LROE_NS.alta140 : LROE_NS.anula140;
  const root =
    model === '240'
      ? alta
        ? 'lrpjfecsgap:LROEPJ240FacturasEmitidasConSGAltaPeticion'
        : 'lrpjfecsgap:LROEPJ240FacturasEmitidasConSGAnulacionPeticion'
      : alta
        ? 'lrpficfcsgap:LROEPF140IngresosConFacturaConSGAltaPeticion'
        : 'lrpficfcsgap:LROEPF140IngresosConFacturaConSGAnulacionPeticion';
  const prefix = root.split(':')[0];
  if (model === '140' && alta && !r.issuer.activity) throw new Error('modelo 140 needs the Epígrafe (supplier ext es-tbai-bi-activity)');
  const b64 = (d: string) => Buffer.from(d, 'utf8').toString('base64');
  const items = r.documents
    .map((d) => {
      const inner = alta ? `<TicketBai>${b64(d)}</TicketBai>` : `<AnulacionTicketBai>${b64(d)}</AnulacionTicketBai>`;
      if (model === '240') return `<FacturaEmitida>${inner}</FacturaEmitida>`;
      return alta ? `<Ingreso>${inner}<Renta><DetalleRenta><Epigrafe>${esc(r.issuer.activity!)}</Epigrafe></DetalleRenta></Renta></Ingreso>` : `<Ingreso>${inner}</Ingreso>`;
    })
    .join('');
  const list = model === '240' ? `<FacturasEmitidas>${items}</FacturasEmitidas>` : `<Ingresos>${items}</Ingresos>`;
  const xml =
    `<?xml version="1.0" encoding="UTF-8"?><${root} xmlns:${prefix}="${ns}"><Cabecera><Modelo>${model}</Modelo><Capitulo>1</Capitulo><Subcapitulo>1.1</Subcapitulo>` +
    `<Operacion>${alta ? 'A00' : 'AN0'}</Operacion><Version>1.0</Version><Ejercicio>${esc(r.year)}</Ejercicio>` +
    `<ObligadoTributario><NIF>${esc(r.issuer.nif)}</NIF><ApellidosNombreRazonSocial>${esc(r.issuer.name)}</ApellidosNombreRazonSocial></ObligadoTributario></Cabecera>` +
    `${list}</${root}>`;
  const dataHeader = JSON.stringify({ con: 'LROE', apa: '1.1', inte: { nif: r.issuer.nif, nrs: r.issuer.name }, drs: { mode: model, ejer: r.year } });
  return { xml, dataHeader, model };
}

export const bizkaiaClient = {
  key: 'tbai-bizkaia' as const,
  async submit(r: LroeRequest, ctx: ClientContext): Promise<AuthorityResult> {
    const { xml, dataHeader } = lroeRequest(r);
    const body = gzipSync(Buffer.from(xml, 'utf8'));
    const raw = await exchange(ctx, {
      url: endpointUrl('tbai-bizkaia', 'lroe', ctx.env, ctx.sandboxOrigin),
      headers: {
        'accept-encoding': 'gzip',
        'content-encoding': 'gzip',
        'content-type': 'application/octet-stream',
        'eus-bizkaia-n3-version': '1.0',
        'eus-bizkaia-n3-content-type': 'application/xml',
        // Header values must be Latin-1: non-ASCII characters in the name are \u-escaped (still JSON).
        'eus-bizkaia-n3-data': dataHeader.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
      },
      body,
      requestText: xml,
    });
    return parseLroeResponse(raw);
  },
};
