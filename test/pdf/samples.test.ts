/**
 * Every invoice sample (samples/index.json) as a PDF: pdftotext finds the parties' tax IDs, the
 * invoice number, every total as the engine computed it and the notes; the extracted text
 * matches its golden (test/pdf/golden/<sample>.txt; `UPDATE_GOLDEN=1 npx vitest run test/pdf`
 * rewrites them); the bytes are the same on every run, in every process (golden SHA-256 of each
 * PDF), and the metadata is fixed.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderInvoicePdf, type RenderPdfOptions } from '../../engine/render/pdf/index.ts';
import type { DefaultFonts } from '../../engine/render/pdf/fonts.ts';
import { GOLDEN_DIR, UPDATE, defaultFonts, euros, invoiceSamples, pdfInfo, pdfText, sampleEnvelope, type Json } from './support.ts';
import { stampTbai } from './tbai-stamp.ts';

let fonts: DefaultFonts;
beforeAll(async () => {
  fonts = await defaultFonts();
});

async function render(envelope: unknown, opts: Omit<RenderPdfOptions, 'font'> = {}): Promise<Uint8Array> {
  const r = await renderInvoicePdf(envelope, { ...fonts, ...opts });
  if (!r.ok) throw new Error(r.faults.map((f) => `${f.code} ${f.message}`).join('; '));
  return r.value;
}

/** The golden comparison: written when UPDATE_GOLDEN=1 or missing, compared otherwise. */
function golden(name: string, text: string): void {
  const file = join(GOLDEN_DIR, `${name}.txt`);
  if (UPDATE || !existsSync(file)) {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(file, text);
    if (!UPDATE) throw new Error(`wrote the missing golden ${file}: check it and run again`);
    return;
  }
  expect(text, `${name}: extracted text differs from ${file} (UPDATE_GOLDEN=1 to accept)`).toBe(readFileSync(file, 'utf8'));
}

const flat = (s: string) => s.replace(/\s+/g, ' ');
const TOTALS = ['sum', 'discount', 'charge', 'tax_included', 'total', 'tax', 'total_with_tax', 'retained_tax', 'rounding', 'payable', 'advance', 'due'];

/** What a reader must find on the invoice, from the built document. */
function expectedTexts(doc: Json): string[] {
  const out = [doc.supplier.tax_id.code as string];
  if (doc.customer?.tax_id?.code) out.push(doc.customer.tax_id.code);
  out.push(doc.code ? (doc.series ? `${doc.series}-${doc.code}` : doc.code) : doc.series);
  for (const k of TOTALS) if (doc.totals[k] !== undefined) out.push(euros(doc.totals[k]));
  for (const n of doc.notes ?? []) out.push(flat(n.text));
  return out;
}

describe.each(invoiceSamples().map((s) => [s.file.replace(/\.json$/, ''), s] as const))('%s', (name, sample) => {
  const envelope = sampleEnvelope(sample.file);
  let bytes: Uint8Array;
  let text: string;
  beforeAll(async () => {
    bytes = await render(envelope);
    text = pdfText(bytes);
  });

  it('shows tax IDs, number, every total and the notes', () => {
    const found = flat(text);
    for (const want of expectedTexts(envelope.doc)) expect(found, `looking for ${JSON.stringify(want)}`).toContain(want);
  });

  it('extracted text matches the golden', () => golden(name, text));

  it('is byte-for-byte deterministic, with fixed metadata', async () => {
    expect(Buffer.from(await render(envelope)).equals(Buffer.from(bytes))).toBe(true);
    const info = pdfInfo(bytes);
    expect(info.Producer).toBe('gobl-studio (pdf-lib)');
    expect(info.Creator).toBe('gobl-studio');
    const [y, m, d] = (envelope.doc.issue_date as string).split('-').map(Number);
    expect(Date.parse(info.CreationDate), info.CreationDate).toBe(Date.UTC(y, m - 1, d));
    expect(Date.parse(info.ModDate), info.ModDate).toBe(Date.UTC(y, m - 1, d));
  });
});

describe('goldens in other locales and after signing', () => {
  it('TicketBAI B2B, signed, in Basque with ISO dates', async () => {
    const env = structuredClone(sampleEnvelope('tbai-b2b.json'));
    env.doc.code = '000001';
    const { envelope, code } = stampTbai(env);
    const text = pdfText(await render(envelope, { locale: 'eu', dateFormat: '%Y-%m-%d' }));
    expect(text).toContain(code);
    expect(text).toContain('Faktura guztira');
    golden('tbai-b2b.eu-signed', text);
  });

  it('VERI*FACTU B2B in English on letter paper', async () => {
    const bytes = await render(sampleEnvelope('verifactu-b2b.json'), { locale: 'en', layout: 'letter' });
    expect(pdfInfo(bytes)['Page size']).toMatch(/^612 x 792 pts/);
    const text = pdfText(bytes);
    expect(text).toContain('€1,766.60');
    golden('verifactu-b2b.en-letter', text);
  });
});

it('every sample PDF has its golden SHA-256 (same bytes in every process)', async () => {
  const lines: string[] = [];
  for (const s of invoiceSamples()) {
    const digest = createHash('sha256').update(await render(sampleEnvelope(s.file))).digest('hex');
    lines.push(`${digest}  ${s.file.replace(/\.json$/, '.pdf')}`);
  }
  golden('sha256', `${lines.join('\n')}\n`);
});
