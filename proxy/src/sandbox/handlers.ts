/**
 * Request handlers of the sandbox authority, one per real service: they run the checks and answer
 * with the real response documents and codes. Pure functions of (request, state, clock): the HTTP
 * layer and fault injection live in app.ts.
 */
import { randomUUID } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { isNaturalPerson } from '../domain/nif.ts';
import { LROE_CODES, TBAI_REST_CODES } from '../authorities/codes.ts';
import { LROE_NS } from '../authorities/ticketbai-bizkaia-lroe.ts';
import { canonicalize, C14N } from '../signing/c14n.ts';
import { tbaiIdentifier } from '../ticketbai/identifier.ts';
import { child, childElements, children, parseXml, path, text, type Element } from '../xml/dom.ts';
import { isBlocking, judgeAlta, judgeCancel, type Issue, type IssueKind } from './checks.ts';
import { lroeResponseXml, tbaiRestResponse, type LroeRecordAnswer, type SandboxCode } from './responses.ts';
import type { SchemaValidator } from './schema.ts';
import type { SandboxState } from './state.ts';

export interface SandboxDeps {
  readonly state: SandboxState;
  readonly schema: SchemaValidator;
  readonly now: () => Date;
  /** Refuse the first record of this request for its content (trouble on demand, for demos). */
  readonly forceReject?: boolean;
}

/** The content rejection a 'reject' trouble produces: an unknown recipient NIF, in each authority's code. */
export const FORCED_REJECTION = 'the sandbox was asked to refuse this record (a demo rejection)';

export interface SandboxAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string | Buffer;
}

const xmlAnswer = (body: string, status = 200): SandboxAnswer => ({ status, headers: { 'content-type': 'application/xml;charset=UTF-8' }, body });

// ---------------------------------------------------------------------------------------------
// Gipuzkoa / Araba

const REST_CODE: Record<IssueKind, string> = {
  year: '011',
  malformed: '002',
  schema: '002',
  signature: '008',
  policy: '008',
  issuer_nif: '011',
  recipient_nif: '014',
  date: '011',
  duplicate: '005',
  chain: '010',
  not_found: '018',
  already_cancelled: '019',
};

function restCode(i: Issue, warning: boolean): SandboxCode {
  const code = REST_CODE[i.kind];
  const base = TBAI_REST_CODES[code];
  return { code, es: `${warning ? 'Aviso: ' : ''}${base}: ${i.detail}` };
}

export async function tbaiRest(deps: SandboxDeps, zone: 'SS' | 'VI', op: 'alta' | 'cancel', body: string): Promise<SandboxAnswer> {
  const now = deps.now();
  const forced: Issue[] = deps.forceReject && op === 'alta' ? [{ kind: 'recipient_nif', detail: FORCED_REJECTION }] : [];
  const accept = (issues: readonly Issue[]) => forced.length === 0 && !issues.some((i) => isBlocking(zone, i.kind));
  const j = op === 'alta' ? await judgeAlta(body, zone, deps.state, deps.schema, now, accept) : await judgeCancel(body, zone, deps.state, deps.schema, accept);
  const blocking = [...(j.registered ? [] : forced), ...j.issues.filter((i) => isBlocking(zone, i.kind))];
  const warnings = j.issues.filter((i) => !isBlocking(zone, i.kind));
  if (!j.registered) {
    return xmlAnswer(tbaiRestResponse({ cancel: op === 'cancel', at: now, accepted: false, codes: blocking.map((i) => restCode(i, false)) }));
  }
  const f = j.facts!;
  const identifier = op === 'alta' && f.signatureValue ? tbaiIdentifier(f.issuerNif, f.issueDate, f.signatureValue) : undefined;
  return xmlAnswer(
    tbaiRestResponse({ cancel: op === 'cancel', at: now, accepted: true, identifier, csv: `TBAI${randomUUID()}`, codes: warnings.map((i) => restCode(i, true)) }),
  );
}

// ---------------------------------------------------------------------------------------------
// Bizkaia LROE

const LROE_CODE: Record<IssueKind | 'year', string> = {
  year: 'B4_2000017',
  malformed: 'B4_2000001',
  schema: 'B4_2000001',
  signature: 'B4_2000001',
  policy: 'B4_2000070',
  issuer_nif: 'B4_2000002',
  recipient_nif: 'B4_2000013',
  date: 'B4_2000001',
  duplicate: 'B4_2000003',
  chain: 'B4_2000060',
  not_found: 'B4_2000004',
  already_cancelled: 'B4_2000006',
};

const EU: Record<string, string> = {
  B4_2000003: 'Erregistro bikoiztua.',
};

function lroeCode(code: string, detail?: string): SandboxCode {
  const es = LROE_CODES[code] ?? code;
  return { code, es: detail ? `${es} ${detail}` : es, eu: EU[code] ?? es };
}

function lroeFailure(code: string, detail: string, status = 200): SandboxAnswer {
  return {
    status,
    headers: {
      'eus-bizkaia-n3-tipo-respuesta': 'Incorrecto',
      'eus-bizkaia-n3-codigo-respuesta': code,
      // ASCII only: header values are Latin-1 on the wire.
      'eus-bizkaia-n3-mensaje-respuesta': `${LROE_CODES[code] ?? code} ${detail}`.normalize('NFD').replace(/[^\x20-\x7e]/g, ''),
    },
    body: '',
  };
}

export async function lroe(deps: SandboxDeps, headers: Record<string, string>, raw: Buffer): Promise<SandboxAnswer> {
  const now = deps.now();
  let data: { drs?: { mode?: string; ejer?: string }; inte?: { nif?: string } };
  try {
    data = JSON.parse(headers['eus-bizkaia-n3-data'] ?? '');
  } catch {
    return lroeFailure('N3_0000011', 'eus-bizkaia-n3-data is missing or not JSON');
  }
  if (headers['eus-bizkaia-n3-version'] !== '1.0') return lroeFailure('N3_0000011', 'eus-bizkaia-n3-version must be 1.0');
  let xml: string;
  try {
    xml = gunzipSync(raw).toString('utf8');
  } catch {
    return lroeFailure('B4_1000003', 'the body is not gzip');
  }
  let root: Element;
  try {
    root = parseXml(xml).documentElement!;
  } catch (e) {
    return lroeFailure('B4_1000001', e instanceof Error ? e.message : String(e));
  }
  const kinds: Record<string, { model: '240' | '140'; op: 'alta' | 'cancel'; schema: 'lroe-240-alta' | 'lroe-240-anula' | 'lroe-140-alta' | 'lroe-140-anula'; resp: string; respNs: string }> = {
    [`${LROE_NS.alta240} LROEPJ240FacturasEmitidasConSGAltaPeticion`]: { model: '240', op: 'alta', schema: 'lroe-240-alta', resp: 'LROEPJ240FacturasEmitidasConSGAltaRespuesta', respNs: LROE_NS.altaResp240 },
    [`${LROE_NS.anula240} LROEPJ240FacturasEmitidasConSGAnulacionPeticion`]: { model: '240', op: 'cancel', schema: 'lroe-240-anula', resp: 'LROEPJ240FacturasEmitidasConSGAnulacionRespuesta', respNs: LROE_NS.anulaResp240 },
    [`${LROE_NS.alta140} LROEPF140IngresosConFacturaConSGAltaPeticion`]: { model: '140', op: 'alta', schema: 'lroe-140-alta', resp: 'LROEPF140IngresosConFacturaConSGAltaRespuesta', respNs: LROE_NS.altaResp140 },
    [`${LROE_NS.anula140} LROEPF140IngresosConFacturaConSGAnulacionPeticion`]: { model: '140', op: 'cancel', schema: 'lroe-140-anula', resp: 'LROEPF140IngresosConFacturaConSGAnulacionRespuesta', respNs: LROE_NS.anulaResp140 },
  };
  const kind = kinds[`${root.namespaceURI} ${root.localName}`];
  if (!kind) return lroeFailure('B4_1000001', `unknown request <${root.tagName}> in ${root.namespaceURI}`);
  const sch = await deps.schema.validate(xml, kind.schema);
  if (sch.errors.length) return lroeFailure('B4_1000001', sch.errors[0]);
  const cab = child(root, 'Cabecera')!;
  const obligado = text(path(cab, 'ObligadoTributario', 'NIF'))?.trim() ?? '';
  const ejercicio = text(child(cab, 'Ejercicio'))?.trim() ?? '';
  if (data.drs?.mode !== kind.model || isNaturalPerson(obligado) !== (kind.model === '140')) {
    return lroeFailure('B4_1000006', `modelo ${kind.model} (header ${data.drs?.mode ?? '-'}) does not fit ${obligado}`);
  }
  if (data.inte?.nif !== obligado) return lroeFailure('N3_0000001', `the header NIF ${data.inte?.nif ?? '-'} is not the ObligadoTributario ${obligado}`);

  const items = kind.model === '240' ? children(child(root, 'FacturasEmitidas'), 'FacturaEmitida') : children(child(root, 'Ingresos'), 'Ingreso');
  const docs = items.map((item) => Buffer.from(text(child(item, kind.op === 'alta' ? 'TicketBai' : 'AnulacionTicketBai'))?.replace(/\s+/g, '') ?? '', 'base64').toString('utf8'));
  // Schema checks of all the documents run in parallel; the register checks below stay sequential.
  const schemaKey = kind.op === 'alta' ? 'tbai-alta' : 'tbai-anula';
  const early = new Map(docs.map((d) => [d, deps.schema.validate(d, schemaKey)] as const));
  const schema: SchemaValidator = { validate: (x, k) => (k === schemaKey && early.get(x)) || deps.schema.validate(x, k) };
  const records: LroeRecordAnswer[] = [];
  // Batuz-only checks: the issuer is the obligado, the year is the Ejercicio.
  const extra = (f: { issuerNif: string; issueDate: string }): Issue[] => [
    ...(f.issuerNif !== obligado ? [{ kind: 'issuer_nif' as const, detail: `issuer ${f.issuerNif} is not the ObligadoTributario ${obligado}` }] : []),
    ...(f.issueDate.slice(6) !== ejercicio ? [{ kind: 'year' as const, detail: `(${f.issueDate} vs ${ejercicio})` }] : []),
  ];
  // A 'reject' trouble refuses the first record of the request.
  let forced: Issue[] = deps.forceReject && kind.op === 'alta' ? [{ kind: 'recipient_nif', detail: FORCED_REJECTION }] : [];
  const accept = (issues: readonly Issue[], f: { issuerNif: string; issueDate: string }) => forced.length === 0 && ![...extra(f), ...issues].some((i) => isBlocking('BI', i.kind));
  for (const doc of docs) {
    const j = kind.op === 'alta' ? await judgeAlta(doc, 'BI', deps.state, schema, now, accept) : await judgeCancel(doc, 'BI', deps.state, schema, accept);
    const f = j.facts;
    const issues: Issue[] = [...(j.registered ? [] : forced), ...(f ? extra(f) : []), ...j.issues];
    forced = [];
    const id = { series: f?.series, number: f?.number ?? '?', issueDate: f?.issueDate ?? '' };
    if (!j.registered) {
      const first = issues.find((i) => isBlocking('BI', i.kind))!;
      records.push({ ...id, state: 'Incorrecto', code: lroeCode(LROE_CODE[first.kind], first.detail) });
    } else records.push({ ...id, state: 'Correcto' });
  }
  const correct = records.filter((r) => r.state !== 'Incorrecto').length;
  const tipo = correct === records.length ? 'Correcto' : correct === 0 ? 'Incorrecto' : 'ParcialmenteCorrecto';
  const cabecera = canonicalize(cab, { algorithm: C14N }).replace(/ xmlns:[a-z0-9]+="[^"]*"/gi, '');
  const body = lroeResponseXml({ rootName: kind.resp, ns: kind.respNs, cabecera, at: now, presenter: obligado, records });
  const h: Record<string, string> = {
    'content-type': 'application/octet-stream',
    'content-encoding': 'gzip',
    'eus-bizkaia-n3-tipo-respuesta': tipo,
  };
  if (tipo === 'Incorrecto') {
    h['eus-bizkaia-n3-codigo-respuesta'] = 'B4_1000002';
    h['eus-bizkaia-n3-mensaje-respuesta'] = 'Todos los registros son incorrectos';
  } else {
    h['eus-bizkaia-n3-identificativo'] = `${now.getUTCFullYear()}${randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase()}`;
    h['eus-bizkaia-n3-numero-registro'] = String(deps.state.requestCount() + 1);
  }
  return { status: 200, headers: h, body: gzipSync(Buffer.from(body, 'utf8')) };
}

/** The echoed IDFactura of an AEAT record, re-prefixed for the response. */
export function echoChildren(el: Element | undefined, prefix: string): string {
  if (!el) return '';
  return childElements(el)
    .map((c) => {
      const inner = childElements(c).length ? echoChildren(c, prefix) : (text(c) ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;');
      return `<${prefix}:${c.localName}>${inner}</${prefix}:${c.localName}>`;
    })
    .join('');
}

