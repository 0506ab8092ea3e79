/** `gobl-studio pdf FILE -o OUT.pdf [options]`, run in-process through the CLI's front door. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { ROOT, decodeQrs, makePng, pdfInfo, pdfText } from './support.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gobl-pdf-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[], stdin = ''): Promise<{ code: number; out: string; err: string; bytes: Buffer }> {
  const chunks: Buffer[] = [];
  let err = '';
  const io = {
    stdin: Readable.from(stdin ? [stdin] : []) as Readable & { isTTY?: boolean },
    stdout: new Writable({ write: (c, _e, cb) => (chunks.push(Buffer.from(c)), cb()) }),
    stderr: new Writable({ write: (c, _e, cb) => ((err += String(c)), cb()) }),
  };
  const code = await main(args, io);
  const bytes = Buffer.concat(chunks);
  return { code, out: bytes.toString('utf8'), err, bytes };
}

const sample = (f: string) => join(ROOT, 'samples', f);

describe('gobl-studio pdf', () => {
  it('renders a plain invoice document (building it first)', async () => {
    const out = join(dir, 'verifactu.pdf');
    const r = await cli(['pdf', sample('verifactu-b2b.json'), '-o', out]);
    expect(r.code, r.out + r.err).toBe(0);
    const pdf = new Uint8Array(readFileSync(out));
    expect(pdfText(pdf)).toContain('VF2025-000127');
    expect(decodeQrs(pdf)).toEqual(['https://www2.agenciatributaria.gob.es/wlpl/TIKE-CONT/ValidarQR?nif=B87421566&numserie=VF2025-000127&fecha=17-11-2025&importe=1766.60']);
  });

  it('takes the workflow options: locale, date format, layout, logo and its height', async () => {
    const logo = join(dir, 'logo.png');
    writeFileSync(logo, makePng(120, 40, (x) => (x < 40 ? [29, 59, 94] : [240, 240, 240])));
    const out = join(dir, 'options.pdf');
    const args = ['pdf', sample('out/tbai-b2b.json'), '-o', out, '--locale', 'en', '--date-format', '%Y-%m-%d', '--layout', 'letter', '--logo', logo, '--logo-height', '60', '--verifactu-env', 'test'];
    const r = await cli(args);
    expect(r.code, r.out + r.err).toBe(0);
    const pdf = new Uint8Array(readFileSync(out));
    expect(pdfInfo(pdf)['Page size']).toMatch(/^612 x 792/);
    const text = pdfText(pdf);
    expect(text).toContain('2025-11-10');
    expect(text).toContain('€2,178.00');
    expect(text).toContain('Invoice');
    expect(readFileSync(out).includes(Buffer.from('/Subtype /Image'))).toBe(true);
  });

  it('writes to standard output with -o - and reads standard input', async () => {
    const r = await cli(['pdf', '-', '-o', '-'], readFileSync(sample('out/sii-b2b.json'), 'utf8'));
    expect(r.code, r.err).toBe(0);
    expect(r.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('reports bad input as a JSON error (exit 1) and bad usage with exit 2', async () => {
    const party = await cli(['pdf', sample('party-supplier.json'), '-o', join(dir, 'x.pdf')]);
    expect(party.code).toBe(1);
    expect(JSON.parse(party.out).error.faults[0].code).toBe('RENDER-PDF-01');
    expect((await cli(['pdf', sample('tbai-b2b.json')])).code).toBe(2);
    expect((await cli(['pdf', sample('tbai-b2b.json'), '-o', 'x.pdf', '--locale', 'fr'])).code).toBe(2);
    expect((await cli(['pdf', sample('tbai-b2b.json'), '-o', 'x.pdf', '--layout', 'A3'])).code).toBe(2);
    expect((await cli(['pdf', sample('tbai-b2b.json'), '-o', 'x.pdf', '--logo-height', '40'])).code).toBe(2);
    const missing = await cli(['pdf', join(dir, 'nope.json'), '-o', join(dir, 'y.pdf')]);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.out).error.message).toContain('no such file');
  });

  it('is listed in the help', async () => {
    const r = await cli(['--help']);
    expect(r.out).toMatch(/\n {2}pdf +Render an invoice as a PDF/);
  });
});
