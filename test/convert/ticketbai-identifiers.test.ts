/**
 * TicketBAI identifier (CRC-8) and QR URL:
 *  - CRC-8/SMBUS check value and the two official examples of the spec (Anexo 3 / §4.3.3);
 *  - every fixture's identifier and QR `cr` as listed in conformance/converters/INDEX.md, derived
 *    from the fixture XML's Emisor NIF, FechaExpedicionFactura and ds:SignatureValue, with the QR
 *    parameters taken from the XML we produce for that fixture (same series, number and total);
 *  - URL encoding (Go's url.QueryEscape), test/production hosts, and bad input as faults.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { QR_BASE_URLS, crc8, issueDateFromIdentifier, queryEscape, tbaiIdentifier, tbaiQrUrl, toTicketBai } from '../../engine/convert/ticketbai/index.ts';

const CONV = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/conformance/converters');
if (!existsSync(CONV)) throw new Error(`../shared not found: the TicketBAI fixtures are expected at ${CONV}`);

interface Vector {
  readonly name: string;
  readonly repo: string;
  readonly id: string;
  readonly cr: string;
}

/** Rows `| \`name\` … | description | \`TBAI-…\`, cr=NNN |` of INDEX.md §1 and §1b. */
function indexVectors(): Vector[] {
  const index = readFileSync(join(CONV, 'INDEX.md'), 'utf8');
  const out: Vector[] = [];
  let repo = 'gobl.ticketbai';
  for (const line of index.split('\n')) {
    if (line.startsWith('### 1b.')) repo = 'gobl.es.ticketbai';
    if (line.startsWith('## 2.')) break;
    const m = /^\| `([a-z0-9-]+)`[^|]*\|[^|]*\| `(TBAI-[^`]+)`, cr=(\d{3})/.exec(line);
    if (m) out.push({ name: m[1], repo, id: m[2], cr: m[3] });
  }
  return out;
}
const VECTORS = indexVectors();

const tag = (xml: string, name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];
const ok = <T>(r: { ok: true; value: T } | { ok: false; faults: readonly unknown[] }): T => {
  if (!r.ok) throw new Error(JSON.stringify(r.faults));
  return r.value;
};

describe('CRC-8 and the spec examples', () => {
  it('is CRC-8/SMBUS (poly 0x07, init 0): check value 0xF4', () => {
    expect(crc8('123456789')).toBe(0xf4);
    expect(crc8('')).toBe(0);
    expect(crc8(new Uint8Array([0x80]))).toBe(0x89);
  });
  it('identifier example: TBAI-00000006Y-251019-btFpwP8dcLGAF-237', () => {
    expect(crc8('TBAI-00000006Y-251019-btFpwP8dcLGAF-')).toBe(237);
    expect(ok(tbaiIdentifier({ nif: '00000006Y', issueDate: '25-10-2019', signatureValue: 'btFpwP8dcLGAFmoreSignatureBytes==' }))).toBe('TBAI-00000006Y-251019-btFpwP8dcLGAF-237');
    expect(ok(tbaiIdentifier({ nif: '00000006Y', issueDate: '2019-10-25', signatureValue: 'btFpwP8dc\nLGAF' }))).toBe('TBAI-00000006Y-251019-btFpwP8dcLGAF-237');
  });
  it('QR example: cr=007', () => {
    const url = ok(tbaiQrUrl({ zone: 'BI', env: 'production', identifier: 'TBAI-00000006Y-251019-btFpwP8dcLGAF-237', series: 'T', code: '27174', total: '4.70' }));
    expect(url).toBe('https://batuz.eus/QRTBAI/?id=TBAI-00000006Y-251019-btFpwP8dcLGAF-237&s=T&nf=27174&i=4.70&cr=007');
  });
});

describe('INDEX.md lists every TicketBAI fixture', () => {
  it('has 17 vectors (14 gobl.ticketbai + 3 gobl.es.ticketbai)', () => {
    expect(VECTORS.filter((v) => v.repo === 'gobl.ticketbai')).toHaveLength(14);
    expect(VECTORS.filter((v) => v.repo === 'gobl.es.ticketbai')).toHaveLength(3);
  });
});

describe.each(VECTORS)('TicketBAI identifier and QR of $repo/$name', (v) => {
  const dir = join(CONV, v.repo, 'test/data');
  const signed = readFileSync(join(dir, 'out', `${v.name}.xml`), 'utf8');
  const env = JSON.parse(readFileSync(join(dir, `${v.name}.json`), 'utf8'));
  const signature = /<ds:SignatureValue[^>]*>([^<]*)</.exec(signed)![1];

  it(`identifier is ${v.id}`, () => {
    const id = ok(tbaiIdentifier({ nif: tag(signed, 'NIF')!, issueDate: tag(signed, 'FechaExpedicionFactura')!, signatureValue: signature }));
    expect(id).toBe(v.id);
    expect(id).toHaveLength(39);
    expect(issueDateFromIdentifier(id)).toBe('01-02-2022');
  });

  it(`QR cr is ${v.cr} (production host of the province)`, () => {
    const ours = ok(toTicketBai(env, { now: '2022-02-01T04:00:00Z', software: { license: 'L', nif: '12345678A', name: 'S', version: '1' }, legacyLineTotals: v.repo === 'gobl.ticketbai' }));
    const cab = /<CabeceraFactura>([\s\S]*?)<\/CabeceraFactura>/.exec(ours)![1];
    const zone = env.doc.tax.ext['es-tbai-region'];
    const url = ok(tbaiQrUrl({ zone, env: 'production', identifier: v.id, series: tag(cab, 'SerieFactura'), code: tag(cab, 'NumFactura')!, total: tag(ours, 'ImporteTotalFactura')! }));
    expect(url.startsWith(QR_BASE_URLS[zone as 'BI'].production + '?id=')).toBe(true);
    expect(url.slice(-7)).toBe(`&cr=${v.cr}`);
    expect(url).toContain(`id=${queryEscape(v.id)}&`);
    expect(url.includes('&s=')).toBe(tag(cab, 'SerieFactura') !== undefined);
  });
});

describe('QR URL encoding and hosts', () => {
  it('escapes like Go url.QueryEscape', () => {
    expect(queryEscape('a b/c+d~e_f.g-h')).toBe('a+b%2Fc%2Bd~e_f.g-h');
    expect(queryEscape('Año&=?#%')).toBe('A%C3%B1o%26%3D%3F%23%25');
  });
  it('encodes / and + of the identifier and series in the URL (the CRC covers the encoded URL)', () => {
    const url = ok(tbaiQrUrl({ zone: 'SS', env: 'test', identifier: 'TBAI-S7836107H-010222-jX/k6gIHtL1WZ-197', series: 'A/B C', code: '1+2', total: '-1.50' }));
    const head = url.slice(0, url.lastIndexOf('&cr='));
    expect(head).toBe('https://tbai.prep.gipuzkoa.eus/qr/?id=TBAI-S7836107H-010222-jX%2Fk6gIHtL1WZ-197&s=A%2FB+C&nf=1%2B2&i=-1.50');
    expect(url.slice(-3)).toBe(String(crc8(head)).padStart(3, '0'));
  });
  it('has a test and a production host per province, with sources', () => {
    expect(QR_BASE_URLS.BI.test).toBe(QR_BASE_URLS.BI.production);
    expect(QR_BASE_URLS.SS).toMatchObject({ production: 'https://tbai.egoitza.gipuzkoa.eus/qr/', test: 'https://tbai.prep.gipuzkoa.eus/qr/' });
    expect(QR_BASE_URLS.VI).toMatchObject({ production: 'https://ticketbai.araba.eus/tbai/qrtbai/', test: 'https://pruebas-ticketbai.araba.eus/tbai/qrtbai/' });
    for (const z of ['BI', 'SS', 'VI'] as const) expect(QR_BASE_URLS[z].sources.length).toBeGreaterThan(0);
  });
  it('reports bad input as faults', () => {
    const id = tbaiIdentifier({ nif: 'X', issueDate: '2022/02/01', signatureValue: 'short' });
    expect(id.ok ? [] : id.faults.map((f) => f.paths[0])).toEqual(['nif', 'issueDate', 'signatureValue']);
    const qr = tbaiQrUrl({ zone: 'XX' as never, env: 'dev' as never, identifier: 'TBAI', code: '', total: '1,00' });
    expect(qr.ok ? [] : qr.faults.map((f) => f.paths[0])).toEqual(['zone', 'env', 'identifier', 'code', 'total']);
    const good = { zone: 'BI', env: 'production', identifier: 'TBAI-00000006Y-251019-btFpwP8dcLGAF-237', code: '1', total: '1.00' } as const;
    expect(tbaiQrUrl({ ...good, date: '25-10-2019' }).ok).toBe(true);
    expect(tbaiQrUrl({ ...good, date: '2019-10-25' }).ok).toBe(true);
    const wrong = tbaiQrUrl({ ...good, date: '26-10-2019' });
    expect(wrong.ok ? [] : wrong.faults.map((f) => f.paths[0])).toEqual(['date']);
  });
});
