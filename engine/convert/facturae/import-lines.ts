/** FacturaE invoice lines and taxes → GOBL lines and tax combos. */
import { type Amount, add, equals, isZero, parseAmount, sub } from '../../core/amount.ts';
import { compact, neg } from './import-parties.ts';
import { IMPORT_FAULT, type XEl } from './import-read.ts';

type Json = Record<string, unknown>;

/** GOBL category per FacturaE TaxTypeCode (the inverse of the export table). */
const CATEGORIES: Readonly<Record<string, string>> = { '01': 'VAT', '02': 'IPSI', '03': 'IGIC', '04': 'IRPF', '28': 'IRNR' };

const ZERO: Amount = { value: 0n, exp: 2 };
const amt = (s: string | undefined): Amount => {
  const r = s ? parseAmount(s) : undefined;
  return r?.ok ? r.value : ZERO;
};

/** A Tax element as a GOBL combo; a 0% VAT rate is read as an exemption. */
function comboOf(tax: XEl, withheld: boolean): Json | undefined {
  const code = tax.reqText('TaxTypeCode');
  const cat = CATEGORIES[code];
  if (!cat) {
    if (code) tax.reader.fault(IMPORT_FAULT.unsupported, `${tax.path}/TaxTypeCode`, `tax type ${JSON.stringify(code)} has no GOBL category here (supported: 01 IVA, 02 IPSI, 03 IGIC, 04 IRPF, 28 IRNR)`);
    return undefined;
  }
  const rate = tax.decimal('TaxRate', true);
  const surcharge = withheld ? undefined : tax.decimal('EquivalenceSurcharge');
  if (cat === 'VAT' && !withheld && rate !== undefined && isZero(amt(rate)) && !surcharge) return { cat, key: 'exempt' };
  return compact({ cat, percent: rate !== undefined ? `${rate}%` : undefined, surcharge: surcharge ? `${surcharge}%` : undefined });
}

function taxesOf(el: XEl): Json[] {
  const out: Json[] = [];
  for (const t of el.child('TaxesOutputs')?.children('Tax') ?? []) {
    const c = comboOf(t, false);
    if (c) out.push(c);
  }
  for (const t of el.child('TaxesWithheld')?.children('Tax') ?? []) {
    const c = comboOf(t, true);
    if (c) out.push(c);
  }
  return out;
}

function adjustmentsOf(line: XEl, container: string, kind: 'Discount' | 'Charge', credit: boolean): Json[] {
  return (line.child(container)?.children(kind) ?? []).map((d) => {
    const pct = d.decimal(`${kind}Rate`);
    const amount = d.decimal(`${kind}Amount`, true);
    return compact({ reason: d.text(`${kind}Reason`), percent: pct ? `${pct}%` : undefined, amount: pct ? undefined : credit ? neg(amount) : amount });
  });
}

export function linesOf(inv: XEl, credit: boolean): Json[] {
  const lines = inv.req('Items').children('InvoiceLine');
  if (lines.length === 0) inv.reader.fault(IMPORT_FAULT.missing, `${inv.path}/Items/InvoiceLine`, 'the invoice has no lines');
  return lines.map((l) => {
    const quantity = l.decimal('Quantity', true);
    return compact({
      quantity: credit ? neg(quantity) : quantity,
      item: compact({ name: l.reqText('ItemDescription'), price: l.decimal('UnitPriceWithoutTax', true) }),
      discounts: adjustmentsOf(l, 'DiscountsAndRebates', 'Discount', credit),
      charges: adjustmentsOf(l, 'Charges', 'Charge', credit),
      taxes: taxesOf(l),
    });
  });
}

const keyOf = (tax: XEl) => `${tax.text('TaxTypeCode')}|${tax.text('TaxRate')}|${tax.text('EquivalenceSurcharge') ?? ''}`;

/**
 * General discounts and surcharges carry no taxes in FacturaE; whether they were taxed shows in
 * the invoice taxable bases. When every base that differs from the sum of its lines differs by
 * exactly the net adjustment, those taxes apply to the adjustments; otherwise they are untaxed.
 */
export function adjustmentTaxes(inv: XEl): Json[] | undefined {
  const totals = inv.child('InvoiceTotals');
  let net = ZERO;
  for (const c of totals?.child('GeneralSurcharges')?.children('Charge') ?? []) net = add(net, amt(c.text('ChargeAmount')));
  for (const d of totals?.child('GeneralDiscounts')?.children('Discount') ?? []) net = sub(net, amt(d.text('DiscountAmount')));
  if (isZero(net)) return undefined;
  const lineSums = new Map<string, Amount>();
  for (const l of inv.child('Items')?.children('InvoiceLine') ?? []) {
    const gross = amt(l.text('GrossAmount'));
    for (const group of ['TaxesOutputs', 'TaxesWithheld']) {
      for (const t of l.child(group)?.children('Tax') ?? []) lineSums.set(`${group}|${keyOf(t)}`, add(lineSums.get(`${group}|${keyOf(t)}`) ?? ZERO, gross));
    }
  }
  const taxed: Json[] = [];
  for (const group of ['TaxesOutputs', 'TaxesWithheld']) {
    for (const t of inv.child(group)?.children('Tax') ?? []) {
      const base = amt(t.child('TaxableBase')?.text('TotalAmount'));
      const diff = sub(base, lineSums.get(`${group}|${keyOf(t)}`) ?? ZERO);
      if (isZero(diff)) continue;
      if (!equals(diff, net)) return undefined;
      const c = comboOf(t, group === 'TaxesWithheld');
      if (c) taxed.push(c);
    }
  }
  return taxed.length > 0 ? taxed : undefined;
}
