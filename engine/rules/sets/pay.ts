/** Package `pay`: payment terms, due dates, instructions, online links and payment records. */
import type { RuleSet } from '../define.ts';
import { amountNotZero, isPresent, isUrl, keyOrSubKey, oneOf, required } from '../is.ts';

/** Payment means keys; a key may extend one with `+` (e.g. `credit-transfer+sepa`). */
export const PAYMENT_MEANS_KEYS = [
  'any', 'card', 'card+credit', 'card+debit', 'credit-transfer', 'credit-transfer+sepa', 'debit-transfer', 'cash',
  'cheque', 'bank-draft', 'direct-debit', 'direct-debit+sepa', 'online', 'promissory-note', 'netting', 'other',
];

export const TERM_KEYS = ['end-of-month', 'due-date', 'deferred', 'proximo', 'instant', 'elective', 'pending', 'advanced', 'delivery', 'undefined'];

export const payRuleSets: readonly RuleSet[] = [
  {
    object: 'pay/due-date',
    assertions: [
      required('GOBL-PAY-DUEDATE-01', 'date is required', 'date'),
      { code: 'GOBL-PAY-DUEDATE-02', desc: 'amount must not be zero', field: 'amount', test: amountNotZero },
    ],
  },
  {
    object: 'pay/instructions',
    assertions: [
      required('GOBL-PAY-INSTRUCTIONS-01', 'key is required', 'key'),
      { code: 'GOBL-PAY-INSTRUCTIONS-02', desc: 'key must be valid', field: 'key', ifPresent: true, test: keyOrSubKey(PAYMENT_MEANS_KEYS) },
    ],
  },
  {
    object: 'pay/online',
    assertions: [{ code: 'GOBL-PAY-ONLINE-01', desc: 'URL is required and must be valid', field: 'url', test: (v) => isPresent(v) && isUrl(v) }],
  },
  {
    object: 'pay/record',
    assertions: [{ code: 'GOBL-PAY-RECORD-01', desc: 'key must be valid', field: 'key', ifPresent: true, test: keyOrSubKey(PAYMENT_MEANS_KEYS) }],
  },
  {
    object: 'pay/terms',
    assertions: [{ code: 'GOBL-PAY-TERMS-01', desc: 'key must be valid', field: 'key', ifPresent: true, test: oneOf(TERM_KEYS) }],
  },
];
