/**
 * Package `bill`, document level: invoices, orders, deliveries, payments and statuses. Rules
 * for the documents' parts (lines, discounts, charges, payment lines, tax options, status
 * lines) are in bill-parts.ts; `billRuleSets` has both.
 *
 * Model note: GOBL's "present" on a non-pointer amount (e.g. a line's `quantity`) always holds,
 * because Go structs count as present; on our JSON model an *absent* amount is reported. Goldens
 * always carry these fields, so this only makes hand-written input stricter.
 */
import type { RuleSet } from '../define.ts';
import { add, compare, div, isZero, matchPrecision, mul, ZERO, type Amount } from '../../core/amount.ts';
import { amountOf, asArray, asObject, dateNotZero, docIs, empty, isPresent, oneOf, required } from '../is.ts';
import { billPartRuleSets } from './bill-parts.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */

export const INVOICE_TYPES = ['standard', 'proforma', 'corrective', 'credit-note', 'debit-note', 'other'];
export const DELIVERY_TYPES = ['advice', 'note', 'waybill', 'receipt', 'other'];
export const ORDER_TYPES = ['purchase', 'sale', 'quote'];
export const PAYMENT_TYPES = ['request', 'advice', 'receipt'];
export const STATUS_TYPES = ['response', 'update', 'system'];

const invoice: RuleSet = {
  object: 'bill/invoice',
  assertions: [
    required('GOBL-BILL-INVOICE-01', 'invoice type is required', 'type'),
    { code: 'GOBL-BILL-INVOICE-02', desc: 'invoice type is not valid', field: 'type', test: oneOf(INVOICE_TYPES) },
    { code: 'GOBL-BILL-INVOICE-03', desc: 'invoice issue date is required', field: 'issue_date', test: dateNotZero },
    required('GOBL-BILL-INVOICE-04', 'invoice currency is required', 'currency'),
    required('GOBL-BILL-INVOICE-05', 'invoice supplier is required', 'supplier'),
    required('GOBL-BILL-INVOICE-06', 'invoice supplier name is required', 'supplier.name'),
    {
      code: 'GOBL-BILL-INVOICE-11',
      desc: 'value date cannot be set when tax point is set',
      field: 'value_date',
      when: (inv: any) => isPresent(asObject(inv.tax)?.point),
      test: empty,
    },
    required('GOBL-BILL-INVOICE-07', 'invoice customer name required when tax ID is set', 'customer.name', {
      when: (inv: any) => isPresent(asObject(asObject(inv.customer)?.tax_id)?.code),
    }),
    required('GOBL-BILL-INVOICE-09', 'invoice totals are required', 'totals'),
    required('GOBL-BILL-INVOICE-10', 'invoice lines are required without discounts or charges', 'lines', {
      when: (inv: any) => !isPresent(inv.discounts) && !isPresent(inv.charges),
    }),
  ],
};

/** GOBL-BILL-INVOICE-08 is an invoice rule on `lines[*].item.price`; bound to the line for its path. */
const invoiceLine: RuleSet = {
  object: 'bill/line',
  assertions: [
    required('GOBL-BILL-INVOICE-08', 'invoice line item price is required', 'item.price', {
      when: (_l, ctx) => docIs(ctx, 'bill/invoice'),
    }),
  ],
};

const delivery: RuleSet = {
  object: 'bill/delivery',
  assertions: [
    required('GOBL-BILL-DELIVERY-01', 'type is required', 'type'),
    { code: 'GOBL-BILL-DELIVERY-02', desc: 'type is not valid', field: 'type', test: oneOf(DELIVERY_TYPES) },
    required('GOBL-BILL-DELIVERY-03', 'issue date is required', 'issue_date'),
    required('GOBL-BILL-DELIVERY-04', 'supplier is required', 'supplier'),
    required('GOBL-BILL-DELIVERY-05', 'lines are required', 'lines'),
  ],
};

const order: RuleSet = {
  object: 'bill/order',
  assertions: [
    required('GOBL-BILL-ORDER-01', 'type is required', 'type'),
    { code: 'GOBL-BILL-ORDER-02', desc: 'type is not valid', field: 'type', test: oneOf(ORDER_TYPES) },
    required('GOBL-BILL-ORDER-03', 'issue date is required', 'issue_date'),
    required('GOBL-BILL-ORDER-04', 'currency is required', 'currency'),
    required('GOBL-BILL-ORDER-05', 'supplier is required', 'supplier'),
    required('GOBL-BILL-ORDER-06', 'lines are required', 'lines'),
  ],
};

/** A method's amount in the payment's currency, using the payment's exchange rates. */
function methodAmount(m: any, p: any): Amount | undefined {
  const a = amountOf(m?.amount ?? '0');
  const from = typeof m?.currency === 'string' ? m.currency : '';
  if (!a || from === '' || from === p.currency) return a;
  for (const r of asArray(p.exchange_rates)) {
    const er = asObject(r);
    const rate = amountOf(er?.amount);
    if (!er || !rate) continue;
    if (er.from === from && er.to === p.currency) return mul(a, rate);
    if (er.from === p.currency && er.to === from && !isZero(rate)) return div(a, rate);
  }
  return undefined; // no rate to convert with: the sum cannot match
}

/**
 * The payment methods' amounts add up to the payment's total, converting methods in another
 * currency with the payment's exchange rates. Without methods there is nothing to check.
 */
function methodsMatchTotal(p: any): boolean {
  const methods = asArray(p.methods);
  if (methods.length === 0) return true;
  let sum: Amount = ZERO;
  for (const m of methods) {
    const a = methodAmount(m, p);
    if (!a) return false;
    sum = add(matchPrecision(sum, a), a);
  }
  const total = amountOf(p.total ?? '0');
  return !!total && compare(sum, total) === 0;
}

const payment: RuleSet = {
  object: 'bill/payment',
  assertions: [
    { code: 'GOBL-BILL-PAYMENT-08', desc: 'methods sum must match total', test: methodsMatchTotal },
    required('GOBL-BILL-PAYMENT-01', 'payment type is required', 'type'),
    { code: 'GOBL-BILL-PAYMENT-02', desc: 'payment type is not valid', field: 'type', test: oneOf(PAYMENT_TYPES) },
    required('GOBL-BILL-PAYMENT-03', 'at least one payment method is required', 'methods'),
    required('GOBL-BILL-PAYMENT-04', 'payment issue date is required', 'issue_date'),
    required('GOBL-BILL-PAYMENT-05', 'payment currency is required', 'currency'),
    required('GOBL-BILL-PAYMENT-06', 'payment supplier is required', 'supplier'),
    required('GOBL-BILL-PAYMENT-07', 'payment lines are required', 'lines'),
  ],
};

/** GOBL-BILL-PAYMENT-09 (`methods[*].key`), bound to the method record for its path. */
const paymentMethod: RuleSet = {
  object: 'pay/record',
  assertions: [
    required('GOBL-BILL-PAYMENT-09', 'payment method key is required', 'key', {
      when: (_r, ctx) => docIs(ctx, 'bill/payment'),
    }),
  ],
};

const status: RuleSet = {
  object: 'bill/status',
  assertions: [
    required('GOBL-BILL-STATUS-01', 'status type is required', 'type'),
    { code: 'GOBL-BILL-STATUS-02', desc: 'status type is not valid', field: 'type', test: oneOf(STATUS_TYPES) },
    required('GOBL-BILL-STATUS-03', 'status supplier is required', 'supplier'),
    required('GOBL-BILL-STATUS-04', 'status must have at least one line', 'lines'),
  ],
};

export const billRuleSets: readonly RuleSet[] = [
  invoice,
  invoiceLine,
  delivery,
  order,
  payment,
  paymentMethod,
  status,
  ...billPartRuleSets,
];
