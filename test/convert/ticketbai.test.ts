/**
 * TicketBAI converter against the public fixtures (conformance/converters/INDEX.md §1, §1b):
 *  (a) every gobl.ticketbai and gobl.es.ticketbai test/data pair: our alta equals the expected XML
 *      after C14N, with ds:Signature removed from the expected file (we do not sign; nothing else in
 *      an alta depends on the signature), using the fixtures' options: conversion time
 *      2022-02-01T04:00:00Z, software {My License, 12345678A, My Software, 1.0}, third-party issuer,
 *      previous chain {AF, 1234567890, 01-01-2021, "1234567890"×20}. gobl.ticketbai fixtures were
 *      produced by the older converter (GOBL v0.403): `legacyLineTotals` reproduces its one
 *      difference (line VAT in IDDetalleFactura/ImporteTotal rounded to whole euros);
 *  (b) every alta validates against ticketBaiV1-2-2.xsd and ticketBaiV1-2.xsd, and every cancellation
 *      against Anula_ticketBaiV1-2.xsd. Both XSDs require ds:Signature, which a signer adds later:
 *      the fixture's own ds:Signature element is grafted onto our document for validation;
 *  (c) options and export faults (time zone, chaining, roles, preconditions).
 * Identifiers/QR: ticketbai-identifiers.test.ts; import: ticketbai-import.test.ts.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chainDataFromXml, tbaiIdentifier, toTicketBai, toTicketBaiCancel, type TicketBaiOptions } from '../../engine/convert/ticketbai/index.ts';
import { build } from '../../engine/build.ts';
import { defaultRegistry } from '../../engine/registry.ts';
import { SCHEMAS, canonicalXml, validateWithXsd } from '../support/xsd.ts';

const CONV = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/conformance/converters');
if (!existsSync(CONV)) throw new Error(`../shared not found: the TicketBAI fixtures are expected at ${CONV}`);

interface Fixture {
  readonly repo: 'gobl.ticketbai' | 'gobl.es.ticketbai';
  readonly name: string;
  readonly env: Record<string, any>;
  readonly expected: string;
}

const FIXTURES: Fixture[] = (['gobl.ticketbai', 'gobl.es.ticketbai'] as const).flatMap((repo) => {
  const dir = join(CONV, repo, 'test/data');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({
      repo,
      name: f.slice(0, -5),
      env: JSON.parse(readFileSync(join(dir, f), 'utf8')),
      expected: readFileSync(join(dir, 'out', f.replace(/\.json$/, '.xml')), 'utf8'),
    }));
});

const SOFTWARE = { license: 'My License', nif: '12345678A', name: 'My Software', version: '1.0' };
const PREVIOUS = { series: 'AF', code: '1234567890', issueDate: '01-01-2021', signature: '1234567890'.repeat(20) };

/** The options of the repos' example tests (INDEX.md §1). */
function fixtureOptions(fx: Fixture): TicketBaiOptions {
  return { now: '2022-02-01T04:00:00Z', software: SOFTWARE, thirdParty: true, previous: PREVIOUS, legacyLineTotals: fx.repo === 'gobl.ticketbai' };
}

const SIGNATURE_RE = /<ds:Signature\b[\s\S]*<\/ds:Signature>/;
const withoutSignature = (xml: string): string => xml.replace(/\s*<ds:Signature\b[\s\S]*<\/ds:Signature>/, '');
const signatureOf = (xml: string): string => SIGNATURE_RE.exec(xml)![0];
/** Our unsigned document with the fixture's ds:Signature as last child of the root (XSD requires one). */
const graft = (xml: string, signature: string, rootName: string): string => xml.replace(`</${rootName}>`, `${signature}</${rootName}>`);

const tag = (xml: string, name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];

function convert(fx: Fixture, extra: Partial<TicketBaiOptions> = {}): string {
  const r = toTicketBai(fx.env, { ...fixtureOptions(fx), ...extra });
  if (!r.ok) throw new Error(JSON.stringify(r.faults));
  return r.value;
}

describe.each(FIXTURES)('TicketBAI fixture $repo/$name', (fx) => {
  it('equals the expected XML after C14N (ds:Signature removed)', () => {
    expect(canonicalXml(convert(fx))).toBe(canonicalXml(withoutSignature(fx.expected)));
  });

  it('pretty output is byte-identical to the fixture up to its ds:Signature', () => {
    expect(convert(fx, { pretty: true }).trimEnd()).toBe(withoutSignature(fx.expected).trimEnd());
  });

  it('validates against ticketBaiV1-2-2.xsd and ticketBaiV1-2.xsd (fixture signature grafted)', () => {
    const doc = { name: fx.name, xml: graft(convert(fx), signatureOf(fx.expected), 'T:TicketBai') };
    for (const schema of [SCHEMAS.ticketbai, 'ticketbai/ticketBaiV1-2.xsd']) {
      const [res] = validateWithXsd(schema, [doc]);
      expect(res.errors, `${schema}`).toBe('');
      expect(res.valid).toBe(true);
    }
  });

  it('chain data of the signed fixture: series, number, expedition date, first 100 signature characters', () => {
    const sig = /<ds:SignatureValue[^>]*>([^<]*)</.exec(fx.expected)![1];
    const chain = chainDataFromXml(fx.expected);
    if (!chain.ok) throw new Error(JSON.stringify(chain.faults));
    const series = fx.env.doc.series;
    expect(chain.value).toEqual({ ...(series ? { series } : {}), code: fx.env.doc.code, issueDate: '01-02-2022', signature: sig.slice(0, 100) });
    const unsigned = chainDataFromXml(convert(fx));
    expect(unsigned.ok ? [] : unsigned.faults.map((f) => f.code)).toEqual(['CONVERT-TBAI-IMPORT-03']);
  });

  it('cancellation validates against Anula_ticketBaiV1-2.xsd and identifies the alta', () => {
    const sig = /<ds:SignatureValue[^>]*>([^<]*)</.exec(fx.expected)![1];
    const id = tbaiIdentifier({ nif: tag(fx.expected, 'NIF')!, issueDate: tag(fx.expected, 'FechaExpedicionFactura')!, signatureValue: sig });
    if (!id.ok) throw new Error(JSON.stringify(id.faults));
    const env = { ...fx.env, head: { ...fx.env.head, stamps: [{ prv: 'tbai-code', val: id.value }] } };
    const r = toTicketBaiCancel(env, { software: SOFTWARE });
    if (!r.ok) throw new Error(JSON.stringify(r.faults));
    expect(r.value).toContain('<FechaExpedicionFactura>01-02-2022</FechaExpedicionFactura>');
    expect(r.value).toContain(`<NumFactura>${fx.env.doc.code}</NumFactura>`);
    expect(r.value).not.toContain('EncadenamientoFacturaAnterior');
    const [res] = validateWithXsd(SCHEMAS.ticketbaiCancel, [{ name: fx.name, xml: graft(r.value, signatureOf(fx.expected), 'T:AnulaTicketBai') }]);
    expect(res.errors).toBe('');
    expect(res.valid).toBe(true);
  });
});

describe('TicketBAI from invoices built by this engine', () => {
  it('every fixture document, rebuilt from scratch (current es-tbai-v1 extensions), converts and validates', () => {
    const docs = FIXTURES.map((fx) => {
      const doc = structuredClone(fx.env.doc);
      delete doc.totals;
      for (const l of doc.lines ?? []) {
        delete l.sum;
        delete l.total;
      }
      const b = build(doc, { now: () => Date.parse('2022-02-01T04:00:00Z'), uuid: () => '01922336-8c24-771b-96bd-5086f8b3d3a1', registry: defaultRegistry });
      if (!b.ok) throw new Error(`${fx.name}: ${JSON.stringify(b.error)}`);
      const r = toTicketBai(b.value, { now: '2022-02-01T04:00:00Z', software: SOFTWARE, previous: PREVIOUS });
      if (!r.ok) throw new Error(`${fx.name}: ${JSON.stringify(r.faults)}`);
      return { name: fx.name, xml: graft(r.value, signatureOf(fx.expected), 'T:TicketBai') };
    });
    const results = validateWithXsd(SCHEMAS.ticketbai, docs);
    expect(results.filter((r) => !r.valid).map((r) => r.errors)).toEqual([]);
    // Regime keys now come from es-tbai-regime: equivalence surcharge is 51, exports 02.
    expect(tag(docs.find((d) => d.name === 'sample-invoice')!.xml, 'ClaveRegimenIvaOpTrascendencia')).toBe('51');
  });
});

describe('TicketBAI XSD validation is effective', () => {
  it('rejects a document the schema forbids (10-character NIF)', () => {
    const fx = FIXTURES.find((f) => f.name === 'sample-invoice2')!;
    const bad = graft(convert(fx).replace('<NIF>S7836107H</NIF>', '<NIF>S7836107HX</NIF>'), signatureOf(fx.expected), 'T:TicketBai');
    expect(validateWithXsd(SCHEMAS.ticketbai, [{ name: 'bad', xml: bad }])[0].valid).toBe(false);
  });
  it('rejects our unsigned document as is (ds:Signature is required)', () => {
    const fx = FIXTURES.find((f) => f.name === 'sample-invoice2')!;
    expect(validateWithXsd(SCHEMAS.ticketbai, [{ name: 'unsigned', xml: convert(fx) }])[0].valid).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// Options and faults

const base = () => structuredClone(FIXTURES.find((f) => f.name === 'sample-invoice')!);
const run = (env: unknown, extra: Partial<TicketBaiOptions> = {}) => toTicketBai(env, { now: '2022-02-01T04:00:00Z', software: SOFTWARE, ...extra });
const faultsOf = (r: ReturnType<typeof run>) => (r.ok ? [] : r.faults.map((f) => `${f.code} ${f.paths.join(',')}`));

describe('TicketBAI options', () => {
  it.each([
    ['2022-02-01T04:00:00Z', '01-02-2022', '05:00:00'], // CET, +01:00
    ['2022-07-01T22:30:00Z', '02-07-2022', '00:30:00'], // CEST, +02:00
    ['2022-12-31T23:30:00Z', '01-01-2023', '00:30:00'],
    ['2022-03-27T00:59:59Z', '27-03-2022', '01:59:59'], // just before the spring change
    ['2022-03-27T01:00:00Z', '27-03-2022', '03:00:00'], // just after
    ['2022-02-01T05:00:00+01:00', '01-02-2022', '05:00:00'],
    ['2022-02-01T04:00:00.123Z', '01-02-2022', '05:00:00'],
  ])('conversion time %s is %s %s in Europe/Madrid', (now, date, time) => {
    const r = run(base().env, { now });
    if (!r.ok) throw new Error(JSON.stringify(r.faults));
    expect(tag(r.value, 'FechaExpedicionFactura')).toBe(date);
    expect(tag(r.value, 'HoraExpedicionFactura')).toBe(time);
  });

  it.each(['2022-02-01', '2022-02-01T04:00:00', '2022-02-30T04:00:00Z', 'now', ''])('rejects the conversion time %j', (now) => {
    expect(faultsOf(run(base().env, { now }))).toEqual(['CONVERT-TBAI-12 opts.now']);
  });

  it('chains only the first 100 characters of the previous signature, and omits the chain without one', () => {
    const long = run(base().env, { previous: { ...PREVIOUS, signature: 'x'.repeat(300), issueDate: '2021-01-01' } });
    if (!long.ok) throw new Error(JSON.stringify(long.faults));
    expect(tag(long.value, 'SignatureValueFirmaFacturaAnterior')).toBe('x'.repeat(100));
    expect(tag(long.value, 'FechaExpedicionFacturaAnterior')).toBe('01-01-2021');
    const first = run(base().env);
    expect(first.ok && first.value.includes('EncadenamientoFacturaAnterior')).toBe(false);
  });

  it('sets the issuer role and the device serial number', () => {
    const v = (extra: Partial<TicketBaiOptions>) => {
      const r = run(base().env, extra);
      if (!r.ok) throw new Error(JSON.stringify(r.faults));
      return r.value;
    };
    expect(tag(v({}), 'EmitidaPorTercerosODestinatario')).toBe('N');
    expect(tag(v({ thirdParty: true }), 'EmitidaPorTercerosODestinatario')).toBe('T');
    expect(tag(v({ issuedByCustomer: true }), 'EmitidaPorTercerosODestinatario')).toBe('D');
    expect(tag(v({ deviceSerial: 'CAJA-01' }), 'NumSerieDispositivo')).toBe('CAJA-01');
  });

  it('is compact by default (the form to sign) and starts with the XML declaration', () => {
    const r = run(base().env);
    expect(r.ok && r.value.startsWith('<?xml version="1.0" encoding="UTF-8"?><T:TicketBai xmlns:T="urn:ticketbai:emision"><Cabecera>')).toBe(true);
    expect(r.ok && /\n/.test(r.value)).toBe(false);
  });

  it('accepts a bare invoice (paths then start at $) and an explicit zone', () => {
    const doc = base().env.doc;
    delete doc.tax.ext['es-tbai-region'];
    expect(faultsOf(run(doc))).toEqual(['CONVERT-TBAI-05 $.tax.ext.es-tbai-region']);
    expect(run(doc, { zone: 'VI' }).ok).toBe(true);
    expect(faultsOf(run(doc, { zone: 'XX' as never }))).toEqual(['CONVERT-TBAI-12 opts.zone']);
  });
});

describe('TicketBAI export faults', () => {
  const env = () => base().env;
  it.each<[string, (e: Record<string, any>) => void, string[]]>([
    ['missing general note', (e) => delete e.doc.notes, ['CONVERT-TBAI-09 $.doc.notes']],
    ['corrective invoice', (e) => (e.doc.type = 'corrective'), ['CONVERT-TBAI-06 $.doc.type']],
    ['foreign supplier', (e) => (e.doc.supplier.tax_id = { country: 'FR', code: '12345678901' }), ['CONVERT-TBAI-04 $.doc.supplier.tax_id.country']],
    ['supplier without tax ID', (e) => delete e.doc.supplier.tax_id, ['CONVERT-TBAI-04 $.doc.supplier.tax_id']],
    ['missing addon', (e) => (e.doc.$addons = []), ['CONVERT-TBAI-03 $.doc.$addons']],
    ['document charge', (e) => (e.doc.charges = [{ amount: '10.00', reason: 'x' }]), ['CONVERT-TBAI-07 $.doc.charges']],
    ['line charge', (e) => (e.doc.lines[0].charges = [{ amount: '10.00' }]), ['CONVERT-TBAI-07 $.doc.lines[0].charges']],
    ['no totals', (e) => delete e.doc.totals, ['CONVERT-TBAI-08 $.doc.totals']],
    ['other currency', (e) => (e.doc.currency = 'USD'), ['CONVERT-TBAI-18 $.doc.currency']],
    ['Gipuzkoa customer without address', (e) => ((e.doc.tax.ext['es-tbai-region'] = 'SS'), delete e.doc.customer.addresses), ['CONVERT-TBAI-10 $.doc.customer.addresses']],
    ['rectification without code', (e) => (e.doc.preceding = [{ code: '1', issue_date: '2022-01-01' }]), ['CONVERT-TBAI-11 $.doc.preceding[0].ext.es-tbai-correction']],
    ['series too long', (e) => (e.doc.series = 'S'.repeat(21)), ['CONVERT-TBAI-14 $.doc.series']],
    ['control character in a name', (e) => (e.doc.customer.name = 'A\u0001B'), ['CONVERT-TBAI-02 $.doc.customer.name']],
    ['not an invoice', (e) => (e.doc.$schema = 'https://gobl.org/draft-0/bill/order'), ['CONVERT-TBAI-01 $.doc.$schema']],
    ['bad amount', (e) => (e.doc.totals.total = '12,5'), ['CONVERT-TBAI-02 $.doc.totals.total']],
    ['no VAT in the totals', (e) => (e.doc.totals.taxes.categories = e.doc.totals.taxes.categories.filter((c: any) => c.code !== 'VAT')), ['CONVERT-TBAI-13 $.doc.totals.taxes']],
  ])('%s', (_, mutate, expected) => {
    const e = env();
    mutate(e);
    expect(faultsOf(run(e))).toEqual(expected);
  });

  it('reports missing software and never throws for non-objects', () => {
    expect(faultsOf(toTicketBai(base().env, { now: '2022-02-01T04:00:00Z' } as TicketBaiOptions))).toEqual(['CONVERT-TBAI-12 opts.software']);
    expect(faultsOf(toTicketBai(base().env, { now: '2022-02-01T04:00:00Z', software: { ...SOFTWARE, license: undefined } }))).toEqual(['CONVERT-TBAI-02 opts.software.license']);
    for (const bad of [null, 42, 'x', [], {}]) expect(run(bad).ok).toBe(false);
  });

  it('cancellation needs the alta date: option, tbai-code stamp, or a clear fault', () => {
    const e = base().env;
    const withOption = toTicketBaiCancel(e, { software: SOFTWARE, issueDate: '2022-02-03' });
    expect(withOption.ok && tag(withOption.value, 'FechaExpedicionFactura')).toBe('03-02-2022');
    const none = toTicketBaiCancel(e, { software: SOFTWARE });
    expect(none.ok ? [] : none.faults.map((f) => `${f.code} ${f.paths[0]}`)).toEqual(['CONVERT-TBAI-16 $.head.stamps']);
  });
});

describe('TicketBAI export never throws', () => {
  it('returns a result for arbitrary values in any field of a valid invoice', () => {
    const paths: ((e: Record<string, any>, v: unknown) => void)[] = [
      (e, v) => (e.doc.code = v),
      (e, v) => (e.doc.customer = v),
      (e, v) => (e.doc.lines[0].quantity = v),
      (e, v) => (e.doc.totals.taxes.categories[0].rates[0].percent = v),
      (e, v) => (e.doc.tax.ext = v),
      (e, v) => (e.doc.preceding = v),
      (e, v) => (e.doc.notes[0].text = v),
      (e, v) => (e.head = v),
    ];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: paths.length - 1 }), fc.anything(), (i, v) => {
        const e = base().env;
        paths[i](e, v);
        const r = run(e, { previous: PREVIOUS });
        expect(typeof r.ok).toBe('boolean');
        if (r.ok) expect(r.value.startsWith('<?xml')).toBe(true);
        else expect(r.faults.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});
