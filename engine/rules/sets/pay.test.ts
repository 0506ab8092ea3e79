/** Package `pay` rules, on an invoice's payment details. */
import { describe, expect, it } from 'vitest';
import type { RuleContext } from '../define.ts';
import { validateGraph } from '../run.ts';
import { payRuleSets } from './pay.ts';
import { coreRuleSets } from './index.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */

function check(doc: any, sets = coreRuleSets): string[] {
  const ctx: RuleContext = { addons: [], hasAddon: () => false, doc };
  return validateGraph('bill/invoice', doc, '$', sets, ctx)
    .flatMap((f) => f.paths.map((p) => `${f.code}@${p}`))
    .sort();
}

const invoice = (): any => ({
  $schema: 'https://gobl.org/draft-0/bill/invoice',
  type: 'standard',
  code: 'A1',
  issue_date: '2024-06-13',
  currency: 'EUR',
  supplier: { name: 'Provide One S.L.' },
  lines: [{ i: 1, quantity: '1', item: { name: 'Mug', price: '100.00' }, sum: '100.00', total: '100.00' }],
  payment: {
    terms: { key: 'due-date', due_dates: [{ date: '2024-07-13', amount: '100.00', percent: '100%' }] },
    advances: [{ key: 'card', description: 'Deposit', amount: '10.00' }],
    instructions: { key: 'credit-transfer+sepa', credit_transfer: [{ iban: 'ES25 0188 2570 1835 5476 0103' }], online: [{ url: 'https://pay.example.com' }] },
  },
  totals: { sum: '100.00', total: '100.00', tax: '0.00', total_with_tax: '100.00', payable: '100.00', advance: '10.00', due: '90.00' },
});

const cases: [string, (d: any) => void, string[]][] = [
  ['due date without date', (d) => delete d.payment.terms.due_dates[0].date, ['GOBL-PAY-DUEDATE-01@$.payment.terms.due_dates[0].date']],
  ['due date of zero', (d) => (d.payment.terms.due_dates[0].amount = '0.00'), ['GOBL-PAY-DUEDATE-02@$.payment.terms.due_dates[0].amount']],
  ['instructions without key', (d) => delete d.payment.instructions.key, ['GOBL-PAY-INSTRUCTIONS-01@$.payment.instructions.key']],
  ['instructions with unknown key', (d) => (d.payment.instructions.key = 'crypto'), ['GOBL-PAY-INSTRUCTIONS-02@$.payment.instructions.key']],
  ['online without URL', (d) => delete d.payment.instructions.online[0].url, ['GOBL-PAY-ONLINE-01@$.payment.instructions.online[0].url']],
  ['advance with unknown key', (d) => (d.payment.advances[0].key = 'barter'), ['GOBL-PAY-RECORD-01@$.payment.advances[0].key']],
  ['terms with unknown key', (d) => (d.payment.terms.key = 'whenever'), ['GOBL-PAY-TERMS-01@$.payment.terms.key']],
];

describe('pay rules', () => {
  it('accepts the valid base document', () => {
    expect(check(invoice())).toEqual([]);
  });
  for (const [name, mutate, expected] of cases) {
    it(name, () => {
      const doc = invoice();
      mutate(doc);
      expect(check(doc)).toEqual(expected);
      expect(check(doc, payRuleSets)).toEqual(expected);
    });
  }
  it('accepts sub-keys of payment means', () => {
    const doc = invoice();
    doc.payment.advances[0].key = 'card+debit+contactless';
    expect(check(doc)).toEqual([]);
  });
});
