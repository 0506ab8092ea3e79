/** PaymentDetails: one Installment per due date, with the means and bank account. */
import { amountToString, div, isZero, mul, rescale } from '../../core/amount.ts';
import type { Invoice } from '../../model/bill.ts';
import { FAULT, type Ctx } from './context.ts';
import { amount } from './format.ts';
import { el, group, list, opt, type XNode } from './xml.ts';

/** FacturaE PaymentMeans per GOBL means key (the part before any `+`). */
const MEANS: Readonly<Record<string, string>> = {
  cash: '01',
  'direct-debit': '02',
  'credit-transfer': '04',
  'promissory-note': '09',
  cheque: '11',
  online: '13',
  netting: '14',
  'bank-draft': '17',
  card: '19',
};

export function paymentMeans(key: string | null | undefined): string | undefined {
  return key ? MEANS[key.split('+')[0]] : undefined;
}

/** An account is an IBAN when it starts with a country code and check digits. */
interface AccountSource {
  readonly iban?: string | null;
  readonly number?: string | null;
  readonly bic?: string | null;
  /** JSON paths of the fields above. */
  readonly paths: { readonly iban: string; readonly number: string; readonly bic: string };
}

function account(ctx: Ctx, name: string, src: AccountSource): XNode | undefined {
  const { iban, number, bic, paths } = src;
  const ibanText = iban || (number && /^[A-Z]{2}[0-9]{2}/.test(number.replaceAll(' ', '')) ? number : undefined);
  const numberText = ibanText ? undefined : number;
  if (!ibanText && !numberText) return undefined;
  let bic11 = bic ? bic.replaceAll(' ', '') : undefined;
  if (bic11 && bic11.length === 8) bic11 += 'XXX';
  if (bic11 && bic11.length !== 11) ctx.fault(FAULT.unsupported, paths.bic, 'a BIC must have 8 or 11 characters');
  return group(
    name,
    ibanText ? el('IBAN', ctx.text(ibanText, 34, iban ? paths.iban : paths.number, 5)) : el('AccountNumber', ctx.text(numberText, 34, paths.number, 5)),
    opt('BIC', bic11),
  );
}

/** What is still to pay on a due date: scaled by due/payable once advances exist. */
function installmentAmount(inv: Invoice, raw: string | null | undefined): string {
  const t = inv.totals;
  let a = amount(raw);
  if (t?.due != null && !isZero(amount(t.payable))) a = div(mul(a, amount(t.due)), amount(t.payable));
  return amountToString(rescale(a, 2));
}

export function paymentDetails(ctx: Ctx, inv: Invoice): XNode | undefined {
  const pay = inv.payment;
  const dues = pay?.terms?.due_dates ?? [];
  if (!pay || dues.length === 0) return undefined;
  const ins = pay.instructions;
  const means = paymentMeans(ins?.key);
  if (!means) {
    const path = ctx.at(ins ? 'payment.instructions.key' : 'payment.instructions');
    const what = ins?.key ? `payment means ${JSON.stringify(ins.key)} has no FacturaE equivalent` : 'FacturaE needs payment instructions (the means) for due dates';
    ctx.fault(ins?.key ? FAULT.unsupported : FAULT.missing, path, what);
  }
  const key = ins?.key?.split('+')[0];
  const ct = ins?.credit_transfer?.[0];
  const dd = ins?.direct_debit;
  const ip = ctx.at('payment.instructions');
  const ctp = `${ip}.credit_transfer[0]`;
  const ctPaths = { iban: `${ctp}.iban`, number: `${ctp}.number`, bic: `${ctp}.bic` };
  const ddp = `${ip}.direct_debit.account`;
  const ddPaths = { iban: ddp, number: ddp, bic: ddp };
  const installments = dues.map((d, i) => {
    if (!d) return undefined;
    if (!d.date) ctx.fault(FAULT.missing, ctx.at(`payment.terms.due_dates[${i}].date`), 'FacturaE needs the date of every due date');
    let info = [pay.terms?.notes, d.notes].filter((n) => !!n).join('\n');
    if (key === 'online' && ins?.online?.[0]?.url) info = [info, ins.online[0].url].filter((n) => !!n).join('\n');
    return group(
      'Installment',
      el('InstallmentDueDate', d.date ?? ''),
      el('InstallmentAmount', installmentAmount(inv, d.amount)),
      el('PaymentMeans', means ?? ''),
      key === 'credit-transfer' && ct ? account(ctx, 'AccountToBeCredited', { ...ct, paths: ctPaths }) : undefined,
      key === 'direct-debit' && dd ? account(ctx, 'AccountToBeDebited', { number: dd.account, paths: ddPaths }) : undefined,
      opt('CollectionAdditionalInformation', ctx.text(info, 2500, ctx.at('payment.terms.notes'))),
      key === 'direct-debit' ? opt('DebitReconciliationReference', ctx.text(dd?.ref, 60, `${ip}.direct_debit.ref`)) : undefined,
    );
  });
  return list('PaymentDetails', installments);
}
