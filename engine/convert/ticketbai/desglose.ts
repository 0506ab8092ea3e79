/**
 * `TipoDesglose`: the VAT breakdown, from the VAT rate totals. `DesgloseFactura` when there is no
 * customer, the customer is Spanish or the invoice is simplified; otherwise `DesgloseTipoOperacion`
 * split by `es-tbai-product` (goods → Entrega, anything else → PrestacionServicios).
 * Each rate goes to NoSujeta (exemption OT/RL/VT/IE, merged per cause), Sujeta/Exenta (E1–E6) or
 * Sujeta/NoExenta (S1, or S2 for reverse charge), as in converters.md §1.2.
 */
import { type Amount, add } from '../../core/amount.ts';
import type { CategoryTotal, RateTotal } from '../../model/tax.ts';
import { type Ctx, EXT_EXEMPTION, EXT_PRODUCT, EXT_REGIME, EXT_SIMPLIFIED, FAULT, amountAt, fmt2, percentText, signed } from './common.ts';
import { partyCountry } from './sujetos.ts';
import type { XObject } from './xml.ts';

const NOT_SUBJECT = ['OT', 'RL', 'VT', 'IE'];
const EXEMPT = ['E1', 'E2', 'E3', 'E4', 'E5', 'E6'];
const SUBJECT = ['S1', 'S2'];

/** FacturaSimplificada: the `es-tbai-simplified` extension, or GOBL's `simplified` tag. */
export function isSimplified(ctx: Ctx): boolean {
  return ctx.inv.tax?.ext?.[EXT_SIMPLIFIED] === 'S' || !!ctx.inv.$tags?.includes('simplified');
}

interface IndexedRate {
  readonly rate: RateTotal;
  readonly path: string;
}

export function buildTipoDesglose(ctx: Ctx, vat: CategoryTotal, vatPath: string): XObject {
  const rates: IndexedRate[] = [];
  (vat.rates ?? []).forEach((rate, i) => {
    if (rate) rates.push({ rate, path: `${vatPath}.rates[${i}]` });
  });
  const customer = ctx.inv.customer;
  if (!customer || partyCountry(customer) === 'ES' || isSimplified(ctx)) {
    return { DesgloseFactura: desglose(ctx, rates) };
  }
  const goods = rates.filter((r) => r.rate.ext?.[EXT_PRODUCT] === 'goods');
  const services = rates.filter((r) => r.rate.ext?.[EXT_PRODUCT] !== 'goods');
  return { DesgloseTipoOperacion: { PrestacionServicios: desglose(ctx, services), Entrega: desglose(ctx, goods) } };
}

function desglose(ctx: Ctx, rates: readonly IndexedRate[]): XObject | undefined {
  if (rates.length === 0) return undefined;
  const f = ctx.faults;
  const customerRates = !!ctx.inv.$tags?.includes('customer-rates');
  const noSujeta: { causa: string; importe: Amount }[] = [];
  const exenta: XObject[] = [];
  const noExenta: { tipo: string; detalles: XObject[] }[] = [];

  for (const { rate, path } of rates) {
    const base = signed(ctx, amountAt(f, rate.base, `${path}.base`));
    let code = rate.ext?.[EXT_EXEMPTION] ?? '';
    // gobl.ticketbai: a `customer-rates` invoice without causes is not subject by location rules.
    if (code === '' && customerRates) code = 'RL';
    if (NOT_SUBJECT.includes(code)) {
      const found = noSujeta.find((n) => n.causa === code);
      if (found) found.importe = add(found.importe, base);
      else noSujeta.push({ causa: code, importe: base });
    } else if (EXEMPT.includes(code)) {
      exenta.push({ CausaExencion: code, BaseImponible: fmt2(base) });
    } else {
      const tipo = code === '' ? 'S1' : code;
      if (!SUBJECT.includes(tipo)) {
        f.add(FAULT.breakdown, `${path}.ext.${EXT_EXEMPTION}`, `unknown TicketBAI exemption code ${JSON.stringify(code)}`);
        continue;
      }
      let group = noExenta.find((g) => g.tipo === tipo);
      if (!group) noExenta.push((group = { tipo, detalles: [] }));
      group.detalles.push(detalleIva(ctx, rate, path, base));
    }
  }

  if (exenta.length > 7) f.add(FAULT.limit, rates[0].path, `TicketBAI allows at most 7 exempt breakdown lines, the invoice has ${exenta.length}`);
  for (const g of noExenta) {
    if (g.detalles.length > 12) f.add(FAULT.limit, rates[0].path, `TicketBAI allows at most 12 VAT rates per ${g.tipo} breakdown, the invoice has ${g.detalles.length}`);
  }
  const sujeta =
    exenta.length > 0 || noExenta.length > 0
      ? {
          Exenta: exenta.length > 0 ? { DetalleExenta: exenta } : undefined,
          NoExenta:
            noExenta.length > 0
              ? { DetalleNoExenta: noExenta.map((g) => ({ TipoNoExenta: g.tipo, DesgloseIVA: { DetalleIVA: g.detalles } })) }
              : undefined,
        }
      : undefined;
  return {
    Sujeta: sujeta,
    NoSujeta: noSujeta.length > 0 ? { DetalleNoSujeta: noSujeta.map((n) => ({ Causa: n.causa, Importe: fmt2(n.importe) })) } : undefined,
  };
}

function detalleIva(ctx: Ctx, rate: RateTotal, path: string, base: Amount): XObject {
  const f = ctx.faults;
  const sur = rate.surcharge;
  const simplifiedScheme =
    rate.ext?.[EXT_REGIME] === '52' || rate.ext?.[EXT_PRODUCT] === 'resale' || !!ctx.inv.$tags?.includes('simplified-scheme');
  return {
    BaseImponible: fmt2(base),
    TipoImpositivo: percentText(f, rate.percent, `${path}.percent`),
    CuotaImpuesto: fmt2(signed(ctx, amountAt(f, rate.amount, `${path}.amount`))),
    TipoRecargoEquivalencia: sur ? percentText(f, sur.percent, `${path}.surcharge.percent`) : undefined,
    CuotaRecargoEquivalencia: sur ? fmt2(signed(ctx, amountAt(f, sur.amount, `${path}.surcharge.amount`))) : undefined,
    OperacionEnRecargoDeEquivalenciaORegimenSimplificado: simplifiedScheme ? 'S' : undefined,
  };
}
