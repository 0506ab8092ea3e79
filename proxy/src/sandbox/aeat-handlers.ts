/** Sandbox handlers for the AEAT SOAP services: SII, VERI*FACTU and VNifV2 (converters.md §3, §4.4, §6). */
import { randomUUID } from 'node:crypto';
import { verifactuHuella } from '../../../engine/convert/verifactu/huella.ts';
import { isValidNif } from '../domain/nif.ts';
import { canonicalize, C14N, EXC_C14N } from '../signing/c14n.ts';
import { DS_NS } from '../signing/profiles.ts';
import { verifySignatureElement } from '../signing/verify.ts';
import { child, childElements, children, descendants, parseXml, path, text, type Document, type Element } from '../xml/dom.ts';
import { checkDate } from './checks.ts';
import { FORCED_REJECTION, echoChildren, type SandboxAnswer, type SandboxDeps } from './handlers.ts';
import { aeatResponse, soapFault, vnifResponse, type AeatLine } from './responses.ts';

const xml = (body: string, status = 200): SandboxAnswer => ({ status, headers: { 'content-type': 'text/xml;charset=UTF-8' }, body });
const fault = (code: string, message: string, kind: 'Client' | 'Server' = 'Client') => xml(soapFault(kind, code, message), 500);
const t = (el: Element | undefined) => text(el)?.trim() ?? '';

function soapBodyElement(body: string): { doc: Document; el: Element } | SandboxAnswer {
  let doc: Document;
  try {
    doc = parseXml(body);
  } catch (e) {
    return fault('4102', `El XML no está bien formado: ${e instanceof Error ? e.message : String(e)}`);
  }
  const root = doc.documentElement!;
  if (root.localName !== 'Envelope' || root.namespaceURI !== 'http://schemas.xmlsoap.org/soap/envelope/') return fault('4102', 'No es un mensaje SOAP 1.1');
  const el = childElements(child(root, 'Body') ?? root)[0];
  if (!el || !child(root, 'Body')) return fault('4102', 'El mensaje SOAP no tiene cuerpo');
  return { doc, el };
}

const madridNow = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, '+00:00');
const pad = (n: number) => String(n).padStart(2, '0');
const dmyTime = (d: Date) => `${pad(d.getUTCDate())}-${pad(d.getUTCMonth() + 1)}-${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
const csv = () => `A-${randomUUID().replace(/-/g, '').slice(0, 14).toUpperCase()}`;

// ---------------------------------------------------------------------------------------------
// SII

const SII_BODIES: Record<string, { book: 'fe' | 'fr'; baja: boolean; records: string; resp: string }> = {
  SuministroLRFacturasEmitidas: { book: 'fe', baja: false, records: 'RegistroLRFacturasEmitidas', resp: 'RespuestaLRFacturasEmitidas' },
  BajaLRFacturasEmitidas: { book: 'fe', baja: true, records: 'RegistroLRBajaExpedidas', resp: 'RespuestaLRBajaFacturasEmitidas' },
  SuministroLRFacturasRecibidas: { book: 'fr', baja: false, records: 'RegistroLRFacturasRecibidas', resp: 'RespuestaLRFacturasRecibidas' },
  BajaLRFacturasRecibidas: { book: 'fr', baja: true, records: 'RegistroLRBajaRecibidas', resp: 'RespuestaLRBajaFacturasRecibidas' },
};

export async function sii(deps: SandboxDeps, book: 'fe' | 'fr', body: string): Promise<SandboxAnswer> {
  const now = deps.now();
  const parsed = soapBodyElement(body);
  if ('status' in parsed) return parsed;
  const { el } = parsed;
  const kind = SII_BODIES[el.localName ?? ''];
  if (!kind || kind.book !== book) return fault('4102', `Operación no soportada en este servicio: ${el.localName}`);
  const sch = await deps.schema.validate(canonicalize(el, { algorithm: C14N }), 'sii');
  if (sch.errors.length) return fault('4102', `El XML no cumple con el esquema. ${sch.errors[0]}`);
  const cab = child(el, 'Cabecera');
  const titular = t(path(cab, 'Titular', 'NIF'));
  if (!isValidNif(titular)) return fault('4104', `Error en la cabecera. El NIF del titular ${titular} no está identificado.`);
  const system = `sii-${book}`;
  const lines: AeatLine[] = [];
  for (const reg of children(el, kind.records)) {
    const idf = child(reg, 'IDFactura');
    const issuer = t(path(idf, 'IDEmisorFactura', 'NIF')) || titular;
    const number = t(child(idf, 'NumSerieFacturaEmisor'));
    const date = t(child(idf, 'FechaExpedicionFacturaEmisor'));
    const echo = echoChildren(idf, 'sii');
    const existing = deps.state.aeatRecord(system, issuer, number, date);
    if (kind.baja) {
      if (!existing || existing.cancelled) lines.push({ idFactura: echo, state: 'Incorrecto', code: { code: '3001', message: 'El registro que se quiere dar de baja no existe' } });
      else {
        deps.state.cancelAeat(system, issuer, number, date);
        lines.push({ idFactura: echo, state: 'Correcto' });
      }
      continue;
    }
    const dateProblem = checkDate(date, now);
    if (book === 'fe' && issuer !== titular) lines.push({ idFactura: echo, state: 'Incorrecto', code: { code: '1100', message: 'El NIF del emisor debe ser el del titular' } });
    else if (!isValidNif(issuer)) lines.push({ idFactura: echo, state: 'Incorrecto', code: { code: '1104', message: `NIF del emisor ${issuer} no identificado` } });
    else if (dateProblem) lines.push({ idFactura: echo, state: 'Incorrecto', code: { code: '1110', message: `Fecha de expedición incorrecta: ${dateProblem}` } });
    else if (deps.forceReject && lines.length === 0) lines.push({ idFactura: echo, state: 'Incorrecto', code: { code: '1104', message: `NIF de la contraparte no identificado (${FORCED_REJECTION})` } });
    else if (existing) lines.push({ idFactura: echo, state: 'Incorrecto', code: { code: '3000', message: 'Factura duplicada' }, duplicate: { state: existing.cancelled ? 'Anulada' : 'Correcta' } });
    else {
      const counterpart = t(path(reg, book === 'fe' ? 'FacturaExpedida' : 'FacturaRecibida', 'Contraparte', 'NIF'));
      deps.state.registerAeat(system, issuer, number, date, csv(), randomUUID(), now.toISOString());
      if (counterpart && !isValidNif(counterpart)) {
        lines.push({ idFactura: echo, state: 'AceptadoConErrores', code: { code: '2011', message: `El NIF de la contraparte ${counterpart} no está identificado` } });
      } else lines.push({ idFactura: echo, state: 'Correcto' });
    }
  }
  const ok = lines.filter((l) => l.state !== 'Incorrecto').length;
  const estado = ok === lines.length && lines.every((l) => l.state === 'Correcto') ? 'Correcto' : ok === 0 ? 'Incorrecto' : 'ParcialmenteCorrecto';
  return xml(
    aeatResponse({
      system: 'sii',
      root: kind.resp,
      csv: ok > 0 ? csv() : undefined,
      presenter: titular,
      timestamp: dmyTime(now),
      cabecera: echoChildren(cab, 'sii'),
      estadoEnvio: estado,
      lines,
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// VERI*FACTU

/**
 * A record's signature covers the record as a standalone document (URI="" inside the SOAP body
 * would formally mean the envelope, converters.md §8.1): extract it with only the namespace
 * declarations it uses (exclusive C14N), then verify.
 */
export function verifyRecordSignature(rec: Element): boolean {
  const standalone = canonicalize(rec, { algorithm: EXC_C14N });
  const doc = parseXml(standalone);
  const sig = descendants(doc, 'Signature', DS_NS)[0];
  return !!sig && verifySignatureElement(doc, sig).valid;
}

function huellaOf(rec: Element, alta: boolean): { expected: string; given: string; previous: string } {
  const prev = t(path(rec, 'Encadenamiento', 'RegistroAnterior', 'Huella'));
  const idf = child(rec, 'IDFactura');
  const fields = alta
    ? {
        record: 'alta' as const,
        IDEmisorFactura: t(child(idf, 'IDEmisorFactura')),
        NumSerieFactura: t(child(idf, 'NumSerieFactura')),
        FechaExpedicionFactura: t(child(idf, 'FechaExpedicionFactura')),
        TipoFactura: t(child(rec, 'TipoFactura')),
        CuotaTotal: t(child(rec, 'CuotaTotal')),
        ImporteTotal: t(child(rec, 'ImporteTotal')),
        Huella: prev,
        FechaHoraHusoGenRegistro: t(child(rec, 'FechaHoraHusoGenRegistro')),
      }
    : {
        record: 'anulacion' as const,
        IDEmisorFacturaAnulada: t(child(idf, 'IDEmisorFacturaAnulada')),
        NumSerieFacturaAnulada: t(child(idf, 'NumSerieFacturaAnulada')),
        FechaExpedicionFacturaAnulada: t(child(idf, 'FechaExpedicionFacturaAnulada')),
        Huella: prev,
        FechaHoraHusoGenRegistro: t(child(rec, 'FechaHoraHusoGenRegistro')),
      };
  return { expected: verifactuHuella(fields), given: t(child(rec, 'Huella')), previous: prev };
}

/** The first Spanish recipient NIF the census would not know (the sandbox census: valid check character). */
function unknownRecipient(rec: Element): string | undefined {
  for (const d of children(child(rec, 'Destinatarios'), 'IDDestinatario')) {
    const nif = t(child(d, 'NIF'));
    if (nif && !isValidNif(nif)) return nif;
  }
  return undefined;
}

/**
 * Whether an alta may be registered given what the AEAT holds for its invoice. A plain alta needs
 * none (3000 duplicate otherwise). Subsanacion S corrects a record that exists (3002 when none);
 * with RechazoPrevio X the record must not exist, as after a rejection; X without Subsanacion S
 * is not admitted (SuministroInformacion.xsd, RechazoPrevioType).
 */
function resendProblem(rec: Element, existing: { cancelled: boolean } | undefined): { code: string; message: string; duplicate?: boolean } | undefined {
  const amendment = t(child(rec, 'Subsanacion')) === 'S';
  const rejection = t(child(rec, 'RechazoPrevio'));
  if (rejection === 'X' && !amendment) return { code: '1100', message: 'RechazoPrevio X solo se admite con Subsanacion S.' };
  if (amendment && rejection === 'X') return existing ? { code: '3000', message: 'Registro de facturación duplicado.', duplicate: true } : undefined;
  if (amendment) return !existing || existing.cancelled ? { code: '3002', message: 'No existe el registro de facturación.' } : undefined;
  return existing ? { code: '3000', message: 'Registro de facturación duplicado.', duplicate: true } : undefined;
}

export async function verifactu(deps: SandboxDeps, body: string): Promise<SandboxAnswer> {
  const now = deps.now();
  const parsed = soapBodyElement(body);
  if ('status' in parsed) return parsed;
  const { el } = parsed;
  if (el.localName !== 'RegFactuSistemaFacturacion') return fault('4102', `Operación no soportada: ${el.localName}`);
  const sch = await deps.schema.validate(canonicalize(el, { algorithm: C14N }), 'verifactu');
  if (sch.errors.length) return fault('4102', `El XML no cumple con el esquema. ${sch.errors[0]}`);
  const cab = child(el, 'Cabecera');
  const obligado = t(path(cab, 'ObligadoEmision', 'NIF'));
  if (!isValidNif(obligado)) return fault('4104', `Error en la cabecera. El NIF del obligado ${obligado} no está identificado.`);
  const lines: AeatLine[] = [];
  for (const rf of children(el, 'RegistroFactura')) {
    const rec = childElements(rf)[0];
    const alta = rec.localName === 'RegistroAlta';
    const idf = child(rec, 'IDFactura');
    const issuer = t(child(idf, alta ? 'IDEmisorFactura' : 'IDEmisorFacturaAnulada'));
    const number = t(child(idf, alta ? 'NumSerieFactura' : 'NumSerieFacturaAnulada'));
    const date = t(child(idf, alta ? 'FechaExpedicionFactura' : 'FechaExpedicionFacturaAnulada'));
    const echo = `<tik:IDEmisorFactura>${issuer}</tik:IDEmisorFactura><tik:NumSerieFactura>${number.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</tik:NumSerieFactura><tik:FechaExpedicionFactura>${date}</tik:FechaExpedicionFactura>`;
    const operation = alta ? ('Alta' as const) : ('Anulacion' as const);
    const reject = (code: string, message: string) => lines.push({ idFactura: echo, operation, state: 'Incorrecto', code: { code, message } });
    const sig = child(rec, 'Signature');
    const existing = deps.state.aeatRecord('verifactu', issuer, number, date);
    const h = huellaOf(rec, alta);
    const dateProblem = checkDate(date, now);
    if (issuer !== obligado) reject('1100', `El emisor ${issuer} no es el obligado ${obligado}`);
    else if (!isValidNif(issuer)) reject('1104', `NIF del emisor ${issuer} no identificado`);
    else if (dateProblem) reject('1110', `Fecha de expedición incorrecta: ${dateProblem}`);
    else if (sig && sig.namespaceURI === DS_NS && !verifyRecordSignature(rec)) reject('1100', 'La firma del registro no es válida');
    else if (h.given !== h.expected) reject('1100', `La huella del registro no es correcta (esperada ${h.expected})`);
    else if (alta && deps.forceReject && lines.length === 0) {
      reject('1104', `NIF del destinatario no identificado (${FORCED_REJECTION})`);
      deps.state.setVerifactuHead(issuer, number, date, h.given);
    } else if (alta && unknownRecipient(rec)) {
      reject('1104', `NIF del destinatario ${unknownRecipient(rec)} no identificado`);
      // A record rejected for its content still is the SIF's newest link: the next one chains to it.
      deps.state.setVerifactuHead(issuer, number, date, h.given);
    } else if (alta && resendProblem(rec, existing)) {
      const p = resendProblem(rec, existing)!;
      if (p.duplicate && existing) lines.push({ idFactura: echo, operation, state: 'Incorrecto', code: { code: p.code, message: p.message }, duplicate: { requestId: existing.requestId, state: existing.cancelled ? 'Anulada' : 'Correcta' } });
      else reject(p.code, p.message);
      deps.state.setVerifactuHead(issuer, number, date, h.given);
    } else if (!alta && (!existing || existing.cancelled)) {
      reject('3002', 'No existe el registro de facturación.');
      deps.state.setVerifactuHead(issuer, number, date, h.given);
    } else {
      const head = deps.state.verifactuHead(issuer);
      const chainOk = head ? h.previous === head.huella : !h.previous;
      if (alta && existing) deps.state.replaceAeat('verifactu', issuer, number, date, csv(), randomUUID(), now.toISOString(), h.given);
      else if (alta) deps.state.registerAeat('verifactu', issuer, number, date, csv(), randomUUID(), now.toISOString(), h.given);
      else deps.state.cancelAeat('verifactu', issuer, number, date);
      deps.state.setVerifactuHead(issuer, number, date, h.given);
      lines.push(
        chainOk
          ? { idFactura: echo, operation, state: 'Correcto' }
          : { idFactura: echo, operation, state: 'AceptadoConErrores', code: { code: '2000', message: `El encadenamiento no corresponde al último registro recibido (${head?.number ?? 'ninguno'})` } },
      );
    }
  }
  const ok = lines.filter((l) => l.state !== 'Incorrecto').length;
  const estado = lines.every((l) => l.state === 'Correcto') ? 'Correcto' : ok === 0 ? 'Incorrecto' : 'ParcialmenteCorrecto';
  return xml(
    aeatResponse({
      system: 'verifactu',
      root: 'RespuestaRegFactuSistemaFacturacion',
      csv: ok > 0 ? csv() : undefined,
      presenter: obligado,
      timestamp: madridNow(now),
      cabecera: echoChildren(cab, 'tik'),
      estadoEnvio: estado,
      lines,
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// VNifV2: the sandbox census says "Identificado" for every NIF with a valid check character.

export async function vnif(deps: SandboxDeps, body: string): Promise<SandboxAnswer> {
  let doc: Document;
  try {
    doc = parseXml(body);
  } catch {
    return fault('103', 'No se ha encontrado la etiqueta de inicio');
  }
  const req = descendants(doc, 'VNifV2Ent')[0];
  if (!req) return fault('103', 'No se ha encontrado la etiqueta de inicio');
  const sch = await deps.schema.validate(canonicalize(req, { algorithm: C14N }), 'vnif');
  if (sch.errors.length) return fault('-2', `Error de formato: ${sch.errors[0]}`);
  const entries = children(req, 'Contribuyente').map((c) => {
    const nif = t(child(c, 'Nif')).toUpperCase();
    const name = t(child(c, 'Nombre'));
    return { nif, name: name.toUpperCase(), result: isValidNif(nif) ? 'Identificado' : 'No identificado' };
  });
  return xml(vnifResponse(entries));
}
