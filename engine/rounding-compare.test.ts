import { describe, expect, it } from 'vitest';
import { compareRounding } from './rounding-compare.ts';
import { defaultRegistry } from './registry.ts';

const opts = { now: () => Date.UTC(2025, 0, 1), uuid: () => '019b4f00-0000-7000-8000-000000000001', registry: defaultRegistry };
const line = (price: string, quantity = '1') => ({ quantity, item: { name: 'x', price }, taxes: [{ cat: 'VAT', rate: 'general' }] });
const invoice = (lines: unknown[], tax?: Record<string, unknown>) => ({
  $schema: 'https://gobl.org/draft-0/bill/invoice',
  series: 'R',
  code: '1',
  issue_date: '2025-01-01',
  ...(tax ? { tax } : {}),
  supplier: { name: 'A', tax_id: { country: 'ES', code: 'B98602642' } },
  customer: { name: 'B', tax_id: { country: 'ES', code: '54387763P' } },
  lines,
});

describe('compareRounding', () => {
  it('half-cent prices: currency rounds each line first and ends two cents higher', () => {
    const r = compareRounding(invoice([line('10.005'), line('10.005'), line('10.005'), line('0.333', '3')]), opts);
    if (!r.ok) throw new Error(JSON.stringify(r.faults));
    expect(r.value.current).toBe('precise');
    // precise: 3 × 10.005 + 0.999 = 31.014; 21% = 6.51294; with tax 37.52694.
    expect(r.value.figures.precise.totals).toEqual({ sum: '31.01', total: '31.01', tax: '6.51', total_with_tax: '37.53', payable: '37.53' });
    // currency: 3 × 10.01 + 1.00 = 31.03; 21% = 6.5163.
    expect(r.value.figures.currency.totals).toEqual({ sum: '31.03', total: '31.03', tax: '6.52', total_with_tax: '37.55', payable: '37.55' });
    expect(r.value.differences).toEqual(['sum', 'total', 'tax', 'total_with_tax', 'payable', 'tax:VAT standard 21.0%']);
  });

  it('whole-cent prices give the same totals under both rules', () => {
    const r = compareRounding(invoice([line('90.00', '20')]), opts);
    expect(r.ok && r.value.differences).toEqual([]);
  });

  it("the document's rule (legacy name included) is the current one; an envelope is read through", () => {
    const doc = invoice([line('10.005')], { rounding: 'round-then-sum' });
    const r = compareRounding({ $schema: 'https://gobl.org/draft-0/envelope', head: {}, doc }, opts);
    expect(r.ok && r.value.current).toBe('currency');
  });

  it('is for invoices only, and reports a document that does not build', () => {
    expect(compareRounding({ $schema: 'https://gobl.org/draft-0/note/message' }, opts)).toMatchObject({ ok: false, faults: [{ code: 'ROUNDING-01', paths: ['$.$schema'] }] });
    const broken = compareRounding({ ...invoice([]), lines: 'x' }, opts);
    expect(broken.ok).toBe(false);
    expect(broken.ok ? [] : broken.faults[0]!.paths).toEqual(['$.lines']);
  });
});
