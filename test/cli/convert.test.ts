/**
 * `gobl-studio convert`, `import` and `explain`, as users run them (the bundled CLI, see
 * test/support/cli.ts). The converters themselves are tested in test/convert; here the command
 * must print exactly what the engine produces for the same options, keep its usage promises and
 * turn bad input into an error document.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../engine/build.ts';
import { convert, type ConvertFormat } from '../../engine/convert/index.ts';
import { toFacturae } from '../../engine/convert/facturae/index.ts';
import { defaultRegistry } from '../../engine/registry.ts';
import { ROOT, bundleCli, expectError, noStack, type BundledCli } from '../support/cli.ts';
import { SCHEMAS, validateWithXsd } from '../support/xsd.ts';

const CONVERTERS = resolve(ROOT, '../shared/conformance/converters');
if (!existsSync(CONVERTERS)) throw new Error(`../shared not found: the converter fixtures are expected at ${CONVERTERS}`);

const NOW = '2025-11-10T09:30:00Z';
const NOW_MS = Date.parse(NOW);
type Json = Record<string, any>;

let cli: BundledCli;
beforeAll(() => {
  cli = bundleCli();
}, 60_000);
afterAll(() => cli?.cleanup());

/** A sample with the invoice number an issue workflow would assign, written where the CLI runs. */
function sampleFile(name: string, code: string): { file: string; envelope: Json } {
  const doc = JSON.parse(readFileSync(join(ROOT, 'samples', `${name}.json`), 'utf8')) as Json;
  doc.code = code;
  const file = join(cli.dir, `${name}-${code}.json`);
  writeFileSync(file, JSON.stringify(doc));
  const built = build(doc, { now: () => NOW_MS, uuid: () => '019a6d00-0000-7000-8000-000000000000', registry: defaultRegistry });
  if (!built.ok) throw new Error(JSON.stringify(built.error));
  return { file, envelope: built.value as Json };
}

type Extra = { zone?: 'BI' | 'SS' | 'VI'; legacy?: boolean; altaDate?: string };
const engineXml = (envelope: Json, format: ConvertFormat, extra: Extra = {}) => {
  const r = convert(envelope, format, { now: NOW, ...extra });
  if (!r.ok) throw new Error(JSON.stringify(r.faults));
  return `${r.value.replace(/\n$/, '')}\n`;
};

const CASES: { sample: string; format: ConvertFormat; zone?: 'BI'; altaDate?: string }[] = [
  { sample: 'tbai-b2b', format: 'ticketbai', zone: 'BI' },
  { sample: 'tbai-b2b', format: 'ticketbai-cancel', altaDate: '10-11-2025' },
  { sample: 'verifactu-b2b', format: 'verifactu' },
  { sample: 'verifactu-b2b', format: 'verifactu-cancel' },
  { sample: 'sii-b2b', format: 'sii' },
  { sample: 'facturae-b2b', format: 'facturae' },
];

describe('gobl-studio convert', () => {
  for (const c of CASES) {
    it(`${c.sample} --to ${c.format}: prints the engine's XML for the same options`, () => {
      const { file, envelope } = sampleFile(c.sample, 'CLI-0001');
      const extra = [...(c.zone ? ['--zone', c.zone] : []), ...(c.altaDate ? ['--alta-date', c.altaDate] : [])];
      const args = ['convert', '--to', c.format, '--now', NOW, ...extra, file];
      const r = cli.run(args);
      noStack(r);
      expect(r.code).toBe(0);
      expect(r.stdout.startsWith('<?xml')).toBe(true);
      expect(r.stdout).toBe(engineXml(envelope, c.format, { zone: c.zone, altaDate: c.altaDate }));
    });
  }

  it('a TicketBAI cancel of an unstamped document without --alta-date says what is missing', () => {
    const { file } = sampleFile('tbai-b2b', 'CLI-0007');
    const r = cli.run(['convert', '--to', 'ticketbai-cancel', file]);
    expect(r.code).toBe(1);
    const fault = expectError(r, 'validation').faults[0]!;
    expect([fault.code, fault.paths]).toEqual(['CONVERT-TBAI-16', ['$.head.stamps']]);
    const withDate = cli.run(['convert', '--to', 'ticketbai-cancel', '--alta-date', '10-11-2025', file]);
    expect(withDate.stdout).toContain('<FechaExpedicionFactura>10-11-2025</FechaExpedicionFactura>');
  });

  it('the Facturae it prints validates against Facturaev3_2_2.xsd', () => {
    const { file } = sampleFile('facturae-b2b', 'CLI-0002');
    const r = cli.run(['convert', '--to', 'facturae', file]);
    expect(r.code).toBe(0);
    expect(validateWithXsd(SCHEMAS.facturae, [{ name: 'cli.xml', xml: r.stdout }])).toEqual([{ name: 'cli.xml', valid: true, errors: '' }]);
  });

  it('--prev chains a TicketBAI alta to the previous invoice', () => {
    const { file } = sampleFile('tbai-b2b', 'CLI-0003');
    const prev = { series: 'F1', code: 'CLI-0002', issueDate: '09-11-2025', signature: 'S'.repeat(120) };
    const r = cli.run(['convert', '--to', 'ticketbai', '--zone', 'BI', '--now', NOW, '--prev', JSON.stringify(prev), file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('<NumFacturaAnterior>CLI-0002</NumFacturaAnterior>');
    expect(r.stdout).toContain(`<SignatureValueFirmaFacturaAnterior>${'S'.repeat(100)}</SignatureValueFirmaFacturaAnterior>`);
  });

  it("--legacy reproduces the Facturae reference's InvoiceTotal for a fixture with IRPF", () => {
    const file = join(CONVERTERS, 'gobl.facturae/test/data/invoice-vat-irpf.json');
    const envelope = JSON.parse(readFileSync(file, 'utf8')) as Json;
    const normal = cli.run(['convert', '--to', 'facturae', file]);
    const legacy = cli.run(['convert', '--to', 'facturae', '--legacy', file]);
    expect([normal.code, legacy.code]).toEqual([0, 0]);
    expect(normal.stdout).toContain('<InvoiceTotal>4480.62</InvoiceTotal>');
    expect(legacy.stdout).toContain('<InvoiceTotal>5080.92</InvoiceTotal>');
    const engine = toFacturae(envelope, { legacyTotals: true });
    expect(legacy.stdout).toBe(`${engine.ok ? engine.value : ''}\n`);
  });

  it('--legacy writes TicketBAI detail lines as the older reference converter did', () => {
    const file = join(CONVERTERS, 'gobl.ticketbai/test/data/invoice-vi.json');
    const envelope = JSON.parse(readFileSync(file, 'utf8')) as Json;
    const legacy = cli.run(['convert', '--to', 'ticketbai', '--now', NOW, '--legacy', file]);
    const normal = cli.run(['convert', '--to', 'ticketbai', '--now', NOW, file]);
    expect([normal.code, legacy.code]).toEqual([0, 0]);
    expect(legacy.stdout).toBe(engineXml(envelope, 'ticketbai', { legacy: true }));
    expect(normal.stdout).toBe(engineXml(envelope, 'ticketbai'));
  });

  it('usage errors exit 2 and name the option', () => {
    const { file } = sampleFile('tbai-b2b', 'CLI-0004');
    const cases: [string[], RegExp][] = [
      [['convert', file], /--to must be one of ticketbai/],
      [['convert', '--to', 'pdf', file], /--to must be one of/],
      [['convert', '--to', 'ticketbai', '--zone', 'XX', file], /--zone must be one of BI, SS, VI/],
      [['convert', '--to', 'ticketbai', '--now', 'yesterday', file], /--now: "yesterday" is not an ISO-8601 time/],
      [['convert', '--to', 'ticketbai', '--prev', '{bad', file], /--prev must be JSON/],
    ];
    for (const [args, message] of cases) {
      const r = cli.run(args);
      noStack(r);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });

  it('broken JSON gives an input error with line and column', () => {
    const r = cli.run(['convert', '--to', 'facturae'], '{\n  "$schema": "https://gobl.org/draft-0/bill/invoice",\n  "code": }');
    expect(r.code).toBe(1);
    expect(expectError(r, 'input').faults[0]!.message).toMatch(/line 3/);
  });

  it('a document the format cannot carry gives validation faults with JSON paths', () => {
    const { file } = sampleFile('tbai-b2b', 'CLI-0005');
    const r = cli.run(['convert', '--to', 'facturae', file]);
    expect(r.code).toBe(1);
    const error = expectError(r, 'validation');
    expect(error.message).toBe('cannot convert to facturae');
    expect(error.faults.map((f) => f.code)).toContain('CONVERT-FACTURAE-02');
    expect(error.faults.every((f) => f.paths.every((p) => p.startsWith('$')))).toBe(true);
  });
});

describe('gobl-studio import', () => {
  it('reads a Facturae fixture back into GOBL JSON that builds to its totals', () => {
    const r = cli.run(['import', join(CONVERTERS, 'gobl.facturae/test/data/out/invoice-vat.xml')]);
    noStack(r);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as Json;
    expect(doc.$addons).toEqual(['es-facturae-v3']);
    const built = build(doc, { now: () => NOW_MS, uuid: () => '019a6d00-0000-7000-8000-000000000000', registry: defaultRegistry });
    const expected = JSON.parse(readFileSync(join(CONVERTERS, 'gobl.facturae/test/data/invoice-vat.json'), 'utf8')) as Json;
    expect(built.ok && (built.value as Json).doc.totals.payable).toBe(expected.doc.totals.payable);
  });

  it('converted TicketBAI comes back with the same number and detected format', () => {
    const { file } = sampleFile('tbai-b2b', 'CLI-0006');
    const xml = cli.run(['convert', '--to', 'ticketbai', '--zone', 'BI', '--now', NOW, file]);
    const back = cli.run(['import'], xml.stdout);
    expect(back.code).toBe(0);
    const doc = JSON.parse(back.stdout) as Json;
    expect([doc.series, doc.code]).toEqual(['F1', 'CLI-0006']);
  });

  it('malformed and foreign XML, and a bad --from, are refused clearly', () => {
    const malformed = cli.run(['import', '--from', 'facturae'], '<fe:Facturae xmlns:fe="x"><FileHeader>');
    expect(malformed.code).toBe(1);
    expect(expectError(malformed, 'input').message).toBe('cannot import the XML');
    const foreign = cli.run(['import'], '<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>');
    expect(foreign.code).toBe(1);
    expect(expectError(foreign, 'input').faults[0]!.code).toBe('CONVERT-IMPORT-01');
    const usage = cli.run(['import', '--from', 'ubl']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/--from must be one of ticketbai, verifactu, facturae/);
  });
});

describe('gobl-studio explain', () => {
  it("reads an authority's answer into its status and codes", () => {
    const r = cli.run(['explain', join(CONVERTERS, 'Verifactu-PHP/extracted-responses/incorrect-response.xml')]);
    noStack(r);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ recognised: true, authority: 'verifactu', status: 'rejected', codes: [{ code: '3002' }] });
  });

  it('says when the text is not an answer, and exits 1', () => {
    const r = cli.run(['explain'], '<Invoice/>');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({ recognised: false, message: '<Invoice> is not a TicketBAI, LROE, SII or VERI*FACTU answer' });
  });
});
