/**
 * Package `currency`: currency codes (checked on every field holding a `currency.Code`),
 * amounts in other currencies and exchange rates.
 */
import type { Assertion, ObjectKind, RuleSet } from '../define.ts';
import { amountMin, dateTimeNotZero, isCurrencyCode, required, typeRuleSets } from '../is.ts';

/** Fields holding a `currency.Code`. */
export const CURRENCY_FIELDS: Readonly<Partial<Record<ObjectKind, readonly string[]>>> = {
  'bill/invoice': ['currency'],
  'bill/order': ['currency'],
  'bill/delivery': ['currency'],
  'bill/payment': ['currency'],
  'org/item': ['currency'],
  'org/document-ref': ['currency'],
  'org/registration': ['currency'],
  'pay/record': ['currency'],
  'pay/due-date': ['currency'],
  'currency/exchange-rate': ['from', 'to'],
  'currency/amount': ['currency'],
};

const codeRules = (field: string, each: boolean): Assertion[] => [
  { code: 'GOBL-CURRENCY-CODE-01', desc: 'currency code must be defined in GOBL', field, each, ifPresent: true, test: isCurrencyCode },
];

export const currencyRuleSets: readonly RuleSet[] = [
  ...typeRuleSets(CURRENCY_FIELDS, codeRules),
  { object: 'currency/amount', assertions: [required('GOBL-CURRENCY-AMOUNT-01', 'currency is required', 'currency')] },
  {
    object: 'currency/exchange-rate',
    assertions: [
      required('GOBL-CURRENCY-EXCHANGERATE-01', 'from currency is required', 'from'),
      required('GOBL-CURRENCY-EXCHANGERATE-02', 'to currency is required', 'to'),
      { code: 'GOBL-CURRENCY-EXCHANGERATE-03', desc: 'date/time must not be zero', field: 'at', ifPresent: true, test: dateTimeNotZero },
      { code: 'GOBL-CURRENCY-EXCHANGERATE-04', desc: 'amount must be positive', field: 'amount', test: amountMin('0') },
    ],
  },
];
