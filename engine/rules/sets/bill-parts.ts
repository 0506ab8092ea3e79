/**
 * Package `bill`, the parts of documents: lines and sub-lines, line and document discounts and
 * charges, payment lines, tax options and status lines.
 *
 * Path note: reasons, actions and faults of a status line are not object kinds of the walker,
 * so GOBL-BILL-REASON-*, -ACTION-* and -FAULT-01 are bound to the status line and point at
 * the offending element (`$.lines[0].reasons[1]`) instead of its `key` / `code` field.
 */
import { compare, isNegative, isZero, sub } from '../../core/amount.ts';
import type { RuleSet } from '../define.ts';
import { amountMin, amountOf, asArray, asObject, empty, intBetween, isPresent, isSet, oneOf, required } from '../is.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */

const STATUS_LINE_KEYS = ['issued', 'acknowledged', 'processing', 'querying', 'rejected', 'accepted', 'paid', 'error', 'other'];
const REASON_KEYS = [
  'none', 'references', 'legal', 'unknown-receiver', 'quality', 'delivery', 'prices', 'quantity', 'items',
  'payment-terms', 'not-recognized', 'finance-terms', 'partial', 'other',
];
const ACTION_KEYS = ['none', 'provide', 'reissue', 'credit-full', 'credit-partial', 'credit-amount', 'other'];

const itemHasPrice = (l: any): boolean => isSet(asObject(l.item)?.price);

function lineRules(prefix: 'LINE' | 'SUBLINE'): RuleSet['assertions'] {
  const c = (n: string) => `GOBL-BILL-${prefix}-${n}`;
  return [
    required(c('01'), 'index is required', 'i'),
    required(c('02'), 'quantity is required', 'quantity'),
    required(c('03'), 'item is required', 'item'),
    required(c('04'), 'sum is required when item has a price', 'sum', { when: itemHasPrice }),
    required(c('05'), 'total is required when item has a price', 'total', { when: itemHasPrice }),
  ];
}

const percentWithBase = (code: string) =>
  required(code, 'percent is required when base is set', 'percent', { when: (d: any) => isSet(d.base) });

const lineCharge: RuleSet = {
  object: 'bill/line-charge',
  assertions: [
    percentWithBase('GOBL-BILL-LINECHARGE-01'),
    {
      code: 'GOBL-BILL-LINECHARGE-02',
      desc: 'quantity must be blank with base or percent',
      field: 'quantity',
      when: (c: any) => isSet(c.base) || isSet(c.percent),
      test: empty,
    },
    {
      code: 'GOBL-BILL-LINECHARGE-03',
      desc: 'rate must be blank with base or percent',
      field: 'rate',
      when: (c: any) => isSet(c.base) || isSet(c.percent),
      test: empty,
    },
    {
      code: 'GOBL-BILL-LINECHARGE-04',
      desc: 'unit must be blank without quantity',
      field: 'unit',
      when: (c: any) => !isSet(c.quantity),
      test: empty,
    },
    required('GOBL-BILL-LINECHARGE-05', 'rate is required when quantity is set', 'rate', { when: (c: any) => isSet(c.quantity) }),
  ],
};

function advancesWithinPayable(pl: any): boolean {
  const payable = amountOf(pl.payable);
  const advances = amountOf(pl.advances);
  if (!payable || !advances) return true;
  return compare(advances, payable) <= 0;
}

function amountWithinLimit(pl: any): boolean {
  const payable = amountOf(pl.payable);
  if (!payable) return true;
  const advances = amountOf(pl.advances);
  const max = advances ? sub(payable, advances) : payable;
  if (isZero(max) || isNegative(max)) return true;
  const amount = amountOf(pl.amount ?? '0');
  return !!amount && compare(amount, max) <= 0;
}

const paymentLine: RuleSet = {
  object: 'bill/payment-line',
  assertions: [
    { code: 'GOBL-BILL-PAYMENTLINE-11', desc: 'advances must not exceed payable', test: advancesWithinPayable },
    { code: 'GOBL-BILL-PAYMENTLINE-12', desc: 'amount must not exceed payable less advances', test: amountWithinLimit },
    { code: 'GOBL-BILL-PAYMENTLINE-01', desc: 'installment must be between 1 and 999', field: 'installment', test: intBetween(1, 999) },
    { code: 'GOBL-BILL-PAYMENTLINE-02', desc: 'payable must be positive', field: 'payable', test: amountMin('0') },
    { code: 'GOBL-BILL-PAYMENTLINE-03', desc: 'advances must be zero or positive', field: 'advances', test: amountMin('0') },
    { code: 'GOBL-BILL-PAYMENTLINE-04', desc: 'amount must be positive', field: 'amount', test: amountMin('0') },
    { code: 'GOBL-BILL-PAYMENTLINE-05', desc: 'due must be zero or positive', field: 'due', test: amountMin('0') },
  ],
};

const billTax: RuleSet = {
  object: 'bill/tax',
  assertions: [
    { code: 'GOBL-BILL-TAX-01', desc: 'rounding model is not valid', field: 'rounding', ifPresent: true, test: oneOf(['precise', 'currency']) },
    { code: 'GOBL-BILL-TAX-02', desc: 'tax point is not valid', field: 'point', ifPresent: true, test: oneOf(['issue', 'delivery', 'payment']) },
  ],
};

const keyOf = (v: unknown): unknown => asObject(v)?.key;
const reasonKeyValid = oneOf(REASON_KEYS);
const actionKeyValid = oneOf(ACTION_KEYS);

const statusLine: RuleSet = {
  object: 'bill/status-line',
  assertions: [
    required('GOBL-BILL-STATUSLINE-01', 'status line key is required', 'key'),
    { code: 'GOBL-BILL-STATUSLINE-02', desc: 'status line key is not valid', field: 'key', test: oneOf(STATUS_LINE_KEYS) },
    { code: 'GOBL-BILL-REASON-01', desc: 'reason key is required', field: 'reasons', each: true, test: (r) => isPresent(keyOf(r)) },
    // An absent key reads as "" in Go, which is not in the list either.
    { code: 'GOBL-BILL-REASON-02', desc: 'reason key is not valid', field: 'reasons', each: true, test: (r) => reasonKeyValid(keyOf(r) ?? '') },
    { code: 'GOBL-BILL-ACTION-01', desc: 'action key is required', field: 'actions', each: true, test: (a) => isPresent(keyOf(a)) },
    { code: 'GOBL-BILL-ACTION-02', desc: 'action key is not valid', field: 'actions', each: true, test: (a) => actionKeyValid(keyOf(a) ?? '') },
    {
      code: 'GOBL-BILL-FAULT-01',
      desc: 'fault code is required',
      field: 'reasons',
      each: true,
      test: (r) => asArray(asObject(r)?.faults).every((f) => isPresent(asObject(f)?.code)),
    },
  ],
};

export const billPartRuleSets: readonly RuleSet[] = [
  { object: 'bill/line', assertions: lineRules('LINE') },
  { object: 'bill/sub-line', assertions: lineRules('SUBLINE') },
  { object: 'bill/line-discount', assertions: [percentWithBase('GOBL-BILL-LINEDISCOUNT-01')] },
  lineCharge,
  { object: 'bill/discount', assertions: [percentWithBase('GOBL-BILL-DISCOUNT-01')] },
  { object: 'bill/charge', assertions: [percentWithBase('GOBL-BILL-CHARGE-01')] },
  paymentLine,
  billTax,
  statusLine,
];
