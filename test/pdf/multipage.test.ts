/** A 300-line invoice as a real PDF: several pages, each numbered, the table header on each page of lines. */
import { describe, expect, it } from 'vitest';
import { largeInvoice } from '../../bench/generate.ts';
import { renderInvoicePdf } from '../../engine/render/pdf/index.ts';
import { buildDoc, defaultFonts, euros, pdfInfo, pdfText } from './support.ts';

describe('300-line invoice', () => {
  it('breaks into numbered pages with the table header repeated', async () => {
    const envelope = buildDoc(largeInvoice(300, new URL('../../bench/fixtures/es-freelance.json', import.meta.url)));
    const r = await renderInvoicePdf(envelope, await defaultFonts());
    if (!r.ok) throw new Error(JSON.stringify(r.faults));
    const pages = Number(pdfInfo(r.value).Pages);
    expect(pages).toBeGreaterThan(3);
    const seen: number[] = [];
    for (let p = 1; p <= pages; p++) {
      const text = pdfText(r.value, p);
      expect(text, `page ${p}`).toContain(`Página ${p} de ${pages}`);
      const lines = [...text.matchAll(/ #(\d+)\s/g)].map((m) => Number(m[1]));
      if (lines.length) {
        expect(text, `header on page ${p}`).toMatch(/#\s+Descripción\s+Cant\.\s+Ud\.\s+Precio\s+Dto\.\/Rec\.\s+Imp\.\s+Importe/);
        seen.push(...lines);
      }
      if (p > 1) expect(text).toContain('Factura BENCH-300');
    }
    expect(seen).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    expect(pdfText(r.value)).toContain(euros(envelope.doc.totals.payable));
  });
});
