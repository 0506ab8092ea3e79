/**
 * `Factura`: CabeceraFactura (series, number, the *conversion* date and time in Europe/Madrid,
 * simplified flag, rectification data), DatosFactura (operation date, description, lines, totals,
 * withholding, regime keys) and TipoDesglose. Spec converters.md §1.2.
 */
import { type Amount, ZERO, add, matchPrecision, rescale } from '../../core/amount.ts';
import type { CategoryTotal } from '../../model/tax.ts';
import { type Ctx, EXT_CORRECTION, EXT_PRODUCT, EXT_REGIME, FAULT, amountAt, dmy, fmt2, signed, text } from './common.ts';
import { buildDetalles } from './detalles.ts';
import { buildTipoDesglose, isSimplified } from './desglose.ts';
import { partyCountry } from './sujetos.ts';
import type { XObject } from './xml.ts';

/** Only rectification by differences (I) is produced: credit notes carry negated amounts. */
const CORRECTION_BY_DIFFERENCES = 'I';

export function buildFactura(ctx: Ctx, issued: { date: string; time: string }): XObject {
  const totals = ctx.inv.totals!;
  const categories = totals.taxes?.categories ?? [];
  const vatIndex = categories.findIndex((c) => c?.code === 'VAT');
  const vat = vatIndex >= 0 ? categories[vatIndex] : undefined;
  if (!vat) ctx.faults.add(FAULT.breakdown, `${ctx.base}.totals.taxes`, 'TicketBAI needs a VAT breakdown, but the invoice totals have no VAT');
  const retained = new Set(categories.filter((c) => c?.retained && c.code).map((c) => c!.code!));
  return {
    CabeceraFactura: cabecera(ctx, issued),
    DatosFactura: datos(ctx, retained, vat),
    TipoDesglose: vat ? buildTipoDesglose(ctx, vat, `${ctx.base}.totals.taxes.categories[${vatIndex}]`) : undefined,
  };
}

function cabecera(ctx: Ctx, issued: { date: string; time: string }): XObject {
  const { inv, base, faults: f } = ctx;
  const p = inv.preceding?.[0];
  return {
    SerieFactura: text(f, inv.series, `${base}.series`, 'series', 20),
    NumFactura: text(f, inv.code, `${base}.code`, 'code', 20, true) ?? '',
    FechaExpedicionFactura: issued.date,
    HoraExpedicionFactura: issued.time,
    FacturaSimplificada: isSimplified(ctx) ? 'S' : 'N',
    FacturaRectificativa: p ? { Codigo: p.ext?.[EXT_CORRECTION] ?? '', Tipo: CORRECTION_BY_DIFFERENCES } : undefined,
    FacturasRectificadasSustituidas: p
      ? {
          IDFacturaRectificadaSustituida: [
            {
              SerieFactura: text(f, p.series, `${base}.preceding[0].series`, 'preceding series', 20),
              NumFactura: text(f, p.code, `${base}.preceding[0].code`, 'preceding code', 20, true) ?? '',
              FechaExpedicionFactura: p.issue_date ? dmy(p.issue_date) : '',
            },
          ],
        }
      : undefined,
  };
}

function datos(ctx: Ctx, retained: ReadonlySet<string>, vat: CategoryTotal | undefined): XObject {
  const { inv, base, faults: f } = ctx;
  const noteIndex = (inv.notes ?? []).findIndex((n) => n?.key === 'general');
  const note = noteIndex >= 0 ? inv.notes![noteIndex] : undefined;
  const opDate = inv.op_date || inv.issue_date;
  return {
    FechaOperacion: opDate ? dmy(opDate) : undefined,
    DescripcionFactura: text(f, note?.text, `${base}.notes[${noteIndex}].text`, 'general note', 250, note !== undefined) ?? '',
    DetallesFactura: buildDetalles(ctx, retained),
    ImporteTotalFactura: fmt2(signed(ctx, importeTotal(ctx))),
    RetencionSoportada: fmt2(signed(ctx, retention(ctx))),
    Claves: { IDClave: claves(ctx, vat).map((c) => ({ ClaveRegimenIvaOpTrascendencia: c })) },
  };
}

/** Total with the non-retained taxes (before withholding), plus any rounding adjustment. */
function importeTotal(ctx: Ctx): Amount {
  const { totals } = ctx.inv;
  const path = `${ctx.base}.totals`;
  let sum = amountAt(ctx.faults, totals!.total, `${path}.total`);
  (totals!.taxes?.categories ?? []).forEach((c, i) => {
    if (!c || c.retained || c.informative) return;
    const a = amountAt(ctx.faults, c.amount, `${path}.taxes.categories[${i}].amount`);
    sum = add(matchPrecision(sum, a), a);
  });
  if (totals!.rounding) {
    const r = amountAt(ctx.faults, totals!.rounding, `${path}.rounding`);
    sum = add(matchPrecision(sum, r), r);
  }
  return rescale(sum, 2);
}

function retention(ctx: Ctx): Amount {
  let sum: Amount = ZERO;
  (ctx.inv.totals!.taxes?.categories ?? []).forEach((c, i) => {
    if (!c || !c.retained) return;
    const a = amountAt(ctx.faults, c.amount, `${ctx.base}.totals.taxes.categories[${i}].amount`);
    sum = add(matchPrecision(sum, a), a);
  });
  return rescale(sum, 2);
}

/**
 * ClaveRegimenIvaOpTrascendencia: the distinct `es-tbai-regime` codes of the VAT rates. Documents
 * built before GOBL set that extension get gobl.ticketbai's derivation: 02 for a foreign customer,
 * 51 for resale, 52 for the simplified scheme, else 01.
 */
function claves(ctx: Ctx, vat: CategoryTotal | undefined): string[] {
  const codes: string[] = [];
  for (const r of vat?.rates ?? []) {
    const c = r?.ext?.[EXT_REGIME];
    if (c && !codes.includes(c)) codes.push(c);
  }
  if (codes.length > 3) ctx.faults.add(FAULT.limit, `${ctx.base}.totals.taxes`, `TicketBAI allows at most 3 regime keys, the VAT rates have ${codes.length} (${codes.join(', ')})`);
  if (codes.length > 0) return codes;
  const country = partyCountry(ctx.inv.customer);
  if (ctx.inv.customer && country !== '' && country !== 'ES') return ['02'];
  if ((vat?.rates ?? []).some((r) => r?.ext?.[EXT_PRODUCT] === 'resale')) return ['51'];
  if (ctx.inv.$tags?.includes('simplified-scheme')) return ['52'];
  return ['01'];
}
