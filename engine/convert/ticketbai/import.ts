/**
 * TicketBAI alta XML → a minimal GOBL invoice (`$addons: [es-tbai-v1]`) whose calculated totals
 * match the XML: one line per breakdown entry (base as price, its VAT combo), the withholding
 * (RetencionSoportada) as an IRPF percentage over all lines, and foreign VAT on not-subject
 * operations (ImporteTotalFactura − bases − quotas) as a rate of the customer's country.
 * Detail lines are not imported: they carry no tax rates. Credit notes (rectificativas por
 * diferencias with a negative total) come back positive, as GOBL writes them.
 */
import { type Amount, ZERO, add, amountToString, compare, isNegative, isZero, negate, rescale, sub } from '../../core/amount.ts';
import { parsePercentage, percentOf } from '../../core/percentage.ts';
import type { ConvertResult } from '../types.ts';
import { EXT_BI_ACTIVITY, EXT_CORRECTION, EXT_EXEMPTION, EXT_REGIME, EXT_REGION, type TbaiZone, isZone } from './common.ts';
import { IMPORT_FAULT, type ParsedAlta, Reader, child, children, parseAlta, text } from './import-xml.ts';
import { importParties } from './import-parties.ts';

export interface FromTicketBaiOptions {
  /** Province for `tax.ext["es-tbai-region"]`: the XML does not say it (a signature's policy does). */
  readonly zone?: TbaiZone;
  /** Bizkaia epígrafe for natural-person suppliers (`es-tbai-bi-activity`), not in the XML either. */
  readonly biActivity?: string;
}

type Json = Record<string, unknown>;

interface Entry {
  readonly name: string;
  readonly base: Amount;
  readonly product?: 'goods' | 'services';
  vat: Json;
  readonly notSubject?: boolean;
}

const EXEMPT_KEY: Readonly<Record<string, string>> = { E1: 'exempt', E2: 'export', E3: 'export', E4: 'export', E5: 'intra-community', E6: 'exempt' };
const ROOT = '/TicketBai';

export function fromTicketBai(xml: string, opts: FromTicketBaiOptions = {}): ConvertResult<Json> {
  try {
    const parsed = parseAlta(xml);
    if (!parsed.ok) return parsed;
    return build(parsed.value, opts ?? {});
  } catch (e) {
    return { ok: false, faults: [{ code: IMPORT_FAULT.malformed, paths: ['/'], message: `could not read the document: ${e instanceof Error ? e.message : String(e)}` }] };
  }
}

function build(doc: ParsedAlta, opts: FromTicketBaiOptions): ConvertResult<Json> {
  const r = new Reader();
  const root = doc.root;
  const version = r.required(child(root, 'Cabecera'), 'IDVersionTBAI', `${ROOT}/Cabecera`);
  if (version && version !== '1.2') r.unsupported(`${ROOT}/Cabecera/IDVersionTBAI`, `TicketBAI version ${version} is not supported, expected 1.2`);
  const factura = child(root, 'Factura');
  const fPath = `${ROOT}/Factura`;
  if (factura === undefined) r.required(root, 'Factura', ROOT);
  const cab = child(factura, 'CabeceraFactura');
  const cPath = `${fPath}/CabeceraFactura`;
  const datos = child(factura, 'DatosFactura');
  const dPath = `${fPath}/DatosFactura`;

  const total = r.amount(datos, 'ImporteTotalFactura', dPath) ?? ZERO;
  const retention = r.amount(datos, 'RetencionSoportada', dPath, false) ?? ZERO;
  const rect = child(cab, 'FacturaRectificativa');
  const rectType = rect !== undefined ? r.required(rect, 'Tipo', `${cPath}/FacturaRectificativa`) : undefined;
  const credit = rect !== undefined && rectType === 'I' && isNegative(total);
  const k = (a: Amount): Amount => (credit ? negate(a) : a);

  const parties = importParties(r, root);
  const entries = breakdown(r, child(factura, 'TipoDesglose'), `${fPath}/TipoDesglose`, k);
  const claves = children(child(datos, 'Claves'), 'IDClave').map((c) => text(child(c, 'ClaveRegimenIvaOpTrascendencia')) ?? '');
  if (claves.length === 1 && claves[0]) for (const e of entries) e.vat = { ...e.vat, ext: { ...(e.vat.ext as Json), [EXT_REGIME]: claves[0] } };
  placeForeignVat(entries, k(total), parties.country);

  const issueDate = r.date(cab, 'FechaExpedicionFactura', cPath);
  const opDate = r.date(datos, 'FechaOperacion', dPath, false);
  const time = r.optional(cab, 'HoraExpedicionFactura');
  const codigo = rect !== undefined ? r.required(rect, 'Codigo', `${cPath}/FacturaRectificativa`) : '';
  const preceding = children(child(cab, 'FacturasRectificadasSustituidas'), 'IDFacturaRectificadaSustituida').map((p, i) => {
    const path = `${cPath}/FacturasRectificadasSustituidas/IDFacturaRectificadaSustituida[${i + 1}]`;
    return prune({ series: r.optional(p, 'SerieFactura'), code: r.required(p, 'NumFactura', path), issue_date: r.date(p, 'FechaExpedicionFactura', path), ext: codigo ? { [EXT_CORRECTION]: codigo } : undefined });
  });

  const lines = entries.map((e, i) => ({
    i: i + 1,
    quantity: '1',
    item: prune({ name: e.name, price: amountToString(e.base), key: e.product }),
    taxes: [e.vat],
  }));
  // A bad amount above already explains a withholding that does not fit; don't pile on.
  const irpf = r.faults.length > 0 ? undefined : retentionCombo(r, lines.length > 0 ? entries.reduce((s, e) => add(s, e.base), rescale(ZERO, 2)) : ZERO, k(retention));
  if (irpf) for (const l of lines) l.taxes.push(irpf);

  const zone = opts.zone ?? doc.signedZone;
  if (opts.zone !== undefined && !isZone(opts.zone)) r.invalid('opts.zone', 'zone must be BI, SS or VI');
  const invoice: Json = prune({
    $schema: 'https://gobl.org/draft-0/bill/invoice',
    $regime: 'ES',
    $addons: ['es-tbai-v1'],
    $tags: r.optional(cab, 'FacturaSimplificada') === 'S' ? ['simplified'] : undefined,
    type: rect === undefined ? 'standard' : rectType === 'S' ? 'corrective' : credit ? 'credit-note' : 'debit-note',
    series: r.optional(cab, 'SerieFactura'),
    code: r.required(cab, 'NumFactura', cPath),
    issue_date: issueDate,
    issue_time: time,
    op_date: opDate && opDate !== issueDate ? opDate : undefined,
    currency: 'EUR',
    preceding: preceding.length > 0 ? preceding : undefined,
    tax: zone ? { ext: { [EXT_REGION]: zone } } : undefined,
    supplier: opts.biActivity ? { ...parties.supplier, ext: { [EXT_BI_ACTIVITY]: opts.biActivity } } : parties.supplier,
    customer: parties.customer,
    lines,
    notes: [{ key: 'general', text: r.required(datos, 'DescripcionFactura', dPath) }],
  });
  if (r.faults.length > 0) return { ok: false, faults: r.faults };
  return { ok: true, value: invoice };
}

/** One entry per DetalleExenta / DetalleIVA / DetalleNoSujeta, in document order. */
function breakdown(r: Reader, tipo: unknown, path: string, k: (a: Amount) => Amount): Entry[] {
  if (tipo === undefined) {
    r.required(undefined, 'TipoDesglose', path.slice(0, path.lastIndexOf('/')));
    return [];
  }
  const entries: Entry[] = [];
  const factura = child(tipo, 'DesgloseFactura');
  const operacion = child(tipo, 'DesgloseTipoOperacion');
  if (factura !== undefined) section(r, factura, `${path}/DesgloseFactura`, undefined, k, entries);
  if (operacion !== undefined) {
    section(r, child(operacion, 'PrestacionServicios'), `${path}/DesgloseTipoOperacion/PrestacionServicios`, 'services', k, entries);
    section(r, child(operacion, 'Entrega'), `${path}/DesgloseTipoOperacion/Entrega`, 'goods', k, entries);
  }
  if (factura === undefined && operacion === undefined) r.required(tipo, 'DesgloseFactura', path);
  return entries;
}

function section(r: Reader, node: unknown, path: string, product: 'goods' | 'services' | undefined, k: (a: Amount) => Amount, out: Entry[]): void {
  if (node === undefined) return;
  const ext = (code?: string): Json | undefined => (code ? { [EXT_EXEMPTION]: code } : undefined);
  const sujeta = child(node, 'Sujeta');
  children(child(sujeta, 'Exenta'), 'DetalleExenta').forEach((d, i) => {
    const p = `${path}/Sujeta/Exenta/DetalleExenta[${i + 1}]`;
    const causa = r.required(d, 'CausaExencion', p);
    if (causa && !EXEMPT_KEY[causa]) r.invalid(`${p}/CausaExencion`, `unknown exemption cause ${JSON.stringify(causa)}`);
    const base = k(r.amount(d, 'BaseImponible', p) ?? ZERO);
    out.push({ name: `Exenta (${causa})`, base, product, vat: prune({ cat: 'VAT', key: EXEMPT_KEY[causa] ?? 'exempt', ext: ext(causa) }) });
  });
  children(child(sujeta, 'NoExenta'), 'DetalleNoExenta').forEach((dne, i) => {
    const p = `${path}/Sujeta/NoExenta/DetalleNoExenta[${i + 1}]`;
    const tipo = r.required(dne, 'TipoNoExenta', p);
    children(child(dne, 'DesgloseIVA'), 'DetalleIVA').forEach((d, j) => {
      const dp = `${p}/DesgloseIVA/DetalleIVA[${j + 1}]`;
      const base = k(r.amount(d, 'BaseImponible', dp) ?? ZERO);
      if (tipo === 'S2') {
        out.push({ name: 'Inversión del sujeto pasivo (S2)', base, product, vat: { cat: 'VAT', key: 'reverse-charge', ext: ext('S2') } });
        return;
      }
      if (tipo !== 'S1') r.invalid(`${p}/TipoNoExenta`, `unknown TipoNoExenta ${JSON.stringify(tipo)}`);
      const rate = r.optional(d, 'TipoImpositivo') ?? '0';
      const surcharge = r.optional(d, 'TipoRecargoEquivalencia');
      const simplified = r.optional(d, 'OperacionEnRecargoDeEquivalenciaORegimenSimplificado') === 'S' && !surcharge;
      if (!/^\d{1,3}(\.\d{0,2})?$/.test(rate)) r.invalid(`${dp}/TipoImpositivo`, `${JSON.stringify(rate)} is not a rate`);
      const zero = /^0+(\.0*)?$/.test(rate);
      out.push({
        name: `IVA ${rate}%`,
        base,
        product,
        vat: prune({
          cat: 'VAT',
          key: zero ? 'zero' : 'standard',
          percent: `${rate}%`,
          surcharge: surcharge ? `${surcharge}%` : undefined,
          ext: simplified ? { [EXT_REGIME]: '52' } : undefined,
        }),
      });
    });
  });
  children(child(node, 'NoSujeta'), 'DetalleNoSujeta').forEach((d, i) => {
    const p = `${path}/NoSujeta/DetalleNoSujeta[${i + 1}]`;
    const causa = r.required(d, 'Causa', p);
    const base = k(r.amount(d, 'Importe', p) ?? ZERO);
    out.push({ name: `No sujeta (${causa})`, base, product, notSubject: true, vat: prune({ cat: 'VAT', key: 'outside-scope', ext: ext(causa) }) });
  });
}

/**
 * ImporteTotalFactura includes VAT charged by another country on not-subject operations (OSS
 * sales), which the breakdown does not show. It is put back as that country's rate on the largest
 * not-subject entry, so the invoice's tax and total come out as in the XML.
 */
function placeForeignVat(entries: Entry[], total: Amount, country: string | undefined): void {
  let rest = total;
  for (const e of entries) {
    rest = sub(rest, e.base);
    const pct = typeof e.vat.percent === 'string' ? parsePercentage(e.vat.percent) : undefined;
    if (pct?.ok) rest = sub(rest, percentOf(pct.value, e.base));
  }
  if (isZero(rescale(rest, 2))) return;
  const target = entries.filter((e) => e.notSubject).sort((a, b) => compare(absA(b.base), absA(a.base)))[0];
  if (!target || !country || country === 'ES') return;
  const percent = percentFor(target.base, rest);
  if (!percent) return;
  target.vat = { cat: 'VAT', country: country === 'GR' ? 'EL' : country, key: 'standard', percent, ext: target.vat.ext };
}

const absA = (a: Amount): Amount => (isNegative(a) ? negate(a) : a);

function retentionCombo(r: Reader, base: Amount, retention: Amount): Json | undefined {
  if (isZero(retention)) return undefined;
  const percent = percentFor(base, retention);
  if (!percent) {
    r.unsupported(`${ROOT}/Factura/DatosFactura/RetencionSoportada`, 'the withholding cannot be expressed as a percentage of the invoice base');
    return undefined;
  }
  return { cat: 'IRPF', percent };
}

/** The percentage with the fewest decimals whose share of `base` (rounded as GOBL does) is `amount`. */
export function percentFor(base: Amount, amount: Amount): string | undefined {
  if (isZero(base)) return undefined;
  const b = rescale(base, 2).value;
  const a = rescale(amount, 2).value;
  for (let d = 0; d <= 14; d++) {
    // percent = a / b × 100, with d decimals: q / 10^d, rounded half away from zero.
    const scale = 10n ** BigInt(d + 2);
    const num = a * scale;
    let q = num / b;
    const rem = num % b;
    if (rem !== 0n && (rem < 0n ? -rem : rem) * 2n >= (b < 0n ? -b : b)) q += (num < 0n) !== (b < 0n) ? -1n : 1n;
    const text = `${amountToString({ value: q, exp: d })}%`;
    const p = parsePercentage(text);
    if (p.ok && compare(percentOf(p.value, rescale(base, 2)), rescale(amount, 2)) === 0) return text;
  }
  return undefined;
}

function prune(o: Json): Json {
  const out: Json = {};
  for (const [key, v] of Object.entries(o)) if (v !== undefined) out[key] = v;
  return out;
}
