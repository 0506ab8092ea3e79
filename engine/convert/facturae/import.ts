/**
 * FacturaE 3.2.x → a minimal GOBL invoice (`$addons: ["es-facturae-v3"]`) that builds to the
 * document's totals. Credit notes (corrective class, negative totals) become `credit-note`
 * invoices with positive amounts, the reverse of what `toFacturae` does.
 */
import { amountToString, div, isNegative, isZero, mul, parseAmount, rescale } from '../../core/amount.ts';
import { EXT_CORRECTION, EXT_SUBSIDY } from '../../addons/es-facturae/extensions.ts';
import { FACTURAE_KEY } from '../../addons/es-facturae/rules.ts';
import type { ConvertResult } from '../types.ts';
import { adjustmentTaxes, linesOf } from './import-lines.ts';
import { centresOf, compact, neg, partyOf } from './import-parties.ts';
import { IMPORT_FAULT, readFacturae, type XEl } from './import-read.ts';

type Json = Record<string, unknown>;

const MEANS_KEYS: Readonly<Record<string, string>> = {
  '01': 'cash', '02': 'direct-debit', '04': 'credit-transfer', '09': 'promissory-note', '10': 'promissory-note',
  '11': 'cheque', '13': 'online', '14': 'netting', '16': 'cheque', '17': 'bank-draft', '19': 'card',
};

function invoiceType(inv: XEl, cls: string, total: string | undefined): string {
  if (cls[1] !== 'R') return 'standard';
  const method = inv.child('InvoiceHeader')?.child('Corrective')?.text('CorrectionMethod');
  if (method === '01') return 'corrective';
  const r = total ? parseAmount(total) : undefined;
  if (r?.ok && isNegative(r.value)) return 'credit-note';
  return method === '02' ? 'debit-note' : 'corrective';
}

function precedingOf(header: XEl): Json[] | undefined {
  const c = header.child('Corrective');
  if (!c) return undefined;
  const period = c.child('TaxPeriod');
  const start = period?.date('StartDate');
  const end = period?.date('EndDate');
  const issue = c.date('InvoiceIssueDate') ?? start;
  const reason = c.reqText('ReasonCode');
  return [
    compact({
      type: 'standard',
      issue_date: issue,
      series: c.text('InvoiceSeriesCode'),
      code: c.text('InvoiceNumber'),
      period: start && end && (start !== issue || end !== issue) ? { start, end } : undefined,
      reason: c.text('AdditionalReasonDescription'),
      ext: reason ? { [EXT_CORRECTION]: reason } : undefined,
    }),
  ];
}

function paymentOf(inv: XEl, credit: boolean): Json | undefined {
  const flip = (s: string | undefined) => (credit ? neg(s) : s);
  const installments = inv.child('PaymentDetails')?.children('Installment') ?? [];
  const totals = inv.child('InvoiceTotals');
  const advances: Json[] = [];
  for (const s of totals?.child('Subsidies')?.children('Subsidy') ?? []) {
    advances.push(compact({ description: s.reqText('SubsidyDescription'), amount: flip(s.decimal('SubsidyAmount', true)), ext: { [EXT_SUBSIDY]: 'S' } }));
  }
  for (const p of totals?.child('PaymentsOnAccount')?.children('PaymentOnAccount') ?? []) {
    advances.push(compact({ date: p.date('PaymentOnAccountDate'), description: 'Pago a cuenta', amount: flip(p.decimal('PaymentOnAccountAmount', true)) }));
  }
  if (installments.length === 0 && advances.length === 0) return undefined;
  const first = installments[0];
  const code = first?.text('PaymentMeans');
  const key = code ? (MEANS_KEYS[code] ?? 'any') : undefined;
  const credited = first?.child('AccountToBeCredited');
  const debited = first?.child('AccountToBeDebited');
  const instructions = key
    ? compact({
        key,
        credit_transfer: credited ? [compact({ iban: credited.text('IBAN'), number: credited.text('AccountNumber'), bic: credited.text('BIC') })] : undefined,
        direct_debit: debited ? compact({ account: debited.text('IBAN') ?? debited.text('AccountNumber'), ref: first.text('DebitReconciliationReference') }) : undefined,
      })
    : undefined;
  // FacturaE installments are what is left after advances; GOBL due dates share out the payable.
  const scale = (s: string | undefined) => {
    const total = parseAmount(totals?.text('InvoiceTotal') ?? '');
    const left = parseAmount(totals?.text('TotalOutstandingAmount') ?? '');
    const a = s === undefined ? undefined : parseAmount(s);
    if (!a?.ok || advances.length === 0 || !total.ok || !left.ok || isZero(left.value)) return s;
    return amountToString(rescale(div(mul(a.value, total.value), left.value), 2));
  };
  const dueDates = installments.map((i) =>
    compact({ date: i.date('InstallmentDueDate', true), amount: flip(scale(i.decimal('InstallmentAmount', true))), notes: i.text('CollectionAdditionalInformation') }),
  );
  return compact({ terms: dueDates.length > 0 ? { key: 'due-date', due_dates: dueDates } : undefined, advances, instructions });
}

function notesOf(inv: XEl): Json[] {
  const legal = (inv.child('LegalLiterals')?.children('LegalReference') ?? []).map((r) => r.content).filter((t) => t !== '');
  const info = inv.child('AdditionalData')?.text('InvoiceAdditionalInformation');
  return [...legal.map((text) => ({ key: 'legal', text })), ...(info ? [{ key: 'general', text: info }] : [])];
}

function invoiceOf(root: XEl): Json {
  const header = root.req('FileHeader');
  const third = header.child('ThirdParty');
  const parties = root.req('Parties');
  const buyerEl = parties.req('BuyerParty');
  const invoices = root.req('Invoices').children('Invoice');
  if (invoices.length === 0) root.reader.fault(IMPORT_FAULT.missing, '/Facturae/Invoices/Invoice', 'the document holds no invoice');
  if (invoices.length > 1) root.reader.fault(IMPORT_FAULT.unsupported, '/Facturae/Invoices', `batches are not supported: the document holds ${invoices.length} invoices, import them one at a time`);
  const inv = invoices[0] ?? root.req('Invoices').req('Invoice');
  const h = inv.req('InvoiceHeader');
  const data = inv.req('InvoiceIssueData');
  const totals = inv.req('InvoiceTotals');
  const docType = h.reqText('InvoiceDocumentType');
  const cls = h.reqText('InvoiceClass');
  if (docType && !['FC', 'FA', 'AF'].includes(docType)) root.reader.fault(IMPORT_FAULT.invalid, `${h.path}/InvoiceDocumentType`, `unknown InvoiceDocumentType ${JSON.stringify(docType)}`);
  if (cls && !/^[OC][ORC]$/.test(cls)) root.reader.fault(IMPORT_FAULT.invalid, `${h.path}/InvoiceClass`, `unknown InvoiceClass ${JSON.stringify(cls)}`);
  const type = invoiceType(inv, cls || 'OO', totals.decimal('InvoiceTotal', true));
  if (type !== 'standard' && !h.child('Corrective')) root.reader.fault(IMPORT_FAULT.missing, `${h.path}/Corrective`, 'a corrective invoice needs its Corrective block');
  const credit = type === 'credit-note';
  const tags = [
    ...(docType === 'FA' ? ['simplified'] : []),
    ...(docType === 'AF' ? ['self-billed'] : []),
    ...(cls[0] === 'C' ? ['copy'] : []),
    ...(cls[1] === 'C' ? ['summary'] : []),
  ];
  const issueDate = data.date('IssueDate', true);
  const opDate = data.date('OperationDate');
  const period = data.child('InvoicingPeriod');
  const currency = data.reqText('InvoiceCurrencyCode');
  const rate = data.child('ExchangeRateDetails')?.decimal('ExchangeRate');
  const centres = centresOf(buyerEl);
  const customer = partyOf(buyerEl);
  if (centres.identities.length > 0) customer.identities = centres.identities;
  const lines = linesOf(inv, credit);
  const adjust = (kind: 'Discount' | 'Charge', list: XEl | undefined) =>
    (list?.children(kind) ?? []).map((d): Json => {
      const pct = d.decimal(`${kind}Rate`);
      return compact<Json>({
        reason: d.text(`${kind}Reason`),
        percent: pct ? `${pct}%` : undefined,
        amount: pct ? undefined : (credit ? neg : (s: string | undefined) => s)(d.decimal(`${kind}Amount`, true)),
      });
    });
  const discounts = adjust('Discount', totals.child('GeneralDiscounts'));
  const charges = adjust('Charge', totals.child('GeneralSurcharges'));
  const adjTaxes = adjustmentTaxes(inv);
  for (const a of [...discounts, ...charges]) if (adjTaxes) a.taxes = adjTaxes;
  return compact({
    $schema: 'https://gobl.org/draft-0/bill/invoice',
    $regime: 'ES',
    $addons: [FACTURAE_KEY],
    $tags: tags,
    type,
    series: h.text('InvoiceSeriesCode'),
    code: h.reqText('InvoiceNumber'),
    issue_date: issueDate,
    op_date: opDate && opDate !== issueDate ? opDate : undefined,
    currency,
    exchange_rates: rate && currency !== 'EUR' ? [{ from: currency, to: 'EUR', amount: rate }] : undefined,
    preceding: type === 'standard' ? undefined : precedingOf(h),
    supplier: partyOf(parties.req('SellerParty')),
    customer,
    lines,
    discounts,
    charges,
    ordering: compact({
      period: period ? compact({ start: period.date('StartDate'), end: period.date('EndDate') }) : undefined,
      buyer: centres.orderer,
      issuer: third ? partyOf(third) : undefined,
    }),
    delivery: centres.receiver ? { receiver: centres.receiver } : undefined,
    payment: paymentOf(inv, credit),
    notes: notesOf(inv),
  });
}

export function fromFacturae(xml: string): ConvertResult<Record<string, unknown>> {
  try {
    const read = readFacturae(xml);
    if (!read.ok) return { ok: false, faults: read.faults };
    const doc = invoiceOf(read.root);
    if (read.reader.faults.length > 0) return { ok: false, faults: read.reader.faults };
    return { ok: true, value: doc };
  } catch (e) {
    const message = `internal error: ${e instanceof Error ? e.message : String(e)}`;
    return { ok: false, faults: [{ code: IMPORT_FAULT.internal, paths: ['/'], message }] };
  }
}
