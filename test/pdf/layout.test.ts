/**
 * The layout step on its own (planInvoice with a fixed-width text measure): page breaks with the
 * table header repeated, page numbers, where the TicketBAI and VERI*FACTU blocks go and how big
 * their QR codes are, and the option checks.
 */
import { describe, expect, it } from 'vitest';
import { largeInvoice } from '../../bench/generate.ts';
import { planInvoice, type Box, type Page } from '../../engine/render/pdf/index.ts';
import { MM, geometryFor } from '../../engine/render/pdf/flow.ts';
import { renderInvoicePdf } from '../../engine/render/pdf/index.ts';
import { buildDoc, defaultFonts, euros, sampleEnvelope, type Json } from './support.ts';
import { stampTbai } from './tbai-stamp.ts';

/** Every character half an em wide (a bit more in bold): enough to exercise wrapping. */
const measure = (t: string, size: number, bold: boolean) => [...t].length * size * (bold ? 0.56 : 0.5);

function plan(envelope: unknown, opts: Parameters<typeof planInvoice>[1] = {}): Page[] {
  const r = planInvoice(envelope, opts, measure);
  if (!r.ok) throw new Error(JSON.stringify(r.faults));
  return r.value.pages;
}

const texts = (p: Page) => p.boxes.flatMap((b) => (b.kind === 'text' ? [b] : []));
const hasText = (p: Page, s: string) => texts(p).some((b) => b.text === s);
const qrs = (p: Page) => p.boxes.filter((b): b is Extract<Box, { kind: 'qr' }> => b.kind === 'qr');
const FREELANCE = new URL('../../bench/fixtures/es-freelance.json', import.meta.url);

describe('a 300-line invoice', () => {
  const env = buildDoc(largeInvoice(300, FREELANCE));
  const pages = plan(env);
  const g = geometryFor('A4');

  it('breaks across pages with the table header repeated and numbered pages', () => {
    expect(pages.length).toBeGreaterThan(3);
    pages.forEach((p, i) => expect(hasText(p, `Página ${i + 1} de ${pages.length}`), `page ${i + 1}`).toBe(true));
    // Every page that carries lines starts them under a header row.
    for (const p of pages) {
      const rows = texts(p).filter((b) => /^\d+$/.test(b.text) && b.size === 7.5 && b.x < g.left + 10);
      if (rows.length === 0) continue;
      const head = texts(p).find((b) => b.text === 'Descripción');
      expect(head, 'header row').toBeDefined();
      expect(head!.y).toBeLessThan(Math.min(...rows.map((r) => r.y)));
    }
  });

  it('prints every line once, in order, and nothing below the footer line', () => {
    const numbers = pages.flatMap((p) => texts(p).filter((b) => /^\d+$/.test(b.text) && b.size === 7.5 && b.x < g.left + 10).map((b) => Number(b.text)));
    expect(numbers).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    for (const p of pages) for (const b of texts(p)) if (!/^Página|·/.test(b.text)) expect(b.y).toBeLessThanOrEqual(g.bottom);
  });

  it('continuation pages say which invoice they belong to', () => {
    for (const p of pages.slice(1)) expect(texts(p).some((b) => b.text.startsWith('Factura BENCH-300'))).toBe(true);
  });
});

describe('TicketBAI block', () => {
  const env = sampleEnvelope('tbai-b2b.json');

  it('is a marked placeholder before signing: no QR, no code', () => {
    const pages = plan(env);
    const last = pages[pages.length - 1];
    expect(pages.flatMap(qrs)).toEqual([]);
    expect(texts(last).some((b) => b.text.includes('pendiente de firma'))).toBe(true);
    expect(last.boxes.some((b) => b.kind === 'rect' && b.dashed)).toBe(true);
    expect(pages.flatMap(texts).some((b) => b.text.startsWith('TBAI-'))).toBe(false);
  });

  it('prints the stamped identifier on one line with the QR under it, at the bottom of the last page', () => {
    const doc = structuredClone(env);
    doc.doc.code = '000001';
    const { envelope, code, qr } = stampTbai(doc);
    const pages = plan(envelope);
    const last = pages[pages.length - 1];
    const [box] = qrs(last);
    expect(box.content).toBe(qr);
    expect(box.size / MM).toBeGreaterThanOrEqual(30);
    expect(box.size / MM).toBeLessThanOrEqual(40);
    const id = texts(last).find((b) => b.text === code)!;
    expect(id.y).toBeLessThan(box.y);
    // Bottom-most content, with the recommended 6 mm of white below the QR (spec 1.2 §4.3.3).
    const g = geometryFor('A4');
    expect(box.y + box.size + 6 * MM).toBeLessThanOrEqual(g.bottom + 0.01);
    for (const b of texts(last)) if (b !== id && !/^Página/.test(b.text) && b.y < g.bottom) expect(b.y).toBeLessThan(id.y);
  });
});

describe('VERI*FACTU block', () => {
  const env = sampleEnvelope('verifactu-b2b.json');

  it('puts "QR tributario:", the QR and "VERI*FACTU" at the top of the first page', () => {
    const [first] = plan(env);
    const [box] = qrs(first);
    expect(box.content).toBe('https://www2.agenciatributaria.gob.es/wlpl/TIKE-CONT/ValidarQR?nif=B87421566&numserie=VF2025-000127&fecha=17-11-2025&importe=1766.60');
    expect(box.y).toBeLessThan(80);
    expect(box.size / MM).toBeGreaterThanOrEqual(30);
    expect(box.size / MM).toBeLessThanOrEqual(40);
    const label = texts(first).find((b) => b.text === 'QR tributario:')!;
    const legend = texts(first).find((b) => b.text === 'VERI*FACTU')!;
    expect(label.y).toBeLessThan(box.y);
    expect(legend.y).toBeGreaterThan(box.y + box.size);
  });

  it('uses the test host when asked, and a stamp over a computed URL', () => {
    expect(qrs(plan(env, { verifactu: { env: 'test' } })[0])[0].content).toMatch(/^https:\/\/prewww2\.aeat\.es\/wlpl\/TIKE-CONT\/ValidarQR\?nif=B87421566&/);
    const url = 'https://www2.agenciatributaria.gob.es/wlpl/TIKE-CONT/ValidarQRNoVerifactu?nif=B87421566&numserie=X&fecha=17-11-2025&importe=1.00';
    const stamped = { ...env, head: { ...env.head, stamps: [{ prv: 'verifactu-qr', val: url }] } };
    const [first] = plan(stamped);
    expect(qrs(first)[0].content).toBe(url);
    expect(hasText(first, 'VERI*FACTU'), 'no legend outside VERI*FACTU mode').toBe(false);
  });

  it('shows a placeholder, not a QR, while the invoice has no number', () => {
    const doc: Json = structuredClone(env);
    delete doc.doc.code;
    const [first] = plan(doc);
    expect(qrs(first)).toEqual([]);
    expect(texts(first).some((b) => b.text.includes('pendiente'))).toBe(true);
  });
});

describe('other invoices and options', () => {
  it('prints no QR for SII and Facturae invoices', () => {
    for (const f of ['sii-b2b.json', 'facturae-b2b.json']) expect(plan(sampleEnvelope(f)).flatMap(qrs), f).toEqual([]);
  });

  it('letter pages and Basque labels', () => {
    const pages = plan(sampleEnvelope('tbai-b2b.json'), { layout: 'letter', locale: 'eu', dateFormat: '%Y-%m-%d' });
    expect([pages[0].width, pages[0].height]).toEqual([612, 792]);
    for (const s of ['Faktura', 'BEZEROA', 'Zerga-oinarria', '2025-11-10', '1/1 orria']) expect(hasText(pages[0], s), s).toBe(true);
  });

  it('corrective invoices name what they correct', () => {
    const [first] = plan(sampleEnvelope('sii-corrective.json'));
    expect(texts(first).map((b) => b.text).join(' ')).toContain('Factura rectificativa');
    expect(texts(first).some((b) => b.text.startsWith('SAMPLE-004'))).toBe(true);
  });

  it('reports bad options and inputs as faults that say what to do', async () => {
    const env = sampleEnvelope('sii-b2b.json');
    const codes = (r: { ok: boolean; faults?: readonly { code: string; message: string }[] }) => (r.ok ? [] : r.faults!.map((f) => f.code));
    expect(codes(planInvoice(env, { locale: 'fr' as 'es' }, measure))).toEqual(['RENDER-PDF-02']);
    expect(codes(planInvoice(env, { dateFormat: '%H:%M' }, measure))).toEqual(['RENDER-PDF-02']);
    expect(codes(planInvoice(env, { layout: 'A3' as 'A4' }, measure))).toEqual(['RENDER-PDF-02']);
    expect(codes(planInvoice(sampleEnvelope('party-supplier.json'), {}, measure))).toEqual(['RENDER-PDF-01']);
    expect(codes(planInvoice({ nope: true }, {}, measure))).toEqual(['RENDER-PDF-01']);
    const fonts = await defaultFonts();
    const bad = await renderInvoicePdf(env, { font: new Uint8Array(100) });
    expect(codes(bad)).toEqual(['RENDER-PDF-03']);
    const logo = await renderInvoicePdf(env, { ...fonts, logo: { bytes: new Uint8Array(64), type: 'png' } });
    expect(codes(logo)).toEqual(['RENDER-PDF-04']);
    expect(logo.ok ? '' : logo.faults[0].message).toMatch(/PNG/);
  });
});

describe('totals', () => {
  it('lists document discounts and charges, retentions, advances and what is still due', () => {
    const doc: Json = structuredClone(sampleEnvelope('facturae-b2b.json').doc);
    delete doc.totals;
    doc.discounts = [{ reason: 'Pronto pago', percent: '2%' }];
    doc.charges = [{ reason: 'Transporte', amount: '50.00', taxes: [{ cat: 'VAT', rate: 'general' }] }];
    doc.lines[0].taxes.push({ cat: 'IRPF', rate: 'pro' });
    doc.payment.advances = [{ date: '2021-12-01', description: 'Anticipo', amount: '1000.00' }];
    const env = buildDoc(doc);
    const r = planInvoice(env, {}, measure);
    if (!r.ok) throw new Error(JSON.stringify(r.faults));
    const rows = r.value.view.totals.map((t) => `${t.label}: ${t.value}`);
    const t = env.doc.totals;
    expect(rows).toEqual([
      `Suma de líneas: ${euros(t.sum)}`,
      'Descuento (Pronto pago, 2 %): -84,04 €',
      'Cargo (Transporte): 50,00 €',
      `Base imponible: ${euros(t.total)}`,
      `IVA: ${euros(t.taxes.categories[0].amount)}`,
      `Total factura: ${euros(t.total_with_tax)}`,
      `Retención IRPF: -${euros(t.retained_tax)}`,
      `Total a pagar: ${euros(t.payable)}`,
      'Anticipos: -1.000,00 €',
      `Pendiente de pago: ${euros(t.due)}`,
    ]);
    expect(r.value.view.totals.map((x) => x.weight)).toEqual(['normal', 'normal', 'normal', 'normal', 'normal', 'strong', 'normal', 'strong', 'normal', 'grand']);
  });
});
