/**
 * The issued-invoices book (Libro de Registro de Facturas Expedidas): `SuministroLRFacturasEmitidas`
 * to register or modify invoices, `BajaLRFacturasEmitidas` to cancel them (spec converters §3.2-3.3).
 */
import type { Fault } from '../../core/fault.ts';
import { SII_THIRD_PARTY_ISSUER } from '../../addons/es-sii/extensions.ts';
import type { ConvertResult } from '../types.ts';
import { tipoDesglose } from './desglose.ts';
import { rateLines } from './breakdown.ts';
import { Ctx, FAULT, guarded, result } from './context.ts';
import { settlementPeriod } from './format.ts';
import type { SiiCancelOptions, SiiOptions, SiiTitular } from './options.ts';
import { isForeign, partyId, partyName, personNode, spanishNif, titularOf, type PartyId } from './parties.ts';
import { readBatch, invoiceNumber, requiredDate, type SiiInvoice } from './read.ts';
import { cabeceraNode, checkOptions, docType, facturaCommon, isNegative, periodoNode, regimeKeys, totalAmount } from './record.ts';
import { el, node, opt, serialize, type XNode } from './xml.ts';

/** F2 and R5 name no customer (GOBL rules 04-06 skip them too). */
const WITHOUT_COUNTERPART = new Set(['F2', 'R5']);
/** Codes of list L2_RECI only. */
const RECEIVED_ONLY = ['F5', 'F6', 'LC'];

/**
 * Issued invoices share one titular, the supplier; `IDEmisorFactura` must be the titular's NIF.
 * Returns the issuer NIF (faults collected when it is missing or belongs to someone else).
 */
function issuerNif(si: SiiInvoice, titular: SiiTitular | undefined): string {
  const nif = spanishNif(si.inv.supplier);
  if (!nif) {
    si.ctx.fault(FAULT.missing, si.inv.supplier ? 'supplier.tax_id' : 'supplier', 'the supplier needs a Spanish tax ID (NIF) to report issued invoices');
    return '';
  }
  if (titular && nif !== titular.nif) {
    si.ctx.fault(FAULT.titular, 'supplier.tax_id.code', `the supplier NIF ${nif} is not the titular's (${titular.nif}): one request carries the books of one titular`);
  }
  return nif;
}

function idFactura(si: SiiInvoice, nif: string): XNode {
  return node(
    'siiLR:IDFactura',
    node('sii:IDEmisorFactura', el('sii:NIF', nif)),
    el('sii:NumSerieFacturaEmisor', invoiceNumber(si.ctx, si.inv.series, si.inv.code, '')),
    el('sii:FechaExpedicionFacturaEmisor', requiredDate(si.ctx, si.inv.issue_date, 'issue_date')),
  );
}

/** The titular of a batch: the option, or the first readable invoice's owner (supplier/customer). */
export function batchTitular(
  items: readonly (SiiInvoice | undefined)[],
  given: SiiTitular | undefined,
  owner: 'supplier' | 'customer',
): SiiTitular | undefined {
  if (given) return given;
  const first = items.find((s) => !!s);
  return first ? titularOf(first.ctx, undefined, first.inv[owner], owner) : undefined;
}

function counterpart(si: SiiInvoice, tipoFactura: string): { name: string; id: PartyId } | undefined {
  if (WITHOUT_COUNTERPART.has(tipoFactura)) return undefined;
  const customer = si.inv.customer;
  if (!customer) {
    si.ctx.fault(FAULT.missing, 'customer', `invoice type ${tipoFactura} needs the customer (Contraparte)`);
    return undefined;
  }
  const id = partyId(si.ctx, customer, 'customer');
  if (!id) {
    si.ctx.fault(FAULT.missing, 'customer', "the customer needs a tax ID or an identity with the 'es-sii-identity-type' extension");
    return undefined;
  }
  return { name: partyName(si.ctx, customer, 'customer'), id };
}

function issuedRecord(si: SiiInvoice, titular: SiiTitular | undefined, opts: SiiOptions): XNode {
  const { inv, ctx } = si;
  const nif = issuerNif(si, titular);
  const tipoFactura = docType(si, RECEIVED_ONLY, 'issued invoices');
  const lines = rateLines(ctx, inv, si.eur, isNegative(si));
  const other = counterpart(si, tipoFactura);
  const period = settlementPeriod(inv.issue_date ?? '0000-00-00', opts.periodicity ?? 'monthly');
  return node(
    'siiLR:RegistroLRFacturasEmitidas',
    periodoNode(period),
    idFactura(si, nif),
    node(
      'siiLR:FacturaExpedida',
      ...facturaCommon(si, tipoFactura, regimeKeys(si, lines), totalAmount(si)),
      opt('sii:EmitidaPorTercerosODestinatario', inv.tax?.ext?.[SII_THIRD_PARTY_ISSUER]),
      other && personNode(other.name, other.id),
      tipoDesglose(ctx, lines, isForeign(other?.id)),
    ),
  );
}

/**
 * `siiLR:SuministroLRFacturasEmitidas` for up to 10 000 calculated invoices of one supplier.
 * Paths of faults point into the list: `$[0].doc.customer`.
 */
export function toSiiIssued(envelopes: readonly unknown[], opts: SiiOptions): ConvertResult<string> {
  return guarded(() => {
    const faults: Fault[] = [];
    checkOptions(new Ctx(faults, '$', -1), opts, true);
    const items = readBatch(envelopes, faults);
    const titular = batchTitular(items, opts?.titular, 'supplier');
    const records = items.filter((s): s is SiiInvoice => !!s).map((si) => issuedRecord(si, titular, opts ?? { communication: 'A0' }));
    return result(faults, () =>
      serialize(node('siiLR:SuministroLRFacturasEmitidas', cabeceraNode(titular!, opts.communication), ...records), ['siiLR', 'sii']),
    );
  });
}

/** `siiLR:BajaLRFacturasEmitidas`: cancels registered invoices (identified by NIF, number and date). */
export function toSiiCancelIssued(envelopes: readonly unknown[], opts: SiiCancelOptions = {}): ConvertResult<string> {
  return guarded(() => {
    const faults: Fault[] = [];
    checkOptions(new Ctx(faults, '$', -1), opts, false);
    const items = readBatch(envelopes, faults, true);
    const titular = batchTitular(items, opts?.titular, 'supplier');
    const records = items
      .filter((s): s is SiiInvoice => !!s)
      .map((si) =>
        node(
          'siiLR:RegistroLRBajaExpedidas',
          periodoNode(settlementPeriod(si.inv.issue_date ?? '0000-00-00', opts?.periodicity ?? 'monthly')),
          idFactura(si, issuerNif(si, titular)),
        ),
      );
    return result(faults, () => serialize(node('siiLR:BajaLRFacturasEmitidas', cabeceraNode(titular!), ...records), ['siiLR', 'sii']));
  });
}
