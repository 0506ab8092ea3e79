/** Packages `cal` and `currency`: dates, periods, currency codes and exchange rates. */
import { describe, expect, it } from 'vitest';
import type { RuleContext } from '../define.ts';
import { validateGraph } from '../run.ts';
import { coreRuleSets } from './index.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */

function check(doc: any): string[] {
  const ctx: RuleContext = { addons: [], hasAddon: () => false, doc };
  return validateGraph('bill/invoice', doc, '$', coreRuleSets, ctx)
    .flatMap((f) => f.paths.map((p) => `${f.code}@${p}`))
    .sort();
}

const invoice = (): any => ({
  $schema: 'https://gobl.org/draft-0/bill/invoice',
  type: 'standard',
  code: 'A1',
  issue_date: '2024-02-29',
  currency: 'USD',
  exchange_rates: [{ from: 'USD', to: 'EUR', at: '2024-02-29T10:00:00', amount: '0.92' }],
  supplier: { name: 'Provide One S.L.' },
  lines: [
    {
      i: 1,
      quantity: '1',
      period: { start: '2024-02-01', end: '2024-02-29' },
      item: { name: 'Hosting', price: '100.00', currency: 'USD', alt_prices: [{ currency: 'EUR', value: '92.00' }] },
      sum: '100.00',
      total: '100.00',
    },
  ],
  totals: { sum: '100.00', total: '100.00', tax: '0.00', total_with_tax: '100.00', payable: '100.00' },
});

const cases: [string, (d: any) => void, string[]][] = [
  ['issue date not in the calendar', (d) => (d.issue_date = '2023-02-29'), ['GOBL-CAL-DATE-01@$.issue_date']],
  ['operation date malformed', (d) => (d.op_date = '29/02/2024'), ['GOBL-CAL-DATE-01@$.op_date']],
  ['period ending before it starts', (d) => (d.lines[0].period.end = '2024-01-31'), ['GOBL-CAL-PERIOD-10@$.lines[0].period']],
  ['period without start', (d) => delete d.lines[0].period.start, ['GOBL-CAL-PERIOD-01@$.lines[0].period.start']],
  ['period without end', (d) => delete d.lines[0].period.end, ['GOBL-CAL-PERIOD-02@$.lines[0].period.end']],
  ['exchange rate time malformed', (d) => (d.exchange_rates[0].at = '2024-02-29 10:00'), ['GOBL-CAL-DATETIME-01@$.exchange_rates[0].at']],
  ['unknown currency', (d) => (d.currency = 'XYZ'), ['GOBL-CURRENCY-CODE-01@$.currency']],
  ['unknown item currency', (d) => (d.lines[0].item.currency = 'EURO'), ['GOBL-CURRENCY-CODE-01@$.lines[0].item.currency']],
  ['alternative price without currency', (d) => delete d.lines[0].item.alt_prices[0].currency, ['GOBL-CURRENCY-AMOUNT-01@$.lines[0].item.alt_prices[0].currency']],
  ['exchange rate without source currency', (d) => delete d.exchange_rates[0].from, ['GOBL-CURRENCY-EXCHANGERATE-01@$.exchange_rates[0].from']],
  ['exchange rate without target currency', (d) => delete d.exchange_rates[0].to, ['GOBL-CURRENCY-EXCHANGERATE-02@$.exchange_rates[0].to']],
  ['exchange rate at zero time', (d) => (d.exchange_rates[0].at = '0000-00-00T00:00:00'), [
    'GOBL-CAL-DATETIME-01@$.exchange_rates[0].at',
    'GOBL-CURRENCY-EXCHANGERATE-03@$.exchange_rates[0].at',
  ]],
  ['negative exchange rate', (d) => (d.exchange_rates[0].amount = '-0.92'), ['GOBL-CURRENCY-EXCHANGERATE-04@$.exchange_rates[0].amount']],
];

describe('cal and currency rules', () => {
  it('accepts the valid base document', () => {
    expect(check(invoice())).toEqual([]);
  });
  for (const [name, mutate, expected] of cases) {
    it(name, () => {
      const doc = invoice();
      mutate(doc);
      expect(check(doc)).toEqual(expected);
    });
  }
});
