/**
 * The submission message: `soapenv:Envelope/Body/sum:RegFactuSistemaFacturacion` with the
 * obligado's header and 1 to 1000 records (SuministroLR.xsd; endpoints in VERIFACTU_ENDPOINTS).
 */
import type { Fault } from '../../core/fault.ts';
import type { ConvertResult } from '../types.ts';
import type { VerifactuRecord } from './alta.ts';
import { fault } from './common.ts';
import { NS_SUM1, type XNode, child, el, group, opt, parseXml, serialize, toXNode } from './xml.ts';

/** SOAP endpoints (AEAT WSDL SistemaFacturacion.wsdl); `www10`/`prewww10` for seal certificates. */
export const VERIFACTU_ENDPOINTS = {
  production: 'https://www1.agenciatributaria.gob.es/wlpl/TIKE-CONT/ws/SistemaFacturacion/VerifactuSOAP',
  productionSeal: 'https://www10.agenciatributaria.gob.es/wlpl/TIKE-CONT/ws/SistemaFacturacion/VerifactuSOAP',
  test: 'https://prewww1.aeat.es/wlpl/TIKE-CONT/ws/SistemaFacturacion/VerifactuSOAP',
  testSeal: 'https://prewww10.aeat.es/wlpl/TIKE-CONT/ws/SistemaFacturacion/VerifactuSOAP',
  source: { title: 'AEAT SistemaFacturacion.wsdl (VERI*FACTU web services)', url: 'https://prewww2.aeat.es/static_files/common/internet/dep/aplicaciones/es/aeat/tikeV1.0/cont/ws/SistemaFacturacion.wsdl' },
} as const;

export interface VerifactuSoapOptions {
  /** ObligadoEmision; defaults to the issuer of the first registration record. */
  readonly issuer?: { readonly name: string; readonly nif: string };
  /** Representante: an adviser sending on the obligado's behalf. */
  readonly representative?: { readonly name: string; readonly nif: string };
  /** RemisionVoluntaria: a NO VERI*FACTU system sending voluntarily. */
  readonly voluntary?: { readonly endDate?: string; readonly incident?: boolean };
  /** RemisionRequerimiento: records sent after a requirement of the AEAT. */
  readonly requirement?: { readonly ref: string; readonly finished?: boolean };
  readonly pretty?: boolean;
}

const person = (name: string, p: { name: string; nif: string }): XNode => group(name, [el('sum1:NombreRazon', p.name.trim()), el('sum1:NIF', p.nif.trim())]);

/** A record given as stored XML text (e.g. signed): its RegistroAlta / RegistroAnulacion, and
 * for an alta the issuer it names. */
function recordFromText(xml: string, i: number, faults: Fault[]): { node: XNode; issuer?: { name: string; nif: string } } | undefined {
  const parsed = parseXml(xml);
  if (!parsed.ok) {
    faults.push(fault('08', `$records[${i}]`, parsed.message));
    return undefined;
  }
  const r = parsed.root;
  if (r.ns !== NS_SUM1 || (r.local !== 'RegistroAlta' && r.local !== 'RegistroAnulacion')) {
    faults.push(fault('08', `$records[${i}]`, `expected a sum1:RegistroAlta or sum1:RegistroAnulacion, got ${r.qname}`));
    return undefined;
  }
  const name = child(r, NS_SUM1, 'NombreRazonEmisor')?.text.trim();
  const idf = child(r, NS_SUM1, 'IDFactura');
  const nif = idf ? child(idf, NS_SUM1, 'IDEmisorFactura')?.text.trim() : undefined;
  return { node: toXNode(r), issuer: name && nif ? { name, nif } : undefined };
}

/** Records (from `toVerifactuAlta`/`toVerifactuCancel`, or their XML text) in one request. */
export function toVerifactuSoap(records: readonly (VerifactuRecord | string)[], opts: VerifactuSoapOptions = {}): ConvertResult<string> {
  const faults: Fault[] = [];
  if (!Array.isArray(records) || records.length === 0) return { ok: false, faults: [fault('08', '$records', 'at least one record is required')] };
  if (records.length > 1000) return { ok: false, faults: [fault('08', '$records', `${records.length} records: a request carries at most 1000`)] };
  const nodes: XNode[] = [];
  const issuers: { name?: string; nif: string }[] = [];
  records.forEach((r, i) => {
    if (typeof r === 'string') {
      const t = recordFromText(r, i, faults);
      if (t) nodes.push(group('sum:RegistroFactura', [t.node]));
      if (t?.issuer) issuers.push(t.issuer);
    } else if (r && typeof r === 'object' && r.tree) {
      nodes.push(group('sum:RegistroFactura', [r.tree]));
      if (r.issuer) issuers.push(r.issuer);
    } else {
      faults.push(fault('08', `$records[${i}]`, 'expected a VERI*FACTU record'));
    }
  });
  const issuer = opts.issuer ?? issuers.find((x) => x.name);
  if (!issuer || !issuer.name || !issuer.nif) faults.push(fault('08', '$options.issuer', 'issuer { name, nif } is required (ObligadoEmision)'));
  if (faults.length > 0 || !issuer) return { ok: false, faults };
  const voluntary = opts.voluntary
    ? group('sum1:RemisionVoluntaria', [opt('sum1:FechaFinVeriFactu', opts.voluntary.endDate), opts.voluntary.incident === undefined ? undefined : el('sum1:Incidencia', opts.voluntary.incident ? 'S' : 'N')])
    : undefined;
  const requirement = opts.requirement
    ? group('sum1:RemisionRequerimiento', [el('sum1:RefRequerimiento', opts.requirement.ref), opts.requirement.finished === undefined ? undefined : el('sum1:FinRequerimiento', opts.requirement.finished ? 'S' : 'N')])
    : undefined;
  const envelope = group('soapenv:Envelope', [
    group('soapenv:Body', [
      group('sum:RegFactuSistemaFacturacion', [
        group('sum:Cabecera', [
          person('sum1:ObligadoEmision', { name: issuer.name ?? '', nif: issuer.nif }),
          opts.representative ? person('sum1:Representante', opts.representative) : undefined,
          voluntary,
          requirement,
        ]),
        ...nodes,
      ]),
    ]),
  ]);
  return { ok: true, value: serialize(envelope, { pretty: opts.pretty, declare: ['sum', 'sum1', 'ds'] }) };
}
