/**
 * `TipoDesglose` of an issued invoice. Domestic counterparts (or none, F2) get one
 * `DesgloseFactura`; foreign ones get `DesgloseTipoOperacion`, split by the `es-sii-product`
 * extension into `Entrega` (goods) and `PrestacionServicios` (services, also the default when
 * the extension is absent — the same rule gobl.ticketbai applies). Each part holds `Sujeta`
 * (`Exenta` rows by cause, ≤ 7; `NoExenta` rows by rate, ≤ 6) and `NoSujeta` amounts.
 */
import type { Amount } from '../../core/amount.ts';
import type { Ctx } from './context.ts';
import { FAULT } from './context.ts';
import { ZERO2 } from './format.ts';
import { type RateLine, importe, plus, tipo } from './breakdown.ts';
import { el, group, node, type XNode } from './xml.ts';

interface TaxedRow {
  readonly reverse: boolean;
  readonly rate: Amount;
  base: Amount;
  quota: Amount;
  readonly surchargeRate?: Amount;
  surchargeQuota?: Amount;
  readonly rel: string;
}

interface Part {
  readonly exempt: Map<string, { base: Amount; rel: string }>;
  readonly taxed: Map<string, TaxedRow>;
  other?: Amount;
  location?: Amount;
}

const MAX_EXEMPT = 7;
const MAX_TAXED = 6;

function newPart(): Part {
  return { exempt: new Map(), taxed: new Map() };
}

function addLine(part: Part, l: RateLine): void {
  const op = l.op;
  if (op.kind === 'not-subject') {
    if (op.field === 'other') part.other = plus(part.other, l.base);
    else part.location = plus(part.location, l.base);
  } else if (op.kind === 'exempt') {
    const row = part.exempt.get(op.cause);
    if (row) row.base = plus(row.base, l.base)!;
    else part.exempt.set(op.cause, { base: l.base, rel: l.rel });
  } else {
    // Reverse-charge rows are printed with a zero rate and quota: the customer pays the VAT.
    const rate = op.reverse ? ZERO2 : l.rate!;
    const key = `${op.reverse ? 'S2' : 'S1'}|${rate.value}|${l.surchargeRate?.value ?? ''}`;
    const row = part.taxed.get(key);
    if (row) {
      row.base = plus(row.base, l.base)!;
      row.quota = plus(row.quota, op.reverse ? ZERO2 : l.quota)!;
      row.surchargeQuota = plus(row.surchargeQuota, l.surchargeQuota);
    } else {
      part.taxed.set(key, {
        reverse: op.reverse,
        rate,
        base: l.base,
        quota: op.reverse ? ZERO2 : l.quota,
        surchargeRate: l.surchargeRate,
        surchargeQuota: l.surchargeQuota,
        rel: l.rel,
      });
    }
  }
}

/** `S1` only ordinary rows, `S2` only reverse charge, `S3` both. */
function tipoNoExenta(rows: readonly TaxedRow[]): string {
  const s1 = rows.some((r) => !r.reverse);
  const s2 = rows.some((r) => r.reverse);
  return s1 && s2 ? 'S3' : s2 ? 'S2' : 'S1';
}

function detalleIva(ctx: Ctx, r: TaxedRow, services: boolean): XNode {
  if (services && r.surchargeRate) {
    ctx.fault(FAULT.unsupported, `${r.rel}.surcharge`, 'SII has no equivalence surcharge for services (PrestacionServicios); only deliveries of goods carry one');
  }
  const surcharge = !services && r.surchargeRate;
  return node(
    'sii:DetalleIVA',
    el('sii:TipoImpositivo', tipo(ctx, r.rate, `${r.rel}.percent`)),
    el('sii:BaseImponible', importe(ctx, r.base, `${r.rel}.base`)),
    el('sii:CuotaRepercutida', importe(ctx, r.quota, `${r.rel}.amount`)),
    surcharge && el('sii:TipoRecargoEquivalencia', tipo(ctx, r.surchargeRate!, `${r.rel}.surcharge.percent`)),
    surcharge && el('sii:CuotaRecargoEquivalencia', importe(ctx, r.surchargeQuota ?? ZERO2, `${r.rel}.surcharge.amount`)),
  );
}

function partNode(ctx: Ctx, name: string, part: Part, services: boolean): XNode | undefined {
  const exempt = [...part.exempt.entries()];
  const taxed = [...part.taxed.values()];
  if (exempt.length > MAX_EXEMPT) ctx.fault(FAULT.unsupported, exempt[MAX_EXEMPT][1].rel, `SII allows at most ${MAX_EXEMPT} exemption rows`);
  if (taxed.length > MAX_TAXED) ctx.fault(FAULT.unsupported, taxed[MAX_TAXED].rel, `SII allows at most ${MAX_TAXED} different VAT rates per breakdown`);
  const exenta = group(
    'sii:Exenta',
    ...exempt.map(([cause, row]) => node('sii:DetalleExenta', el('sii:CausaExencion', cause), el('sii:BaseImponible', importe(ctx, row.base, `${row.rel}.base`)))),
  );
  const noExenta =
    taxed.length > 0 &&
    node(
      'sii:NoExenta',
      el('sii:TipoNoExenta', tipoNoExenta(taxed)),
      node('sii:DesgloseIVA', ...taxed.map((r) => detalleIva(ctx, r, services))),
    );
  const noSujeta = group(
    'sii:NoSujeta',
    part.other && el('sii:ImportePorArticulos7_14_Otros', importe(ctx, part.other, 'totals.taxes')),
    part.location && el('sii:ImporteTAIReglasLocalizacion', importe(ctx, part.location, 'totals.taxes')),
  );
  return group(name, group('sii:Sujeta', exenta, noExenta), noSujeta);
}

/** `TipoDesglose`; `byOperation` when the counterpart is foreign. */
export function tipoDesglose(ctx: Ctx, lines: readonly RateLine[], byOperation: boolean): XNode {
  if (lines.length === 0) {
    ctx.fault(FAULT.missing, 'totals.taxes', 'SII needs a VAT breakdown: the invoice has no VAT, IGIC or IPSI rates');
    return node('sii:TipoDesglose', node('sii:DesgloseFactura'));
  }
  if (!byOperation) {
    const part = newPart();
    for (const l of lines) addLine(part, l);
    return node('sii:TipoDesglose', partNode(ctx, 'sii:DesgloseFactura', part, false) ?? node('sii:DesgloseFactura'));
  }
  const services = newPart();
  const goods = newPart();
  for (const l of lines) addLine(l.goods ? goods : services, l);
  return node(
    'sii:TipoDesglose',
    node('sii:DesgloseTipoOperacion', partNode(ctx, 'sii:PrestacionServicios', services, true), partNode(ctx, 'sii:Entrega', goods, false)),
  );
}
