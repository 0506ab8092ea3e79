/**
 * The received-invoices book (Libro de Registro de Facturas Recibidas): `SuministroLRFacturasRecibidas`.
 * The titular is the customer; the supplier is `IDEmisorFactura` and `Contraparte` (NIF or IDOtro).
 *
 * Limitations, as Invopop documents them for its SII service (seed 004) and enforced here as
 * faults rather than silently dropped:
 * - the deductible VAT (`CuotaDeducible`) always equals the VAT borne, so an invoice whose
 *   deductible VAT is lower cannot be reported — asking for another amount, or an invoice with an
 *   equivalence surcharge (the retailer under that regime deducts nothing), is refused;
 * - invoices cannot be flagged as investment goods (`BienInversion`);
 * - the deduction period is the settlement period (no `EjercicioDeduccion`/`PeriodoDeduccion`).
 *
 * Reverse-charge purchases go to `InversionSujetoPasivo` and intra-community acquisitions of goods
 * to `DesgloseIVA`, both with VAT the recipient self-assesses (GOBL invoices carry no rate for
 * them: the `selfAssessedRate` option, else the Spanish general rate of the operation date).
 * Exempt and outside-scope amounts are reported as a base without rate or quota.
 */
import { type Amount, compare } from '../../core/amount.ts';
import type { Fault } from '../../core/fault.ts';
import { isCalendarDate } from '../../core/dates.ts';
import { esCategories } from '../../regimes/es/tax-categories.ts';
import type { ConvertResult } from '../types.ts';
import { type RateLine, importe, plus, quotaOf, rateLines, tipo } from './breakdown.ts';
import { Ctx, FAULT, guarded, result } from './context.ts';
import { ZERO2, money, readAmount, readRate, settlementPeriod } from './format.ts';
import { batchTitular } from './issued.ts';
import type { SiiReceivedOptions, SiiReceivedRecord, SiiTitular } from './options.ts';
import { idNodes, partyId, partyName, personNode, spanishNif, type PartyId } from './parties.ts';
import { invoiceNumber, readBatch, requiredDate, type SiiInvoice } from './read.ts';
import { cabeceraNode, checkOptions, docType, facturaCommon, isNegative, periodoNode, regimeKeys, totalAmount } from './record.ts';
import { el, group, node, serialize, type XNode } from './xml.ts';

/** Codes of list L2_EMI only. */
const ISSUED_ONLY = ['AJ'];
/** List L3.2 (received invoices); 10, 11 and 15-17 only exist for issued invoices. */
const RECEIVED_REGIMES = new Set(['01', '03', '04', '05', '06', '07', '08', '09', '12', '13', '14']);
const EU = new Set('AT BE BG CY CZ DE DK EE EL FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK XI'.split(' '));
const MAX_ROWS = 6;

interface Row {
  readonly rate?: Amount;
  base: Amount;
  quota?: Amount;
  readonly surchargeRate?: Amount;
  surchargeQuota?: Amount;
  readonly rel: string;
}

/** The Spanish general VAT rate on a date, from the regime's dated rates. */
function spanishGeneralRate(date: string): Amount | undefined {
  const general = esCategories.find((c) => c.code === 'VAT')?.rates?.find((r) => r.rate === 'general');
  return readRate(general?.values?.find((v) => !v.since || v.since <= date)?.percent);
}

function addRow(rows: Map<string, Row>, key: string, row: Row): void {
  const found = rows.get(key);
  if (!found) rows.set(key, row);
  else {
    found.base = plus(found.base, row.base)!;
    found.quota = plus(found.quota, row.quota);
    found.surchargeQuota = plus(found.surchargeQuota, row.surchargeQuota);
  }
}

function detalle(ctx: Ctx, r: Row, isp: boolean): XNode {
  return node(
    'sii:DetalleIVA',
    r.rate && el('sii:TipoImpositivo', tipo(ctx, r.rate, `${r.rel}.percent`)),
    el('sii:BaseImponible', importe(ctx, r.base, `${r.rel}.base`)),
    (isp || r.quota) && el('sii:CuotaSoportada', importe(ctx, r.quota ?? ZERO2, `${r.rel}.amount`)),
    r.surchargeRate && el('sii:TipoRecargoEquivalencia', tipo(ctx, r.surchargeRate, `${r.rel}.surcharge.percent`)),
    r.surchargeRate && el('sii:CuotaRecargoEquivalencia', importe(ctx, r.surchargeQuota ?? ZERO2, `${r.rel}.surcharge.amount`)),
  );
}

function rowsNode(ctx: Ctx, name: string, rows: Map<string, Row>, isp: boolean): XNode | undefined {
  const list = [...rows.values()];
  if (list.length > MAX_ROWS) ctx.fault(FAULT.unsupported, list[MAX_ROWS].rel, `SII allows at most ${MAX_ROWS} rows in ${name.slice(4)}`);
  return group(name, ...list.map((r) => detalle(ctx, r, isp)));
}

/** Splits the rate totals into reverse-charge (ISP) and ordinary rows; returns the deductible quota. */
function receivedBreakdown(si: SiiInvoice, lines: readonly RateLine[], selfRate: Amount | undefined) {
  const isp = new Map<string, Row>();
  const iva = new Map<string, Row>();
  const selfAssessed = (l: RateLine) => {
    if (!selfRate) si.ctx.fault(FAULT.missing, l.rel, 'no self-assessed VAT rate is known for this date: give the selfAssessedRate option');
    const rate = selfRate ?? ZERO2;
    return { rate, base: l.base, quota: quotaOf(l.base, rate), rel: l.rel };
  };
  for (const l of lines) {
    const op = l.op;
    if (op.kind === 'taxed' && op.reverse) addRow(isp, `${selfRate?.value}`, selfAssessed(l));
    else if (op.kind === 'exempt' && op.cause === 'E5') addRow(iva, `S|${selfRate?.value}`, selfAssessed(l));
    else if (op.kind === 'taxed') {
      const row = { rate: l.rate, base: l.base, quota: l.quota, surchargeRate: l.surchargeRate, surchargeQuota: l.surchargeQuota, rel: l.rel };
      addRow(iva, `T|${l.rate?.value}|${l.surchargeRate?.value ?? ''}`, row);
    } else addRow(iva, 'base-only', { base: l.base, rel: l.rel });
  }
  let deductible: Amount = ZERO2;
  for (const r of [...isp.values(), ...iva.values()]) deductible = plus(deductible, r.quota)!;
  return { isp, iva, deductible };
}

/** The equivalence surcharge means the recipient deducts nothing: below the VAT borne (seed 004). */
function refuseSurcharge(si: SiiInvoice): void {
  (si.inv.lines ?? []).forEach((l, i) =>
    (l?.taxes ?? []).forEach((c, j) => {
      if (c?.surcharge) {
        si.ctx.fault(
          FAULT.deductible,
          `lines[${i}].taxes[${j}].surcharge`,
          'a recipient under the equivalence surcharge regime deducts no VAT, and SII reporting only supports a deductible VAT equal to the VAT borne',
        );
      }
    }),
  );
}

/** ClaveRegimen for the recipient: intra-EU purchases are 09; issued-only keys are refused. */
function receivedKeys(si: SiiInvoice, lines: readonly RateLine[], supplierId: PartyId | undefined): string[] {
  const fromEu = !!supplierId && 'other' in supplierId && EU.has(si.inv.supplier?.tax_id?.country ?? '');
  const selfAssessed = lines.some((l) => (l.op.kind === 'taxed' && l.op.reverse) || (l.op.kind === 'exempt' && l.op.cause === 'E5'));
  return regimeKeys(si, lines, (code) => {
    if (code === '01' && fromEu && selfAssessed) return '09';
    if (!RECEIVED_REGIMES.has(code)) {
      si.ctx.fault(FAULT.receivedOnly, 'totals.taxes', `regime key ${code} only exists in the issued-invoices book`);
    }
    return code;
  });
}

function checkRecord(si: SiiInvoice, rec: SiiReceivedRecord | undefined, period: { year: string; period: string }, deductible: Amount): void {
  const at = `$options.records[${si.ctx.index}]`;
  if (rec?.deductible !== undefined) {
    const asked = readAmount(rec.deductible);
    if (!asked) si.ctx.faultAt(FAULT.option, `${at}.deductible`, 'expected a decimal amount');
    else if (compare(asked, deductible) !== 0) {
      si.ctx.faultAt(FAULT.deductible, `${at}.deductible`, `the deductible VAT must equal the VAT borne (${money(deductible)}): partial deductions cannot be reported`);
    }
  }
  if (rec?.investmentGoods === true) {
    si.ctx.faultAt(FAULT.investmentGoods, `${at}.investmentGoods`, 'received invoices cannot be flagged as investment goods (bienes de inversión)');
  }
  const dp = rec?.deductionPeriod;
  if (dp && (dp.year !== period.year || dp.period !== period.period)) {
    si.ctx.faultAt(FAULT.deductionPeriod, `${at}.deductionPeriod`, `the deduction period must be the settlement period ${period.year}/${period.period}`);
  }
}

function registrationDate(si: SiiInvoice, rec: SiiReceivedRecord | undefined): string {
  const issue = si.inv.issue_date ?? '';
  const date = rec?.registrationDate ?? issue;
  const at = `$options.records[${si.ctx.index}].registrationDate`;
  if (rec?.registrationDate !== undefined && !isCalendarDate(date)) si.ctx.faultAt(FAULT.option, at, 'expected a date YYYY-MM-DD');
  else if (isCalendarDate(issue) && date < issue) si.ctx.faultAt(FAULT.option, at, 'the registration date cannot be before the issue date');
  return isCalendarDate(date) ? date : '0000-00-00';
}

function receivedRecord(si: SiiInvoice, titular: SiiTitular | undefined, opts: SiiReceivedOptions): XNode {
  const { inv, ctx } = si;
  const rec = opts.records?.[ctx.index];
  const nif = spanishNif(inv.customer);
  if (!nif) ctx.fault(FAULT.missing, inv.customer ? 'customer.tax_id' : 'customer', 'the customer (owner of the received book) needs a Spanish tax ID (NIF)');
  else if (titular && nif !== titular.nif) {
    ctx.fault(FAULT.titular, 'customer.tax_id.code', `the customer NIF ${nif} is not the titular's (${titular.nif}): one request carries the books of one titular`);
  }
  const supplier = inv.supplier;
  const supplierId = supplier ? partyId(ctx, supplier, 'supplier') : undefined;
  if (!supplierId) ctx.fault(FAULT.missing, supplier ? 'supplier.tax_id' : 'supplier', 'the supplier needs a tax ID (NIF or foreign tax ID)');
  const regDate = registrationDate(si, rec);
  const period = settlementPeriod(regDate, opts.periodicity ?? 'monthly');
  const tipoFactura = docType(si, ISSUED_ONLY, 'received invoices');
  const lines = rateLines(ctx, inv, si.eur, isNegative(si));
  if (lines.length === 0) ctx.fault(FAULT.missing, 'totals.taxes', 'SII needs a VAT breakdown: the invoice has no VAT, IGIC or IPSI rates');
  let selfRate = rec?.selfAssessedRate !== undefined ? readRate(rec.selfAssessedRate) : spanishGeneralRate(inv.op_date ?? inv.issue_date ?? '');
  if (rec?.selfAssessedRate !== undefined && !selfRate) {
    ctx.faultAt(FAULT.option, `$options.records[${ctx.index}].selfAssessedRate`, 'expected a percentage such as "21%"');
    selfRate = ZERO2;
  }
  refuseSurcharge(si);
  const { isp, iva, deductible } = receivedBreakdown(si, lines, selfRate);
  checkRecord(si, rec, period, deductible);
  const idEmisor = supplierId ?? { nif: '' };
  return node(
    'siiLR:RegistroLRFacturasRecibidas',
    periodoNode(period),
    node(
      'siiLR:IDFactura',
      node('sii:IDEmisorFactura', ...idNodes(idEmisor)),
      el('sii:NumSerieFacturaEmisor', invoiceNumber(ctx, inv.series, inv.code, '')),
      el('sii:FechaExpedicionFacturaEmisor', requiredDate(ctx, inv.issue_date, 'issue_date')),
    ),
    node(
      'siiLR:FacturaRecibida',
      ...facturaCommon(si, tipoFactura, receivedKeys(si, lines, supplierId), totalAmount(si)),
      node('sii:DesgloseFactura', rowsNode(ctx, 'sii:InversionSujetoPasivo', isp, true), rowsNode(ctx, 'sii:DesgloseIVA', iva, false)),
      personNode(supplier ? partyName(ctx, supplier, 'supplier') : '', idEmisor),
      el('sii:FechaRegContable', requiredDate(ctx, regDate, 'issue_date')),
      el('sii:CuotaDeducible', importe(ctx, deductible, 'totals.taxes')),
    ),
  );
}

/**
 * `siiLR:SuministroLRFacturasRecibidas` for up to 10 000 calculated invoices received by one
 * customer. Bookkeeping facts come per invoice in `opts.records` (same positions as the list).
 */
export function toSiiReceived(envelopes: readonly unknown[], opts: SiiReceivedOptions): ConvertResult<string> {
  return guarded(() => {
    const faults: Fault[] = [];
    checkOptions(new Ctx(faults, '$', -1), opts, true);
    const items = readBatch(envelopes, faults);
    const titular = batchTitular(items, opts?.titular, 'customer');
    const records = items.filter((s): s is SiiInvoice => !!s).map((si) => receivedRecord(si, titular, opts ?? { communication: 'A0' }));
    return result(faults, () =>
      serialize(node('siiLR:SuministroLRFacturasRecibidas', cabeceraNode(titular!, opts.communication), ...records), ['siiLR', 'sii']),
    );
  });
}
