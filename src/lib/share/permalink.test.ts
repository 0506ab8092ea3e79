import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compress, decompress, fragmentPayload, fragmentView, fromBase64Url, permalinkFor, readPermalink, toBase64Url } from './permalink.ts';

const text = readFileSync(new URL('../../../samples/facturae-face.json', import.meta.url), 'utf8');

describe('permalink', () => {
  it('round-trips a document through the fragment', async () => {
    const link = await permalinkFor('http://127.0.0.1:4173/?x=1#old', text);
    const url = new URL(link);
    expect(url.search).toBe('?x=1');
    expect(url.hash).toMatch(/^#doc=[A-Za-z0-9_-]+$/);
    expect(await readPermalink(url.hash)).toEqual({ ok: true, text });
  });

  it('carries the view (tab, XML format, province) and ignores anything odd in it', async () => {
    const link = await permalinkFor('http://localhost/', text, { tab: 'xml', format: 'ticketbai', zone: 'SS' });
    const url = new URL(link);
    expect(url.hash).toMatch(/&tab=xml&format=ticketbai&zone=SS$/);
    expect(await readPermalink(url.hash)).toEqual({ ok: true, text, view: { tab: 'xml', format: 'ticketbai', zone: 'SS' } });
    expect(fragmentView('#doc=x&tab=<script>&zone=XX&format=facturae&other=1')).toEqual({ format: 'facturae' });
    expect(new URL(await permalinkFor('http://localhost/', text, { tab: 'Bad Tab' })).hash).toMatch(/^#doc=[A-Za-z0-9_-]+$/);
  });

  it('compresses: a sample is several times shorter in the link', async () => {
    const link = await permalinkFor('http://localhost/', text);
    expect(link.length).toBeLessThan(text.length / 2);
  });

  it('keeps non-ASCII text exact', async () => {
    const s = '{"name": "Ñandú Peña — 東京 €"}';
    expect(await decompress(await compress(s))).toBe(s);
  });

  it('base64url round-trips every byte value, without padding', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    const enc = toBase64Url(bytes);
    expect(enc).not.toMatch(/[+/=]/);
    expect(fromBase64Url(enc)).toEqual(bytes);
  });

  it('ignores fragments without a document and reports damaged ones', async () => {
    expect(await readPermalink('')).toBeUndefined();
    expect(await readPermalink('#section')).toBeUndefined();
    expect(fragmentPayload('#doc=abc&x=1')).toBe('abc');
    const link = await permalinkFor('http://localhost/', text);
    const cut = new URL(link).hash.slice(0, 60);
    expect(await readPermalink(cut)).toMatchObject({ ok: false });
    expect(await readPermalink('#doc=%%%')).toMatchObject({ ok: false });
  });
});
