/**
 * `gobl-studio pdf FILE -o OUT.pdf`: a Spanish invoice PDF with its TicketBAI or VERI*FACTU
 * block, rendered by the engine. The input is built first (calculated and validated, head
 * stamps kept), so both a plain invoice and a signed envelope work.
 */
import { randomFillSync } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { build } from '../../engine/build.ts';
import type { BuildError } from '../../engine/core/fault.ts';
import { uuidSourceFrom } from '../../engine/core/uuid.ts';
import { defaultRegistry } from '../../engine/registry.ts';
import { loadDefaultFonts, type DefaultFonts } from '../../engine/render/pdf/fonts.ts';
import { renderInvoicePdf, type RenderPdfOptions } from '../../engine/render/pdf/index.ts';
import { LOCALES, type Locale } from '../../engine/render/pdf/labels.ts';
import { parseLayout } from '../../engine/render/pdf/options.ts';
import { EXIT, type Command, type OptionValues } from '../command.ts';
import { UsageError, describeFsError, errorDocument, inputError, isStdin, looksLikeYaml, parseJson, parseYaml, readSource, write, type Io } from '../io.ts';

const description = `Reads a GOBL invoice or envelope from FILE (or standard input for '-'), builds it
(calculate and validate, keeping the envelope's head stamps) and writes the invoice as PDF to
OUT. Spanish invoices get their compliance block: the TBAI identifier and QR when the envelope
carries the tbai-code and tbai-qr stamps (a marked placeholder before signing), and the
VERI*FACTU "QR tributario" (from the verifactu-qr stamp, or computed from the invoice).

Text is set in Noto Sans, read from the @expo-google-fonts/noto-sans package (or --font and
--bold-font). The same input and options always give the same bytes.

On failure it prints {"error":{"key","message","faults":[...]}} to standard output and exits
with status 1.`;

const NAME = 'pdf';

export const pdfCommand: Command = {
  name: NAME,
  summary: 'Render an invoice as a PDF with its TicketBAI / VERI*FACTU QR',
  synopsis: '[FILE|-] -o OUT.pdf',
  description,
  options: [
    { name: 'output', short: 'o', type: 'string', value: 'OUT.pdf', description: "Where to write the PDF ('-' for standard output)" },
    { name: 'locale', type: 'string', value: 'LOCALE', description: `Language of the labels: ${LOCALES.join(', ')} (default es)` },
    { name: 'date-format', type: 'string', value: 'FORMAT', description: 'strftime-style date format, e.g. %Y-%m-%d (default %d/%m/%Y for es)' },
    { name: 'layout', type: 'string', value: 'SIZE', description: 'Page size: A4 (default) or letter' },
    { name: 'logo', type: 'string', value: 'FILE', description: 'PNG or JPEG logo printed top left' },
    { name: 'logo-height', type: 'string', value: 'PX', description: 'Logo height in CSS pixels (default 40)' },
    { name: 'verifactu-env', type: 'string', value: 'ENV', description: 'Host of a computed VERI*FACTU QR: production (default) or test' },
    { name: 'font', type: 'string', value: 'FILE', description: 'TrueType/OpenType font instead of Noto Sans' },
    { name: 'bold-font', type: 'string', value: 'FILE', description: 'Bold face to go with --font' },
  ],
  maxArgs: 1,
  run: async ({ args, options, io }) => {
    const source = args[0];
    const out = options.output;
    if (typeof out !== 'string' || out === '') throw new UsageError('missing -o OUT.pdf', NAME);
    if (isStdin(source) && io.stdin.isTTY) throw new UsageError('no input: give a FILE, or pipe an invoice into standard input', NAME);
    const settings = renderSettings(options);
    const text = await readSource(source, io);
    if (!text.ok) return fail(io, text.error);
    const parsed = looksLikeYaml(source) ? parseYaml(text.text) : parseJson(text.text);
    if (!parsed.ok) return fail(io, parsed.error);
    const now = () => Date.now();
    const built = build(parsed.value, { now, uuid: uuidSourceFrom(now, (n) => randomFillSync(new Uint8Array(n))), registry: defaultRegistry });
    if (!built.ok) return fail(io, built.error);
    const files = await readFiles(options);
    if (!files.ok) return fail(io, files.error);
    const pdf = await renderInvoicePdf(built.value, { ...settings, ...files.value });
    if (!pdf.ok) return fail(io, { key: 'input', message: pdf.faults.map((f) => f.message).join('; '), faults: pdf.faults });
    if (out === '-') await new Promise<void>((resolve, reject) => io.stdout.write(pdf.value, (e) => (e ? reject(e) : resolve())));
    else {
      try {
        await writeFile(out, pdf.value);
      } catch (e) {
        return fail(io, inputError(`cannot write ${out}: ${describeFsError(e)}`, 'OUTPUT-WRITE'));
      }
    }
    return EXIT.ok;
  },
};

type Settings = Omit<RenderPdfOptions, 'font' | 'boldFont' | 'logo'>;

function renderSettings(o: OptionValues): Settings {
  const str = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
  const locale = str('locale');
  if (locale !== undefined && !(LOCALES as readonly string[]).includes(locale)) throw new UsageError(`--locale: ${JSON.stringify(locale)} is not one of ${LOCALES.join(', ')}`, NAME);
  const layout = str('layout');
  if (layout !== undefined && !parseLayout(layout)) throw new UsageError(`--layout: ${JSON.stringify(layout)} is not A4 or letter`, NAME);
  const h = str('logo-height');
  if (h !== undefined && !/^\d+(\.\d+)?$/.test(h)) throw new UsageError(`--logo-height: ${JSON.stringify(h)} is not a number of pixels`, NAME);
  if (h !== undefined && str('logo') === undefined) throw new UsageError('--logo-height needs --logo FILE', NAME);
  const env = str('verifactu-env');
  if (env !== undefined && env !== 'test' && env !== 'production') throw new UsageError(`--verifactu-env: ${JSON.stringify(env)} is not test or production`, NAME);
  if (str('bold-font') !== undefined && str('font') === undefined) throw new UsageError('--bold-font needs --font FILE', NAME);
  return {
    locale: locale as Locale | undefined,
    dateFormat: str('date-format'),
    layout: layout ? parseLayout(layout) : undefined,
    logoHeight: h !== undefined ? Number(h) : undefined,
    verifactu: env ? { env: env as 'test' | 'production' } : undefined,
  };
}

/**
 * Noto Sans from node_modules: resolved from this module (the repository or an installed
 * package), then from the working directory (a bundle copied elsewhere).
 */
export async function readDefaultFonts(): Promise<DefaultFonts> {
  const bases = [import.meta.url, join(process.cwd(), 'package.json')];
  return loadDefaultFonts(async (file) => {
    for (const base of bases) {
      let path: string;
      try {
        path = createRequire(base).resolve(file);
      } catch {
        continue;
      }
      return readFile(path);
    }
    throw new Error(`cannot find ${file}: run npm install, or pass --font and --bold-font`);
  });
}

const logoType = (b: Uint8Array): 'png' | 'jpg' | undefined => (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 ? 'png' : b[0] === 0xff && b[1] === 0xd8 ? 'jpg' : undefined);

async function readFiles(o: OptionValues): Promise<{ ok: true; value: Pick<RenderPdfOptions, 'font' | 'boldFont' | 'logo'> } | { ok: false; error: BuildError }> {
  const read = async (path: string, what: string) => {
    try {
      return { ok: true as const, bytes: new Uint8Array(await readFile(path)) };
    } catch (e) {
      return { ok: false as const, error: inputError(`cannot read ${what} ${path}: ${describeFsError(e)}`, 'INPUT-READ') };
    }
  };
  let logo: RenderPdfOptions['logo'];
  if (typeof o.logo === 'string') {
    const r = await read(o.logo, 'logo');
    if (!r.ok) return r;
    const type = logoType(r.bytes);
    if (!type) return { ok: false, error: inputError(`the logo ${o.logo} is not a PNG or JPEG file`, 'INPUT-LOGO') };
    logo = { bytes: r.bytes, type };
  }
  if (typeof o.font === 'string') {
    const f = await read(o.font, 'font');
    if (!f.ok) return f;
    const b = typeof o['bold-font'] === 'string' ? await read(o['bold-font'], 'font') : undefined;
    if (b && !b.ok) return b;
    return { ok: true, value: { font: f.bytes, boldFont: b?.bytes, logo } };
  }
  try {
    return { ok: true, value: { ...(await readDefaultFonts()), logo } };
  } catch (e) {
    return { ok: false, error: inputError(e instanceof Error ? e.message : String(e), 'INPUT-FONT') };
  }
}

async function fail(io: Io, error: BuildError): Promise<number> {
  await write(io.stdout, `${JSON.stringify(errorDocument(error), null, 2)}\n`);
  return error.key === 'internal' ? EXIT.internal : EXIT.faults;
}
