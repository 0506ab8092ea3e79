/**
 * Boxes → PDF bytes with pdf-lib. Nothing is decided here: positions come from layout.ts. The
 * output is deterministic: no metadata update from the clock, dates fixed from the invoice,
 * fixed producer and creator, and pdf-lib's own ids come from its seeded generator.
 */
import { PDFDocument, rgb, type PDFFont, type PDFImage, type PDFPage } from 'pdf-lib';
import type { Fault } from '../../core/fault.ts';
import type { Box, Page } from './layout.ts';
import { renderFault } from './options.ts';
import { patchedFontkit } from './fontkit-patch.ts';
import { qrRuns } from './qr.ts';
import type { Measure } from './text.ts';

export interface Fonts {
  readonly regular: PDFFont;
  readonly bold: PDFFont;
}

export interface Canvas {
  readonly doc: PDFDocument;
  readonly fonts: Fonts;
  readonly logo?: PDFImage;
  /** Text widths from the embedded fonts, cached per string. */
  readonly measure: Measure;
}

export interface PdfMetadata {
  readonly title: string;
  readonly author: string;
  readonly subject: string;
  readonly language: string;
  /** `YYYY-MM-DD`: creation and modification date (midnight UTC); the epoch when absent. */
  readonly date?: string;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * The font's name in the PDF. Subsets carry a six-letter tag (PDF 32000-1 §9.6.4), here derived
 * from the name itself (FNV-1a), so the same font always gets the same tag.
 */
function embeddedName(bytes: Uint8Array, subset: boolean): string {
  const ps = (patchedFontkit.create(bytes).postscriptName || 'Font').replace(/[^\x21-\x7e]|[()<>[\]{}/%#]/g, '');
  if (!subset) return ps;
  let h = 0x811c9dc5;
  for (let i = 0; i < ps.length; i++) h = Math.imul(h ^ ps.charCodeAt(i), 0x01000193) >>> 0;
  let tag = '';
  for (let i = 0; i < 6; i++, h = Math.floor(h / 26)) tag += String.fromCharCode(65 + (h % 26));
  return `${tag}+${ps}`;
}

/** Creates the document and embeds fonts (subset on save) and the logo; bad bytes are a fault. */
export async function openCanvas(
  font: Uint8Array,
  boldFont: Uint8Array | undefined,
  logo: { bytes: Uint8Array; type: 'png' | 'jpg' } | undefined,
  /** Embed only the glyphs used (the default); tests compare against whole fonts. */
  subset = true,
): Promise<{ ok: true; value: Canvas } | { ok: false; faults: Fault[] }> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(patchedFontkit);
  let regular: PDFFont;
  let bold: PDFFont;
  try {
    regular = await doc.embedFont(font, { subset, customName: embeddedName(font, subset) });
    bold = boldFont ? await doc.embedFont(boldFont, { subset, customName: embeddedName(boldFont, subset) }) : regular;
    // fontkit parses lazily: measuring once surfaces broken tables now, not halfway through.
    regular.widthOfTextAtSize('Factura 0123', 10);
    bold.widthOfTextAtSize('Factura 0123', 10);
  } catch (e) {
    return { ok: false, faults: [renderFault('03', 'options.font', `the font could not be read (${message(e)}): pass the bytes of a TrueType or OpenType file`)] };
  }
  let image: PDFImage | undefined;
  try {
    image = logo ? await (logo.type === 'png' ? doc.embedPng(logo.bytes) : doc.embedJpg(logo.bytes)) : undefined;
  } catch (e) {
    return { ok: false, faults: [renderFault('04', 'options.logo', `the logo could not be read as ${logo?.type === 'png' ? 'PNG' : 'JPEG'} (${message(e)}): check the file and its type`)] };
  }
  const cache = new Map<string, number>();
  const measure: Measure = (text, size, isBold) => {
    const key = (isBold ? 'b' : 'r') + text;
    let w = cache.get(key);
    if (w === undefined) {
      w = (isBold ? bold : regular).widthOfTextAtSize(text, 1000);
      cache.set(key, w);
    }
    return (w * size) / 1000;
  };
  return { ok: true, value: { doc, fonts: { regular, bold }, logo: image, measure } };
}

const color = (c: readonly [number, number, number]) => rgb(c[0], c[1], c[2]);
const BLACK = rgb(0, 0, 0);

function drawBox(page: PDFPage, h: number, box: Box, canvas: Canvas): void {
  switch (box.kind) {
    case 'text':
      page.drawText(box.text, { x: box.x, y: h - box.y, size: box.size, font: box.bold ? canvas.fonts.bold : canvas.fonts.regular, color: color(box.color) });
      return;
    case 'rect':
      page.drawRectangle({
        x: box.x,
        y: h - box.y - box.h,
        width: box.w,
        height: box.h,
        color: box.fill ? color(box.fill) : undefined,
        borderColor: box.stroke ? color(box.stroke) : undefined,
        borderWidth: box.stroke ? (box.lineWidth ?? 0.5) : 0,
        borderDashArray: box.dashed ? [3, 2] : undefined,
      });
      return;
    case 'line':
      page.drawLine({ start: { x: box.x1, y: h - box.y1 }, end: { x: box.x2, y: h - box.y2 }, thickness: box.width, color: color(box.color) });
      return;
    case 'qr': {
      // One path of horizontal runs, in module units, scaled to the printed size.
      const path = qrRuns(box.matrix)
        .map(([r, c, n]) => `M${c} ${r}h${n}v1h${-n}z`)
        .join('');
      page.drawSvgPath(path, { x: box.x, y: h - box.y, scale: box.size / box.matrix.size, color: BLACK, borderWidth: 0 });
      return;
    }
    case 'logo':
      if (canvas.logo) page.drawImage(canvas.logo, { x: box.x, y: h - box.y - box.h, width: box.w, height: box.h });
      return;
  }
}

/** Paints the pages and returns the bytes. */
export async function drawPdf(canvas: Canvas, pages: readonly Page[], meta: PdfMetadata): Promise<Uint8Array> {
  const { doc } = canvas;
  for (const p of pages) {
    const page = doc.addPage([p.width, p.height]);
    for (const box of p.boxes) drawBox(page, p.height, box, canvas);
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(meta.date ?? '');
  const when = new Date(m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : 0);
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author);
  doc.setSubject(meta.subject);
  doc.setLanguage(meta.language);
  doc.setCreator('gobl-studio');
  doc.setProducer('gobl-studio (pdf-lib)');
  doc.setCreationDate(when);
  doc.setModificationDate(when);
  return doc.save({ useObjectStreams: true });
}
