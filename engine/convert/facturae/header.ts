/**
 * FileHeader (issuer type, third party, batch totals), InvoiceHeader with its Corrective block,
 * and InvoiceIssueData.
 */
import type { Invoice } from '../../model/bill.ts';
import type { Party } from '../../model/org.ts';
import { EXT_CORRECTION, EXT_DOC_TYPE, EXT_INVOICE_CLASS, facturaeExtensions } from '../../addons/es-facturae/extensions.ts';
import { FAULT, type Ctx } from './context.ts';
import { money } from './format.ts';
import { entity, taxIdentification } from './parties.ts';
import { figures } from './totals.ts';
import { el, group, opt, type XNode } from './xml.ts';

export const SCHEMA_VERSION = '3.2.2';

/** EM: the seller issues; RE: the buyer issues (self-billing); TE: a third party issues. */
export function issuerType(inv: Invoice, thirdParty: Party | undefined): 'EM' | 'RE' | 'TE' {
  if (thirdParty) return 'TE';
  return inv.$tags?.includes('self-billed') ? 'RE' : 'EM';
}

/** The party issuing on the supplier's behalf, with the JSON path its faults point at. */
export interface ThirdParty {
  readonly party: Party;
  readonly path: string;
}

export function fileHeader(ctx: Ctx, inv: Invoice, thirdParty: ThirdParty | undefined): XNode {
  const nif = (inv.supplier?.tax_id?.code ?? '').replaceAll('-', '');
  // The reference converter ignores the series, so two series with the same code would collide.
  const batchId = [nif, inv.series, inv.code].filter((p) => !!p).join('-');
  const third = thirdParty
    ? group('ThirdParty', taxIdentification(ctx, thirdParty.party, thirdParty.path), entity(ctx, thirdParty.party, thirdParty.path))
    : undefined;
  const f = figures(inv, ctx.legacyTotals);
  return group(
    'FileHeader',
    el('SchemaVersion', SCHEMA_VERSION),
    el('Modality', 'I'),
    el('InvoiceIssuerType', issuerType(inv, thirdParty?.party)),
    third,
    group(
      'Batch',
      el('BatchIdentifier', ctx.text(batchId, 70, ctx.at('code'))),
      el('InvoicesCount', '1'),
      group('TotalInvoicesAmount', el('TotalAmount', money(f.invoiceTotal))),
      group('TotalOutstandingAmount', el('TotalAmount', money(f.outstanding))),
      group('TotalExecutableAmount', el('TotalAmount', money(f.outstanding))),
      el('InvoiceCurrencyCode', inv.currency ?? ''),
    ),
  )!;
}

const correctionDef = facturaeExtensions.find((e) => e.key === EXT_CORRECTION)!;

const METHODS: Readonly<Record<string, string>> = {
  '01': 'Rectificación íntegra',
  '02': 'Rectificación por diferencias',
  '03': 'Rectificación por descuento por volumen de operaciones durante un periodo',
  '04': 'Autorizadas por la Agencia Tributaria',
};

/** 01 corrective (full replacement), 02 credit/debit notes (differences), else 04. */
export function correctionMethod(type: string | null | undefined): string {
  if (type === 'corrective') return '01';
  if (type === 'credit-note' || type === 'debit-note') return '02';
  return '04';
}

function corrective(ctx: Ctx, inv: Invoice): XNode | undefined {
  const p = inv.preceding?.[0];
  if (!p) return undefined;
  const path = ctx.at('preceding[0]');
  const reason = p.ext?.[EXT_CORRECTION];
  const def = correctionDef.values?.find((v) => v.code === reason);
  if (!def) ctx.fault(FAULT.missing, `${path}.ext`, `FacturaE needs a valid '${EXT_CORRECTION}' reason on the preceding document`);
  const start = p.period?.start ?? p.issue_date;
  const end = p.period?.end ?? p.issue_date;
  if (!start || !end) ctx.fault(FAULT.missing, `${path}.issue_date`, 'FacturaE needs the issue date (or period) of the preceding document');
  const method = correctionMethod(inv.type);
  return group(
    'Corrective',
    opt('InvoiceNumber', ctx.text(p.code, 20, `${path}.code`)),
    opt('InvoiceSeriesCode', ctx.text(p.series, 20, `${path}.series`)),
    el('ReasonCode', def?.code ?? ''),
    el('ReasonDescription', def?.name.es ?? ''),
    group('TaxPeriod', el('StartDate', start ?? ''), el('EndDate', end ?? '')),
    el('CorrectionMethod', method),
    el('CorrectionMethodDescription', METHODS[method]),
    opt('AdditionalReasonDescription', ctx.text(p.reason, 2500, `${path}.reason`)),
    opt('InvoiceIssueDate', p.issue_date),
  );
}

export function invoiceHeader(ctx: Ctx, inv: Invoice): XNode {
  const ext = inv.tax?.ext ?? {};
  for (const k of [EXT_DOC_TYPE, EXT_INVOICE_CLASS]) {
    if (!ext[k]) ctx.fault(FAULT.missing, ctx.at('tax.ext'), `FacturaE needs the '${k}' extension (set by the es-facturae-v3 addon when the invoice is built)`);
  }
  if (!inv.code) ctx.fault(FAULT.missing, ctx.at('code'), 'FacturaE needs the invoice code');
  return group(
    'InvoiceHeader',
    el('InvoiceNumber', ctx.text(inv.code, 20, ctx.at('code'))),
    opt('InvoiceSeriesCode', ctx.text(inv.series, 20, ctx.at('series'))),
    el('InvoiceDocumentType', ext[EXT_DOC_TYPE] ?? ''),
    el('InvoiceClass', ext[EXT_INVOICE_CLASS] ?? ''),
    corrective(ctx, inv),
  )!;
}

export function issueData(inv: Invoice): XNode {
  const period = inv.ordering?.period;
  return group(
    'InvoiceIssueData',
    el('IssueDate', inv.issue_date ?? ''),
    opt('OperationDate', inv.op_date || inv.value_date || inv.issue_date),
    period?.start && period.end ? group('InvoicingPeriod', el('StartDate', period.start), el('EndDate', period.end)) : undefined,
    el('InvoiceCurrencyCode', inv.currency ?? ''),
    el('TaxCurrencyCode', inv.currency ?? ''),
    el('LanguageName', 'es'),
  )!;
}
