/**
 * TicketBAI import (alta XML → minimal GOBL invoice):
 *  (d) for every fixture, our XML → fromTicketBai → engine build (defaultRegistry) gives the
 *      fixture's totals (sum, total, tax, total_with_tax, payable), and re-exporting the built
 *      invoice gives the same ImporteTotalFactura, RetencionSoportada and quotas. The XML does not
 *      say whether prices included VAT: for the two prices-included fixtures `sum` is compared with
 *      the fixture's net `total` (GOBL's sum there is gross). Province and Bizkaia epígrafe are not in
 *      the XML either and are passed as import options; a signed fixture gives the province itself.
 *  (e) malformed XML, foreign documents (Facturae, VERI*FACTU, a TicketBAI cancellation) and
 *      missing or invalid elements give CONVERT-TBAI-IMPORT-NN faults saying what was expected.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { build } from '../../engine/build.ts';
import { ZERO, add, amountToString, parseAmount, rescale } from '../../engine/core/amount.ts';
import { fromTicketBai, toTicketBai, toTicketBaiCancel } from '../../engine/convert/ticketbai/index.ts';
import { defaultRegistry } from '../../engine/registry.ts';

const CONV = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/conformance/converters');
if (!existsSync(CONV)) throw new Error(`../shared not found: the TicketBAI fixtures are expected at ${CONV}`);

interface Fixture {
  readonly repo: string;
  readonly name: string;
  readonly env: Record<string, any>;
  readonly signed: string;
}
const FIXTURES: Fixture[] = ['gobl.ticketbai', 'gobl.es.ticketbai'].flatMap((repo) => {
  const dir = join(CONV, repo, 'test/data');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({
      repo,
      name: f.slice(0, -5),
      env: JSON.parse(readFileSync(join(dir, f), 'utf8')),
      signed: readFileSync(join(dir, 'out', f.replace(/\.json$/, '.xml')), 'utf8'),
    }));
});

const SOFTWARE = { license: 'My License', nif: '12345678A', name: 'My Software', version: '1.0' };
const ok = <T>(r: { ok: true; value: T } | { ok: false; faults: readonly unknown[] }): T => {
  if (!r.ok) throw new Error(JSON.stringify(r.faults));
  return r.value;
};
const amount = (x: string) => {
  const r = parseAmount(x);
  if (!r.ok) throw new Error(r.error);
  return r.value;
};
const exportOf = (env: unknown, legacy: boolean) => ok(toTicketBai(env, { now: '2022-02-01T04:00:00Z', software: SOFTWARE, thirdParty: true, legacyLineTotals: legacy }));
function buildDoc(doc: unknown): Record<string, any> {
  const r = build(doc, { now: () => Date.parse('2022-02-01T04:00:00Z'), uuid: () => '01922336-8c24-771b-96bd-5086f8b3d3a1', registry: defaultRegistry });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}
const all = (xml: string, name: string) => [...xml.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, 'g'))].map((m) => m[1]);

describe.each(FIXTURES)('TicketBAI import round trip $repo/$name', (fx) => {
  const legacy = fx.repo === 'gobl.ticketbai';
  const opts = { zone: fx.env.doc.tax.ext['es-tbai-region'], biActivity: fx.env.doc.supplier.ext?.['es-tbai-bi-activity'] };

  it('builds to the fixture totals', () => {
    const ours = exportOf(fx.env, legacy);
    const doc = ok(fromTicketBai(ours, opts));
    expect(doc.$addons).toEqual(['es-tbai-v1']);
    const t = buildDoc(doc).doc.totals;
    const e = fx.env.doc.totals;
    const pricesIncluded = !!fx.env.doc.tax.prices_include;
    expect({ sum: t.sum, total: t.total, tax: t.tax, total_with_tax: t.total_with_tax, payable: t.payable }).toEqual({
      sum: pricesIncluded ? e.total : e.sum,
      total: e.total,
      tax: e.tax,
      total_with_tax: e.total_with_tax,
      payable: e.payable,
    });
  });

  it('re-exports to the same totals, withholding and quotas', () => {
    const ours = exportOf(fx.env, legacy);
    const again = exportOf(buildDoc(ok(fromTicketBai(ours, opts))), legacy);
    for (const name of ['ImporteTotalFactura', 'RetencionSoportada', 'FacturaSimplificada', 'NumFactura', 'SerieFactura', 'NIF', 'ID']) {
      expect(all(again, name), name).toEqual(all(ours, name));
    }
    // DesgloseFactura does not say goods or services: equal rates come back as one DetalleIVA.
    const sum = (xs: string[]) => amountToString(xs.reduce((s, x) => add(s, amount(x)), rescale(ZERO, 2)));
    expect(sum(all(again, 'CuotaImpuesto'))).toBe(sum(all(ours, 'CuotaImpuesto')));
    expect(sum([...all(again, 'BaseImponible'), ...all(again, 'Importe')])).toBe(sum([...all(ours, 'BaseImponible'), ...all(ours, 'Importe')]));
    expect(all(again, 'CuotaRecargoEquivalencia')).toEqual(all(ours, 'CuotaRecargoEquivalencia'));
  });

  it('reads the signed fixture itself, taking the province from its signature policy', () => {
    const doc = ok(fromTicketBai(fx.signed, { biActivity: opts.biActivity }));
    expect(doc.tax).toEqual({ ext: { 'es-tbai-region': opts.zone } });
    expect(buildDoc(doc).doc.totals.total_with_tax).toBe(fx.env.doc.totals.total_with_tax);
  });
});

describe('TicketBAI import mapping', () => {
  const fx = (name: string) => FIXTURES.find((f) => f.name === name)!;
  const imported = (name: string): Record<string, any> => ok(fromTicketBai(exportOf(fx(name).env, fx(name).repo === 'gobl.ticketbai'), { zone: 'BI' }));

  it('turns a negative rectificativa por diferencias back into a credit note', () => {
    const doc = imported('credit-note-es-es-tbai');
    expect(doc.type).toBe('credit-note');
    expect(doc.preceding).toEqual([{ series: 'SAMPLE', code: '085', issue_date: '2022-01-10', ext: { 'es-tbai-correction': 'R2' } }]);
  });
  it('maps recipients: NIF-IVA, foreign tax ID, passport', () => {
    expect(imported('invoice-es-nl-tbai-exempt').customer.tax_id).toEqual({ country: 'NL', code: '000099995B57' });
    expect(imported('invoice-es-mx-tbai-foreign').customer).toMatchObject({
      tax_id: { country: 'MX', code: 'AAA010101AAA' },
      addresses: [{ street: 'Cerrada de San Jeronimo 17', code: '10200', country: 'MX' }],
    });
    expect(imported('invoice-es-gb-tbai-passport').customer.identities).toEqual([{ country: 'GB', key: 'passport', code: '543210987', ext: { 'es-tbai-identity-type': '03' } }]);
  });
  it('keeps dates: FechaExpedicionFactura as issue date, FechaOperacion as operation date', () => {
    const doc = imported('invoice-es-es-b2c');
    expect(doc).toMatchObject({ issue_date: '2022-02-01', issue_time: '05:00:00', op_date: '2023-12-18', $tags: ['simplified'] });
    expect(doc.customer).toBeUndefined();
  });
});

describe('TicketBAI import faults', () => {
  const codes = (r: ReturnType<typeof fromTicketBai>) => (r.ok ? [] : r.faults.map((f) => f.code));
  const messages = (r: ReturnType<typeof fromTicketBai>) => (r.ok ? '' : r.faults.map((f) => f.message).join(' | '));

  it.each([
    ['truncated', '<?xml version="1.0"?><T:TicketBai xmlns:T="urn:ticketbai:emision"><Cabecera>'],
    ['not XML', 'this is not XML'],
    ['empty', ''],
    ['mismatched tags', '<a><b></a></b>'],
    ['DOCTYPE', '<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'],
  ])('malformed XML (%s) → CONVERT-TBAI-IMPORT-01', (_, xml) => {
    const r = fromTicketBai(xml);
    expect(codes(r)).toEqual(['CONVERT-TBAI-IMPORT-01']);
  });

  it('non-string input → CONVERT-TBAI-IMPORT-01', () => {
    expect(codes(fromTicketBai(undefined as never))).toEqual(['CONVERT-TBAI-IMPORT-01']);
    expect(codes(fromTicketBai(42 as never))).toEqual(['CONVERT-TBAI-IMPORT-01']);
  });

  it('a Facturae file → CONVERT-TBAI-IMPORT-02 naming what was expected and found', () => {
    const facturae = readFileSync(join(CONV, 'gobl.facturae/test/data/out/invoice-vat.xml'), 'utf8');
    const r = fromTicketBai(facturae);
    expect(codes(r)).toEqual(['CONVERT-TBAI-IMPORT-02']);
    expect(messages(r)).toMatch(/expected a TicketBAI alta: root element TicketBai in namespace urn:ticketbai:emision, found <fe:Facturae> in namespace http:\/\/www\.facturae/);
  });

  it('a VERI*FACTU request and a wrong namespace → CONVERT-TBAI-IMPORT-02', () => {
    const dir = join(CONV, 'gobl.verifactu/test/data/out');
    const verifactu = readFileSync(join(dir, readdirSync(dir).filter((f) => f.endsWith('.xml')).sort()[0]), 'utf8');
    expect(codes(fromTicketBai(verifactu))).toEqual(['CONVERT-TBAI-IMPORT-02']);
    expect(messages(fromTicketBai('<T:TicketBai xmlns:T="urn:other"/>'))).toMatch(/found <T:TicketBai> in namespace urn:other/);
    expect(messages(fromTicketBai('<TicketBai><Cabecera/></TicketBai>'))).toMatch(/without a namespace/);
  });

  it('a TicketBAI cancellation → CONVERT-TBAI-IMPORT-02 saying so', () => {
    const env = FIXTURES[0].env;
    const cancel = ok(toTicketBaiCancel(env, { software: SOFTWARE, issueDate: '01-02-2022' }));
    const r = fromTicketBai(cancel);
    expect(codes(r)).toEqual(['CONVERT-TBAI-IMPORT-02']);
    expect(messages(r)).toMatch(/cancellation \(AnulaTicketBai\), not an invoice/);
  });

  it('missing and invalid elements → IMPORT-03 / IMPORT-04 with element paths', () => {
    const xml = exportOf(FIXTURES.find((f) => f.name === 'sample-invoice')!.env, true);
    const missing = fromTicketBai(xml.replace(/<ImporteTotalFactura>[^<]*<\/ImporteTotalFactura>/, ''), { zone: 'BI' });
    expect(missing.ok ? [] : missing.faults.map((f) => `${f.code} ${f.paths[0]}`)).toEqual(['CONVERT-TBAI-IMPORT-03 /TicketBai/Factura/DatosFactura/ImporteTotalFactura']);
    const invalid = fromTicketBai(xml.replace('<FechaOperacion>01-02-2022', '<FechaOperacion>2022-02-01').replace('<BaseImponible>900.00', '<BaseImponible>9OO'), { zone: 'BI' });
    expect(invalid.ok ? [] : invalid.faults.map((f) => `${f.code} ${f.paths[0]}`).sort()).toEqual([
      'CONVERT-TBAI-IMPORT-04 /TicketBai/Factura/DatosFactura/FechaOperacion',
      'CONVERT-TBAI-IMPORT-04 /TicketBai/Factura/TipoDesglose/DesgloseFactura/Sujeta/NoExenta/DetalleNoExenta[1]/DesgloseIVA/DetalleIVA[1]/BaseImponible',
    ]);
    const noFactura = fromTicketBai('<T:TicketBai xmlns:T="urn:ticketbai:emision"><Cabecera><IDVersionTBAI>1.2</IDVersionTBAI></Cabecera></T:TicketBai>');
    expect(codes(noFactura)).toContain('CONVERT-TBAI-IMPORT-03');
  });
});

describe('TicketBAI import never throws', () => {
  it('returns faults for arbitrary text and for damaged documents', () => {
    const xml = exportOf(FIXTURES.find((f) => f.name === 'sample-invoice-export')!.env, true);
    fc.assert(
      fc.property(fc.string(), fc.nat(), fc.nat(), (junk, a, b) => {
        const [from, to] = [a % xml.length, b % xml.length].sort((x, y) => x - y);
        for (const input of [junk, xml.slice(0, from) + junk + xml.slice(to)]) {
          const r = fromTicketBai(input, { zone: 'BI' });
          expect(typeof r.ok).toBe('boolean');
          if (!r.ok) expect(r.faults.every((f) => /^CONVERT-TBAI-IMPORT-0\d$/.test(f.code) && f.message.length > 0)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
