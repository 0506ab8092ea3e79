/**
 * The answer documents the real authorities send (shapes from the official samples in
 * conformance/converters: OCA TicketBAI responses, Batuz LROE examples, Verifactu-PHP and derived
 * SII/VNif responses), built by the sandbox.
 */
import { esc } from '../xml/dom.ts';

export interface SandboxCode {
  readonly code: string;
  readonly es: string;
  readonly eu?: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** `dd-mm-yyyy hh:mm:ss` (Europe/Madrid is not modelled: the sandbox speaks UTC). */
export function dmyTime(d: Date): string {
  return `${pad(d.getUTCDate())}-${pad(d.getUTCMonth() + 1)}-${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

// ---------------------------------------------------------------------------------------------
// Gipuzkoa / Araba

export function tbaiRestResponse(o: { cancel: boolean; at: Date; accepted: boolean; identifier?: string; csv?: string; codes: readonly SandboxCode[] }): string {
  const ns = o.cancel ? 'urn:ticketbai:anulacion' : 'urn:ticketbai:emision';
  const results = o.codes
    .map((c) => `<ResultadosValidacion><Codigo>${esc(c.code)}</Codigo><Descripcion>${esc(c.es)}</Descripcion>${c.eu ? `<Azalpena>${esc(c.eu)}</Azalpena>` : ''}</ResultadosValidacion>`)
    .join('');
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><ns2:TicketBaiResponse xmlns:ns2="${ns}"><Salida>` +
    (o.identifier ? `<IdentificadorTBAI>${esc(o.identifier)}</IdentificadorTBAI>` : '') +
    `<FechaRecepcion>${dmyTime(o.at)}</FechaRecepcion>` +
    (o.accepted ? '<Estado>00</Estado><Descripcion>Recibido</Descripcion><Azalpena>Jasota</Azalpena>' : '<Estado>01</Estado><Descripcion>Rechazado</Descripcion><Azalpena>Baztertua</Azalpena>') +
    results +
    (o.csv ? `<CSV>${esc(o.csv)}</CSV>` : '') +
    '</Salida></ns2:TicketBaiResponse>'
  );
}

// ---------------------------------------------------------------------------------------------
// Bizkaia LROE

export interface LroeRecordAnswer {
  readonly series?: string;
  readonly number: string;
  readonly issueDate: string;
  readonly state: 'Correcto' | 'AceptadoConErrores' | 'Incorrecto';
  readonly code?: SandboxCode;
}

export function lroeResponseXml(o: { rootName: string; ns: string; cabecera: string; at: Date; presenter: string; records: readonly LroeRecordAnswer[] }): string {
  const regs = o.records
    .map(
      (r) =>
        `<Registro><Identificador><IDFactura>${r.series ? `<SerieFactura>${esc(r.series)}</SerieFactura>` : ''}<NumFactura>${esc(r.number)}</NumFactura>` +
        `<FechaExpedicionFactura>${esc(r.issueDate)}</FechaExpedicionFactura></IDFactura></Identificador><SituacionRegistro><EstadoRegistro>${r.state}</EstadoRegistro>` +
        (r.code
          ? `<CodigoErrorRegistro>${esc(r.code.code)}</CodigoErrorRegistro><DescripcionErrorRegistroES>${esc(r.code.es)}</DescripcionErrorRegistroES><DescripcionErrorRegistroEU>${esc(r.code.eu ?? r.code.es)}</DescripcionErrorRegistroEU>`
          : '') +
        '</SituacionRegistro></Registro>',
    )
    .join('');
  return (
    `<ns2:${o.rootName} xmlns:ns2="${o.ns}">${o.cabecera}<DatosPresentacion><FechaPresentacion>${dmyTime(o.at)}</FechaPresentacion>` +
    `<NIFPresentador>${esc(o.presenter)}</NIFPresentador></DatosPresentacion><Registros>${regs}</Registros></ns2:${o.rootName}>`
  );
}

// ---------------------------------------------------------------------------------------------
// AEAT

const ENV = 'http://schemas.xmlsoap.org/soap/envelope/';

export function soapFault(kind: 'Client' | 'Server', code: string, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><env:Envelope xmlns:env="${ENV}"><env:Body><env:Fault><faultcode>env:${kind}</faultcode><faultstring>Codigo[${esc(code)}].${esc(message)}</faultstring></env:Fault></env:Body></env:Envelope>`;
}

export interface AeatLine {
  /** The echoed IDFactura inner XML (already qualified with the `x` prefix). */
  readonly idFactura: string;
  readonly operation?: 'Alta' | 'Anulacion';
  readonly state: 'Correcto' | 'AceptadoConErrores' | 'Incorrecto';
  readonly code?: { code: string; message: string };
  readonly duplicate?: { requestId?: string; state: string };
}

export const SII_NS = {
  resp: 'https://www2.agenciatributaria.gob.es/static_files/common/internet/dep/aplicaciones/es/aeat/ssii/fact/ws/RespuestaSuministro.xsd',
  info: 'https://www2.agenciatributaria.gob.es/static_files/common/internet/dep/aplicaciones/es/aeat/ssii/fact/ws/SuministroInformacion.xsd',
};
export const VF_NS = {
  resp: 'https://www2.agenciatributaria.gob.es/static_files/common/internet/dep/aplicaciones/es/aeat/tike/cont/ws/RespuestaSuministro.xsd',
  info: 'https://www2.agenciatributaria.gob.es/static_files/common/internet/dep/aplicaciones/es/aeat/tike/cont/ws/SuministroInformacion.xsd',
};

export function aeatResponse(o: {
  system: 'sii' | 'verifactu';
  root: string;
  csv?: string;
  presenter: string;
  timestamp: string;
  cabecera: string;
  estadoEnvio: 'Correcto' | 'ParcialmenteCorrecto' | 'Incorrecto';
  lines: readonly AeatLine[];
}): string {
  const ns = o.system === 'sii' ? SII_NS : VF_NS;
  const r = o.system === 'sii' ? 'siiR' : 'tikR';
  const i = o.system === 'sii' ? 'sii' : 'tik';
  const lines = o.lines
    .map(
      (l) =>
        `<${r}:RespuestaLinea><${r}:IDFactura>${l.idFactura}</${r}:IDFactura>` +
        (l.operation ? `<${r}:Operacion><${i}:TipoOperacion>${l.operation}</${i}:TipoOperacion></${r}:Operacion>` : '') +
        `<${r}:EstadoRegistro>${l.state}</${r}:EstadoRegistro>` +
        (l.code ? `<${r}:CodigoErrorRegistro>${esc(l.code.code)}</${r}:CodigoErrorRegistro><${r}:DescripcionErrorRegistro>${esc(l.code.message)}</${r}:DescripcionErrorRegistro>` : '') +
        (l.duplicate
          ? o.system === 'sii'
            ? `<${r}:RegistroDuplicado><${i}:EstadoRegistro>${l.duplicate.state}</${i}:EstadoRegistro></${r}:RegistroDuplicado>`
            : `<${r}:RegistroDuplicado><${i}:IdPeticionRegistroDuplicado>${esc(l.duplicate.requestId ?? '')}</${i}:IdPeticionRegistroDuplicado><${i}:EstadoRegistroDuplicado>${l.duplicate.state}</${i}:EstadoRegistroDuplicado></${r}:RegistroDuplicado>`
          : '') +
        `</${r}:RespuestaLinea>`,
    )
    .join('');
  return (
    `<?xml version="1.0" encoding="UTF-8"?><env:Envelope xmlns:env="${ENV}"><env:Header/><env:Body Id="Body">` +
    `<${r}:${o.root} xmlns:${r}="${ns.resp}" xmlns:${i}="${ns.info}">` +
    (o.csv ? `<${r}:CSV>${esc(o.csv)}</${r}:CSV>` : '') +
    `<${r}:DatosPresentacion><${i}:NIFPresentador>${esc(o.presenter)}</${i}:NIFPresentador><${i}:TimestampPresentacion>${esc(o.timestamp)}</${i}:TimestampPresentacion></${r}:DatosPresentacion>` +
    `<${r}:Cabecera>${o.cabecera}</${r}:Cabecera>` +
    (o.system === 'verifactu' ? `<${r}:TiempoEsperaEnvio>60</${r}:TiempoEsperaEnvio>` : '') +
    `<${r}:EstadoEnvio>${o.estadoEnvio}</${r}:EstadoEnvio>${lines}</${r}:${o.root}></env:Body></env:Envelope>`
  );
}

export const VNIF_SAL_NS = 'http://www2.agenciatributaria.gob.es/static_files/common/internet/dep/aplicaciones/es/aeat/burt/jdit/ws/VNifV2Sal.xsd';

export function vnifResponse(entries: readonly { nif: string; name: string; result: string }[]): string {
  const body = entries
    .map(
      (e) =>
        `<VNifV2Sal:Contribuyente><VNifV2Sal:Nif>${esc(e.nif)}</VNifV2Sal:Nif><VNifV2Sal:Nombre>${esc(e.name)}</VNifV2Sal:Nombre><VNifV2Sal:Resultado>${esc(e.result)}</VNifV2Sal:Resultado></VNifV2Sal:Contribuyente>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><env:Envelope xmlns:env="${ENV}"><env:Body><VNifV2Sal:VNifV2Sal xmlns:VNifV2Sal="${VNIF_SAL_NS}">${body}</VNifV2Sal:VNifV2Sal></env:Body></env:Envelope>`;
}
