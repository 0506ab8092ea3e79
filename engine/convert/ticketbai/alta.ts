/**
 * GOBL invoice → TicketBAI alta (`T:TicketBai`, IDVersionTBAI 1.2), unsigned: the XAdES
 * signature is added afterwards over the compact form this returns by default.
 */
import type { ConvertResult, SoftwareInfo } from '../types.ts';
import { type Ctx, FAULT, Faults, NS_ALTA, TBAI_VERSION, type TbaiZone, madridDateTime, parseTimestamp } from './common.ts';
import { buildFactura } from './factura.ts';
import { type ChainData, buildHuella } from './huella.ts';
import { type IssuerRole, buildSujetos } from './sujetos.ts';
import { checkInvoice, readInvoice, resolveZone } from './validate.ts';
import { renderXml } from './xml.ts';

export interface TicketBaiOptions {
  /** Province; defaults to the invoice's `tax.ext["es-tbai-region"]`. */
  readonly zone?: TbaiZone;
  /**
   * Conversion time, ISO-8601 with offset (`2022-02-01T04:00:00Z`). TicketBAI's
   * FechaExpedicionFactura/HoraExpedicionFactura are this instant in Europe/Madrid, not `issue_date`.
   */
  readonly now: string;
  /** The previous document of the same issuer; omit only for the very first one. */
  readonly previous?: ChainData;
  readonly software: SoftwareInfo;
  /** Issued by a third party on the supplier's behalf (EmitidaPorTercerosODestinatario = T). */
  readonly thirdParty?: boolean;
  /** Issued by the customer (self-billing, EmitidaPorTercerosODestinatario = D). */
  readonly issuedByCustomer?: boolean;
  /** NumSerieDispositivo (≤ 30 characters). */
  readonly deviceSerial?: string;
  /** Indent with two spaces (default compact: the form to sign and send). */
  readonly pretty?: boolean;
  /**
   * Reproduce invopop/gobl.ticketbai @ c818e45 (GOBL v0.403), whose fixtures predate the fix in
   * gobl.es.ticketbai: each line's VAT in IDDetalleFactura/ImporteTotal rounded to whole units
   * (1620.00 at 21% gives 1960.00, not 1960.20), ImporteUnitario always at two decimals and
   * Descuento with the line's own decimals. Only IDDetalleFactura changes; totals and breakdown
   * are the same. Off by default (the current, correct behaviour).
   */
  readonly legacyLineTotals?: boolean;
}

/** Checks the conversion time; faults go to `opts.now`. */
export function conversionTime(now: unknown, f: Faults): { date: string; time: string } {
  const ms = typeof now === 'string' ? parseTimestamp(now) : undefined;
  if (ms === undefined) {
    f.add(FAULT.option, 'opts.now', 'the conversion time must be an ISO-8601 timestamp with an offset, e.g. 2022-02-01T04:00:00Z');
    return { date: '01-01-1970', time: '00:00:00' };
  }
  return madridDateTime(ms);
}

export function toTicketBai(envelope: unknown, opts: TicketBaiOptions): ConvertResult<string> {
  try {
    return convert(envelope, opts ?? ({} as TicketBaiOptions));
  } catch (e) {
    return { ok: false, faults: [{ code: FAULT.serialize, paths: ['$'], message: `internal error: ${e instanceof Error ? e.message : String(e)}` }] };
  }
}

function convert(envelope: unknown, opts: TicketBaiOptions): ConvertResult<string> {
  const f = new Faults();
  const read = readInvoice(envelope, f);
  if (!read) return { ok: false, faults: f.list };
  const { inv, base } = read;
  const zone = resolveZone(inv, base, opts.zone, f);
  checkInvoice(inv, base, zone, f);
  const issued = conversionTime(opts.now, f);
  if (opts.thirdParty && opts.issuedByCustomer) f.add(FAULT.option, 'opts.thirdParty', 'thirdParty and issuedByCustomer are exclusive');
  const huella = buildHuella(f, opts.software, opts.previous, opts.deviceSerial);
  // Structural problems make the document parts meaningless: report them first.
  if (!inv.totals || !f.empty) return { ok: false, faults: f.list };

  const ctx: Ctx = { inv, base, faults: f, zone, negate: inv.type === 'credit-note', legacyLineTotals: opts.legacyLineTotals === true };
  const role: IssuerRole = opts.thirdParty ? 'T' : opts.issuedByCustomer ? 'D' : 'N';
  const root = {
    'T:TicketBai': {
      '@xmlns:T': NS_ALTA,
      Cabecera: { IDVersionTBAI: TBAI_VERSION },
      Sujetos: buildSujetos(ctx, role),
      Factura: buildFactura(ctx, issued),
      HuellaTBAI: huella,
    },
  };
  if (!f.empty) return { ok: false, faults: f.list };
  return renderXml(root, opts.pretty === true);
}
