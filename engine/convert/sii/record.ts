/**
 * Parts shared by the issued and received books: `Cabecera`, `PeriodoLiquidacion` and the
 * common invoice fields of `FacturaType` (TipoFactura … Macrodato), in XSD order.
 */
import { type Amount, abs, compare, makeAmount } from '../../core/amount.ts';
import {
  SII_CORRECTION_TYPE,
  SII_DOC_TYPE,
  SII_SIMPLIFIED_ART7273,
} from '../../addons/es-sii/extensions.ts';
import { Ctx, FAULT } from './context.ts';
import { ZERO2, readAmount, signed } from './format.ts';
import type { SiiOptions, SiiTitular } from './options.ts';
import { isNif, titularNode } from './parties.ts';
import { type RateLine, importe, plus } from './breakdown.ts';
import { generalNote, precedingIds, requiredDate, type SiiInvoice } from './read.ts';
import { el, group, node, opt, type XNode } from './xml.ts';

/** AEAT flags invoices of 100 M€ or more (`Macrodato`). */
const MACRODATO = makeAmount(100_000_000n, 0);
const CORRECTIVE = new Set(['R1', 'R2', 'R3', 'R4', 'R5']);

export function cabeceraNode(t: SiiTitular, communication?: string): XNode {
  return node('sii:Cabecera', el('sii:IDVersionSii', '1.1'), titularNode(t), opt('sii:TipoComunicacion', communication));
}

export function periodoNode(p: { year: string; period: string }): XNode {
  return node('sii:PeriodoLiquidacion', el('sii:Ejercicio', p.year), el('sii:Periodo', p.period));
}

/** Checks the options every message shares; faults land under `$options`. */
export function checkOptions(ctx: Ctx, opts: Partial<SiiOptions> | undefined, withCommunication: boolean): void {
  if (withCommunication && opts?.communication !== 'A0' && opts?.communication !== 'A1') {
    ctx.faultAt(FAULT.option, '$options.communication', 'communication must be A0 (new records) or A1 (modifications)');
  }
  if (opts?.periodicity !== undefined && opts.periodicity !== 'monthly' && opts.periodicity !== 'quarterly') {
    ctx.faultAt(FAULT.option, '$options.periodicity', 'periodicity must be monthly or quarterly');
  }
  const t = opts?.titular;
  if (!t) return;
  if (!isNif(t.nif ?? '')) ctx.faultAt(FAULT.option, '$options.titular.nif', 'the titular needs a 9-character Spanish NIF');
  if (t.representative !== undefined && !isNif(t.representative)) ctx.faultAt(FAULT.option, '$options.titular.representative', 'the representative needs a 9-character Spanish NIF');
  if (!t.name || [...t.name].length > 120) ctx.faultAt(FAULT.option, '$options.titular.name', 'the titular needs a name of at most 120 characters');
}

/** `TipoFactura` from `es-sii-doc-type`; `refused` codes belong to the other book. */
export function docType(si: SiiInvoice, refused: readonly string[], book: string): string {
  const code = si.inv.tax?.ext?.[SII_DOC_TYPE];
  if (!code) {
    si.ctx.fault(FAULT.missing, 'tax.ext', `the ${SII_DOC_TYPE} extension is required (rebuild with the es-sii-v1 addon)`);
    return 'F1';
  }
  if (refused.includes(code)) si.ctx.fault(FAULT.receivedOnly, 'tax.ext', `invoice type ${code} cannot be reported in the ${book} book`);
  return code;
}

/** Credit notes are corrections "por diferencias" that reduce: SII wants negative amounts. */
export function isNegative(si: SiiInvoice): boolean {
  return si.inv.type === 'credit-note';
}

/** `ClaveRegimenEspecialOTrascendencia` and up to two additional keys, in first-seen order. */
export function regimeKeys(si: SiiInvoice, lines: readonly RateLine[], map: (code: string) => string = (c) => c): string[] {
  const keys = [...new Set(lines.map((l) => (l.regime ? map(l.regime) : '')).filter((k) => k !== ''))];
  if (keys.length === 0) keys.push(map('01'));
  if (keys.length > 3) si.ctx.fault(FAULT.unsupported, 'totals.taxes', `SII accepts at most 3 regime keys per invoice, found ${keys.join(', ')}`);
  return keys.slice(0, 3);
}

/** `DescripcionOperacion`: the general note, or else the item names (the field is mandatory). */
export function description(si: SiiInvoice): string {
  const note = generalNote(si.inv);
  if (note !== undefined) {
    const i = si.inv.notes!.findIndex((n) => n?.key === 'general' && n.text);
    return si.ctx.text(note, 500, `notes[${i}].text`);
  }
  const names = [...new Set((si.inv.lines ?? []).map((l) => l?.item?.name ?? '').filter((n) => n !== ''))];
  const text = names.join(', ') || 'Factura';
  return [...text].slice(0, 500).join('');
}

/** `ImporteRectificacion` of a substitution: the replaced invoices' VAT bases and quotas. */
function rectification(si: SiiInvoice): XNode | undefined {
  const refs = si.inv.preceding ?? [];
  if (refs.length === 0) {
    si.ctx.fault(FAULT.missing, 'preceding', 'a corrective invoice by substitution (S) must name the invoices it replaces');
    return undefined;
  }
  let base: Amount = ZERO2;
  let quota: Amount = ZERO2;
  let surcharge: Amount | undefined;
  refs.forEach((ref, i) => {
    if (!ref?.tax) {
      si.ctx.fault(FAULT.missing, `preceding[${i}].tax`, 'the replaced invoice needs its tax totals (ImporteRectificacion)');
      return;
    }
    for (const cat of ref.tax.categories ?? []) {
      if (cat?.code !== 'VAT') continue;
      for (const r of cat.rates ?? []) {
        base = plus(base, si.eur(readAmount(r?.base) ?? ZERO2))!;
        quota = plus(quota, si.eur(readAmount(r?.amount) ?? ZERO2))!;
        if (r?.surcharge?.amount) surcharge = plus(surcharge, si.eur(readAmount(r.surcharge.amount) ?? ZERO2));
      }
    }
  });
  return node(
    'sii:ImporteRectificacion',
    el('sii:BaseRectificada', importe(si.ctx, base, 'preceding')),
    el('sii:CuotaRectificada', importe(si.ctx, quota, 'preceding')),
    surcharge && el('sii:CuotaRecargoRectificado', importe(si.ctx, surcharge, 'preceding')),
  );
}

function idsNode(name: string, item: string, ids: readonly { number: string; date: string }[]): XNode | undefined {
  return group(
    name,
    ...ids.map((id) => node(item, el('sii:NumSerieFacturaEmisor', id.number), el('sii:FechaExpedicionFacturaEmisor', id.date))),
  );
}

/** `ImporteTotal`: the total with taxes (withholdings excluded), in euros and signed. */
export function totalAmount(si: SiiInvoice): Amount {
  return signed(si.eur(readAmount(si.inv.totals?.total_with_tax) ?? ZERO2), isNegative(si));
}

/** Fields of `FacturaType`, in order. */
export function facturaCommon(si: SiiInvoice, tipoFactura: string, keys: readonly string[], total: Amount): XNode[] {
  const { inv, ctx } = si;
  const ext = inv.tax?.ext ?? {};
  const corrective = CORRECTIVE.has(tipoFactura);
  let tipoRectificativa: string | undefined;
  if (corrective) {
    tipoRectificativa = ext[SII_CORRECTION_TYPE];
    if (tipoRectificativa !== 'S' && tipoRectificativa !== 'I') {
      ctx.fault(FAULT.missing, 'tax.ext', `corrective invoices need ${SII_CORRECTION_TYPE} S or I`);
      tipoRectificativa = undefined;
    }
  }
  const preceding = precedingIds(ctx, inv.preceding);
  return [
    el('sii:TipoFactura', tipoFactura),
    opt('sii:TipoRectificativa', tipoRectificativa),
    tipoFactura === 'F3' ? idsNode('sii:FacturasAgrupadas', 'sii:IDFacturaAgrupada', preceding) : undefined,
    corrective ? idsNode('sii:FacturasRectificadas', 'sii:IDFacturaRectificada', preceding) : undefined,
    tipoRectificativa === 'S' ? rectification(si) : undefined,
    inv.op_date ? el('sii:FechaOperacion', requiredDate(ctx, inv.op_date, 'op_date')) : undefined,
    el('sii:ClaveRegimenEspecialOTrascendencia', keys[0]),
    opt('sii:ClaveRegimenEspecialOTrascendenciaAdicional1', keys[1]),
    opt('sii:ClaveRegimenEspecialOTrascendenciaAdicional2', keys[2]),
    el('sii:ImporteTotal', importe(ctx, total, 'totals.total_with_tax')),
    el('sii:DescripcionOperacion', description(si)),
    opt('sii:FacturaSimplificadaArticulos7.2_7.3', ext[SII_SIMPLIFIED_ART7273]),
    compare(abs(total), MACRODATO) >= 0 ? el('sii:Macrodato', 'S') : undefined,
  ].filter((n): n is XNode => !!n);
}
