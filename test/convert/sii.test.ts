/**
 * GOBL → SII 1.1, issued invoices (SuministroLRFacturasEmitidas), cancellations (BajaLR…) and
 * the SOAP envelope. Every case is built with the engine, converted, and then
 * (a) validated against the official XSDs: the whole SOAP envelope through the local wrapper
 *     schema AND the `siiLR` message extracted into its own document, strictly (the wrapper's
 *     SOAP Body is lax, spec converters §8.8),
 * (b) checked for the values the mapping must produce,
 * (c) compared with golden files in test/convert/golden/sii (UPDATE_GOLDEN=1 rewrites them),
 * (d) compared with the derived AEAT sample alta_factura_emitida.xml where the input can match.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import { create } from 'xmlbuilder2';
import YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { build } from '../../engine/build.ts';
import { defaultRegistry } from '../../engine/registry.ts';
import type { ConvertResult } from '../../engine/convert/types.ts';
import { siiSoapEnvelope, splitBatchPath, toSiiCancelIssued, toSiiIssued, type SiiOptions } from '../../engine/convert/sii/index.ts';
import { SCHEMAS, XSD_DIR, validateWithXsd } from '../support/xsd.ts';

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const HERE = dirname(fileURLToPath(import.meta.url));
const GOLDEN = join(HERE, 'golden/sii');
const SHARED = resolve(XSD_DIR, '../..');
const EXAMPLES = join(SHARED, 'conformance/gobl/examples/es');
const SAMPLES = join(SHARED, 'conformance/converters/derived-samples/sii-1.1');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

// -- helpers -------------------------------------------------------------------------------------

function built(doc: Doc, skipValidation = false): Doc {
  let n = 0;
  const r = build(structuredClone(doc), {
    now: () => Date.UTC(2025, 0, 1),
    uuid: () => `0190c2f0-0000-7000-8000-${String(++n).padStart(12, '0')}`,
    headUuid: '0190c2f0-0000-7000-8000-00000000beef',
    registry: defaultRegistry,
    skipValidation,
  });
  if (!r.ok) throw new Error(`build failed: ${JSON.stringify(r.error.faults)}`);
  return r.value;
}

function example(name: string): Doc {
  return YAML.parse(readFileSync(join(EXAMPLES, `${name}.yaml`), 'utf8'), { schema: 'core' });
}

function value(r: ConvertResult<string>): string {
  if (!r.ok) throw new Error(`conversion failed: ${JSON.stringify(r.faults, null, 1)}`);
  return r.value;
}

const parser = new XMLParser({
  removeNSPrefix: true,
  parseTagValue: false,
  isArray: (name) => ['RegistroLRFacturasEmitidas', 'RegistroLRBajaExpedidas', 'DetalleIVA', 'DetalleExenta', 'IDFacturaRectificada'].includes(name),
});

/** The parsed message (root element content), prefixes removed. */
function parsed(xml: string): Doc {
  const doc = parser.parse(xml);
  const key = Object.keys(doc).find((k) => k !== '?xml')!;
  return doc[key];
}

/** The `siiLR` message of a SOAP envelope as a document of its own. */
function extractBody(soap: string): string {
  const env = create(soap);
  const body = env.root().find((n) => n.node.nodeName === 'soapenv:Body', false, true);
  if (!body) throw new Error('no soapenv:Body');
  const out = create({ version: '1.0', encoding: 'UTF-8' });
  out.import(body.first());
  return out.end({ prettyPrint: true });
}

function golden(name: string, xml: string): void {
  const file = join(GOLDEN, `${name}.xml`);
  if (UPDATE) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, xml);
    return;
  }
  if (!existsSync(file)) throw new Error(`missing golden ${file}: run with UPDATE_GOLDEN=1`);
  expect(xml).toBe(readFileSync(file, 'utf8'));
}

const A0: SiiOptions = { communication: 'A0' };

// -- inputs --------------------------------------------------------------------------------------

const SUPPLIER = {
  name: 'Invopop S.L.',
  tax_id: { country: 'ES', code: 'B85905495' },
  addresses: [{ num: '42', street: 'Calle Pradillo', locality: 'Madrid', region: 'Madrid', code: '28002', country: 'ES' }],
};
const ES_CUSTOMER = { name: 'Sample Consumer', tax_id: { country: 'ES', code: 'B63272603' } };
const DE_CUSTOMER = { name: 'Sample Consumer', tax_id: { country: 'DE', code: '111111125' } };
const SG_CUSTOMER = { name: 'Sample Consumer', tax_id: { country: 'SG', code: '201312345A' } };

/** The Invopop SII samples (seed 004), one line of 20 × 90.00. */
function sample(over: Doc, item: Doc, taxes: Doc[]): Doc {
  return {
    $schema: 'https://gobl.org/draft-0/bill/invoice',
    $addons: ['es-sii-v1'],
    series: 'SAMPLE',
    code: '001',
    issue_date: '2025-03-14',
    supplier: SUPPLIER,
    lines: [{ quantity: '20', item: { name: 'Development services', price: '90.00', ...item }, taxes }],
    ...over,
  };
}

const note = (text: string) => ({ notes: [{ key: 'general', text }] });

interface Case {
  readonly name: string;
  readonly input: () => Doc | Doc[];
  readonly opts?: SiiOptions;
  /** Assertions on the first record's FacturaExpedida (and the whole message). */
  readonly check: (f: Doc, msg: Doc) => void;
}

const desglose = (f: Doc) => f.TipoDesglose.DesgloseFactura;
const byOp = (f: Doc) => f.TipoDesglose.DesgloseTipoOperacion;

const CASES: Case[] = [
  {
    name: 'example-sii',
    input: () => example('invoice-es-es-sii'),
    check: (f) => {
      expect(f.TipoFactura).toBe('F1');
      expect(f.ClaveRegimenEspecialOTrascendencia).toBe('01');
      expect(f.ImporteTotal).toBe('1970.20');
      expect(f.DescripcionOperacion).toBe('Random invoice');
      expect(f.Contraparte).toEqual({ NombreRazon: 'Sample Consumer', NIF: '54387763P' });
      // A Spanish customer: DesgloseFactura even though the lines say "services".
      const iva = desglose(f).Sujeta.NoExenta;
      expect(iva.TipoNoExenta).toBe('S1');
      expect(iva.DesgloseIVA.DetalleIVA).toEqual([
        { TipoImpositivo: '21.00', BaseImponible: '1620.00', CuotaRepercutida: '340.20' },
        { TipoImpositivo: '0.00', BaseImponible: '10.00', CuotaRepercutida: '0.00' },
      ]);
    },
  },
  {
    name: 'example-sii-n2-outside-scope-us',
    input: () => example('invoice-es-es-sii-N2'),
    check: (f) => {
      expect(f.Contraparte.IDOtro).toEqual({ CodigoPais: 'US', IDType: '04', ID: '1234567890' });
      expect(byOp(f)).toEqual({ PrestacionServicios: { NoSujeta: { ImporteTAIReglasLocalizacion: '3000.00' } } });
      expect(f.ImporteTotal).toBe('3000.00');
    },
  },
  {
    name: 'example-sii-corrective',
    input: () => example('invoice-es-es-sii-corrective'),
    check: (f) => {
      expect(f.TipoFactura).toBe('R1');
      expect(f.TipoRectificativa).toBe('S');
      expect(f.FacturasRectificadas.IDFacturaRectificada).toEqual([{ NumSerieFacturaEmisor: 'SAMPLE-003', FechaExpedicionFacturaEmisor: '01-07-2025' }]);
      expect(f.ImporteRectificacion).toEqual({ BaseRectificada: '10000.00', CuotaRectificada: '2100.00' });
      expect(f.ImporteTotal).toBe('1970.20');
    },
  },
  {
    name: 'example-sii-replacement',
    input: () => example('invoice-es-es-sii-replacement'),
    check: (f) => {
      expect(f.TipoFactura).toBe('F3');
      expect(f.FacturasAgrupadas.IDFacturaAgrupada).toEqual({ NumSerieFacturaEmisor: 'SAMPLE-003', FechaExpedicionFacturaEmisor: '01-07-2025' });
      expect(f.TipoRectificativa).toBeUndefined();
    },
  },
  {
    name: 'example-sii-self-billed',
    input: () => example('invoice-es-es-sii-self-billed'),
    check: (f) => expect(f.EmitidaPorTercerosODestinatario).toBe('S'),
  },
  {
    name: 'example-sii-credit-note-no-preceding',
    input: () => example('invoice-es-es-sii-credit-note-no-preceding'),
    check: (f) => {
      expect(f.TipoFactura).toBe('R1');
      expect(f.TipoRectificativa).toBe('I');
      expect(f.FacturasRectificadas).toBeUndefined();
      expect(f.ImporteTotal).toBe('-1970.20');
      expect(desglose(f).Sujeta.NoExenta.DesgloseIVA.DetalleIVA[0]).toEqual({ TipoImpositivo: '21.00', BaseImponible: '-1620.00', CuotaRepercutida: '-340.20' });
    },
  },
  {
    name: 'b2c-simplified-f2',
    input: () => sample({ $tags: ['simplified'], ...note('This is a sample invoice with a standard tax') }, { unit: 'h' }, [{ cat: 'VAT', rate: 'general' }]),
    check: (f) => {
      expect(f.TipoFactura).toBe('F2');
      expect(f.Contraparte).toBeUndefined();
      expect(f.ImporteTotal).toBe('2178.00');
      expect(desglose(f).Sujeta.NoExenta.DesgloseIVA.DetalleIVA).toEqual([{ TipoImpositivo: '21.00', BaseImponible: '1800.00', CuotaRepercutida: '378.00' }]);
    },
  },
  {
    name: 'b2b-standard-f1',
    input: () => sample({ customer: ES_CUSTOMER }, { unit: 'h' }, [{ cat: 'VAT', rate: 'general' }]),
    check: (f) => {
      expect(f.TipoFactura).toBe('F1');
      // No general note: the item names describe the operation (the field is mandatory).
      expect(f.DescripcionOperacion).toBe('Development services');
      expect(f.Contraparte.NIF).toBe('B63272603');
    },
  },
  {
    name: 'reverse-charge-eu-services-s2',
    input: () => sample({ customer: DE_CUSTOMER, ...note('This is a sample invoice with reverse charge') }, { key: 'services', unit: 'h' }, [{ cat: 'VAT', key: 'reverse-charge' }]),
    check: (f) => {
      expect(f.Contraparte.IDOtro).toEqual({ CodigoPais: 'DE', IDType: '02', ID: 'DE111111125' });
      expect(f.ClaveRegimenEspecialOTrascendencia).toBe('01');
      expect(f.ImporteTotal).toBe('1800.00');
      const noExenta = byOp(f).PrestacionServicios.Sujeta.NoExenta;
      expect(noExenta.TipoNoExenta).toBe('S2');
      expect(noExenta.DesgloseIVA.DetalleIVA).toEqual([{ TipoImpositivo: '0.00', BaseImponible: '1800.00', CuotaRepercutida: '0.00' }]);
      expect(byOp(f).Entrega).toBeUndefined();
    },
  },
  {
    name: 'intra-community-goods-e5',
    input: () =>
      sample({ customer: DE_CUSTOMER, ...note('This is a sample invoice with a intra-community') }, { key: 'goods', name: 'Goods' }, [
        { cat: 'VAT', key: 'intra-community', ext: { 'es-sii-regime': '02' } },
      ]),
    check: (f) => {
      expect(f.ClaveRegimenEspecialOTrascendencia).toBe('02');
      expect(byOp(f)).toEqual({ Entrega: { Sujeta: { Exenta: { DetalleExenta: [{ CausaExencion: 'E5', BaseImponible: '1800.00' }] } } } });
    },
  },
  {
    name: 'export-goods-e2',
    input: () => sample({ customer: SG_CUSTOMER, ...note('This is a sample invoice with an export') }, { key: 'goods', name: 'Goods' }, [{ cat: 'VAT', key: 'export' }]),
    check: (f) => {
      expect(f.ClaveRegimenEspecialOTrascendencia).toBe('02');
      expect(f.Contraparte.IDOtro).toEqual({ CodigoPais: 'SG', IDType: '04', ID: '201312345A' });
      expect(byOp(f).Entrega.Sujeta.Exenta.DetalleExenta).toEqual([{ CausaExencion: 'E2', BaseImponible: '1800.00' }]);
    },
  },
  {
    name: 'outside-scope-location-services',
    input: () => sample({ customer: SG_CUSTOMER, ...note('This is a sample invoice with a outside-scope tax') }, { key: 'services', unit: 'h' }, [{ cat: 'VAT', key: 'outside-scope' }]),
    check: (f) => expect(byOp(f)).toEqual({ PrestacionServicios: { NoSujeta: { ImporteTAIReglasLocalizacion: '1800.00' } } }),
  },
  {
    name: 'outside-scope-other-art7',
    input: () => sample({ customer: ES_CUSTOMER }, {}, [{ cat: 'VAT', key: 'outside-scope', ext: { 'es-sii-outside-scope': 'other' } }]),
    check: (f) => expect(desglose(f)).toEqual({ NoSujeta: { ImportePorArticulos7_14_Otros: '1800.00' } }),
  },
  {
    name: 'exempt-e1',
    input: () => sample({ customer: ES_CUSTOMER, ...note('This is a sample invoice with a exempt tax') }, { unit: 'h' }, [{ cat: 'VAT', key: 'exempt' }]),
    check: (f) => {
      expect(desglose(f).Sujeta.Exenta.DetalleExenta).toEqual([{ CausaExencion: 'E1', BaseImponible: '1800.00' }]);
      expect(f.ImporteTotal).toBe('1800.00');
    },
  },
  {
    name: 'oss-customer-rates',
    // B2C distance sale to France under OSS: French VAT, reported as not subject by location rules.
    input: () =>
      sample(
        { $tags: ['simplified', 'customer-rates'], customer: { name: 'Jean Dupont', tax_id: { country: 'FR' } } },
        { key: 'goods', name: 'Goods' },
        [{ cat: 'VAT', rate: 'general', ext: { 'es-sii-regime': '17' } }],
      ),
    check: (f) => {
      expect(f.TipoFactura).toBe('F2');
      expect(f.ClaveRegimenEspecialOTrascendencia).toBe('17');
      expect(f.Contraparte).toBeUndefined();
      expect(desglose(f)).toEqual({ NoSujeta: { ImporteTAIReglasLocalizacion: '1800.00' } });
    },
  },
  {
    name: 'oss-explicit-foreign-rate',
    input: () => sample({ $tags: ['simplified'] }, { key: 'goods', name: 'Goods' }, [{ cat: 'VAT', country: 'FR', percent: '20%', ext: { 'es-sii-regime': '17' } }]),
    check: (f) => {
      expect(f.ImporteTotal).toBe('2160.00');
      expect(desglose(f)).toEqual({ NoSujeta: { ImporteTAIReglasLocalizacion: '1800.00' } });
    },
  },
  {
    name: 'credit-note-r1-i',
    input: () =>
      sample(
        { type: 'credit-note', series: 'CN', preceding: [{ type: 'standard', issue_date: '2025-02-13', series: 'SAMPLE', code: '004' }], customer: ES_CUSTOMER },
        { unit: 'h' },
        [{ cat: 'VAT', rate: 'general' }],
      ),
    check: (f) => {
      expect(f.TipoFactura).toBe('R1');
      expect(f.TipoRectificativa).toBe('I');
      expect(f.FacturasRectificadas.IDFacturaRectificada).toEqual([{ NumSerieFacturaEmisor: 'SAMPLE-004', FechaExpedicionFacturaEmisor: '13-02-2025' }]);
      expect(f.ImporteRectificacion).toBeUndefined();
      expect(f.ImporteTotal).toBe('-2178.00');
      expect(desglose(f).Sujeta.NoExenta.DesgloseIVA.DetalleIVA).toEqual([{ TipoImpositivo: '21.00', BaseImponible: '-1800.00', CuotaRepercutida: '-378.00' }]);
    },
  },
  {
    name: 'corrective-r1-s',
    input: () =>
      sample(
        {
          type: 'corrective',
          series: 'CO',
          customer: ES_CUSTOMER,
          preceding: [
            {
              type: 'standard',
              issue_date: '2024-11-13',
              series: 'SAMPLE',
              code: '004',
              tax: { categories: [{ code: 'VAT', rates: [{ key: 'standard', ext: { 'es-sii-regime': '01' }, base: '1800.00', percent: '21.0%' }] }] },
            },
          ],
        },
        { unit: 'h' },
        [{ cat: 'VAT', rate: 'general' }],
      ),
    check: (f) => {
      expect(f.TipoRectificativa).toBe('S');
      expect(f.ImporteRectificacion).toEqual({ BaseRectificada: '1800.00', CuotaRectificada: '378.00' });
      expect(f.ImporteTotal).toBe('2178.00');
    },
  },
  {
    name: 'equivalence-surcharge',
    input: () => sample({ customer: ES_CUSTOMER }, { name: 'Goods' }, [{ cat: 'VAT', rate: 'general+eqs' }]),
    check: (f) =>
      expect(desglose(f).Sujeta.NoExenta.DesgloseIVA.DetalleIVA).toEqual([
        { TipoImpositivo: '21.00', BaseImponible: '1800.00', CuotaRepercutida: '378.00', TipoRecargoEquivalencia: '5.20', CuotaRecargoEquivalencia: '93.60' },
      ]),
  },
  {
    name: 'passport-customer',
    input: () => sample({ customer: { name: 'John Smith', identities: [{ key: 'passport', country: 'GB', code: 'X1234567' }] } }, {}, [{ cat: 'VAT', rate: 'general' }]),
    check: (f) => {
      expect(f.Contraparte.IDOtro).toEqual({ CodigoPais: 'GB', IDType: '03', ID: 'X1234567' });
      expect(byOp(f).PrestacionServicios.Sujeta.NoExenta.TipoNoExenta).toBe('S1');
    },
  },
  {
    name: 'foreign-goods-and-services',
    input: () => ({
      ...sample({ customer: SG_CUSTOMER }, { key: 'goods', name: 'Goods' }, [{ cat: 'VAT', key: 'export' }]),
      lines: [
        { quantity: '2', item: { key: 'goods', name: 'Goods', price: '100.00' }, taxes: [{ cat: 'VAT', key: 'export' }] },
        { quantity: '1', item: { key: 'services', name: 'Installation abroad', price: '50.00' }, taxes: [{ cat: 'VAT', key: 'outside-scope', ext: { 'es-sii-regime': '02' } }] },
      ],
    }),
    check: (f) =>
      expect(byOp(f)).toEqual({
        PrestacionServicios: { NoSujeta: { ImporteTAIReglasLocalizacion: '50.00' } },
        Entrega: { Sujeta: { Exenta: { DetalleExenta: [{ CausaExencion: 'E2', BaseImponible: '200.00' }] } } },
      }),
  },
  {
    name: 'mixed-s3',
    // Domestic reverse charge (e.g. construction, art. 84.Uno.2º LIVA) next to ordinary VAT.
    input: () => ({
      ...sample({ customer: ES_CUSTOMER }, {}, []),
      lines: [
        { quantity: '1', item: { name: 'Renovation works', price: '1000.00' }, taxes: [{ cat: 'VAT', key: 'reverse-charge' }] },
        { quantity: '1', item: { name: 'Design', price: '200.00' }, taxes: [{ cat: 'VAT', rate: 'general' }] },
        { quantity: '1', item: { name: 'Training', price: '300.00' }, taxes: [{ cat: 'VAT', rate: 'reduced' }] },
      ],
    }),
    check: (f) => {
      const noExenta = desglose(f).Sujeta.NoExenta;
      expect(noExenta.TipoNoExenta).toBe('S3');
      expect(noExenta.DesgloseIVA.DetalleIVA).toEqual([
        { TipoImpositivo: '0.00', BaseImponible: '1000.00', CuotaRepercutida: '0.00' },
        { TipoImpositivo: '21.00', BaseImponible: '200.00', CuotaRepercutida: '42.00' },
        { TipoImpositivo: '10.00', BaseImponible: '300.00', CuotaRepercutida: '30.00' },
      ]);
      expect(f.ImporteTotal).toBe('1572.00');
    },
  },
  {
    name: 'retention-and-usd',
    // IRPF is not reported; USD amounts are converted with the invoice's exchange rate.
    input: () =>
      sample(
        { customer: ES_CUSTOMER, currency: 'USD', exchange_rates: [{ from: 'USD', to: 'EUR', amount: '0.875' }], op_date: '2025-03-10' },
        {},
        [
          { cat: 'VAT', rate: 'general' },
          { cat: 'IRPF', rate: 'pro' },
        ],
      ),
    check: (f) => {
      expect(f.FechaOperacion).toBe('10-03-2025');
      expect(f.ImporteTotal).toBe('1905.75'); // 2178.00 USD × 0.875
      expect(desglose(f).Sujeta.NoExenta.DesgloseIVA.DetalleIVA).toEqual([{ TipoImpositivo: '21.00', BaseImponible: '1575.00', CuotaRepercutida: '330.75' }]);
    },
  },
  {
    name: 'batch-quarterly-a1',
    input: () => [
      sample({ customer: ES_CUSTOMER, code: '010', issue_date: '2025-02-03' }, {}, [{ cat: 'VAT', rate: 'general' }]),
      sample({ customer: ES_CUSTOMER, code: '011', issue_date: '2025-05-20' }, {}, [{ cat: 'VAT', rate: 'reduced' }]),
    ],
    opts: { communication: 'A1', periodicity: 'quarterly', titular: { name: 'Invopop S.L.', nif: 'B85905495', representative: '54387763P' } },
    check: (_f, msg) => {
      expect(msg.Cabecera).toEqual({
        IDVersionSii: '1.1',
        Titular: { NombreRazon: 'Invopop S.L.', NIFRepresentante: '54387763P', NIF: 'B85905495' },
        TipoComunicacion: 'A1',
      });
      expect(msg.RegistroLRFacturasEmitidas.map((r: Doc) => r.PeriodoLiquidacion)).toEqual([
        { Ejercicio: '2025', Periodo: '1T' },
        { Ejercicio: '2025', Periodo: '2T' },
      ]);
      expect(msg.RegistroLRFacturasEmitidas.map((r: Doc) => r.IDFactura.NumSerieFacturaEmisor)).toEqual(['SAMPLE-010', 'SAMPLE-011']);
    },
  },
];

interface Output {
  readonly name: string;
  readonly body: string;
  readonly soap: string;
}

function convertCase(c: Case): Output {
  const input = c.input();
  const envelopes = (Array.isArray(input) ? input : [input]).map((d) => built(d));
  const body = value(toSiiIssued(envelopes, c.opts ?? A0));
  return { name: c.name, body, soap: value(siiSoapEnvelope(body)) };
}

function cancelOutput(): Output {
  const body = value(toSiiCancelIssued([built(example('invoice-es-es-sii'))]));
  return { name: 'baja-example-sii', body, soap: value(siiSoapEnvelope(body)) };
}

/** Every message this file produces, converted once (tests may run alone or in any order). */
let outputs: Output[] | undefined;
function allOutputs(): Output[] {
  outputs ??= [...CASES.map(convertCase), cancelOutput()];
  return outputs;
}
const outputOf = (name: string) => allOutputs().find((o) => o.name === name)!;

describe('toSiiIssued', () => {
  for (const c of CASES) {
    it(`maps ${c.name}`, () => {
      const out = outputOf(c.name);
      const msg = parsed(out.body);
      expect(msg.Cabecera.IDVersionSii).toBe('1.1');
      c.check(msg.RegistroLRFacturasEmitidas[0].FacturaExpedida, msg);
      golden(c.name, out.body);
    });
  }
});

describe('toSiiCancelIssued', () => {
  it('cancels by NIF, number and issue date', () => {
    const { body } = outputOf('baja-example-sii');
    const msg = parsed(body);
    expect(msg.Cabecera).toEqual({ IDVersionSii: '1.1', Titular: { NombreRazon: 'Provide One S.L.', NIF: 'B98602642' } });
    expect(msg.RegistroLRBajaExpedidas).toEqual([
      {
        PeriodoLiquidacion: { Ejercicio: '2024', Periodo: '12' },
        IDFactura: { IDEmisorFactura: { NIF: 'B98602642' }, NumSerieFacturaEmisor: 'SAMPLE-004', FechaExpedicionFacturaEmisor: '04-12-2024' },
      },
    ]);
    golden('baja-example-sii', body);
  });

  it('has the structure of the derived AEAT sample', () => {
    const ours = parsed(value(toSiiCancelIssued([built(example('invoice-es-es-sii'))])));
    const theirs = parsed(extractBody(readFileSync(join(SAMPLES, 'baja_factura_emitida.xml'), 'utf8')));
    expect(shape(ours)).toEqual(shape(theirs));
  });
});

/** Element paths of a parsed message, values dropped. */
function shape(v: unknown, at = ''): string[] {
  if (Array.isArray(v)) return [...new Set(v.flatMap((x) => shape(x, at)))];
  if (v !== null && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => [`${at}/${k}`, ...shape(x, `${at}/${k}`)]);
  return [];
}

describe('siiSoapEnvelope', () => {
  it('declares soapenv, siiLR and sii on the envelope, like the AEAT samples', () => {
    const soap = value(siiSoapEnvelope(value(toSiiIssued([built(example('invoice-es-es-sii'))], A0))));
    const head = soap.split('\n')[1];
    expect(head).toContain('<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"');
    expect(head).toContain('xmlns:siiLR="https://www2.agenciatributaria.gob.es/static_files/common/internet/dep/aplicaciones/es/aeat/ssii/fact/ws/SuministroLR.xsd"');
    expect(head).toContain('xmlns:sii="https://www2.agenciatributaria.gob.es/static_files/common/internet/dep/aplicaciones/es/aeat/ssii/fact/ws/SuministroInformacion.xsd"');
    expect(soap).toContain('<soapenv:Header/>');
    expect(soap.match(/xmlns:sii=/g)).toHaveLength(1);
    golden('soap-example-sii', soap);
  });

  it('refuses text that is not an SII message', () => {
    const bad = siiSoapEnvelope('<oops');
    expect(bad.ok).toBe(false);
    const other = siiSoapEnvelope('<a xmlns="urn:x"/>');
    expect(other.ok ? [] : other.faults.map((f) => f.code)).toEqual(['CONVERT-SII-01']);
  });
});

describe('XSD validation of every produced message', () => {
  it('validates the SOAP envelopes (wrapper schema) and the siiLR bodies strictly (SuministroLR.xsd)', () => {
    const all = allOutputs();
    expect(all.length).toBe(CASES.length + 1);
    const soap = validateWithXsd(SCHEMAS.siiSoap, all.map((o) => ({ name: `${o.name}.soap.xml`, xml: o.soap })));
    const bodies = validateWithXsd(SCHEMAS.sii, all.map((o) => ({ name: `${o.name}.xml`, xml: extractBody(o.soap) })));
    const direct = validateWithXsd(SCHEMAS.sii, all.map((o) => ({ name: `${o.name}.direct.xml`, xml: o.body })));
    for (const r of [...soap, ...bodies, ...direct]) expect(r.errors, r.name).toBe('');
    expect([...soap, ...bodies, ...direct].every((r) => r.valid)).toBe(true);
  });

  it('is strict: a message without DescripcionOperacion is rejected', () => {
    const body = value(toSiiIssued([built(example('invoice-es-es-sii'))], A0)).replace(/\s*<sii:DescripcionOperacion>.*<\/sii:DescripcionOperacion>/, '');
    const [r] = validateWithXsd(SCHEMAS.sii, [{ name: 'broken.xml', xml: body }]);
    expect(r.valid).toBe(false);
    expect(r.errors).toContain('DescripcionOperacion');
  });

  it('accepts the derived AEAT samples (sanity check of the validation setup)', () => {
    const files = ['alta_factura_emitida.xml', 'alta_factura_recibida.xml', 'baja_factura_emitida.xml'];
    const docs = files.map((f) => ({ name: f, xml: extractBody(readFileSync(join(SAMPLES, f), 'utf8')) }));
    for (const r of validateWithXsd(SCHEMAS.sii, docs)) expect(r.errors, r.name).toBe('');
  });
});

describe('derived sample alta_factura_emitida.xml', () => {
  // The sample's NIFs fail the Spanish checksum, so these inputs are built without validation
  // (calculation, addon normalizers and scenarios still run).
  const supplier = { name: 'EMPRESAXXXX', tax_id: { country: 'ES', code: 'A84532501' } };
  const inputs: Doc[] = [
    {
      $schema: 'https://gobl.org/draft-0/bill/invoice',
      $addons: ['es-sii-v1'],
      code: '01',
      issue_date: '2015-01-15',
      supplier,
      customer: { name: 'EMPRESAYYYYYYYY', tax_id: { country: 'ES', code: '94234500B' } },
      lines: [{ quantity: '1', item: { name: 'Compra', price: '22.07' }, taxes: [{ cat: 'VAT', rate: 'general' }] }],
      notes: [{ key: 'general', text: 'CompraXXXXXXX' }],
    },
    {
      $schema: 'https://gobl.org/draft-0/bill/invoice',
      $addons: ['es-sii-v1'],
      $tags: ['simplified', 'self-billed'],
      code: '02',
      issue_date: '2015-01-15',
      supplier,
      lines: [{ quantity: '1', item: { name: 'Compra', price: '50' }, taxes: [{ cat: 'VAT', key: 'export', ext: { 'es-sii-exempt': 'E4', 'es-sii-regime': '08' } }] }],
      notes: [{ key: 'general', text: 'CompraYYYYYYYYYYYYYYYYYYYYY' }],
    },
  ];

  /** Drops what cannot match: the second record's period (May for a January invoice) and zero surcharges. */
  const comparable = (msg: Doc) => {
    const m = structuredClone(msg);
    for (const r of m.RegistroLRFacturasEmitidas) {
      for (const d of r.FacturaExpedida.TipoDesglose.DesgloseFactura.Sujeta?.NoExenta?.DesgloseIVA.DetalleIVA ?? []) {
        if (Number(d.TipoRecargoEquivalencia) === 0) delete d.TipoRecargoEquivalencia;
        if (Number(d.CuotaRecargoEquivalencia) === 0) delete d.CuotaRecargoEquivalencia;
      }
    }
    delete m.RegistroLRFacturasEmitidas[1].PeriodoLiquidacion;
    return m;
  };
  /** Compares amounts as numbers ("50" = "50.00", "21" = "21.00"). */
  const numeric = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(numeric);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, numeric(x)]));
    return typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) && !/^0\d/.test(v) ? Number(v) : v;
  };

  it('produces the same elements and values for an equivalent input', () => {
    const ours = parsed(value(toSiiIssued(inputs.map((d) => built(d, true)), A0)));
    const theirs = parsed(extractBody(readFileSync(join(SAMPLES, 'alta_factura_emitida.xml'), 'utf8')));
    expect(shape(comparable(ours))).toEqual(shape(comparable(theirs)));
    expect(numeric(comparable(ours))).toEqual(numeric(comparable(theirs)));
  });
});

// -- faults --------------------------------------------------------------------------------------

function faultsOf(r: ConvertResult<string>): { code: string; paths: readonly string[] }[] {
  return r.ok ? [] : r.faults.map((f) => ({ code: f.code, paths: f.paths }));
}

describe('toSiiIssued faults (data, never exceptions)', () => {
  const ok = () => built(sample({ customer: ES_CUSTOMER }, {}, [{ cat: 'VAT', rate: 'general' }]));

  it('rejects an empty batch and bad options', () => {
    expect(faultsOf(toSiiIssued([], A0))).toEqual([{ code: 'CONVERT-SII-08', paths: ['$'] }]);
    const r = toSiiIssued([ok()], { communication: 'A9' as 'A0', titular: { name: 'X', nif: 'nope' } });
    expect(faultsOf(r)).toEqual([
      { code: 'CONVERT-SII-07', paths: ['$options.communication'] },
      { code: 'CONVERT-SII-07', paths: ['$options.titular.nif'] },
      { code: 'CONVERT-SII-06', paths: ['$[0].doc.supplier.tax_id.code'] },
    ]);
  });

  it('rejects inputs that are not calculated SII invoices', () => {
    const noAddon = built({ ...sample({ customer: ES_CUSTOMER }, {}, [{ cat: 'VAT', rate: 'general' }]), $addons: [] });
    const raw = sample({ customer: ES_CUSTOMER }, {}, [{ cat: 'VAT', rate: 'general' }]);
    const r = toSiiIssued([noAddon, raw, 42, { $schema: 'https://gobl.org/draft-0/bill/order' }], A0);
    expect(faultsOf(r)).toEqual([
      { code: 'CONVERT-SII-02', paths: ['$[0].doc.$addons'] },
      { code: 'CONVERT-SII-03', paths: ['$[1].totals'] },
      { code: 'CONVERT-SII-01', paths: ['$[2]'] },
      { code: 'CONVERT-SII-01', paths: ['$[3].$schema'] },
    ]);
    expect(splitBatchPath('$[1].doc.customer')).toEqual({ index: 1, path: '$.doc.customer' });
  });

  it('keeps one titular per request', () => {
    const other = built({ ...sample({ customer: ES_CUSTOMER }, {}, [{ cat: 'VAT', rate: 'general' }]), supplier: { name: 'Other S.L.', tax_id: { country: 'ES', code: 'B63272603' } }, customer: { name: 'C', tax_id: { country: 'ES', code: 'B85905495' } } });
    expect(faultsOf(toSiiIssued([ok(), other], A0))).toEqual([{ code: 'CONVERT-SII-06', paths: ['$[1].doc.supplier.tax_id.code'] }]);
  });

  it('needs a customer for F1 invoices', () => {
    const noCustomer = built(sample({}, {}, [{ cat: 'VAT', rate: 'general' }]), true);
    expect(faultsOf(toSiiIssued([noCustomer], A0))).toEqual([{ code: 'CONVERT-SII-04', paths: ['$[0].doc.customer'] }]);
  });

  it('refuses an equivalence surcharge on services for a foreign customer', () => {
    const env = built(sample({ customer: SG_CUSTOMER }, { key: 'services' }, [{ cat: 'VAT', rate: 'general+eqs' }]));
    expect(faultsOf(toSiiIssued([env], A0))).toEqual([{ code: 'CONVERT-SII-05', paths: ['$[0].doc.totals.taxes.categories[0].rates[0].surcharge'] }]);
  });

  it('needs an exchange rate into EUR', () => {
    const env = built(sample({ customer: ES_CUSTOMER, currency: 'USD', exchange_rates: [{ from: 'USD', to: 'EUR', amount: '0.9' }] }, {}, [{ cat: 'VAT', rate: 'general' }]));
    env.doc.exchange_rates = [];
    expect(faultsOf(toSiiIssued([env], A0))).toEqual([{ code: 'CONVERT-SII-05', paths: ['$[0].doc.exchange_rates'] }]);
  });

  it('reports a hand-broken envelope with paths instead of throwing', () => {
    const env = ok();
    env.doc.lines[0].quantity = { bad: true };
    env.doc.code = 'X'.repeat(70);
    const r = toSiiIssued([env], A0);
    expect(r.ok).toBe(false);
    expect(faultsOf(r)[0].paths[0]).toMatch(/^\$\[0\]\.doc\.lines\[0\]\.quantity/);
    const env2 = ok();
    env2.doc.code = 'X'.repeat(70);
    expect(faultsOf(toSiiIssued([env2], A0))).toEqual([{ code: 'CONVERT-SII-05', paths: ['$[0].doc.code'] }]);
  });
});

describe('AEAT rules beyond the XSD', () => {
  it('uses DesgloseTipoOperacion for a Spanish NIF of a non-resident entity (N…)', () => {
    const env = built(sample({ customer: { name: 'Non Resident Ltd', tax_id: { country: 'ES', code: 'N0041746I' } } }, {}, [{ cat: 'VAT', rate: 'general' }]), true);
    const f = parsed(value(toSiiIssued([env], A0))).RegistroLRFacturasEmitidas[0].FacturaExpedida;
    expect(f.Contraparte.NIF).toBe('N0041746I');
    expect(byOp(f).PrestacionServicios.Sujeta.NoExenta.TipoNoExenta).toBe('S1');
  });

  it('flags invoices of 100 M€ or more as Macrodato', () => {
    const big = built(sample({ customer: ES_CUSTOMER }, { price: '5000000.00' }, [{ cat: 'VAT', rate: 'general' }]));
    const f = parsed(value(toSiiIssued([big], A0))).RegistroLRFacturasEmitidas[0].FacturaExpedida;
    expect(f.ImporteTotal).toBe('121000000.00');
    expect(f.Macrodato).toBe('S');
    const small = parsed(value(toSiiIssued([built(sample({ customer: ES_CUSTOMER }, {}, [{ cat: 'VAT', rate: 'general' }]))], A0)));
    expect(small.RegistroLRFacturasEmitidas[0].FacturaExpedida.Macrodato).toBeUndefined();
  });

  it('refuses more than 6 VAT rates in one breakdown', () => {
    const percents = ['21%', '10%', '4%', '0%', '5%', '7.5%', '2%'];
    const env = built({
      ...sample({ customer: ES_CUSTOMER }, {}, []),
      lines: percents.map((p) => ({ quantity: '1', item: { name: `Item ${p}`, price: '10.00' }, taxes: [{ cat: 'VAT', percent: p }] })),
    });
    expect(faultsOf(toSiiIssued([env], A0))).toEqual([{ code: 'CONVERT-SII-05', paths: ['$[0].doc.totals.taxes.categories[0].rates[6]'] }]);
  });
});
