/**
 * Two changes to the fontkit pdf-lib uses, made by wrapping `create` (node_modules untouched):
 *
 * 1. `@pdf-lib/fontkit` 1.1.1 writes broken TrueType subsets: it picks the short `loca` format
 * (offsets stored halved) without padding glyph records to an even length, so after the first
 * odd-length glyph every offset is off by one byte and most letters print blank — while
 * pdftotext still extracts the text. Upstream fontkit fixed it in 1.8.0 (foliojs/fontkit#191)
 * by padding each glyph to an even length; the pdf-lib fork never got the fix. Every subset
 * here pads its glyphs the same way.
 *
 * 2. Text is mapped to glyphs one code point at a time through the font's cmap (after NFC
 * normalisation, so "e" + combining acute prints as the precomposed "é"), instead of full
 * OpenType shaping. Shaping Noto Sans (GSUB/GPOS for many scripts) took ~90% of the render
 * time; what it adds to invoice text in Latin, Greek or Cyrillic is kerning and a few
 * ligatures. Widths and glyphs stay consistent because pdf-lib uses the same `layout` for
 * measuring and for drawing.
 */
import fontkit from '@pdf-lib/fontkit';

type Fontkit = typeof fontkit;
type Font = ReturnType<Fontkit['create']>;
/** What pdf-lib uses of a glyph. */
interface Glyph {
  readonly id: number;
  readonly advanceWidth: number;
  readonly codePoints: readonly number[];
}

/** The private parts of fontkit's TTFSubset this patch touches. */
interface TtfSubset {
  glyf?: Uint8Array[];
  offset?: number;
  _addGlyph?: (gid: number) => number;
}

function padGlyphs(subset: TtfSubset): void {
  const add = subset._addGlyph;
  if (typeof add !== 'function') return; // CFF subsets have no glyf table: nothing to fix
  subset._addGlyph = function (this: TtfSubset, gid: number): number {
    const index = add.call(this, gid);
    const glyf = this.glyf;
    const buf = glyf?.[index];
    if (glyf && buf && buf.length % 2 === 1 && typeof this.offset === 'number') {
      // Same class as fontkit's own chunks (its Buffer): its encoder rejects plain arrays.
      const alloc = (buf.constructor as { alloc?: (n: number) => Uint8Array }).alloc;
      const padded = typeof alloc === 'function' ? alloc(buf.length + 1) : new Uint8Array(buf.length + 1);
      padded.set(buf);
      glyf[index] = padded;
      this.offset += 1;
    }
    return index;
  };
}

/**
 * Parsed fonts by their bytes: callers load the fonts once and render many PDFs, and parsing
 * (which copies the ~600 KB file) was a third of a one-page render. A font object is read-only
 * once parsed; each PDF still gets its own subset.
 */
const parsed = new WeakMap<Uint8Array, Font>();

/** fontkit with even-padded TrueType subsets; pass it to `PDFDocument.registerFontkit`. */
export const patchedFontkit: Fontkit = {
  ...fontkit,
  create(buffer: Uint8Array, postscriptName?: string): Font {
    const cached = postscriptName === undefined ? parsed.get(buffer) : undefined;
    if (cached) return cached;
    const font = fontkit.create(buffer, postscriptName);
    if (postscriptName === undefined) parsed.set(buffer, font);
    // pdf-lib reads only `glyphs` (id, advance width, code points for the ToUnicode map) from a
    // layout. Fresh objects carry this text's own code points: fontkit's cached glyphs keep
    // those of their first use, which would let one PDF's text leak into the next one's map.
    const glyphsFor = (text: string): Glyph[] =>
      Array.from(text.normalize('NFC'), (ch) => {
        const cp = ch.codePointAt(0) ?? 0xfffd;
        const g = font.glyphForCodePoint(cp);
        return { id: g.id, advanceWidth: g.advanceWidth, codePoints: [cp] };
      });
    font.layout = ((text: string) => ({ glyphs: glyphsFor(text) })) as unknown as Font['layout'];
    const create = font.createSubset.bind(font);
    font.createSubset = () => {
      const subset = create();
      padGlyphs(subset as unknown as TtfSubset);
      return subset;
    };
    return font;
  },
};
