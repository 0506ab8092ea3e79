/**
 * The printed QR codes, read back as a phone would: the page rendered with pdftoppm at 150 dpi
 * and decoded with zbarimg. TicketBAI samples are stamped as after signing with a known signature
 * value (tbai-code and tbai-qr from the converter's functions); VERI*FACTU QRs must equal the
 * converter's cotejo URL.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { toVerifactuAlta } from '../../engine/convert/verifactu/alta.ts';
import { verifactuQrUrl } from '../../engine/convert/verifactu/qr.ts';
import type { DefaultFonts } from '../../engine/render/pdf/fonts.ts';
import { renderInvoicePdf, type RenderPdfOptions } from '../../engine/render/pdf/index.ts';
import { decodeQrs, defaultFonts, invoiceSamples, pdfInfo, pdfText, sampleEnvelope, type Json } from './support.ts';
import { crc8, tbaiIdentifier, tbaiQrUrl } from '../../engine/convert/ticketbai/identifiers.ts';
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

const lastPage = (bytes: Uint8Array) => Number(pdfInfo(bytes).Pages);

describe('the stamps used here follow the TicketBAI spec vectors', () => {
  it('CRC-8 of the spec examples', () => {
    expect(crc8('123456789')).toBe(0xf4);
    expect(crc8('TBAI-00000006Y-251019-btFpwP8dcLGAF-')).toBe(237);
    expect(crc8('https://batuz.eus/QRTBAI/?id=TBAI-00000006Y-251019-btFpwP8dcLGAF-237&s=T&nf=27174&i=4.70')).toBe(7);
  });

  it('identifier and QR URL of the spec example', () => {
    const id = tbaiIdentifier({ nif: '00000006Y', issueDate: '2019-10-25', signatureValue: 'btFpwP8dcLGAFxxxx' });
    expect(id).toEqual({ ok: true, value: 'TBAI-00000006Y-251019-btFpwP8dcLGAF-237' });
    expect(tbaiQrUrl({ zone: 'BI', env: 'production', identifier: 'TBAI-00000006Y-251019-btFpwP8dcLGAF-237', series: 'T', code: '27174', total: '4.70' })).toEqual({
      ok: true,
      value: 'https://batuz.eus/QRTBAI/?id=TBAI-00000006Y-251019-btFpwP8dcLGAF-237&s=T&nf=27174&i=4.70&cr=007',
    });
  });
});

const samples = invoiceSamples();

describe.each(samples.filter((s) => s.scenario === 'TicketBAI').map((s) => [s.file] as const))('TicketBAI %s', (file) => {
  it('prints the stamped QR, which decodes to the tbai-qr stamp, under the identifier', async () => {
    const env: Json = structuredClone(sampleEnvelope(file));
    env.doc.code ??= '000042'; // the workflows number invoices before signing
    const { envelope, code, qr } = stampTbai(env);
    const bytes = await render(envelope);
    const page = lastPage(bytes);
    expect(decodeQrs(bytes, page)).toEqual([qr]);
    expect(pdfText(bytes, page)).toContain(code);
  });

  it('prints no QR before signing', async () => {
    const bytes = await render(sampleEnvelope(file));
    expect(decodeQrs(bytes, lastPage(bytes))).toEqual([]);
    expect(pdfText(bytes)).not.toMatch(/TBAI-[0-9A-Z]{9}-/);
  });
});

/** The converter's own record gives the QR fields (NIF, series-number, date, ImporteTotal). */
function converterQr(envelope: Json, env: 'test' | 'production'): string {
  const r = toVerifactuAlta(envelope, {
    now: '2025-11-20T12:00:00Z',
    software: { name: 'gobl-studio', nif: 'B00000000', version: '0.1.0', systemId: 'GS', installationNumber: '1' },
  });
  if (!r.ok) throw new Error(JSON.stringify(r.faults));
  expect(r.value.qr).toBeDefined();
  return verifactuQrUrl({ env, ...r.value.qr! });
}

describe.each(samples.filter((s) => s.scenario === 'VERI*FACTU').map((s) => [s.file] as const))('VERI*FACTU %s', (file) => {
  const envelope = sampleEnvelope(file);

  it.each(['production', 'test'] as const)('the first page QR decodes to the converter URL (%s)', async (env) => {
    const bytes = await render(envelope, { verifactu: { env } });
    expect(decodeQrs(bytes, 1)).toEqual([converterQr(envelope, env)]);
    const text = pdfText(bytes, 1);
    expect(text).toContain('QR tributario:');
    expect(text).toContain('VERI*FACTU');
  });

  it('prints the verifactu-qr stamp when the envelope has one', async () => {
    const url = converterQr(envelope, 'production').replace('importe=', 'importe=0');
    const stamped = { ...envelope, head: { ...envelope.head, stamps: [{ prv: 'verifactu-qr', val: url }] } };
    expect(decodeQrs(await render(stamped), 1)).toEqual([url]);
  });
});
