/**
 * Helpers for the PDF tests: the samples as built envelopes, the default fonts from
 * node_modules, and poppler/zbar wrappers (pdftotext, pdftoppm + zbarimg, pdffonts, pdfinfo).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { deflateSync } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readDefaultFonts } from '../../cli/commands/pdf.ts';
import type { DefaultFonts } from '../../engine/render/pdf/fonts.ts';
import { buildSample, describeFaults, readIndex, readSample, type SampleEntry } from '../../scripts/update-samples.ts';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const GOLDEN_DIR = join(ROOT, 'test/pdf/golden');
export const UPDATE = process.env.UPDATE_GOLDEN === '1';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- built JSON is read by path
export type Json = Record<string, any>;

let fonts: Promise<DefaultFonts> | undefined;
export const defaultFonts = (): Promise<DefaultFonts> => (fonts ??= readDefaultFonts());

/** Invoice samples of samples/index.json (the party sample has no PDF). */
export function invoiceSamples(): SampleEntry[] {
  return readIndex().filter((s) => s.scenario !== 'Party');
}

/** The built envelope of a sample: its golden in samples/out, else a fresh deterministic build. */
export function sampleEnvelope(file: string): Json {
  const golden = join(ROOT, 'samples/out', file);
  if (existsSync(golden)) return JSON.parse(readFileSync(golden, 'utf8')) as Json;
  const r = buildSample(readSample(file));
  if (!r.ok) throw new Error(`${file}: ${describeFaults(r)}`);
  return r.value as Json;
}

/** Builds a document with the samples' fixed clock and UUIDs. */
export function buildDoc(doc: unknown): Json {
  const r = buildSample(doc);
  if (!r.ok) throw new Error(describeFaults(r));
  return r.value as Json;
}

function withTempPdf<T>(bytes: Uint8Array, fn: (dir: string, file: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'gobl-pdf-'));
  try {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, bytes);
    return fn(dir, file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw new Error(`${cmd} could not run (${r.error.message}): install poppler-utils and zbar-tools`);
  if (r.status !== 0 && !(cmd === 'zbarimg' && r.status === 4)) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

/** pdftotext -layout of the whole document, or of one page (1-based). */
export function pdfText(bytes: Uint8Array, page?: number): string {
  return withTempPdf(bytes, (_, file) => run('pdftotext', ['-layout', '-enc', 'UTF-8', ...(page ? ['-f', String(page), '-l', String(page)] : []), file, '-']));
}

/** Page count and metadata from pdfinfo. */
export function pdfInfo(bytes: Uint8Array): Record<string, string> {
  const out = withTempPdf(bytes, (_, file) => run('pdfinfo', ['-isodates', file]));
  return Object.fromEntries(out.split('\n').flatMap((l) => (l.includes(':') ? [[l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]] : [])));
}

/** Fonts as pdffonts lists them: name, type, embedded, unicode map. */
export function pdfFonts(bytes: Uint8Array): { name: string; embedded: boolean; unicode: boolean }[] {
  const out = withTempPdf(bytes, (_, file) => run('pdffonts', [file]));
  return out
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => {
      const cols = l.trim().split(/\s+/);
      const n = cols.length;
      return { name: cols[0], embedded: cols[n - 5] === 'yes', unicode: cols[n - 3] === 'yes' };
    });
}

/** Every QR code on a page: rendered at 150 dpi with pdftoppm, decoded with zbarimg --raw. */
export function decodeQrs(bytes: Uint8Array, page = 1, dpi = 150): string[] {
  return withTempPdf(bytes, (dir, file) => {
    run('pdftoppm', ['-r', String(dpi), '-f', String(page), '-l', String(page), '-png', file, join(dir, 'page')]);
    const png = readdirSync(dir).find((f) => f.startsWith('page') && f.endsWith('.png'));
    if (!png) throw new Error('pdftoppm wrote no page image');
    const out = run('zbarimg', ['--raw', '-q', '-Sdisable', '-Sqrcode.enable', join(dir, png)]);
    return out.split('\n').filter((l) => l !== '');
  });
}

/** Spanish money as the PDF prints it, computed independently of the engine: "1.234,56 €". */
export function euros(value: string): string {
  const neg = value.startsWith('-');
  const [int, frac] = value.replace('-', '').split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${neg ? '-' : ''}${grouped}${frac !== undefined ? ',' + frac : ''} €`;
}

/** pdftotext -layout spreads text with runs of spaces: collapse them for substring checks. */
export const squash = (s: string): string => s.replace(/[ \t]+/g, ' ');

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A small RGB PNG drawn by `pixel(x, y)`, for logo tests (no image files in the repository). */
export function makePng(width: number, height: number, pixel: (x: number, y: number) => readonly [number, number, number]): Uint8Array {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) raw.set(pixel(x, y), y * (width * 3 + 1) + 1 + x * 3);
  }
  const chunk = (type: string, data: Uint8Array) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return new Uint8Array(Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array(0))]));
}
