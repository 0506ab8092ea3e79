/**
 * Options of `renderInvoicePdf`, matching the `pdf` step of the seed workflows
 * (`locale`, `date_format`, `layout`, `logo_height`), and their checks. Fonts and the logo come
 * in as bytes, so the renderer reads no files and fetches nothing.
 */
import type { Fault } from '../../core/fault.ts';
import { badDateDirective, DEFAULT_DATE_FORMAT } from './format.ts';
import { LOCALES, type Locale } from './labels.ts';

export type PageLayout = 'A4' | 'letter';

export interface RenderPdfOptions {
  /** Language of the labels and number format: `es` (default), `en` or `eu` (Basque). */
  readonly locale?: Locale;
  /** strftime-style date format, e.g. `%Y-%m-%d` (default `%d/%m/%Y` in Spanish). */
  readonly dateFormat?: string;
  /** Page size: `A4` (default) or `letter`. */
  readonly layout?: PageLayout;
  /** TrueType/OpenType bytes of the text font; it must cover every character printed. */
  readonly font: Uint8Array;
  /** The bold face; the regular font is used for headings when absent. */
  readonly boldFont?: Uint8Array;
  /** Supplier logo printed top left. */
  readonly logo?: { readonly bytes: Uint8Array; readonly type: 'png' | 'jpg' };
  /** Logo height in CSS pixels (1 px = 0.75 pt), as the workflows' `logo_height`; default 40. */
  readonly logoHeight?: number;
  /** Embed only the glyphs used (default true); false embeds the whole fonts (bigger files). */
  readonly subsetFonts?: boolean;
  /** Where the VERI*FACTU QR points when it is computed here (no `verifactu-qr` stamp); default `production`. */
  readonly verifactu?: { readonly env: 'test' | 'production' };
}

export interface CheckedOptions {
  readonly locale: Locale;
  readonly dateFormat: string;
  readonly layout: PageLayout;
  readonly logoHeightPt: number;
  readonly verifactuEnv: 'test' | 'production';
}

export const renderFault = (n: string, path: string, message: string): Fault => ({ code: `RENDER-PDF-${n}`, paths: [path], message });

/** Accepts `A4`/`a4` and `letter`/`Letter`; anything else is a fault. */
export function parseLayout(v: string): PageLayout | undefined {
  const s = v.trim().toLowerCase();
  return s === 'a4' ? 'A4' : s === 'letter' ? 'letter' : undefined;
}

/** The font bytes must be there before fontkit sees them. */
export function checkFont(opts: RenderPdfOptions, faults: Fault[]): void {
  if (!(opts.font instanceof Uint8Array) || opts.font.length < 12) {
    faults.push(renderFault('03', 'options.font', 'a font is required: pass the bytes of a TrueType/OpenType file (loadDefaultFonts() gives Noto Sans)'));
  }
}

/** Validates the options but the font; every problem comes back as a fault that says how to fix it. */
export function checkOptions(opts: Omit<RenderPdfOptions, 'font'>, faults: Fault[]): CheckedOptions {
  const locale = opts.locale ?? 'es';
  if (!LOCALES.includes(locale)) faults.push(renderFault('02', 'options.locale', `unknown locale ${JSON.stringify(locale)}: use one of ${LOCALES.join(', ')}`));
  const good = LOCALES.includes(locale) ? locale : 'es';
  const dateFormat = opts.dateFormat ?? DEFAULT_DATE_FORMAT[good];
  const bad = badDateDirective(dateFormat);
  if (bad) faults.push(renderFault('02', 'options.dateFormat', `date format ${JSON.stringify(dateFormat)} has the unknown directive ${bad}: use %Y %y %m %-m %d %-d %e %b %B %%`));
  const layout = parseLayout(opts.layout ?? 'A4');
  if (!layout) faults.push(renderFault('02', 'options.layout', `unknown layout ${JSON.stringify(opts.layout)}: use A4 or letter`));
  const px = opts.logoHeight ?? 40;
  if (!Number.isFinite(px) || px <= 0 || px > 300) faults.push(renderFault('02', 'options.logoHeight', `logo height ${px} is out of range: give CSS pixels between 1 and 300`));
  if (opts.logo && opts.logo.type !== 'png' && opts.logo.type !== 'jpg') faults.push(renderFault('04', 'options.logo.type', `logo type ${JSON.stringify(opts.logo.type)}: use png or jpg`));
  const env = opts.verifactu?.env ?? 'production';
  if (env !== 'test' && env !== 'production') faults.push(renderFault('02', 'options.verifactu.env', `unknown VERI*FACTU environment ${JSON.stringify(env)}: use test or production`));
  return { locale: good, dateFormat, layout: layout ?? 'A4', logoHeightPt: Number.isFinite(px) ? px * 0.75 : 30, verifactuEnv: env };
}
