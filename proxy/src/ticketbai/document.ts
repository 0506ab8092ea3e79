/**
 * Reading and chaining TicketBAI documents (converters.md §1.1, §1.3, §1.6): the fields the proxy,
 * the sandbox and the chain store need, and the one edit the proxy makes to a document it did not
 * convert itself — setting HuellaTBAI/EncadenamientoFacturaAnterior from the stored chain.
 */
import { child, path, text, parseXml, type Document } from '../xml/dom.ts';

export const TBAI_NS = 'urn:ticketbai:emision';
export const TBAI_CANCEL_NS = 'urn:ticketbai:anulacion';

/** What the next invoice of the same issuer links to. */
export interface TbaiChainLink {
  readonly series?: string;
  readonly number: string;
  /** dd-mm-yyyy */
  readonly issueDate: string;
  /** First 100 characters of the SignatureValue. */
  readonly signature: string;
}

export interface TbaiInvoiceFacts {
  readonly kind: 'alta' | 'anulacion';
  readonly issuerNif: string;
  readonly issuerName: string;
  readonly series?: string;
  readonly number: string;
  readonly issueDate: string;
  readonly issueTime?: string;
  readonly total?: string;
  readonly recipientNifs: readonly string[];
  readonly previous?: TbaiChainLink;
  readonly license?: string;
  readonly deviceSerial?: string;
  readonly signatureValue?: string;
}

const t = (el: Parameters<typeof text>[0]) => text(el)?.trim() || undefined;

export function readTbai(docOrXml: Document | string): TbaiInvoiceFacts {
  const doc = typeof docOrXml === 'string' ? parseXml(docOrXml) : docOrXml;
  const root = doc.documentElement!;
  const sigValue = t(path(child(root, 'Signature'), 'SignatureValue'))?.replace(/\s+/g, '');
  if (root.localName === 'AnulaTicketBai') {
    const id = child(root, 'IDFactura');
    const cab = child(id, 'CabeceraFactura');
    return {
      kind: 'anulacion',
      issuerNif: t(path(id, 'Emisor', 'NIF')) ?? '',
      issuerName: t(path(id, 'Emisor', 'ApellidosNombreRazonSocial')) ?? '',
      series: t(child(cab, 'SerieFactura')),
      number: t(child(cab, 'NumFactura')) ?? '',
      issueDate: t(child(cab, 'FechaExpedicionFactura')) ?? '',
      recipientNifs: [],
      license: t(path(root, 'HuellaTBAI', 'Software', 'LicenciaTBAI')),
      deviceSerial: t(path(root, 'HuellaTBAI', 'NumSerieDispositivo')),
      signatureValue: sigValue,
    };
  }
  if (root.localName !== 'TicketBai') throw new Error(`not a TicketBAI document: <${root.tagName}>`);
  const cab = path(root, 'Factura', 'CabeceraFactura');
  const prev = path(root, 'HuellaTBAI', 'EncadenamientoFacturaAnterior');
  const recipients: string[] = [];
  const dest = path(root, 'Sujetos', 'Destinatarios');
  if (dest) {
    for (let c = dest.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 1) {
        const nif = t(child(c as never, 'NIF'));
        if (nif) recipients.push(nif);
      }
    }
  }
  return {
    kind: 'alta',
    issuerNif: t(path(root, 'Sujetos', 'Emisor', 'NIF')) ?? '',
    issuerName: t(path(root, 'Sujetos', 'Emisor', 'ApellidosNombreRazonSocial')) ?? '',
    series: t(child(cab, 'SerieFactura')),
    number: t(child(cab, 'NumFactura')) ?? '',
    issueDate: t(child(cab, 'FechaExpedicionFactura')) ?? '',
    issueTime: t(child(cab, 'HoraExpedicionFactura')),
    total: t(path(root, 'Factura', 'DatosFactura', 'ImporteTotalFactura')),
    recipientNifs: recipients,
    previous: prev
      ? {
          series: t(child(prev, 'SerieFacturaAnterior')),
          number: t(child(prev, 'NumFacturaAnterior')) ?? '',
          issueDate: t(child(prev, 'FechaExpedicionFacturaAnterior')) ?? '',
          signature: t(child(prev, 'SignatureValueFirmaFacturaAnterior')) ?? '',
        }
      : undefined,
    license: t(path(root, 'HuellaTBAI', 'Software', 'LicenciaTBAI')),
    deviceSerial: t(path(root, 'HuellaTBAI', 'NumSerieDispositivo')),
    signatureValue: sigValue,
  };
}

/** The chain link an invoice leaves for the next one, once signed. */
export function chainLinkOf(facts: TbaiInvoiceFacts): TbaiChainLink {
  if (!facts.signatureValue) throw new Error('the document is not signed');
  return { series: facts.series, number: facts.number, issueDate: facts.issueDate, signature: facts.signatureValue.slice(0, 100) };
}

const escXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function chainXml(link: TbaiChainLink): string {
  return (
    '<EncadenamientoFacturaAnterior>' +
    (link.series ? `<SerieFacturaAnterior>${escXml(link.series)}</SerieFacturaAnterior>` : '') +
    `<NumFacturaAnterior>${escXml(link.number)}</NumFacturaAnterior>` +
    `<FechaExpedicionFacturaAnterior>${escXml(link.issueDate)}</FechaExpedicionFacturaAnterior>` +
    `<SignatureValueFirmaFacturaAnterior>${escXml(link.signature.slice(0, 100))}</SignatureValueFirmaFacturaAnterior>` +
    '</EncadenamientoFacturaAnterior>'
  );
}

/**
 * Sets (or removes, for the first invoice) the chaining block of an unsigned alta document. The
 * text outside HuellaTBAI is left byte for byte as it was.
 */
export function setTbaiChain(xml: string, link: TbaiChainLink | undefined): string {
  if (xml.includes(':Signature') || /<Signature[\s>]/.test(xml)) throw new Error('chain data can only be set before signing');
  const withoutOld = xml.replace(/<EncadenamientoFacturaAnterior>[\s\S]*?<\/EncadenamientoFacturaAnterior>\s*/, '');
  if (!link) return withoutOld;
  const i = withoutOld.search(/<HuellaTBAI>/);
  if (i < 0) throw new Error('no HuellaTBAI element');
  const at = i + '<HuellaTBAI>'.length;
  return withoutOld.slice(0, at) + chainXml(link) + withoutOld.slice(at);
}
