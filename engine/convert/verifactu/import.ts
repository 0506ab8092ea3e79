/**
 * VERI*FACTU RegistroAlta → a minimal GOBL invoice (`es-verifactu-v1`) that builds to the
 * record's totals. The record only keeps the tax breakdown, so each DetalleDesglose becomes one
 * line of quantity 1 priced at its base, described by DescripcionOperacion; what the breakdown
 * does not explain is recovered where it can be told for certain:
 *  - ImporteTotal = Σ(base + cuota + recargo) of the lines but CuotaTotal ≠ Σ cuota (rounding of
 *    a category sum): prices included tax; lines are priced at base + cuota with
 *    `tax.prices_include` VAT, which is how such records are made.
 *  - ImporteTotal ≠ Σ bases + CuotaTotal (e.g. REBU, where the breakdown covers the margin only):
 *    the difference becomes a charge without taxes.
 *  - CuotaTotal ≠ Σ cuota otherwise (foreign VAT on N1/N2 lines, whose rate VERI*FACTU does not
 *    carry): fault CONVERT-VERIFACTU-IMPORT-06, since no invoice with those totals can be told.
 *  - several rated lines of one tax category: `tax.rounding` currency, so each line's quota is
 *    rounded on its own as in the record (GOBL's precise rounding can be a cent off Σ cuota).
 * Fault codes: IMPORT-01 malformed XML, -02 not VERI*FACTU, -03 no single RegistroAlta,
 * -04 required element missing, -05 invalid value, -06 totals not explained by the breakdown.
 * Fault paths are element paths in the XML (`/sum1:RegistroAlta/sum1:IDFactura/…`).
 */
import type { Fault } from '../../core/fault.ts';
import { type Amount, add, amountToString, compare, div, isNegative, isZero, makeAmount, negate, parseAmount, rescale, sub } from '../../core/amount.ts';
import { makePercentage, parsePercentage, percentOf, percentageToString } from '../../core/percentage.ts';
import { isEuMember } from '../../l10n/eu.ts';
import {
  VERIFACTU_CORRECTION_TYPE,
  VERIFACTU_DOC_TYPE,
  VERIFACTU_EXEMPT,
  VERIFACTU_IDENTITY_TYPE,
  VERIFACTU_ISSUER_TYPE,
  VERIFACTU_OP_CLASS,
  VERIFACTU_REGIME,
  VERIFACTU_SIMPLIFIED_ART7273,
} from '../../addons/es-verifactu/extensions.ts';
import { convertFault, type ConvertResult } from '../types.ts';
import { VERIFACTU_ADDON, isoDate } from './common.ts';
import { NS_SOAPENV, NS_SUM, NS_SUM1, type XElement, child, childrenNamed, parseXml } from './xml.ts';

type Json = Record<string, unknown>;

const importFault = (n: string, path: string, message: string): Fault => convertFault(`CONVERT-VERIFACTU-IMPORT-${n}`, path, message);

const DOC_TYPES = new Set(['F1', 'F2', 'F3', 'R1', 'R2', 'R3', 'R4', 'R5']);
const TAX_CATEGORIES: Readonly<Record<string, string>> = { '01': 'VAT', '02': 'IPSI', '03': 'IGIC' };
const EXEMPT_KEYS: Readonly<Record<string, string>> = { E1: 'exempt', E6: 'exempt', E2: 'export', E3: 'export', E4: 'export', E5: 'intra-community' };
const IDENTITY_KEYS: Readonly<Record<string, string>> = { '03': 'passport', '04': 'foreign', '05': 'resident', '06': 'other' };
const AMOUNT_RE = /^[+-]?\d{1,12}(\.\d{0,2})?$/;
const RATE_RE = /^\d{1,3}(\.\d{0,2})?$/;

/** Reads elements of one record, recording faults with element paths. */
class Reader {
  readonly faults: Fault[] = [];

  /** Text of a descendant (`A/B`), trimmed; faults when required and missing. */
  text(e: XElement, rel: string, base: string, required: boolean): string | undefined {
    let cur: XElement | undefined = e;
    for (const part of rel.split('/')) {
      cur = cur ? child(cur, NS_SUM1, part) : undefined;
    }
    const v = cur?.text.trim();
    if (v === undefined || v === '') {
      if (required) this.faults.push(importFault('04', `${base}/${rel.split('/').map((p) => `sum1:${p}`).join('/')}`, `sum1:${rel.split('/').pop()} is required`));
      return undefined;
    }
    return v;
  }

  amount(e: XElement, rel: string, base: string, required: boolean): Amount | undefined {
    const v = this.text(e, rel, base, required);
    if (v === undefined) return undefined;
    const p = `${base}/${rel.split('/').map((x) => `sum1:${x}`).join('/')}`;
    if (!AMOUNT_RE.test(v)) {
      this.faults.push(importFault('05', p, `invalid amount ${JSON.stringify(v)}: expected up to 12 digits and 2 decimals`));
      return undefined;
    }
    const r = parseAmount(v.startsWith('+') ? v.slice(1) : v.endsWith('.') ? v.slice(0, -1) : v);
    if (!r.ok) {
      this.faults.push(importFault('05', p, r.error));
      return undefined;
    }
    return r.value;
  }

  date(e: XElement, rel: string, base: string, required: boolean): string | undefined {
    const v = this.text(e, rel, base, required);
    if (v === undefined) return undefined;
    const iso = isoDate(v);
    if (iso === undefined) this.faults.push(importFault('05', `${base}/${rel.split('/').map((x) => `sum1:${x}`).join('/')}`, `invalid date ${JSON.stringify(v)}: expected dd-mm-yyyy`));
    return iso;
  }
}

/** Finds the one RegistroAlta in a standalone record, a RegFactuSistemaFacturacion or its SOAP envelope. */
function findAlta(root: XElement): { alta: XElement; path: string } | Fault {
  let container: XElement = root;
  let path = `/${root.qname}`;
  if (root.ns === NS_SOAPENV && root.local === 'Envelope') {
    const body = child(root, NS_SOAPENV, 'Body');
    const payload = body?.children[0];
    if (!body || !payload) return importFault('02', path, 'the SOAP envelope has no body content');
    if (!(payload.ns === NS_SUM && payload.local === 'RegFactuSistemaFacturacion')) {
      return importFault('02', `${path}/${body.qname}/${payload.qname}`, `the SOAP body holds ${payload.qname} (${payload.ns || 'no namespace'}), not a VERI*FACTU sum:RegFactuSistemaFacturacion`);
    }
    container = payload;
    path = `${path}/${body.qname}/${payload.qname}`;
  }
  if (container.ns === NS_SUM1 && container.local === 'RegistroAlta') return { alta: container, path };
  if (container.ns === NS_SUM1 && container.local === 'RegistroAnulacion') {
    return importFault('03', path, 'this is a cancellation record (RegistroAnulacion): only registration records (RegistroAlta) describe an invoice');
  }
  if (container.ns === NS_SUM && container.local === 'RegFactuSistemaFacturacion') {
    const regs = childrenNamed(container, NS_SUM, 'RegistroFactura');
    const altas = regs.flatMap((r, i) => childrenNamed(r, NS_SUM1, 'RegistroAlta').map((a) => ({ a, i, q: r.qname })));
    if (altas.length === 1) return { alta: altas[0].a, path: `${path}/${altas[0].q}[${altas[0].i + 1}]/${altas[0].a.qname}` };
    if (altas.length === 0) {
      const anul = regs.some((r) => child(r, NS_SUM1, 'RegistroAnulacion'));
      return importFault('03', path, anul ? 'the request holds only cancellation records (RegistroAnulacion); nothing to import' : 'the request holds no RegistroAlta');
    }
    return importFault('03', path, `the request holds ${altas.length} RegistroAlta; import them one at a time`);
  }
  return importFault(
    '02',
    path,
    `not a VERI*FACTU record: the root element is ${root.qname}${root.ns ? ` in namespace ${root.ns}` : ' without a namespace'}; expected sum1:RegistroAlta, sum:RegFactuSistemaFacturacion or a SOAP envelope holding it`,
  );
}

/** A party (IDDestinatario, Tercero) as GOBL. */
function party(e: XElement, r: Reader, base: string): Json | undefined {
  const name = r.text(e, 'NombreRazon', base, true);
  const nif = r.text(e, 'NIF', base, false);
  const p: Json = { name: name ?? '' };
  if (nif) return { ...p, tax_id: { country: 'ES', code: nif } };
  const otro = child(e, NS_SUM1, 'IDOtro');
  if (!otro) {
    r.faults.push(importFault('04', `${base}/sum1:NIF`, 'a party needs sum1:NIF or sum1:IDOtro'));
    return undefined;
  }
  const ob = `${base}/sum1:IDOtro`;
  const type = r.text(otro, 'IDType', ob, true);
  const id = r.text(otro, 'ID', ob, true);
  const country = r.text(otro, 'CodigoPais', ob, false)?.toUpperCase();
  if (!type || !id) return undefined;
  if (type === '02') {
    // NIF-VAT: the ID carries the VAT prefix (EL for Greece, whose ISO code is GR).
    const prefix = /^[A-Z]{2}/.test(id) ? id.slice(0, 2) : undefined;
    const taxCountry = prefix && (prefix === country || (prefix === 'EL' && country === 'GR') || (!country && isEuMember(prefix))) ? prefix : country === 'GR' ? 'EL' : country;
    if (!taxCountry) {
      r.faults.push(importFault('04', `${ob}/sum1:CodigoPais`, 'a NIF-VAT (IDType 02) needs its country'));
      return undefined;
    }
    const code = id.startsWith(taxCountry) ? id.slice(taxCountry.length) : id;
    return { ...p, tax_id: { country: taxCountry, code } };
  }
  if (!['03', '04', '05', '06', '07'].includes(type)) {
    r.faults.push(importFault('05', `${ob}/sum1:IDType`, `invalid IDType ${JSON.stringify(type)}: expected 02 to 07`));
    return undefined;
  }
  const identity: Json = { ...(country ? { country } : {}), ...(IDENTITY_KEYS[type] ? { key: IDENTITY_KEYS[type] } : {}), code: id, ext: { [VERIFACTU_IDENTITY_TYPE]: type } };
  return { ...p, identities: [identity] };
}

interface Detail {
  readonly combo: Json;
  readonly base: Amount;
  /** CuotaRepercutida + CuotaRecargoEquivalencia. */
  readonly tax: Amount;
  readonly vat: boolean;
}

function detail(e: XElement, r: Reader, base: string): Detail | undefined {
  const impuesto = r.text(e, 'Impuesto', base, false) ?? '01';
  const cat = TAX_CATEGORIES[impuesto];
  if (!cat) {
    r.faults.push(importFault('05', `${base}/sum1:Impuesto`, `Impuesto ${JSON.stringify(impuesto)} cannot be imported: only 01 (IVA), 02 (IPSI) and 03 (IGIC) map to GOBL tax categories`));
    return undefined;
  }
  const regime = r.text(e, 'ClaveRegimen', base, false);
  const opClass = r.text(e, 'CalificacionOperacion', base, false);
  const exempt = r.text(e, 'OperacionExenta', base, false);
  const tipo = r.text(e, 'TipoImpositivo', base, false);
  const amount = r.amount(e, 'BaseImponibleOimporteNoSujeto', base, true);
  const cuota = r.amount(e, 'CuotaRepercutida', base, false);
  const recargoTipo = r.text(e, 'TipoRecargoEquivalencia', base, false);
  const recargo = r.amount(e, 'CuotaRecargoEquivalencia', base, false);
  if (amount === undefined) return undefined;
  const ext: Record<string, string> = {};
  if (regime && (cat === 'VAT' || cat === 'IGIC')) ext[VERIFACTU_REGIME] = regime;
  const combo: Json = { cat };
  if (exempt) {
    const key = EXEMPT_KEYS[exempt];
    if (!key) {
      r.faults.push(importFault('05', `${base}/sum1:OperacionExenta`, `OperacionExenta ${JSON.stringify(exempt)} has no GOBL equivalent (E1 to E6)`));
      return undefined;
    }
    combo.key = key;
    ext[VERIFACTU_EXEMPT] = exempt;
  } else if (opClass === 'S1') {
    if (tipo !== undefined && !RATE_RE.test(tipo)) {
      r.faults.push(importFault('05', `${base}/sum1:TipoImpositivo`, `invalid rate ${JSON.stringify(tipo)}`));
      return undefined;
    }
    const zero = tipo === undefined || /^0+(\.0*)?$/.test(tipo);
    combo.key = zero ? 'zero' : 'standard';
    combo.percent = `${tipo ?? '0'}%`;
    if (recargoTipo) {
      if (!RATE_RE.test(recargoTipo)) {
        r.faults.push(importFault('05', `${base}/sum1:TipoRecargoEquivalencia`, `invalid rate ${JSON.stringify(recargoTipo)}`));
        return undefined;
      }
      combo.surcharge = `${recargoTipo}%`;
    }
    ext[VERIFACTU_OP_CLASS] = 'S1';
  } else if (opClass === 'S2') {
    combo.key = 'reverse-charge';
    ext[VERIFACTU_OP_CLASS] = 'S2';
  } else if (opClass === 'N1' || opClass === 'N2') {
    combo.key = 'outside-scope';
    ext[VERIFACTU_OP_CLASS] = opClass;
  } else {
    r.faults.push(
      importFault(opClass ? '05' : '04', `${base}/sum1:CalificacionOperacion`, opClass ? `invalid CalificacionOperacion ${JSON.stringify(opClass)}` : 'sum1:CalificacionOperacion or sum1:OperacionExenta is required'),
    );
    return undefined;
  }
  combo.ext = ext;
  let tax = makeAmount(0n, 2);
  if (cuota) tax = add(tax, cuota);
  if (recargo) tax = add(tax, recargo);
  return { combo, base: amount, tax, vat: cat === 'VAT' };
}

const text = (a: Amount): string => amountToString(a);

/** A percentage (`21.0%`) with base × percent = amount, from the candidates or the ratio. */
function fitPercent(base: Amount, amount: Amount, candidates: readonly string[]): string | undefined {
  if (isZero(base)) return isZero(amount) ? '0%' : undefined;
  const fits = (p: string): boolean => {
    const r = parsePercentage(p);
    return r.ok && compare(percentOf(r.value, base), amount) === 0;
  };
  for (const c of candidates) if (fits(c)) return c;
  for (let d = 0; d <= 4; d++) {
    // The fraction with d + 2 decimals is the percentage with d.
    const frac = div(rescale(amount, d + 2), base);
    const p = percentageToString(makePercentage(frac.value, frac.exp));
    if (fits(p)) return p;
  }
  return undefined;
}

/**
 * Parses a VERI*FACTU RegistroAlta (standalone, inside RegFactuSistemaFacturacion, or inside its
 * SOAP envelope) into a GOBL bill/invoice document (not an envelope, not calculated).
 */
export function fromVerifactu(xml: string): ConvertResult<object> {
  try {
    return importAlta(xml);
  } catch (e) {
    return { ok: false, faults: [importFault('99', '/', `internal error: ${e instanceof Error ? e.message : String(e)}`)] };
  }
}

function importAlta(xml: string): ConvertResult<object> {
  const parsed = parseXml(xml);
  if (!parsed.ok) return { ok: false, faults: [importFault('01', '/', parsed.message)] };
  const found = findAlta(parsed.root);
  if ('code' in found) return { ok: false, faults: [found] };
  const { alta, path } = found;
  const r = new Reader();
  const version = r.text(alta, 'IDVersion', path, true);
  if (version !== undefined && version !== '1.0') r.faults.push(importFault('05', `${path}/sum1:IDVersion`, `unsupported IDVersion ${JSON.stringify(version)}: expected 1.0`));
  const nif = r.text(alta, 'IDFactura/IDEmisorFactura', path, true);
  const numSerie = r.text(alta, 'IDFactura/NumSerieFactura', path, true);
  const issueDate = r.date(alta, 'IDFactura/FechaExpedicionFactura', path, true);
  const supplierName = r.text(alta, 'NombreRazonEmisor', path, true);
  const docType = r.text(alta, 'TipoFactura', path, true);
  if (docType !== undefined && !DOC_TYPES.has(docType)) r.faults.push(importFault('05', `${path}/sum1:TipoFactura`, `invalid TipoFactura ${JSON.stringify(docType)}: expected F1-F3 or R1-R5`));
  const correction = r.text(alta, 'TipoRectificativa', path, false);
  const opDate = r.date(alta, 'FechaOperacion', path, false);
  const description = r.text(alta, 'DescripcionOperacion', path, true);
  const art7273 = r.text(alta, 'FacturaSimplificadaArt7273', path, false);
  const issuerType = r.text(alta, 'EmitidaPorTerceroODestinatario', path, false);
  const cuotaTotal = r.amount(alta, 'CuotaTotal', path, true);
  const importeTotal = r.amount(alta, 'ImporteTotal', path, true);
  const corrective = docType !== undefined && docType.startsWith('R');
  if (corrective && correction !== 'S' && correction !== 'I') {
    r.faults.push(importFault(correction ? '05' : '04', `${path}/sum1:TipoRectificativa`, 'TipoRectificativa S or I is required for R-type invoices'));
  }

  const desglose = child(alta, NS_SUM1, 'Desglose');
  if (!desglose) r.faults.push(importFault('04', `${path}/sum1:Desglose`, 'sum1:Desglose is required'));
  const details: Detail[] = [];
  (desglose ? childrenNamed(desglose, NS_SUM1, 'DetalleDesglose') : []).forEach((d, i) => {
    const x = detail(d, r, `${path}/sum1:Desglose/sum1:DetalleDesglose[${i + 1}]`);
    if (x) details.push(x);
  });
  if (desglose && details.length === 0 && r.faults.length === 0) r.faults.push(importFault('04', `${path}/sum1:Desglose/sum1:DetalleDesglose`, 'at least one sum1:DetalleDesglose is required'));

  const destinatarios = child(alta, NS_SUM1, 'Destinatarios');
  const firstDest = destinatarios ? childrenNamed(destinatarios, NS_SUM1, 'IDDestinatario')[0] : undefined;
  const customer = firstDest ? party(firstDest, r, `${path}/sum1:Destinatarios/sum1:IDDestinatario[1]`) : undefined;
  const terceroEl = child(alta, NS_SUM1, 'Tercero');
  const tercero = terceroEl ? party(terceroEl, r, `${path}/sum1:Tercero`) : undefined;

  const refs = (list: string, item: string) => {
    const l = child(alta, NS_SUM1, list);
    return l ? childrenNamed(l, NS_SUM1, item).map((e, i) => ({ e, p: `${path}/sum1:${list}/sum1:${item}[${i + 1}]` })) : [];
  };
  const precedingEls = [...refs('FacturasRectificadas', 'IDFacturaRectificada'), ...refs('FacturasSustituidas', 'IDFacturaSustituida')];
  const preceding: Json[] = precedingEls.flatMap(({ e, p }) => {
    const code = r.text(e, 'NumSerieFactura', p, true);
    const date = r.date(e, 'FechaExpedicionFactura', p, true);
    return code && date ? [{ code, issue_date: date }] : [];
  });
  const rect = child(alta, NS_SUM1, 'ImporteRectificacion');
  const rectPath = `${path}/sum1:ImporteRectificacion`;
  const baseRect = rect ? r.amount(rect, 'BaseRectificada', rectPath, true) : undefined;
  const cuotaRect = rect ? r.amount(rect, 'CuotaRectificada', rectPath, true) : undefined;
  const recargoRect = rect ? r.amount(rect, 'CuotaRecargoRectificado', rectPath, false) : undefined;

  if (r.faults.length > 0 || !nif || !numSerie || !issueDate || !docType || !description || cuotaTotal === undefined || importeTotal === undefined) {
    return { ok: false, faults: r.faults };
  }

  // Credit notes are written with negative amounts; GOBL keeps them positive.
  const creditNote = corrective && correction === 'I' && (isNegative(importeTotal) || (isZero(importeTotal) && isNegative(cuotaTotal)));
  const sign = (a: Amount): Amount => (creditNote ? negate(a) : a);
  let sumBase = makeAmount(0n, 2);
  let sumTax = makeAmount(0n, 2);
  for (const d of details) {
    sumBase = add(sumBase, d.base);
    sumTax = add(sumTax, d.tax);
  }
  const residualTax = sub(cuotaTotal, sumTax);
  const gross = add(sumBase, sumTax);
  let pricesInclude = false;
  let extra: Amount | undefined;
  if (!isZero(residualTax)) {
    // Rounding a category sum moves it by less than a cent per rate.
    const rounding = makeAmount(BigInt(details.length), 2);
    const small = compare(isNegative(residualTax) ? negate(residualTax) : residualTax, rounding) <= 0;
    if (small && compare(gross, importeTotal) === 0 && details.every((d) => d.vat && d.combo.percent !== undefined)) {
      pricesInclude = true;
    } else {
      return {
        ok: false,
        faults: [
          importFault(
            '06',
            `${path}/sum1:CuotaTotal`,
            `CuotaTotal ${text(cuotaTotal)} differs by ${text(residualTax)} from the taxes in the breakdown (${text(sumTax)}): the record does not say which rate produced it (e.g. foreign VAT on N1/N2 lines), so no invoice with these totals can be built`,
          ),
        ],
      };
    }
  } else {
    const diff = sub(importeTotal, add(sumBase, cuotaTotal));
    if (!isZero(diff)) extra = diff;
  }

  const lines = details.map((d, i) => ({
    i: i + 1,
    quantity: '1',
    item: { name: description, price: text(sign(pricesInclude ? add(d.base, d.tax) : d.base)) },
    taxes: [d.combo],
  }));

  // Each DetalleDesglose quota is rounded on its own, and CuotaTotal is their sum. GOBL's default
  // (precise) rounding sums the unrounded rate amounts instead, which differs by a cent when two
  // rates of a category both round (30.58 × 21% + 23.08 × 4% = 7.345 → 7.35, against the record's
  // 6.42 + 0.92 = 7.34): with several rated lines of one category, round each line as the record does.
  const rated = details.filter((d) => d.combo.percent !== undefined).map((d) => d.combo.cat);
  const roundPerLine = !pricesInclude && rated.some((cat, i) => rated.indexOf(cat) !== i);

  const simplified = docType === 'F2' || docType === 'R5';
  const tags: string[] = [];
  if (simplified) tags.push('simplified');
  if (docType === 'F3') tags.push('replacement');
  if (issuerType === 'D') tags.push('self-billed');
  const type = !corrective ? 'standard' : correction === 'S' ? 'corrective' : creditNote ? 'credit-note' : 'debit-note';
  const ext: Record<string, string> = { [VERIFACTU_DOC_TYPE]: docType };
  if (corrective && correction) ext[VERIFACTU_CORRECTION_TYPE] = correction;
  if (art7273) ext[VERIFACTU_SIMPLIFIED_ART7273] = art7273;
  if (issuerType) ext[VERIFACTU_ISSUER_TYPE] = issuerType;

  if (correction === 'S' && preceding.length > 0 && baseRect !== undefined && cuotaRect !== undefined) {
    // A substitution reports the replaced invoices' VAT totals (ImporteRectificacion): keep them
    // on the first reference. GOBL recalculates a reference's tax from base × percent, so the
    // rate must be one that gives back the cuota: the invoice's own rates first, else the ratio.
    const vat = details.filter((d) => d.vat && typeof d.combo.percent === 'string');
    const percent = fitPercent(baseRect, cuotaRect, vat.map((d) => d.combo.percent as string));
    const surcharge = recargoRect && !isZero(recargoRect) ? fitPercent(baseRect, recargoRect, vat.map((d) => d.combo.surcharge).filter((x): x is string => typeof x === 'string')) : undefined;
    if (percent !== undefined && (surcharge !== undefined || !recargoRect || isZero(recargoRect))) {
      const rate: Json = { base: text(baseRect), percent, amount: text(cuotaRect) };
      if (surcharge) rate.surcharge = { percent: surcharge, amount: text(recargoRect as Amount) };
      const cat: Json = { code: 'VAT', rates: [rate], amount: text(cuotaRect) };
      if (surcharge) cat.surcharge = text(recargoRect as Amount);
      preceding[0] = { ...preceding[0], tax: { categories: [cat], sum: text(surcharge ? add(cuotaRect, recargoRect as Amount) : cuotaRect) } };
    }
  }

  const doc: Json = {
    $schema: 'https://gobl.org/draft-0/bill/invoice',
    $regime: 'ES',
    $addons: [VERIFACTU_ADDON],
    ...(tags.length ? { $tags: tags } : {}),
    type,
    code: numSerie,
    issue_date: issueDate,
    ...(opDate && opDate !== issueDate ? { op_date: opDate } : {}),
    currency: 'EUR',
    ...(preceding.length ? { preceding } : {}),
    tax: { ...(pricesInclude ? { prices_include: 'VAT' } : {}), ...(roundPerLine ? { rounding: 'currency' } : {}), ext },
    supplier: { name: supplierName ?? '', tax_id: { country: 'ES', code: nif } },
    ...(customer ? { customer } : {}),
    lines,
    ...(extra ? { charges: [{ i: 1, reason: 'Importe no incluido en el desglose', amount: text(sign(extra)) }] } : {}),
    ...(tercero ? { ordering: { issuer: tercero } } : {}),
    notes: [{ key: 'general', text: description }],
  };
  return { ok: true, value: doc };
}
