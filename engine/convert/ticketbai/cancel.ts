/**
 * TicketBAI cancellation (`T:AnulaTicketBai`, `urn:ticketbai:anulacion`): the invoice's identity
 * (issuer, series, number, FechaExpedicionFactura) and the software; not chained. Spec §1.6.
 *
 * The alta's FechaExpedicionFactura was the *conversion* date, not `issue_date`, so it is taken
 * from the `issueDate` option or else from the envelope's `tbai-code` stamp (`ddmmyy` part), as
 * gobl.es.ticketbai does.
 */
import type { ConvertResult, SoftwareInfo } from '../types.ts';
import { type Ctx, FAULT, Faults, NS_ANULA, TBAI_VERSION, isObject, text, toDmy } from './common.ts';
import { buildSoftware } from './huella.ts';
import { emisor } from './sujetos.ts';
import { checkSupplier, readInvoice } from './validate.ts';
import { renderXml } from './xml.ts';

export interface TicketBaiCancelOptions {
  readonly software: SoftwareInfo;
  /** FechaExpedicionFactura of the alta being cancelled (`dd-mm-yyyy` or `yyyy-mm-dd`). */
  readonly issueDate?: string;
  readonly deviceSerial?: string;
  readonly pretty?: boolean;
}

export const STAMP_TBAI_CODE = 'tbai-code';

const TBAI_ID_RE = /^TBAI-[0-9A-Za-z]{9}-(\d{2})(\d{2})(\d{2})-.{13}-\d{3}$/;

/** The alta's FechaExpedicionFactura from a TicketBAI identifier (`TBAI-NIF-ddmmyy-…`). */
export function issueDateFromIdentifier(id: string): string | undefined {
  const m = TBAI_ID_RE.exec(id);
  return m ? `${m[1]}-${m[2]}-20${m[3]}` : undefined;
}

function stampedIdentifier(head: Record<string, unknown> | undefined): string | undefined {
  const stamps = head && Array.isArray(head.stamps) ? head.stamps : [];
  for (const s of stamps) if (isObject(s) && s.prv === STAMP_TBAI_CODE && typeof s.val === 'string') return s.val;
  return undefined;
}

export function toTicketBaiCancel(envelope: unknown, opts: TicketBaiCancelOptions): ConvertResult<string> {
  try {
    return convertCancel(envelope, opts ?? ({} as TicketBaiCancelOptions));
  } catch (e) {
    return { ok: false, faults: [{ code: FAULT.serialize, paths: ['$'], message: `internal error: ${e instanceof Error ? e.message : String(e)}` }] };
  }
}

function convertCancel(envelope: unknown, opts: TicketBaiCancelOptions): ConvertResult<string> {
  const f = new Faults();
  const read = readInvoice(envelope, f);
  const software = buildSoftware(f, opts.software);
  if (!read) return { ok: false, faults: f.list };
  const { inv, base, head } = read;
  checkSupplier(inv, base, f);

  let date: string | undefined;
  if (opts.issueDate !== undefined) {
    date = typeof opts.issueDate === 'string' ? toDmy(opts.issueDate) : undefined;
    if (!date) f.add(FAULT.option, 'opts.issueDate', 'the issue date must be dd-mm-yyyy (or yyyy-mm-dd)');
  } else {
    const id = stampedIdentifier(head);
    date = id ? issueDateFromIdentifier(id) : undefined;
    if (!date) {
      f.add(
        FAULT.cancelDate,
        '$.head.stamps',
        id
          ? `the ${STAMP_TBAI_CODE} stamp ${JSON.stringify(id)} is not a TicketBAI identifier`
          : `the alta's FechaExpedicionFactura is unknown: give the issueDate option or a ${STAMP_TBAI_CODE} stamp`,
      );
    }
  }
  if (!f.empty) return { ok: false, faults: f.list };

  const ctx: Ctx = { inv, base, faults: f, zone: 'BI', negate: false, legacyLineTotals: false };
  const root = {
    'T:AnulaTicketBai': {
      '@xmlns:T': NS_ANULA,
      Cabecera: { IDVersionTBAI: TBAI_VERSION },
      IDFactura: {
        Emisor: emisor(ctx),
        CabeceraFactura: {
          SerieFactura: text(f, inv.series, `${base}.series`, 'series', 20),
          NumFactura: text(f, inv.code, `${base}.code`, 'code', 20, true) ?? '',
          FechaExpedicionFactura: date!,
        },
      },
      HuellaTBAI: { Software: software, NumSerieDispositivo: text(f, opts.deviceSerial, 'opts.deviceSerial', 'device serial number', 30) },
    },
  };
  if (!f.empty) return { ok: false, faults: f.list };
  return renderXml(root, opts.pretty === true);
}
