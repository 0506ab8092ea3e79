/**
 * Turning a submission request into the signed bytes to send, per system. Conversions are the
 * engine's (engine/convert/*); the proxy adds the chain state it keeps, the signature and the
 * stamps. Everything here runs inside the issuer's chain lock.
 */
import { randomUUID } from 'node:crypto';
import { toSiiCancelIssued, toSiiIssued, toSiiReceived } from '../../../engine/convert/sii/index.ts';
import { issueDateFromIdentifier, toTicketBai, toTicketBaiCancel } from '../../../engine/convert/ticketbai/index.ts';
import type { SoftwareInfo } from '../../../engine/convert/types.ts';
import { toVerifactuAlta, toVerifactuCancel, toVerifactuSoap } from '../../../engine/convert/verifactu/index.ts';
import type { Credential } from '../certificates/credential.ts';
import type { Environment } from '../authorities/endpoints.ts';
import { ProxyError } from '../errors.ts';
import { signXades } from '../signing/xades.ts';
import type { ChainAdvance, TbaiChainHead, VerifactuChainHead } from '../store/sqlite.ts';
import { readTbai, setTbaiChain, TBAI_CANCEL_NS, TBAI_NS } from '../ticketbai/document.ts';
import { tbaiIdentifier, tbaiQr } from '../ticketbai/identifier.ts';
import { parseXml, XmlSyntaxError } from '../xml/dom.ts';

export type Zone = 'BI' | 'SS' | 'VI';
export type System = 'ticketbai' | 'sii' | 'verifactu';

export interface SubmitOptions {
  /** TicketBAI NumSerieDispositivo; also separates chains per device. */
  readonly device?: string;
  /** Issued by a third party on the supplier's behalf (EmitidaPorTercerosODestinatario T). */
  readonly thirdParty?: boolean;
  /** Bizkaia modelo 140: the supplier's Epígrafe (es-tbai-bi-activity). */
  readonly activity?: string;
  /** SII book. */
  readonly book?: 'issued' | 'received';
  /** VERI*FACTU: sign the records (NO VERI*FACTU mode). */
  readonly sign?: boolean;
  /** TicketBAI cancel: the alta's tbai-code stamp (gives FechaExpedicionFactura). */
  readonly tbaiCode?: string;
}

export interface SubmitRequest {
  readonly system: System;
  readonly zone?: Zone;
  readonly env: Environment;
  readonly operation: 'alta' | 'cancel';
  /** A GOBL envelope, converted by the engine. */
  readonly envelope?: unknown;
  /** Or the unsigned XML the engine produced in the studio (TicketBAI, SII). */
  readonly xml?: string;
  readonly options?: SubmitOptions;
}

export interface BuiltDocument {
  readonly authority: string;
  readonly format: string;
  readonly issuer: string;
  readonly issuerName: string;
  readonly series?: string;
  readonly number: string;
  readonly issueDate?: string;
  readonly signedXml: string;
  readonly signatureValue?: string;
  readonly stamps: Record<string, string>;
  readonly advance?: ChainAdvance;
  readonly sendInfo: Record<string, unknown>;
}

export interface BuildContext {
  readonly credential: Credential;
  readonly software: SoftwareInfo;
  readonly now: Date;
}

export const TBAI_AUTHORITY: Readonly<Record<Zone, string>> = { BI: 'tbai-bizkaia', SS: 'tbai-gipuzkoa', VI: 'tbai-araba' };

function faultsError(what: string, faults: readonly { code: string; paths: readonly string[]; message: string }[]): ProxyError {
  return new ProxyError(
    'validation',
    `${what}: the document cannot be converted (${faults.length} fault${faults.length === 1 ? '' : 's'})`,
    faults.map((f) => ({ code: f.code, path: f.paths[0], message: f.message })),
  );
}

function parseOr400(xml: string) {
  try {
    return parseXml(xml);
  } catch (e) {
    throw new ProxyError('validation', `the XML is not well-formed: ${e instanceof XmlSyntaxError ? e.message : String(e)}`);
  }
}

const envelopeOf = (e: unknown) => (e && typeof e === 'object' ? (e as { head?: { uuid?: string }; doc?: { supplier?: { tax_id?: { code?: string } }; customer?: { tax_id?: { code?: string } } } }) : undefined);

/** Who owns the chain a request touches, known before converting (to pick the lock). */
export function chainKeyOf(req: SubmitRequest): string {
  const env = envelopeOf(req.envelope);
  let issuer = '';
  if (req.envelope) issuer = (req.system === 'sii' && req.options?.book === 'received' ? env?.doc?.customer?.tax_id?.code : env?.doc?.supplier?.tax_id?.code) ?? '';
  else if (req.xml && req.system === 'ticketbai') {
    try {
      issuer = readTbai(parseOr400(req.xml)).issuerNif;
    } catch (e) {
      if (e instanceof ProxyError) throw e;
      throw new ProxyError('validation', e instanceof Error ? e.message : String(e));
    }
  } else if (req.xml) issuer = /<(?:\w+:)?NIF>([^<]+)</.exec(req.xml)?.[1] ?? '';
  if (req.system === 'ticketbai') return `tbai:${req.zone}:${issuer}:${req.options?.device ?? ''}`;
  return `${req.system}:${issuer}`;
}

const docIdOf = (envelope: unknown) => {
  const id = envelopeOf(envelope)?.head?.uuid;
  return typeof id === 'string' && /^[A-Za-z0-9._:-]+$/.test(id) ? id : randomUUID();
};

// ---------------------------------------------------------------------------------------------
// TicketBAI

export function buildTicketBai(req: SubmitRequest, head: TbaiChainHead | undefined, ctx: BuildContext): BuiltDocument {
  const zone = req.zone!;
  const o = req.options ?? {};
  const authority = TBAI_AUTHORITY[zone];
  let unsigned: string;
  if (req.operation === 'alta') {
    if (req.envelope) {
      const r = toTicketBai(req.envelope, {
        zone,
        now: ctx.now.toISOString(),
        previous: head ? { series: head.series, code: head.number, issueDate: head.issueDate, signature: head.signature } : undefined,
        software: ctx.software,
        thirdParty: o.thirdParty,
        deviceSerial: o.device,
      });
      if (!r.ok) throw faultsError('TicketBAI', r.faults);
      unsigned = r.value;
    } else {
      const doc = parseOr400(req.xml!);
      const root = doc.documentElement!;
      if (root.localName !== 'TicketBai' || root.namespaceURI !== TBAI_NS) throw new ProxyError('validation', `expected a T:TicketBai document (${TBAI_NS}), got <${root.tagName}>`);
      if (root.getElementsByTagNameNS('http://www.w3.org/2000/09/xmldsig#', 'Signature').length) throw new ProxyError('validation', 'the document is already signed: send it unsigned, the proxy chains and signs it');
      unsigned = setTbaiChain(req.xml!, head ? { series: head.series, number: head.number, issueDate: head.issueDate, signature: head.signature } : undefined);
    }
  } else {
    if (req.envelope) {
      // The alta's FechaExpedicionFactura was its conversion date: recovered from its TBAI code.
      const issueDate = o.tbaiCode ? issueDateFromIdentifier(o.tbaiCode) : undefined;
      if (o.tbaiCode && !issueDate) throw new ProxyError('validation', 'options.tbaiCode is not a TicketBAI identifier');
      const r = toTicketBaiCancel(req.envelope, { software: ctx.software, issueDate, deviceSerial: o.device });
      if (!r.ok) throw faultsError('TicketBAI cancellation', r.faults);
      unsigned = r.value;
    } else {
      const root = parseOr400(req.xml!).documentElement!;
      if (root.localName !== 'AnulaTicketBai' || root.namespaceURI !== TBAI_CANCEL_NS) throw new ProxyError('validation', `expected a T:AnulaTicketBai document (${TBAI_CANCEL_NS}), got <${root.tagName}>`);
      unsigned = req.xml!;
    }
  }
  const signed = signXades(unsigned, ctx.credential, {
    profile: `ticketbai-${zone}`,
    docId: docIdOf(req.envelope),
    signingTime: ctx.now,
    role: o.thirdParty ? 'third-party' : 'supplier',
  });
  const f = readTbai(signed.xml);
  const stamps: Record<string, string> = {};
  if (req.operation === 'alta') {
    const identifier = tbaiIdentifier(f.issuerNif, f.issueDate, signed.signatureValue);
    stamps['tbai-code'] = identifier;
    stamps['tbai-qr'] = tbaiQr({ zone, env: req.env === 'production' ? 'production' : 'test', identifier, series: f.series, number: f.number, total: f.total ?? '0.00' });
  }
  return {
    authority,
    format: req.operation === 'alta' ? 'ticketbai' : 'ticketbai-cancel',
    issuer: f.issuerNif,
    issuerName: f.issuerName,
    series: f.series,
    number: f.number,
    issueDate: f.issueDate,
    signedXml: signed.xml,
    signatureValue: signed.signatureValue,
    stamps,
    advance:
      req.operation === 'alta'
        ? { kind: 'tbai', zone, issuer: f.issuerNif, device: o.device ?? '', head: { series: f.series, number: f.number, issueDate: f.issueDate, signature: signed.signatureValue.slice(0, 100) } }
        : undefined,
    sendInfo: { zone, issuerName: f.issuerName, activity: o.activity, year: f.issueDate.slice(6) },
  };
}

// ---------------------------------------------------------------------------------------------
// VERI*FACTU

/**
 * How an alta is sent again for an invoice the AEAT already saw (see resendKind in submissions.ts):
 * `amendment` corrects an accepted record (Subsanacion S); `after-rejection` registers one the
 * AEAT rejected, so it has none (Subsanacion S with RechazoPrevio X, as AEAT-tested clients send it).
 */
export type VerifactuResend = 'amendment' | 'after-rejection';

const RESEND_FLAGS: Readonly<Record<VerifactuResend, { amendment: boolean; priorRejection?: 'X' }>> = {
  amendment: { amendment: true },
  'after-rejection': { amendment: true, priorRejection: 'X' },
};

export function buildVerifactu(req: SubmitRequest, head: VerifactuChainHead | undefined, ctx: BuildContext, resend?: VerifactuResend): BuiltDocument {
  if (!req.envelope) throw new ProxyError('validation', 'VERI*FACTU submissions take a GOBL envelope: the proxy keeps the huella chain');
  const opts = {
    now: ctx.now.toISOString(),
    previous: head ? { issuerNif: head.issuerNif, seriesCode: head.seriesCode, issueDate: head.issueDate, huella: head.huella } : undefined,
    software: ctx.software,
  };
  const r = req.operation === 'alta' ? toVerifactuAlta(req.envelope, { ...opts, ...(resend ? RESEND_FLAGS[resend] : {}) }) : toVerifactuCancel(req.envelope, opts);
  if (!r.ok) throw faultsError('VERI*FACTU', r.faults);
  const rec = r.value;
  let recordXml = rec.xml;
  let signatureValue: string | undefined;
  if (req.options?.sign) {
    const s = signXades(rec.xml, ctx.credential, { profile: 'verifactu', docId: docIdOf(req.envelope), signingTime: ctx.now });
    recordXml = s.xml;
    signatureValue = s.signatureValue;
  }
  const soap = toVerifactuSoap([rec]);
  if (!soap.ok) throw faultsError('VERI*FACTU envelope', soap.faults);
  let envelope = soap.value;
  if (signatureValue) {
    // The signed record goes in byte for byte (it declares its own prefixes): re-serializing it
    // would change the bytes that were signed.
    const signedRecord = recordXml.replace(/^<\?xml[^>]*\?>\s*/, '');
    const m = /<(sum1:Registro(?:Alta|Anulacion))\b[\s\S]*<\/\1>/.exec(envelope);
    if (!m) throw new ProxyError('internal', 'no record in the VERI*FACTU envelope');
    envelope = envelope.slice(0, m.index) + signedRecord + envelope.slice(m.index + m[0].length);
  }
  const c = rec.chain;
  return {
    authority: 'verifactu',
    format: req.operation === 'alta' ? 'verifactu-alta' : 'verifactu-anulacion',
    issuer: c.issuerNif,
    issuerName: '',
    number: c.seriesCode,
    issueDate: c.issueDate,
    signedXml: envelope,
    signatureValue,
    stamps: { 'verifactu-huella': rec.huella },
    advance: { kind: 'verifactu', issuer: c.issuerNif, head: { issuerNif: c.issuerNif, seriesCode: c.seriesCode, issueDate: c.issueDate, huella: c.huella } },
    sendInfo: resend && req.operation === 'alta' ? { resend } : {},
  };
}

// ---------------------------------------------------------------------------------------------
// SII (no signature, no chain: transport only)

export function buildSii(req: SubmitRequest, ctx: BuildContext): BuiltDocument {
  void ctx;
  const book = req.options?.book ?? 'issued';
  let body: string;
  if (req.envelope) {
    const r =
      req.operation === 'cancel'
        ? toSiiCancelIssued([req.envelope])
        : book === 'received'
          ? toSiiReceived([req.envelope], { communication: 'A0' })
          : toSiiIssued([req.envelope], { communication: 'A0' });
    if (!r.ok) throw faultsError('SII', r.faults);
    body = r.value;
  } else {
    parseOr400(req.xml!);
    body = req.xml!;
  }
  const doc = parseOr400(body);
  const first = (local: string) => doc.getElementsByTagNameNS('*', local).item(0)?.textContent?.trim();
  return {
    authority: 'sii',
    format: `sii-${book}${req.operation === 'cancel' ? '-cancel' : ''}`,
    issuer: first('NIF') ?? '',
    issuerName: first('NombreRazon') ?? '',
    number: first('NumSerieFacturaEmisor') ?? '',
    issueDate: first('FechaExpedicionFacturaEmisor'),
    signedXml: body,
    stamps: {},
    sendInfo: { book },
  };
}
