/**
 * Any name prints: Spanish (Ñ, Á, ·), Polish (Ł), €, Greek and Cyrillic. The font is embedded
 * with a Unicode map (pdffonts), pdftotext gives the characters back, every character has a
 * glyph in the font, and the subset draws exactly what the whole font draws (rendered pages
 * compared pixel for pixel: @pdf-lib/fontkit's own subsets lose glyphs, see fontkit-patch.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DefaultFonts } from '../../engine/render/pdf/fonts.ts';
import { renderInvoicePdf } from '../../engine/render/pdf/index.ts';
import { buildDoc, defaultFonts, pdfFonts, pdfText, sampleEnvelope, type Json } from './support.ts';

const SUPPLIER = 'Ñandú & Águila Łódź S.L. · Café €';
const CUSTOMER = 'Łukasz Żółć · Peña Ibáñez';
const ITEMS = ['Cañón «Ültra» — ½ kg · 20 € extra', 'Ελληνικά προϊόντα', 'Кириллица: счёт', 'Çà et là: œuvre, straße, ĳ, Ŵ'];

function unicodeInvoice(): Json {
  const doc: Json = structuredClone(sampleEnvelope('sii-b2b.json').doc);
  for (const k of ['totals', 'uuid']) delete doc[k];
  doc.supplier.name = SUPPLIER;
  doc.customer.name = CUSTOMER;
  doc.customer.addresses = [{ street: 'Calle de la Peña', num: '7', locality: 'A Coruña', region: 'Galicia', code: '15001', country: 'ES' }];
  const line = doc.lines[0];
  doc.lines = ITEMS.map((name) => ({ quantity: line.quantity, item: { ...line.item, name }, taxes: line.taxes }));
  for (const l of doc.lines) for (const t of l.taxes) delete t.percent;
  doc.notes = [{ key: 'general', text: 'Nota: pago en 30 días · ¿dudas? ¡llámenos! “Gracias” — Łukasz' }];
  return buildDoc(doc);
}

let fonts: DefaultFonts;
let envelope: Json;
let bytes: Uint8Array;
beforeAll(async () => {
  fonts = await defaultFonts();
  envelope = unicodeInvoice();
  const r = await renderInvoicePdf(envelope, fonts);
  if (!r.ok) throw new Error(JSON.stringify(r.faults));
  bytes = r.value;
});

describe('Unicode names', () => {
  it('embeds Noto Sans as subsets with a Unicode map', () => {
    const list = pdfFonts(bytes);
    expect(list.map((f) => f.name).sort()).toEqual([expect.stringMatching(/^[A-Z]{6}\+NotoSans-Bold$/), expect.stringMatching(/^[A-Z]{6}\+NotoSans-Regular$/)]);
    for (const f of list) expect(f.embedded && f.unicode, f.name).toBe(true);
  });

  it('pdftotext gives every name back', () => {
    const text = pdfText(bytes);
    for (const s of [SUPPLIER, CUSTOMER, ...ITEMS, 'A Coruña', '¿dudas? ¡llámenos!', '“Gracias”']) expect(text, s).toContain(s);
  });

  it('every character printed has a glyph in the font', () => {
    const regular = fontkit.create(fonts.font);
    const bold = fontkit.create(fonts.boldFont);
    const all = [SUPPLIER, CUSTOMER, ...ITEMS, envelope.doc.notes[0].text].join('');
    const missing = [...new Set(all)].filter((ch) => ch.trim() && !(regular.hasGlyphForCodePoint(ch.codePointAt(0)!) && bold.hasGlyphForCodePoint(ch.codePointAt(0)!)));
    expect(missing).toEqual([]);
  });

  it('the subset draws the same pixels as the whole font', async () => {
    const full = await renderInvoicePdf(envelope, { ...fonts, subsetFonts: false });
    if (!full.ok) throw new Error(JSON.stringify(full.faults));
    expect(full.value.length).toBeGreaterThan(bytes.length * 10);
    const dir = mkdtempSync(join(tmpdir(), 'gobl-pdf-glyphs-'));
    try {
      const raster = (name: string, pdf: Uint8Array) => {
        writeFileSync(join(dir, `${name}.pdf`), pdf);
        const r = spawnSync('pdftoppm', ['-r', '110', '-gray', '-f', '1', '-l', '1', join(dir, `${name}.pdf`), join(dir, name)]);
        expect(r.status, String(r.stderr)).toBe(0);
        return readFileSync(join(dir, `${name}-1.pgm`));
      };
      const a = raster('subset', bytes);
      const b = raster('full', full.value);
      expect(a.length).toBe(b.length);
      expect(a.equals(b), 'rendered pages differ: some glyphs of the subset are broken').toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
