import { describe, expect, it } from 'vitest';
import { MAX_INLINE, markdownRepro } from './markdown.ts';

const envelope = { doc: { series: 'F1', code: '0042', issue_date: '2025-11-10', currency: 'EUR', totals: { payable: '2178.00' }, $addons: ['es-tbai-v1'] } };

describe('markdownRepro', () => {
  it('a built invoice: link, what it is, no problems, the document collapsed', () => {
    const md = markdownRepro({ title: 'TicketBAI B2B invoice (Bizkaia)', link: 'http://127.0.0.1:8787/#doc=abc', source: '{"a":1}\n', envelope, anonymized: true });
    expect(md).toBe(
      [
        '**TicketBAI B2B invoice (Bizkaia)** — [open in gobl-studio](http://127.0.0.1:8787/#doc=abc) (test names and tax IDs)',
        '',
        '- Invoice: F1-0042 · 2025-11-10 · payable 2178.00 EUR · es-tbai-v1',
        '- Builds without problems',
        '',
        '<details><summary>Document</summary>',
        '',
        '```json',
        '{"a":1}',
        '```',
        '',
        '</details>',
        '',
      ].join('\n'),
    );
  });

  it('problems with their codes and paths; long documents are left to the link', () => {
    const md = markdownRepro({
      title: 'x',
      link: 'L',
      source: 'y'.repeat(MAX_INLINE + 1),
      faults: [{ code: 'GOBL-ES-TBAI-BILL-INVOICE-07', paths: ['$.notes'], message: "invoice must have a note with key 'general'" }],
      anonymized: false,
    });
    expect(md).toContain("- Problems (1):\n  - `GOBL-ES-TBAI-BILL-INVOICE-07` `$.notes`: invoice must have a note with key 'general'");
    expect(md).not.toContain('<details>');
    expect(md).not.toContain('test names');
  });

  it('a document containing a fence gets a longer one', () => {
    const md = markdownRepro({ title: 't', link: 'L', source: '{"note":"```"}', anonymized: false });
    expect(md).toContain('````json\n{"note":"```"}\n````');
  });
});
