/**
 * GOBL invoice → VERI*FACTU RegistroAlta (registration) and RegistroAnulacion (cancellation),
 * with the huella chained to the previous record. Mapping notes: shared/spec/converters.md §4.1;
 * the fixtures of invopop/gobl.verifactu are reproduced except for the signature.
 */
import type { Fault } from '../../core/fault.ts';
import { type Amount, add, compare, makeAmount, parseAmount, sub } from '../../core/amount.ts';
import { invoice as invoiceSchema, type Invoice } from '../../model/bill.ts';
import type { CategoryTotal, RateTotal, TaxTotal } from '../../model/tax.ts';
import {
  VERIFACTU_CORRECTION_TYPE,
  VERIFACTU_DOC_TYPE,
  VERIFACTU_EXEMPT,
  VERIFACTU_ISSUER_TYPE,
  VERIFACTU_OP_CLASS,
  VERIFACTU_REGIME,
  VERIFACTU_SIMPLIFIED_ART7273,
} from '../../addons/es-verifactu/extensions.ts';
import type { ConvertResult } from '../types.ts';
import {
  type CheckedOptions,
  ID_VERSION,
  TIPO_HUELLA,
  VERIFACTU_ADDON,
  type VerifactuChain,
  type VerifactuOptions,
  aeatDate,
  chainNode,
  checkOptions,
  fault,
  money,
  partyNode,
  percentText,
  readAmount,
  softwareNode,
} from './common.ts';
import { verifactuHuella } from './huella.ts';
import { type XNode, el, group, opt, serialize } from './xml.ts';

/** A record ready to be stored, chained from and sent (see `toVerifactuSoap`). */
export interface VerifactuRecord {
  readonly kind: 'alta' | 'anulacion';
  /** The standalone record (`sum1:RegistroAlta` / `sum1:RegistroAnulacion` declaring `sum1`). */
  readonly xml: string;
  /** The same record as data, for wrapping in a SOAP envelope. */
  readonly tree: XNode;
  readonly huella: string;
  /** What the next record of this issuer must quote as `previous`. */
  readonly chain: VerifactuChain;
  /** ObligadoEmision for the SOAP header (the name is unknown for cancellations). */
  readonly issuer: { readonly nif: string; readonly name?: string };
  /** The fields of the invoice's QR code (altas only): pass to `verifactuQrUrl` with an env. */
  readonly qr?: { readonly nif: string; readonly seriesCode: string; readonly issueDate: string; readonly total: string };
}

export interface VerifactuAltaOptions extends VerifactuOptions {
  /** RefExterna. */
  readonly externalRef?: string;
  /** Subsanacion: `true` (S) re-registers an invoice already accepted, to correct it; `false`
   * writes an explicit N; undefined leaves the element out. */
  readonly amendment?: boolean;
  /** RechazoPrevio: `S` after the AEAT rejected the record, `X` when it was never registered. */
  readonly priorRejection?: 'N' | 'S' | 'X';
}

export interface VerifactuCancelOptions extends VerifactuOptions {
  readonly externalRef?: string;
  /** SinRegistroPrevio `S`: the invoice was never registered. */
  readonly noPriorRecord?: boolean;
  /** RechazoPrevio `S`: the previous cancellation was rejected. */
  readonly priorRejection?: boolean;
}

const CORRECTIVE_DOC_TYPES = new Set(['R1', 'R2', 'R3', 'R4', 'R5']);
/** Regimes whose breakdown does not cover the whole invoice (REBU, travel agencies, groups,
 * different regime, mediation): only outlays are taken out of ImporteTotal there. */
const PARTIAL_BREAKDOWN_REGIMES = new Set(['03', '05', '06', '08', '09']);
const TAX_CODES: Readonly<Record<string, string>> = { VAT: '01', IPSI: '02', IGIC: '03' };
const MACRODATO = makeAmount(100_000_000n, 0);

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The invoice inside an envelope (or a bare invoice), parsed with the engine's model. */
function readInvoice(input: unknown, faults: Fault[]): { inv: Invoice; base: string } | undefined {
  const isEnv = isObject(input) && isObject(input.doc);
  const raw = isEnv ? (input as Json).doc : input;
  const base = isEnv ? '$.doc' : '$';
  if (!isObject(raw)) {
    faults.push(fault('01', '$', 'expected a GOBL envelope holding a bill/invoice'));
    return undefined;
  }
  if (typeof raw.$schema === 'string' && !raw.$schema.endsWith('/bill/invoice')) {
    faults.push(fault('01', `${base}.$schema`, `expected a bill/invoice, got ${raw.$schema}`));
    return undefined;
  }
  const parsed = invoiceSchema.safeParse(raw);
  if (!parsed.success) {
    for (const i of parsed.error.issues.slice(0, 10)) {
      faults.push(fault('01', base + i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join(''), i.message));
    }
    return undefined;
  }
  return { inv: parsed.data as Invoice, base };
}

const seriesCode = (series: string | null | undefined, code: string | null | undefined): string =>
  series ? `${series.trim()}-${(code ?? '').trim()}` : (code ?? '').trim();

/** Checks shared by alta and anulación: addon, supplier NIF, code, issue date. */
function identify(inv: Invoice, base: string, faults: Fault[]) {
  if (!(inv.$addons ?? []).includes(VERIFACTU_ADDON)) faults.push(fault('02', `${base}.$addons`, `the invoice must use the ${VERIFACTU_ADDON} addon`));
  const nif = (inv.supplier?.tax_id?.code ?? '').trim();
  if (!inv.supplier) faults.push(fault('03', `${base}.supplier`, 'supplier is required'));
  else if ((inv.supplier.tax_id?.country ?? '').toUpperCase() !== 'ES' || nif === '') {
    faults.push(fault('03', `${base}.supplier.tax_id`, 'the supplier needs a Spanish tax ID (country ES with a code)'));
  }
  if (!inv.code) faults.push(fault('03', `${base}.code`, 'code is required'));
  const numSerie = seriesCode(inv.series, inv.code);
  if (numSerie.length > 60) faults.push(fault('03', `${base}.code`, `series and code make "${numSerie}", longer than the 60 characters of NumSerieFactura`));
  const date = aeatDate(inv.issue_date);
  if (date === undefined) faults.push(fault('03', `${base}.issue_date`, 'issue_date is required'));
  return { nif, numSerie, date: date ?? '' };
}

// ---------------------------------------------------------------------------------------------
// Desglose

function detalle(cat: CategoryTotal, r: RateTotal, path: string, invert: boolean, faults: Fault[]): XNode | undefined {
  const code = (cat.code ?? '').toUpperCase();
  const impuesto = TAX_CODES[code] ?? '05';
  const ext = r.ext ?? {};
  const base = readAmount(r.base, `${path}.base`, faults);
  const exempt = ext[VERIFACTU_EXEMPT];
  const opClass = ext[VERIFACTU_OP_CLASS];
  const regime = code === 'VAT' || code === 'IGIC' ? ext[VERIFACTU_REGIME] : undefined;
  if ((code === 'VAT' || code === 'IGIC') && !regime) faults.push(fault('06', `${path}.ext`, `missing ${VERIFACTU_REGIME} on the ${code} rate`));
  const isExempt = (r.percent === undefined || r.percent === null) && !!exempt;
  if (!isExempt && !opClass) {
    faults.push(fault('06', `${path}.ext`, `missing ${VERIFACTU_OP_CLASS} or ${VERIFACTU_EXEMPT} (without percent) on the ${code} rate`));
    return undefined;
  }
  if (base === undefined) return undefined;
  const m = (a: Amount) => money(a, invert);
  let cuota: string | undefined;
  let tipo: string | undefined;
  let recargoTipo: string | undefined;
  let recargoCuota: string | undefined;
  if (!isExempt && (opClass === 'S1' || opClass === 'S2')) {
    const amount = readAmount(r.amount, `${path}.amount`, faults);
    if (amount !== undefined) cuota = m(amount);
    if (opClass === 'S1') {
      if (r.percent) tipo = percentText(r.percent);
      if (r.surcharge) {
        if (r.surcharge.percent) recargoTipo = percentText(r.surcharge.percent);
        const sa = readAmount(r.surcharge.amount, `${path}.surcharge.amount`, faults);
        if (sa !== undefined) recargoCuota = m(sa);
      }
    } else {
      // Reverse charge: the customer accounts for the tax.
      tipo = '0';
    }
  }
  const aCoste = impuesto === '02' || impuesto === '05' || regime === '06' ? m(base) : undefined;
  return group('sum1:DetalleDesglose', [
    el('sum1:Impuesto', impuesto),
    opt('sum1:ClaveRegimen', regime),
    isExempt ? undefined : el('sum1:CalificacionOperacion', opClass as string),
    isExempt ? el('sum1:OperacionExenta', exempt as string) : undefined,
    opt('sum1:TipoImpositivo', tipo),
    el('sum1:BaseImponibleOimporteNoSujeto', m(base)),
    opt('sum1:BaseImponibleACoste', aCoste),
    opt('sum1:CuotaRepercutida', cuota),
    opt('sum1:TipoRecargoEquivalencia', recargoTipo),
    opt('sum1:CuotaRecargoEquivalencia', recargoCuota),
  ]);
}

function desglose(inv: Invoice, base: string, invert: boolean, faults: Fault[]): XNode | undefined {
  const cats = inv.totals?.taxes?.categories ?? [];
  const details: XNode[] = [];
  cats.forEach((c, ci) => {
    if (!c || c.retained) return;
    (c.rates ?? []).forEach((r, ri) => {
      if (!r) return;
      const d = detalle(c, r, `${base}.totals.taxes.categories[${ci}].rates[${ri}]`, invert, faults);
      if (d) details.push(d);
    });
  });
  if (details.length === 0) {
    faults.push(fault('06', `${base}.totals.taxes`, 'VERI*FACTU needs at least one tax rate in the breakdown (exempt and outside-scope rates count)'));
    return undefined;
  }
  if (details.length > 12) faults.push(fault('06', `${base}.totals.taxes`, `${details.length} tax rates: Desglose allows at most 12`));
  return group('sum1:Desglose', details);
}

// ---------------------------------------------------------------------------------------------
// Totals

/** CuotaTotal: the tax of every non-retained category (totals.tax). */
function cuotaTotal(inv: Invoice, base: string, faults: Fault[]): Amount | undefined {
  return readAmount(inv.totals?.tax ?? (inv.totals ? '0.00' : undefined), `${base}.totals.tax`, faults);
}

/** ImporteTotal: total with tax (retentions are not reported), less the charges without taxes
 * (outlays, suplidos), which are not part of the operation; in regimes with a partial breakdown
 * only charges keyed `outlay` are taken out, as other untaxed amounts belong to the operation. */
function importeTotal(inv: Invoice, base: string, faults: Fault[]): Amount | undefined {
  let total = readAmount(inv.totals?.total_with_tax, `${base}.totals.total_with_tax`, faults);
  if (total === undefined) return undefined;
  const partial = (inv.totals?.taxes?.categories ?? []).some((c) => (c?.rates ?? []).some((r) => PARTIAL_BREAKDOWN_REGIMES.has(r?.ext?.[VERIFACTU_REGIME] ?? '')));
  (inv.charges ?? []).forEach((ch, i) => {
    if (!ch || (ch.taxes ?? []).some((t) => t)) return;
    if (partial && ch.key !== 'outlay') return;
    const a = readAmount(ch.amount, `${base}.charges[${i}].amount`, faults);
    if (a !== undefined && total !== undefined) total = sub(total, a);
  });
  return total;
}

/** ImporteRectificacion for substitutions: the VAT totals of the invoices replaced. */
function importeRectificacion(inv: Invoice, base: string, faults: Fault[]): XNode {
  let b = makeAmount(0n, 2);
  let c = makeAmount(0n, 2);
  let s = makeAmount(0n, 2);
  (inv.preceding ?? []).forEach((ref, i) => {
    const tax: TaxTotal | null | undefined = ref?.tax;
    (tax?.categories ?? []).forEach((cat, ci) => {
      if (!cat || (cat.code ?? '').toUpperCase() !== 'VAT') return;
      const p = `${base}.preceding[${i}].tax.categories[${ci}]`;
      (cat.rates ?? []).forEach((r, ri) => {
        const a = r?.base ? readAmount(r.base, `${p}.rates[${ri}].base`, faults) : undefined;
        if (a) b = add(b, a);
      });
      const amt = cat.amount ? readAmount(cat.amount, `${p}.amount`, faults) : undefined;
      if (amt) c = add(c, amt);
      const sur = cat.surcharge ? readAmount(cat.surcharge, `${p}.surcharge`, faults) : undefined;
      if (sur) s = add(s, sur);
    });
  });
  return group('sum1:ImporteRectificacion', [
    el('sum1:BaseRectificada', money(b, false)),
    el('sum1:CuotaRectificada', money(c, false)),
    el('sum1:CuotaRecargoRectificado', money(s, false)),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Description

/** DescripcionOperacion: the `general` note, else the item names ("A, B."), else a fallback. */
function description(inv: Invoice): string {
  const note = (inv.notes ?? []).find((n) => n?.key === 'general' && n.text);
  if (note?.text) return note.text;
  const names = (inv.lines ?? []).map((l) => l?.item?.name?.trim()).filter((n): n is string => !!n);
  let desc = '';
  for (let i = 0; i < names.length; i++) {
    const sep = i < names.length - 1 ? ', ' : '.';
    if ([...desc].length + [...names[i]].length + sep.length > 500) {
      desc = desc === '' ? desc : desc.replace(/, $/, '') + '...';
      break;
    }
    desc += names[i] + sep;
  }
  return desc === '' ? 'Sin descripción' : desc;
}

// ---------------------------------------------------------------------------------------------

function idFactura(prefix: 'sum1:IDFactura' | 'sum1:IDFacturaRectificada' | 'sum1:IDFacturaSustituida', nif: string, numSerie: string, date: string): XNode {
  return group(prefix, [el('sum1:IDEmisorFactura', nif), el('sum1:NumSerieFactura', numSerie), el('sum1:FechaExpedicionFactura', date)]);
}

/**
 * FacturasRectificadas / FacturasSustituidas items. The list is optional in the record (and GOBL
 * accepts credit notes without preceding), so it is `required` only where the record needs it:
 * a correction by substitution (S) takes ImporteRectificacion from the preceding invoices.
 */
function precedingRefs(inv: Invoice, base: string, nif: string, name: 'sum1:IDFacturaRectificada' | 'sum1:IDFacturaSustituida', faults: Fault[], required: boolean): XNode[] {
  const refs = (inv.preceding ?? []).filter((r) => r);
  if (required && refs.length === 0) faults.push(fault('05', `${base}.preceding`, 'a correction by substitution (S) must list the invoices it replaces in preceding'));
  return (inv.preceding ?? []).flatMap((ref, i) => {
    if (!ref) return [];
    const d = aeatDate(ref.issue_date);
    if (d === undefined) faults.push(fault('05', `${base}.preceding[${i}].issue_date`, 'issue_date is required'));
    if (!ref.code) faults.push(fault('05', `${base}.preceding[${i}].code`, 'code is required'));
    return [idFactura(name, nif, seriesCode(ref.series, ref.code), d ?? '')];
  });
}

function fail(faults: Fault[]): { ok: false; faults: readonly Fault[] } {
  return { ok: false, faults };
}

/** Registration record (alta) of an invoice. The envelope must be calculated (totals present). */
export function toVerifactuAlta(envelope: unknown, opts: VerifactuAltaOptions): ConvertResult<VerifactuRecord> {
  try {
    return buildAlta(envelope, opts);
  } catch (e) {
    return fail([fault('99', '$', `internal error: ${e instanceof Error ? e.message : String(e)}`)]);
  }
}

function buildAlta(envelope: unknown, opts: VerifactuAltaOptions): ConvertResult<VerifactuRecord> {
  const faults: Fault[] = [];
  const checked: CheckedOptions | undefined = checkOptions(opts, faults);
  const read = readInvoice(envelope, faults);
  if (!read) return fail(faults);
  const { inv, base } = read;
  const { nif, numSerie, date } = identify(inv, base, faults);
  if (!inv.totals) faults.push(fault('04', `${base}.totals`, 'totals are missing: convert a calculated envelope'));
  if (inv.currency && inv.currency !== 'EUR') faults.push(fault('04', `${base}.currency`, `VERI*FACTU amounts are in EUR; the invoice is in ${inv.currency}`));
  const ext = inv.tax?.ext ?? {};
  const docType = ext[VERIFACTU_DOC_TYPE];
  if (!docType) faults.push(fault('05', `${base}.tax.ext.${VERIFACTU_DOC_TYPE}`, 'required'));
  const invert = inv.type === 'credit-note';
  const corrective = docType !== undefined && CORRECTIVE_DOC_TYPES.has(docType);
  const correctionType = ext[VERIFACTU_CORRECTION_TYPE];
  if (corrective && !correctionType) faults.push(fault('05', `${base}.tax.ext.${VERIFACTU_CORRECTION_TYPE}`, 'required for corrective invoices'));

  const supplierName = (inv.supplier?.name ?? '').trim();
  if (inv.supplier && (supplierName === '' || supplierName.length > 120)) {
    faults.push(fault('03', `${base}.supplier.name`, supplierName === '' ? 'the supplier name is required (NombreRazonEmisor)' : 'the supplier name is longer than the 120 characters of NombreRazonEmisor'));
  }
  const desc = description(inv);
  if ([...desc].length > 500) faults.push(fault('03', `${base}.notes`, 'the general note is longer than the 500 characters of DescripcionOperacion'));
  const dg = inv.totals ? desglose(inv, base, invert, faults) : undefined;
  const cuota = inv.totals ? cuotaTotal(inv, base, faults) : undefined;
  const importe = inv.totals ? importeTotal(inv, base, faults) : undefined;
  const rectificadas = corrective ? precedingRefs(inv, base, nif, 'sum1:IDFacturaRectificada', faults, correctionType === 'S') : [];
  const sustituidas = docType === 'F3' && (inv.preceding ?? []).length > 0 ? precedingRefs(inv, base, nif, 'sum1:IDFacturaSustituida', faults, true) : [];
  const rectificacion = corrective && correctionType === 'S' ? importeRectificacion(inv, base, faults) : undefined;
  if (faults.length > 0 || !checked || !dg || cuota === undefined || importe === undefined || !docType) return fail(faults);

  const opDate = aeatDate(inv.op_date);
  const destinatario = partyNode('sum1:IDDestinatario', inv.customer);
  const simplified = docType === 'F2' || docType === 'R5';
  const totalWithTax = parseAmount(inv.totals?.total_with_tax ?? '0');
  const macro = totalWithTax.ok && compare(totalWithTax.value, MACRODATO) > 0;
  const cuotaText = money(cuota, invert);
  const importeText = money(importe, invert);
  const huella = verifactuHuella({
    record: 'alta',
    IDEmisorFactura: nif,
    NumSerieFactura: numSerie,
    FechaExpedicionFactura: date,
    TipoFactura: docType,
    CuotaTotal: cuotaText,
    ImporteTotal: importeText,
    Huella: checked.previous?.huella ?? '',
    FechaHoraHusoGenRegistro: checked.timestamp,
  });
  const tree = group('sum1:RegistroAlta', [
    el('sum1:IDVersion', ID_VERSION),
    idFactura('sum1:IDFactura', nif, numSerie, date),
    opt('sum1:RefExterna', opts.externalRef),
    el('sum1:NombreRazonEmisor', supplierName),
    opts.amendment === undefined ? undefined : el('sum1:Subsanacion', opts.amendment ? 'S' : 'N'),
    opt('sum1:RechazoPrevio', opts.priorRejection),
    el('sum1:TipoFactura', docType),
    corrective ? el('sum1:TipoRectificativa', correctionType as string) : undefined,
    rectificadas.length ? group('sum1:FacturasRectificadas', rectificadas) : undefined,
    sustituidas.length ? group('sum1:FacturasSustituidas', sustituidas) : undefined,
    rectificacion,
    opDate !== undefined && opDate !== date ? el('sum1:FechaOperacion', opDate) : undefined,
    el('sum1:DescripcionOperacion', desc),
    opt('sum1:FacturaSimplificadaArt7273', ext[VERIFACTU_SIMPLIFIED_ART7273]),
    simplified ? el('sum1:FacturaSinIdentifDestinatarioArt61d', destinatario ? 'N' : 'S') : undefined,
    macro ? el('sum1:Macrodato', 'S') : undefined,
    opt('sum1:EmitidaPorTerceroODestinatario', ext[VERIFACTU_ISSUER_TYPE]),
    partyNode('sum1:Tercero', inv.ordering?.issuer),
    destinatario ? group('sum1:Destinatarios', [destinatario]) : undefined,
    dg,
    el('sum1:CuotaTotal', cuotaText),
    el('sum1:ImporteTotal', importeText),
    chainNode(checked.previous),
    softwareNode('sum1', opts.software),
    el('sum1:FechaHoraHusoGenRegistro', checked.timestamp),
    el('sum1:TipoHuella', TIPO_HUELLA),
    el('sum1:Huella', huella),
  ]);
  return {
    ok: true,
    value: {
      kind: 'alta',
      xml: serialize(tree, { pretty: opts.pretty }),
      tree,
      huella,
      chain: { issuerNif: nif, seriesCode: numSerie, issueDate: date, huella },
      issuer: { nif, name: supplierName },
      qr: { nif, seriesCode: numSerie, issueDate: date, total: importeText },
    },
  };
}

/** Cancellation record (anulación) of an invoice already registered. */
export function toVerifactuCancel(envelope: unknown, opts: VerifactuCancelOptions): ConvertResult<VerifactuRecord> {
  try {
    return buildCancel(envelope, opts);
  } catch (e) {
    return fail([fault('99', '$', `internal error: ${e instanceof Error ? e.message : String(e)}`)]);
  }
}

function buildCancel(envelope: unknown, opts: VerifactuCancelOptions): ConvertResult<VerifactuRecord> {
  const faults: Fault[] = [];
  const checked = checkOptions(opts, faults);
  const read = readInvoice(envelope, faults);
  if (!read) return fail(faults);
  const { nif, numSerie, date } = identify(read.inv, read.base, faults);
  if (faults.length > 0 || !checked) return fail(faults);
  const huella = verifactuHuella({
    record: 'anulacion',
    IDEmisorFacturaAnulada: nif,
    NumSerieFacturaAnulada: numSerie,
    FechaExpedicionFacturaAnulada: date,
    Huella: checked.previous?.huella ?? '',
    FechaHoraHusoGenRegistro: checked.timestamp,
  });
  const tree = group('sum1:RegistroAnulacion', [
    el('sum1:IDVersion', ID_VERSION),
    group('sum1:IDFactura', [el('sum1:IDEmisorFacturaAnulada', nif), el('sum1:NumSerieFacturaAnulada', numSerie), el('sum1:FechaExpedicionFacturaAnulada', date)]),
    opt('sum1:RefExterna', opts.externalRef),
    opts.noPriorRecord ? el('sum1:SinRegistroPrevio', 'S') : undefined,
    opts.priorRejection ? el('sum1:RechazoPrevio', 'S') : undefined,
    chainNode(checked.previous),
    softwareNode('sum1', opts.software),
    el('sum1:FechaHoraHusoGenRegistro', checked.timestamp),
    el('sum1:TipoHuella', TIPO_HUELLA),
    el('sum1:Huella', huella),
  ]);
  return {
    ok: true,
    value: {
      kind: 'anulacion',
      xml: serialize(tree, { pretty: opts.pretty }),
      tree,
      huella,
      chain: { issuerNif: nif, seriesCode: numSerie, issueDate: date, huella },
      issuer: { nif, name: (read.inv.supplier?.name ?? '').trim() || undefined },
    },
  };
}

