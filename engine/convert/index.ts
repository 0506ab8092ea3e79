/**
 * One entry point for every XML format: `convert` writes unsigned XML from a built envelope,
 * `importXml` reads a TicketBAI, VERI*FACTU or Facturae document back into a GOBL invoice.
 * Inputs that are not in the document (time, chain, software, zone) are explicit options.
 */
import type { Fault } from '../core/fault.ts';
import { toFacturae, fromFacturae } from './facturae/index.ts';
import { toSiiIssued, toSiiReceived, siiSoapEnvelope } from './sii/index.ts';
import { fromTicketBai, toTicketBai, toTicketBaiCancel, type ChainData, type TbaiZone } from './ticketbai/index.ts';
import { fromVerifactu, toVerifactuAlta, toVerifactuCancel, toVerifactuSoap, type VerifactuChain } from './verifactu/index.ts';
import type { ConvertResult, SoftwareInfo } from './types.ts';

export type { ConvertResult, SoftwareInfo } from './types.ts';

export const CONVERT_FORMATS = ['ticketbai', 'ticketbai-cancel', 'verifactu', 'verifactu-cancel', 'sii', 'sii-received', 'facturae'] as const;
export type ConvertFormat = (typeof CONVERT_FORMATS)[number];

export const IMPORT_FORMATS = ['ticketbai', 'verifactu', 'facturae'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/**
 * The software identity written into TicketBAI and VERI*FACTU records when none is configured.
 * It is a clearly fictitious test identity (B00000000 passes the NIF check only because all its
 * digits are zero); a real deployment configures its own licence and developer NIF.
 */
export const TEST_SOFTWARE: SoftwareInfo = {
  license: 'TEST-LICENSE',
  nif: 'B00000000',
  name: 'gobl-studio',
  version: '0.1.0',
  systemName: 'gobl-studio',
  systemId: 'GS',
  installationNumber: '1',
  onlyVerifactu: true,
  multiOT: false,
  multipleOT: false,
};

export interface ConvertOptions {
  /** Conversion time (ISO-8601); TicketBAI and VERI*FACTU record it. */
  readonly now: string;
  readonly zone?: TbaiZone;
  /** The previous link of the chain: TicketBAI `ChainData` or VERI*FACTU `VerifactuChain`. */
  readonly previous?: ChainData | VerifactuChain;
  readonly software?: SoftwareInfo;
  /**
   * TicketBAI cancel: FechaExpedicionFactura of the alta being cancelled (dd-mm-yyyy or
   * yyyy-mm-dd); by default it is read from the envelope's `tbai-code` stamp.
   */
  readonly altaDate?: string;
  /** SII communication type (A0 new, A1 modification). */
  readonly communication?: 'A0' | 'A1';
  readonly pretty?: boolean;
  /**
   * Reproduce the reference converters' known numeric differences: TicketBAI `legacyLineTotals`
   * (detail lines as GOBL v0.403 wrote them) and Facturae `legacyTotals` (InvoiceTotal as
   * `total_with_tax` even with IRPF withheld). For comparing with their output, not for filing.
   */
  readonly legacy?: boolean;
}

/** SII converts batches: `$[0].doc.code` of a one-envelope batch is `$.doc.code`. */
function singleEnvelopePaths(f: Fault): Fault {
  return { ...f, paths: f.paths.map((p) => p.replace(/^\$\[0\]/, '$')) };
}

function formatFault(message: string): ConvertResult<string> {
  return { ok: false, faults: [{ code: 'CONVERT-01', paths: ['$options.format'], message }] };
}

export function convert(envelope: unknown, format: ConvertFormat, opts: ConvertOptions): ConvertResult<string> {
  const software = opts.software ?? TEST_SOFTWARE;
  switch (format) {
    case 'ticketbai':
      return toTicketBai(envelope, {
        now: opts.now,
        zone: opts.zone,
        previous: opts.previous as ChainData | undefined,
        software,
        pretty: opts.pretty ?? true,
        legacyLineTotals: opts.legacy === true,
      });
    case 'ticketbai-cancel':
      return toTicketBaiCancel(envelope, { software, pretty: opts.pretty ?? true, issueDate: opts.altaDate });
    case 'verifactu':
    case 'verifactu-cancel': {
      const o = { now: opts.now, previous: opts.previous as VerifactuChain | undefined, software };
      const record = format === 'verifactu' ? toVerifactuAlta(envelope, o) : toVerifactuCancel(envelope, o);
      if (!record.ok) return record;
      return toVerifactuSoap([record.value], { pretty: opts.pretty ?? true });
    }
    case 'sii':
    case 'sii-received': {
      const body = format === 'sii' ? toSiiIssued([envelope], { communication: opts.communication ?? 'A0' }) : toSiiReceived([envelope], { communication: opts.communication ?? 'A0' });
      if (!body.ok) return { ok: false, faults: body.faults.map(singleEnvelopePaths) };
      return siiSoapEnvelope(body.value);
    }
    case 'facturae':
      return toFacturae(envelope, { pretty: opts.pretty === false ? 'none' : 'tab', legacyTotals: opts.legacy === true });
    default:
      return formatFault(`unknown format ${JSON.stringify(format)}: expected one of ${CONVERT_FORMATS.join(', ')}`);
  }
}

/** Which format an XML document is, from its root element's namespace (undefined if none). */
export function detectXmlFormat(xml: string): ImportFormat | undefined {
  const head = xml.slice(0, 4096);
  if (/urn:ticketbai:emision/.test(head)) return 'ticketbai';
  if (/facturae/i.test(head) && /Facturae/.test(head)) return 'facturae';
  if (/aeat\/tike\/cont\/ws/.test(xml.slice(0, 8192))) return 'verifactu';
  return undefined;
}

export function importXml(xml: string, from?: ImportFormat): ConvertResult<{ format: ImportFormat; document: unknown }> {
  const format = from ?? detectXmlFormat(xml);
  if (!format) {
    const fault: Fault = { code: 'CONVERT-IMPORT-01', paths: ['$'], message: 'not a TicketBAI, VERI*FACTU or Facturae document (no known root element namespace)' };
    return { ok: false, faults: [fault] };
  }
  const r = format === 'ticketbai' ? fromTicketBai(xml) : format === 'verifactu' ? fromVerifactu(xml) : fromFacturae(xml);
  return r.ok ? { ok: true, value: { format, document: r.value } } : r;
}
