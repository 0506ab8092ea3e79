/**
 * GOBL invoice → FacturaE 3.2.2 (unsigned). Spec converters.md §5; the mapping follows
 * invopop/gobl.facturae without its known defects: the buyer issuer type is `RE` (not `" RE"`),
 * legal notes become LegalLiterals, InvoiceTotal excludes withheld taxes as FacturaE defines,
 * and element order, account choice and empty parts follow the XSD.
 */
import type { Invoice } from '../../model/bill.ts';
import { party as partySchema, type Party } from '../../model/org.ts';
import type { ConvertResult } from '../types.ts';
import { FAULT, type Ctx } from './context.ts';
import { fileHeader, invoiceHeader, issueData } from './header.ts';
import { items } from './items.ts';
import { administrativeCentres, business } from './parties.ts';
import { paymentDetails } from './payment.ts';
import { invert, readInvoice, removeIncludedTaxes } from './prepare.ts';
import { invoiceTaxes } from './taxes.ts';
import { invoiceTotals } from './totals.ts';
import { el, group, list, opt, serialize, type Pretty, type XNode } from './xml.ts';

export interface FacturaeOptions {
  /**
   * A GOBL party (org/party JSON) that issues the invoice on the supplier's behalf:
   * InvoiceIssuerType becomes `TE` and the party is written as FileHeader/ThirdParty.
   * Without it, the invoice's `ordering.issuer` (if any) plays that role.
   */
  readonly thirdParty?: unknown;
  /**
   * Signing time (RFC 3339) for the XAdES signature that wraps this document. The unsigned
   * document itself never depends on the clock; accepted here so callers pass one option set.
   */
  readonly now?: string;
  /** `tab` (default) indents with tabs like the reference fixtures; `none` is the compact form to sign. */
  readonly pretty?: Pretty;
  /**
   * Reproduce invopop/gobl.facturae's totals: InvoiceTotal = GOBL's `total_with_tax` and the
   * outstanding/executable amounts = GOBL's `due` or `payable`. When IRPF is withheld this
   * breaks FacturaE's identity InvoiceTotal = TotalGrossAmountBeforeTaxes + TotalTaxOutputs −
   * TotalTaxesWithheld, so it is off by default; it exists to compare with that converter's output.
   */
  readonly legacyTotals?: boolean;
}

function notes(ctx: Ctx, inv: Invoice): { legal?: XNode; additional?: XNode } {
  const all = (inv.notes ?? []).map((n, i) => ({ n, i })).filter((x) => !!x.n?.text);
  const legal = all.filter((x) => x.n!.key === 'legal');
  const other = all.filter((x) => x.n!.key !== 'legal').map((x) => x.n!.text!);
  return {
    legal: list(
      'LegalLiterals',
      legal.map((x) => el('LegalReference', ctx.text(x.n!.text, 250, ctx.at(`notes[${x.i}].text`)))),
    ),
    additional: group('AdditionalData', opt('InvoiceAdditionalInformation', ctx.text(other.join('; '), 2500, ctx.at('notes')))),
  };
}

function invoiceNode(ctx: Ctx, inv: Invoice): XNode {
  const taxes = invoiceTaxes(inv.totals?.taxes);
  const n = notes(ctx, inv);
  return group(
    'Invoice',
    invoiceHeader(ctx, inv),
    issueData(inv),
    taxes.outputs ?? { name: 'TaxesOutputs', children: [] },
    taxes.withheld,
    invoiceTotals(ctx, inv),
    items(ctx, inv),
    paymentDetails(ctx, inv),
    n.legal,
    n.additional,
  )!;
}

function readThirdParty(ctx: Ctx, value: unknown): Party | undefined {
  if (value === undefined || value === null) return undefined;
  const r = partySchema.safeParse(value);
  if (!r.success) {
    for (const i of r.error.issues.slice(0, 10)) {
      const rel = i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
      ctx.fault(FAULT.option, `$options.thirdParty${rel}`, i.message);
    }
    return undefined;
  }
  return r.data;
}

export function toFacturae(envelope: unknown, opts: FacturaeOptions = {}): ConvertResult<string> {
  try {
    const read = readInvoice(envelope);
    if (!read.ok) return { ok: false, faults: read.faults };
    const { inv, ctx } = read;
    const pretty: Pretty = opts.pretty ?? 'tab';
    if (pretty !== 'tab' && pretty !== 'none') ctx.fault(FAULT.option, '$options.pretty', "pretty must be 'tab' or 'none'");
    if (opts.legacyTotals !== undefined && typeof opts.legacyTotals !== 'boolean') ctx.fault(FAULT.option, '$options.legacyTotals', 'legacyTotals must be true or false');
    ctx.legacyTotals = opts.legacyTotals === true;
    if (opts.now !== undefined && (typeof opts.now !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.test(opts.now))) ctx.fault(FAULT.option, '$options.now', 'now must be an RFC 3339 date-time');
    const option = readThirdParty(ctx, opts.thirdParty);
    const issuer = inv.ordering?.issuer;
    const thirdParty = option
      ? { party: option, path: '$options.thirdParty' }
      : issuer
        ? { party: issuer, path: ctx.at('ordering.issuer') }
        : undefined;
    if (ctx.faults.length > 0) return { ok: false, faults: ctx.faults };
    if (!removeIncludedTaxes(ctx, inv)) return { ok: false, faults: ctx.faults };
    if (inv.type === 'credit-note' && !invert(ctx, inv)) return { ok: false, faults: ctx.faults };
    const parties = group(
      'Parties',
      business(ctx, 'SellerParty', inv.supplier!, ctx.at('supplier')),
      business(ctx, 'BuyerParty', inv.customer!, ctx.at('customer'), administrativeCentres(ctx, inv)),
    )!;
    const nodes = [fileHeader(ctx, inv, thirdParty), parties, { name: 'Invoices', children: [invoiceNode(ctx, inv)] }];
    if (ctx.faults.length > 0) return { ok: false, faults: ctx.faults };
    return { ok: true, value: serialize(nodes, pretty) };
  } catch (e) {
    const message = `internal error: ${e instanceof Error ? e.message : String(e)}`;
    return { ok: false, faults: [{ code: FAULT.internal, paths: ['$'], message }] };
  }
}
