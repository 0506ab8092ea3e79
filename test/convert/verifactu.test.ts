/**
 * VERI*FACTU converter against the public fixtures:
 *  (a) every gobl.verifactu test/data pair: our SOAP request (invoices) or RegistroEvento (bill.Status)
 *      equals the expected output after C14N, with ds:Signature removed from the expected file
 *      (we do not sign), using the fixture options of conformance/converters/INDEX.md §2;
 *  (b) every produced document validates: SOAP wrapper XSD, the body element strictly against
 *      SuministroLR.xsd (the SOAP body is lax), standalone records against SuministroInformacion.xsd,
 *      events against EventosSIF.xsd;
 *  (c) huella vectors: every fixture's Huella recomputed from its own fields, the Verifactu-PHP
 *      records, the AEAT examples quoted in the spec; the QR URL vectors;
 *  (d) import: every fixture record back to GOBL, built with the default registry, gives the
 *      record's CuotaTotal / ImporteTotal and re-exports to the same request;
 *  (e) malformed and foreign XML give clear import faults; bad input gives export faults.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  fromVerifactu,
  madridTimestamp,
  toVerifactuAlta,
  toVerifactuCancel,
  toVerifactuEvent,
  toVerifactuSoap,
  verifactuHuella,
  verifactuHuellaInput,
  verifactuQrUrl,
  NS_SUM,
  NS_SUM1,
  type VerifactuRecord,
} from '../../engine/convert/verifactu/index.ts';
import type { SoftwareInfo } from '../../engine/convert/types.ts';
import { build } from '../../engine/build.ts';
import { defaultRegistry } from '../../engine/registry.ts';
import { SCHEMAS, canonicalXml, validateWithXsd } from '../support/xsd.ts';

const CONV = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/conformance/converters');
const DATA = join(CONV, 'gobl.verifactu/test/data');
const PHP = join(CONV, 'Verifactu-PHP/tests/Models/Records');
const EVENTOS_XSD = 'verifactu/EventosSIF.xsd';
const INFO_XSD = 'verifactu/SuministroInformacion.xsd';

const fixtures = readdirSync(DATA)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -5))
  .sort();
const INVOICES = fixtures.filter((f) => !f.startsWith('status-'));
const EVENTS = fixtures.filter((f) => f.startsWith('status-'));

// Fixture options (INDEX.md §2, gobl.verifactu examples_test.go).
const SOFTWARE: SoftwareInfo = {
  name: 'My Software',
  nif: '12345678A',
  systemName: 'My Software',
  systemId: 'A1',
  version: '1.0',
  installationNumber: '12345678A',
  onlyVerifactu: true,
  multiOT: true,
  multipleOT: false,
};
const NOW = '2024-11-26T04:00:00Z';
const PREV = { issuerNif: 'B12345678', seriesCode: 'SAMPLE-001', issueDate: '26-11-2024', huella: '0123456789ABCDEF'.repeat(4) };
const PREV_EVENT = { eventType: '01', timestamp: '2024-11-20T18:00:00+01:00', huella: '0123456789ABCDEF'.repeat(4) };
const ALTA_OPTS = { now: NOW, software: SOFTWARE, previous: PREV };

const readJson = (name: string): unknown => JSON.parse(readFileSync(join(DATA, `${name}.json`), 'utf8'));
const expectedXml = (name: string): string => readFileSync(join(DATA, 'out', `${name}.xml`), 'utf8');
const stripSignature = (xml: string): string => xml.replace(/<ds:Signature[\s\S]*?<\/ds:Signature>/g, '');
/** Canonical form, one element per line so a failing comparison shows where. */
const canon = (xml: string): string => canonicalXml(xml).replace(/></g, '>\n<');

/** The body element of a SOAP request as its own document, with the namespaces it uses. */
function bodyDocument(soap: string): string {
  const m = /<sum:RegFactuSistemaFacturacion>[\s\S]*<\/sum:RegFactuSistemaFacturacion>/.exec(soap);
  if (!m) throw new Error('no sum:RegFactuSistemaFacturacion in the request');
  return `<?xml version="1.0" encoding="UTF-8"?>\n${m[0].replace('<sum:RegFactuSistemaFacturacion>', `<sum:RegFactuSistemaFacturacion xmlns:sum="${NS_SUM}" xmlns:sum1="${NS_SUM1}">`)}`;
}

/** EventosSIF.xsd makes ds:Signature mandatory in sf:Evento. We do not sign, so to validate the
 * rest of an event the fixture's signature is put where it goes (last child of sf:Evento). */
function withSignature(eventXml: string, fixture: string): string {
  const sig = /<ds:Signature[\s\S]*?<\/ds:Signature>/.exec(expectedXml(fixture));
  if (!sig) throw new Error(`${fixture} has no signature`);
  return eventXml.replace('</sf:Evento>', `${sig[0]}</sf:Evento>`);
}
/** The only schema error of an unsigned event is the missing signature. */
const onlyMissingSignature = (errors: string): boolean =>
  errors.split('\n').filter((l) => l.includes('error')).every((l) => l.includes('Missing child element(s). Expected is ( {http://www.w3.org/2000/09/xmldsig#}Signature )'));

/** Field text of the first `<prefix:name>` in an XML text (fixture fields, read independently of the importer). */
function field(xml: string, qname: string): string {
  const m = new RegExp(`<${qname}>([^<]*)</${qname}>`).exec(xml);
  return m ? m[1].trim() : '';
}
function lastField(xml: string, qname: string): string {
  const all = [...xml.matchAll(new RegExp(`<${qname}>([^<]*)</${qname}>`, 'g'))];
  return all.length ? all[all.length - 1][1].trim() : '';
}

function convertInvoice(name: string): { record: VerifactuRecord; soap: string } {
  const r = toVerifactuAlta(readJson(name), ALTA_OPTS);
  if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.faults)}`);
  const s = toVerifactuSoap([r.value]);
  if (!s.ok) throw new Error(`${name}: ${JSON.stringify(s.faults)}`);
  return { record: r.value, soap: s.value };
}

function convertEvent(name: string) {
  const r = toVerifactuEvent(readJson(name), { now: NOW, software: SOFTWARE, previous: PREV_EVENT });
  if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.faults)}`);
  return r.value;
}

let uuidN = 0;
const buildOpts = () => ({ now: () => Date.UTC(2024, 0, 1), uuid: () => `0190c2f0-0000-7000-8000-${String(++uuidN).padStart(12, '0')}`, registry: defaultRegistry });

// -----------------------------------------------------------------------------------------------
// (a) + (b) + (d): one describe per fixture

describe.each(INVOICES)('VERI*FACTU invoice fixture %s', (name) => {
  let record: VerifactuRecord;
  let soap: string;
  beforeAll(() => ({ record, soap } = convertInvoice(name)));

  it('SOAP request equals the expected output (C14N, ds:Signature removed)', () => {
    expect(canon(soap)).toBe(canon(stripSignature(expectedXml(name))));
  });

  it('huella equals the fixture and is computed from the record fields', () => {
    const exp = expectedXml(name);
    expect(record.huella).toBe(lastField(exp, 'sum1:Huella'));
    expect(record.chain).toEqual({ issuerNif: field(exp, 'sum1:IDEmisorFactura'), seriesCode: field(exp, 'sum1:NumSerieFactura'), issueDate: field(exp, 'sum1:FechaExpedicionFactura'), huella: record.huella });
  });

  it('validates: SOAP wrapper, body strictly against SuministroLR.xsd, standalone record', () => {
    const [wrapper] = validateWithXsd(SCHEMAS.verifactuSoap, [{ name: `${name}.soap.xml`, xml: soap }]);
    expect(wrapper.errors).toBe('');
    expect(wrapper.valid).toBe(true);
    const [body] = validateWithXsd(SCHEMAS.verifactu, [{ name: `${name}.body.xml`, xml: bodyDocument(soap) }]);
    expect(body.errors).toBe('');
    expect(body.valid).toBe(true);
    const [standalone] = validateWithXsd(INFO_XSD, [{ name: `${name}.alta.xml`, xml: record.xml }]);
    expect(standalone.errors).toBe('');
    expect(standalone.valid).toBe(true);
  });

  it('imports back to a GOBL invoice with the same totals, which re-exports to the same request', () => {
    const xml = expectedXml(name);
    const imported = fromVerifactu(xml);
    if (name === 'inv-eu-b2c') {
      // N2 (foreign VAT, PT 23%) lines carry no rate in VERI*FACTU: CuotaTotal 414.00 cannot be
      // attributed, so the importer refuses rather than build an invoice with other totals.
      expect(imported.ok).toBe(false);
      if (!imported.ok) expect(imported.faults.map((f) => f.code)).toEqual(['CONVERT-VERIFACTU-IMPORT-06']);
      return;
    }
    if (!imported.ok) throw new Error(JSON.stringify(imported.faults));
    expect((imported.value as { $addons: string[] }).$addons).toEqual(['es-verifactu-v1']);
    const built = build(imported.value, buildOpts());
    if (!built.ok) throw new Error(JSON.stringify(built.error));
    const totals = (built.value.doc as { totals: { tax: string; total_with_tax: string } }).totals;
    // Credit notes are positive in GOBL and written negative in the record.
    const credit = (imported.value as { type: string }).type === 'credit-note';
    const recordSign = (a: string) => (credit ? `-${a}` : a);
    expect(recordSign(totals.tax)).toBe(field(xml, 'sum1:CuotaTotal'));
    expect(recordSign(totals.total_with_tax)).toBe(field(xml, 'sum1:ImporteTotal'));
    const again = toVerifactuAlta(built.value, ALTA_OPTS);
    if (!again.ok) throw new Error(JSON.stringify(again.faults));
    const s = toVerifactuSoap([again.value]);
    expect(s.ok).toBe(true);
    if (s.ok) expect(canon(s.value)).toBe(canon(stripSignature(xml)));
  });
});

describe.each(EVENTS)('VERI*FACTU event fixture %s', (name) => {
  it('RegistroEvento equals the expected output (C14N, ds:Signature removed), huella included', () => {
    const ev = convertEvent(name);
    const exp = expectedXml(name);
    expect(canon(ev.xml)).toBe(canon(stripSignature(exp)));
    expect(ev.huella).toBe(lastField(exp, 'sf:HuellaEvento'));
  });

  it('validates against EventosSIF.xsd (with a signature put in: the schema requires one, we do not sign)', () => {
    const ours = convertEvent(name).xml;
    const [signed] = validateWithXsd(EVENTOS_XSD, [{ name: `${name}.xml`, xml: withSignature(ours, name) }]);
    expect(signed.errors).toBe('');
    expect(signed.valid).toBe(true);
    const [unsigned] = validateWithXsd(EVENTOS_XSD, [{ name: `${name}.xml`, xml: ours }]);
    expect(onlyMissingSignature(unsigned.errors)).toBe(true);
  });
});

// -----------------------------------------------------------------------------------------------
// (c) huella and QR vectors

describe('huella vectors', () => {
  it.each(INVOICES)('fixture %s: Huella recomputed from the fields of the expected XML', (name) => {
    const x = stripSignature(expectedXml(name));
    const h = verifactuHuella({
      record: 'alta',
      IDEmisorFactura: field(x, 'sum1:IDEmisorFactura'),
      NumSerieFactura: field(x, 'sum1:NumSerieFactura'),
      FechaExpedicionFactura: field(x, 'sum1:FechaExpedicionFactura'),
      TipoFactura: field(x, 'sum1:TipoFactura'),
      CuotaTotal: field(x, 'sum1:CuotaTotal'),
      ImporteTotal: field(x, 'sum1:ImporteTotal'),
      // The first Huella of the record is the previous one (Encadenamiento), the last its own.
      Huella: field(x, 'sum1:Huella'),
      FechaHoraHusoGenRegistro: field(x, 'sum1:FechaHoraHusoGenRegistro'),
    });
    expect(h).toBe(lastField(x, 'sum1:Huella'));
  });

  it.each(EVENTS)('fixture %s: HuellaEvento recomputed from the fields of the expected XML', (name) => {
    const x = stripSignature(expectedXml(name));
    const ev = x.slice(x.indexOf('<sf:Evento>'));
    const soft = ev.slice(0, ev.indexOf('</sf:SistemaInformatico>'));
    const own = ev.slice(ev.indexOf('<sf:ObligadoEmision>'));
    const h = verifactuHuella({
      record: 'evento',
      SoftwareNIF: field(soft, 'sf:NIF'),
      SoftwareIDOtro: '',
      IdSistemaInformatico: field(soft, 'sf:IdSistemaInformatico'),
      Version: field(soft, 'sf:Version'),
      NumeroInstalacion: field(soft, 'sf:NumeroInstalacion'),
      NIF: field(own, 'sf:NIF'),
      TipoEvento: field(own, 'sf:TipoEvento'),
      HuellaEvento: field(x.slice(x.indexOf('<sf:Encadenamiento>')), 'sf:HuellaEvento'),
      FechaHoraHusoGenEvento: field(own, 'sf:FechaHoraHusoGenEvento'),
    });
    expect(h).toBe(lastField(x, 'sf:HuellaEvento'));
  });

  it.each(['registration-record-f1', 'registration-record-f2', 'cancellation-record'])('Verifactu-PHP %s', (name) => {
    const x = readFileSync(join(PHP, `${name}.xml`), 'utf8');
    const prev = field(x.slice(x.indexOf('<sum1:Encadenamiento>')), 'sum1:Huella');
    const h = name.startsWith('cancel')
      ? verifactuHuella({
          record: 'anulacion',
          IDEmisorFacturaAnulada: field(x, 'sum1:IDEmisorFacturaAnulada'),
          NumSerieFacturaAnulada: field(x, 'sum1:NumSerieFacturaAnulada'),
          FechaExpedicionFacturaAnulada: field(x, 'sum1:FechaExpedicionFacturaAnulada'),
          Huella: prev,
          FechaHoraHusoGenRegistro: field(x, 'sum1:FechaHoraHusoGenRegistro'),
        })
      : verifactuHuella({
          record: 'alta',
          IDEmisorFactura: field(x, 'sum1:IDEmisorFactura'),
          NumSerieFactura: field(x, 'sum1:NumSerieFactura'),
          FechaExpedicionFactura: field(x, 'sum1:FechaExpedicionFactura'),
          TipoFactura: field(x, 'sum1:TipoFactura'),
          CuotaTotal: field(x, 'sum1:CuotaTotal'),
          ImporteTotal: field(x, 'sum1:ImporteTotal'),
          Huella: prev,
          FechaHoraHusoGenRegistro: field(x, 'sum1:FechaHoraHusoGenRegistro'),
        });
    expect(h).toBe(lastField(x, 'sum1:Huella'));
  });

  it('AEAT example (spec §4.2): first alta, exact field string', () => {
    const f = {
      record: 'alta' as const,
      IDEmisorFactura: '89890001K',
      NumSerieFactura: '12345678/G33',
      FechaExpedicionFactura: '01-01-2024',
      TipoFactura: 'F1',
      CuotaTotal: '12.35',
      ImporteTotal: '123.45',
      Huella: '',
      FechaHoraHusoGenRegistro: '2024-01-01T19:20:30+01:00',
    };
    expect(verifactuHuellaInput(f)).toBe(
      'IDEmisorFactura=89890001K&NumSerieFactura=12345678/G33&FechaExpedicionFactura=01-01-2024&TipoFactura=F1&CuotaTotal=12.35&ImporteTotal=123.45&Huella=&FechaHoraHusoGenRegistro=2024-01-01T19:20:30+01:00',
    );
    expect(verifactuHuella(f)).toBe('3C464DAF61ACB827C65FDA19F352A4E3BDC2C640E9E9FC4CC058073F38F12F60');
  });

  it('AEAT example (spec §4.2): anulación chained to a previous record', () => {
    const f = {
      record: 'anulacion' as const,
      IDEmisorFacturaAnulada: '89890001K',
      NumSerieFacturaAnulada: '12345679/G34',
      FechaExpedicionFacturaAnulada: '01-01-2024',
      Huella: 'F7B94CFD8924EDFF273501B01EE5153E4CE8F259766F88CF6ACB8935802A2B97',
      FechaHoraHusoGenRegistro: '2024-01-01T19:20:40+01:00',
    };
    expect(verifactuHuella(f)).toBe('177547C0D57AC74748561D054A9CEC14B4C4EA23D1BEFD6F2E69E3A388F90C68');
  });

  it('values are trimmed, never escaped', () => {
    const base = { record: 'anulacion' as const, IDEmisorFacturaAnulada: '89890001K', NumSerieFacturaAnulada: 'A&B/1', FechaExpedicionFacturaAnulada: '01-01-2024', Huella: '', FechaHoraHusoGenRegistro: '2024-01-01T19:20:40+01:00' };
    expect(verifactuHuellaInput({ ...base, NumSerieFacturaAnulada: '  A&B/1 ' })).toBe(verifactuHuellaInput(base));
    expect(verifactuHuellaInput(base)).toContain('NumSerieFacturaAnulada=A&B/1&');
  });
});

describe('QR URL', () => {
  it('gobl.verifactu vector (AEAT sample values), test host', () => {
    expect(verifactuQrUrl({ env: 'test', nif: '89890001K', seriesCode: '12345678-G33', issueDate: '01-09-2024', total: '241.40' })).toBe(
      'https://prewww2.aeat.es/wlpl/TIKE-CONT/ValidarQR?nif=89890001K&numserie=12345678-G33&fecha=01-09-2024&importe=241.40',
    );
  });

  it('production host, without the stray "&" of invopop\'s production branch', () => {
    expect(verifactuQrUrl({ env: 'production', nif: '89890001K', seriesCode: '12345678-G33', issueDate: '2024-09-01', total: '241.40' })).toBe(
      'https://www2.agenciatributaria.gob.es/wlpl/TIKE-CONT/ValidarQR?nif=89890001K&numserie=12345678-G33&fecha=01-09-2024&importe=241.40',
    );
  });

  it('parameters are form-encoded (gobl.verifactu special-characters vector)', () => {
    expect(verifactuQrUrl({ env: 'test', nif: 'A12 345&67', seriesCode: 'SERIE/2023', issueDate: '01-09-2024', total: '1234.56' })).toBe(
      'https://prewww2.aeat.es/wlpl/TIKE-CONT/ValidarQR?nif=A12+345%2667&numserie=SERIE%2F2023&fecha=01-09-2024&importe=1234.56',
    );
    expect(verifactuQrUrl({ env: 'test', nif: '89890001K', seriesCode: '12345678&G33', issueDate: '01-01-2024', total: '241.4' })).toBe(
      'https://prewww2.aeat.es/wlpl/TIKE-CONT/ValidarQR?nif=89890001K&numserie=12345678%26G33&fecha=01-01-2024&importe=241.4',
    );
    expect(verifactuQrUrl({ env: 'test', nif: 'X', seriesCode: 'Ñ+€', issueDate: '01-01-2024', total: '-1.00' })).toContain('numserie=%C3%91%2B%E2%82%AC&fecha=01-01-2024&importe=-1.00');
  });

  it('a record carries its QR fields', () => {
    const { record } = convertInvoice('cred-note-base');
    expect(record.qr).toEqual({ nif: 'B85905495', seriesCode: 'FR-012', issueDate: '01-02-2022', total: '-1960.20' });
    expect(verifactuQrUrl({ env: 'test', ...record.qr! })).toBe('https://prewww2.aeat.es/wlpl/TIKE-CONT/ValidarQR?nif=B85905495&numserie=FR-012&fecha=01-02-2022&importe=-1960.20');
  });
});

describe('FechaHoraHusoGenRegistro (Europe/Madrid, computed with Intl)', () => {
  it.each([
    ['2024-11-26T04:00:00Z', '2024-11-26T05:00:00+01:00'],
    ['2024-07-01T10:00:00Z', '2024-07-01T12:00:00+02:00'],
    ['2024-07-01T12:00:00+02:00', '2024-07-01T12:00:00+02:00'],
    ['2024-12-31T23:30:00Z', '2025-01-01T00:30:00+01:00'],
    ['2024-03-31T00:59:59Z', '2024-03-31T01:59:59+01:00'],
    ['2024-03-31T01:00:00Z', '2024-03-31T03:00:00+02:00'],
    ['2024-10-27T00:59:59Z', '2024-10-27T02:59:59+02:00'],
    ['2024-10-27T01:00:00Z', '2024-10-27T02:00:00+01:00'],
    ['2024-11-26T04:00:00.999Z', '2024-11-26T05:00:00+01:00'],
  ])('%s → %s', (now, expected) => {
    expect(madridTimestamp(now)).toBe(expected);
  });

  it.each(['2024-11-26', '2024-11-26T04:00:00', 'yesterday', '', '2024-13-01T00:00:00Z'])('rejects %j', (now) => {
    expect(madridTimestamp(now)).toBeUndefined();
    const r = toVerifactuAlta(readJson('inv-base'), { ...ALTA_OPTS, now });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.faults.some((f) => f.code === 'CONVERT-VERIFACTU-07' && f.paths[0] === '$options.now')).toBe(true);
  });
});

// -----------------------------------------------------------------------------------------------
// Chaining, cancellation, SOAP options and Verifactu-PHP cross-checks

const PHP_SOFTWARE: SoftwareInfo = {
  name: 'Perico de los Palotes, S.A.',
  nif: 'A00000000',
  systemName: 'Test SIF',
  systemId: 'TS',
  version: '0.0.1',
  installationNumber: '01234',
  onlyVerifactu: true,
  multiOT: false,
  multipleOT: false,
};

/** A calculated invoice envelope written by hand (the PHP records use placeholder NIFs). */
function phpInvoice(code: string, issueDate: string, extra: Record<string, unknown> = {}) {
  return {
    $schema: 'https://gobl.org/draft-0/envelope',
    doc: {
      $schema: 'https://gobl.org/draft-0/bill/invoice',
      $regime: 'ES',
      $addons: ['es-verifactu-v1'],
      type: 'standard',
      code,
      issue_date: issueDate,
      currency: 'EUR',
      tax: { ext: { 'es-verifactu-doc-type': 'F1' } },
      supplier: { name: 'Perico de los Palotes, S.A.', tax_id: { country: 'ES', code: 'A00000000' } },
      lines: [],
      ...extra,
    },
  };
}

describe('chaining and cancellation', () => {
  it('the first record of a chain has PrimerRegistro S and an empty previous Huella', () => {
    const r = toVerifactuAlta(readJson('inv-base'), { now: NOW, software: SOFTWARE });
    if (!r.ok) throw new Error(JSON.stringify(r.faults));
    expect(r.value.xml).toContain('<sum1:Encadenamiento><sum1:PrimerRegistro>S</sum1:PrimerRegistro></sum1:Encadenamiento>');
    expect(r.value.huella).toBe(
      verifactuHuella({
        record: 'alta',
        IDEmisorFactura: 'B85905495',
        NumSerieFactura: 'SAMPLE-004',
        FechaExpedicionFactura: '13-11-2024',
        TipoFactura: 'F1',
        CuotaTotal: '378.00',
        ImporteTotal: '2178.00',
        Huella: '',
        FechaHoraHusoGenRegistro: '2024-11-26T05:00:00+01:00',
      }),
    );
    const [v] = validateWithXsd(INFO_XSD, [{ name: 'first.xml', xml: r.value.xml }]);
    expect(v.errors).toBe('');
  });

  it('alta → alta → anulación chain: each record quotes the previous one; all in one valid request', () => {
    const a = toVerifactuAlta(readJson('inv-base'), { now: NOW, software: SOFTWARE });
    if (!a.ok) throw new Error(JSON.stringify(a.faults));
    const b = toVerifactuAlta(readJson('inv-eqv-sur'), { now: '2024-11-26T04:00:01Z', software: SOFTWARE, previous: a.value.chain });
    if (!b.ok) throw new Error(JSON.stringify(b.faults));
    const c = toVerifactuCancel(readJson('inv-base'), { now: '2024-11-26T04:00:02Z', software: SOFTWARE, previous: b.value.chain });
    if (!c.ok) throw new Error(JSON.stringify(c.faults));
    expect(b.value.xml).toContain(
      `<sum1:RegistroAnterior><sum1:IDEmisorFactura>B85905495</sum1:IDEmisorFactura><sum1:NumSerieFactura>SAMPLE-004</sum1:NumSerieFactura><sum1:FechaExpedicionFactura>13-11-2024</sum1:FechaExpedicionFactura><sum1:Huella>${a.value.huella}</sum1:Huella></sum1:RegistroAnterior>`,
    );
    expect(c.value.huella).toBe(
      verifactuHuella({
        record: 'anulacion',
        IDEmisorFacturaAnulada: 'B85905495',
        NumSerieFacturaAnulada: 'SAMPLE-004',
        FechaExpedicionFacturaAnulada: '13-11-2024',
        Huella: b.value.huella,
        FechaHoraHusoGenRegistro: '2024-11-26T05:00:02+01:00',
      }),
    );
    const soap = toVerifactuSoap([a.value, b.value, c.value]);
    if (!soap.ok) throw new Error(JSON.stringify(soap.faults));
    expect(soap.value.match(/<sum:RegistroFactura>/g)).toHaveLength(3);
    const results = validateWithXsd(SCHEMAS.verifactu, [{ name: 'chain.body.xml', xml: bodyDocument(soap.value) }]);
    expect(results[0].errors).toBe('');
    const cancel = validateWithXsd(INFO_XSD, [{ name: 'cancel.xml', xml: c.value.xml }]);
    expect(cancel[0].errors).toBe('');
  });

  it('reproduces the Verifactu-PHP cancellation record exactly', () => {
    const r = toVerifactuCancel(phpInvoice('12345679/G34', '2024-01-01'), {
      now: '2024-01-01T19:20:40+01:00',
      software: PHP_SOFTWARE,
      previous: { issuerNif: 'A00000000', seriesCode: '12345679/G34', issueDate: '2024-01-01', huella: 'F7B94CFD8924EDFF273501B01EE5153E4CE8F259766F88CF6ACB8935802A2B97' },
      priorRejection: true,
    });
    if (!r.ok) throw new Error(JSON.stringify(r.faults));
    expect(canon(r.value.xml)).toBe(canon(readFileSync(join(PHP, 'cancellation-record.xml'), 'utf8')));
  });

  it('reproduces the Verifactu-PHP F2 record (but for FacturaSinIdentifDestinatarioArt61d, which we add as gobl.verifactu does)', () => {
    const env = phpInvoice('PRUEBA-0002', '2025-06-02', {
      $tags: ['simplified'],
      op_date: '2025-05-15',
      tax: { ext: { 'es-verifactu-doc-type': 'F2' } },
      lines: [{ i: 1, quantity: '1', item: { name: 'Producto', price: '100.00' }, sum: '100.00', taxes: [{ cat: 'VAT', key: 'standard', percent: '21.00%' }], total: '100.00' }],
      totals: {
        sum: '100.00',
        total: '100.00',
        taxes: { categories: [{ code: 'VAT', rates: [{ key: 'standard', ext: { 'es-verifactu-op-class': 'S1', 'es-verifactu-regime': '01' }, base: '100.00', percent: '21.00%', amount: '21.00' }], amount: '21.00' }], sum: '21.00' },
        tax: '21.00',
        total_with_tax: '121.00',
        payable: '121.00',
      },
      notes: [{ key: 'general', text: 'Factura simplificada de prueba' }],
    });
    const r = toVerifactuAlta(env, {
      now: '2025-06-02T18:30:40Z',
      software: PHP_SOFTWARE,
      previous: { issuerNif: 'A00000000', seriesCode: 'PRUEBA-001', issueDate: '01-06-2025', huella: 'A'.repeat(64) },
      amendment: false,
    });
    if (!r.ok) throw new Error(JSON.stringify(r.faults));
    const expected = readFileSync(join(PHP, 'registration-record-f2.xml'), 'utf8');
    expect(r.value.huella).toBe(lastField(expected, 'sum1:Huella'));
    expect(canon(r.value.xml.replace('<sum1:FacturaSinIdentifDestinatarioArt61d>S</sum1:FacturaSinIdentifDestinatarioArt61d>', ''))).toBe(canon(expected));
  });

  it('SOAP from stored record texts equals SOAP from the record objects; header options are written', () => {
    const { record } = convertInvoice('inv-issuer');
    const cancel = toVerifactuCancel(readJson('inv-issuer'), { now: NOW, software: SOFTWARE, previous: record.chain, pretty: true });
    if (!cancel.ok) throw new Error(JSON.stringify(cancel.faults));
    const fromObjects = toVerifactuSoap([record, cancel.value]);
    const fromText = toVerifactuSoap([record.xml, cancel.value.xml]);
    if (!fromObjects.ok || !fromText.ok) throw new Error('soap failed');
    expect(canon(fromText.value)).toBe(canon(fromObjects.value));
    const withHeader = toVerifactuSoap([record], {
      issuer: { name: 'Invopop S.L.', nif: 'B85905495' },
      representative: { name: 'Asesoría', nif: 'B63272603' },
      voluntary: { incident: true },
      pretty: true,
    });
    if (!withHeader.ok) throw new Error(JSON.stringify(withHeader.faults));
    expect(withHeader.value).toContain('<sum1:Representante>');
    const [wrap, body] = [
      validateWithXsd(SCHEMAS.verifactuSoap, [{ name: 'h.xml', xml: withHeader.value }])[0],
      validateWithXsd(SCHEMAS.verifactu, [{ name: 'hb.xml', xml: bodyDocument(withHeader.value.replace(/>\s+</g, '><')) }])[0],
    ];
    expect(wrap.errors).toBe('');
    expect(body.errors).toBe('');
    // The PHP records are standalone RegistroAlta/RegistroAnulacion texts too.
    const php = toVerifactuSoap(
      ['registration-record-f1', 'registration-record-f2', 'cancellation-record'].map((n) => readFileSync(join(PHP, `${n}.xml`), 'utf8')),
      { issuer: { name: 'Perico de los Palotes, S.A.', nif: 'A00000000' } },
    );
    if (!php.ok) throw new Error(JSON.stringify(php.faults));
    expect(validateWithXsd(SCHEMAS.verifactu, [{ name: 'php.xml', xml: bodyDocument(php.value) }])[0].errors).toBe('');
  });

  it('SOAP request faults', () => {
    const none = toVerifactuSoap([]);
    expect(none.ok).toBe(false);
    const bad = toVerifactuSoap(['<x/>', '<sum1:RegistroAlta'], { issuer: { name: 'A', nif: 'B85905495' } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.faults.map((f) => [f.code, f.paths[0]])).toEqual([
      ['CONVERT-VERIFACTU-08', '$records[0]'],
      ['CONVERT-VERIFACTU-08', '$records[1]'],
    ]);
    const cancel = toVerifactuCancel(readJson('inv-base'), { now: NOW, software: SOFTWARE });
    if (!cancel.ok) throw new Error('cancel failed');
    // A cancellation carries no issuer name: the header needs it from the options.
    const noName = toVerifactuSoap([{ ...cancel.value, issuer: { nif: 'B85905495' } }]);
    expect(noName.ok).toBe(false);
  });
});

// -----------------------------------------------------------------------------------------------
// Export faults

describe('export faults', () => {
  const base = readJson('inv-base') as { doc: Record<string, unknown> };
  const variant = (patch: Record<string, unknown>) => ({ ...base, doc: { ...base.doc, ...patch } });
  const codes = (r: ReturnType<typeof toVerifactuAlta>) => (r.ok ? [] : r.faults.map((f) => `${f.code} ${f.paths.join(',')}`));

  it.each([
    ['not an object', 42, 'CONVERT-VERIFACTU-01 $'],
    ['another document', { doc: { $schema: 'https://gobl.org/draft-0/bill/status' } }, 'CONVERT-VERIFACTU-01 $.doc.$schema'],
    ['no addon', variant({ $addons: [] }), 'CONVERT-VERIFACTU-02 $.doc.$addons'],
    ['foreign supplier', variant({ supplier: { name: 'X', tax_id: { country: 'PT', code: '545259045' } } }), 'CONVERT-VERIFACTU-03 $.doc.supplier.tax_id'],
    ['no issue date', variant({ issue_date: undefined }), 'CONVERT-VERIFACTU-03 $.doc.issue_date'],
    ['not calculated', variant({ totals: undefined }), 'CONVERT-VERIFACTU-04 $.doc.totals'],
    ['not in euros', variant({ currency: 'USD' }), 'CONVERT-VERIFACTU-04 $.doc.currency'],
    ['no doc type', variant({ tax: { ext: {} } }), 'CONVERT-VERIFACTU-05 $.doc.tax.ext.es-verifactu-doc-type'],
    ['corrective without preceding', variant({ type: 'corrective', tax: { ext: { 'es-verifactu-doc-type': 'R1', 'es-verifactu-correction-type': 'S' } } }), 'CONVERT-VERIFACTU-05 $.doc.preceding'],
    [
      'rate without classification',
      variant({ totals: { ...(base.doc.totals as object), taxes: { categories: [{ code: 'VAT', rates: [{ key: 'standard', ext: { 'es-verifactu-regime': '01' }, base: '1800.00', percent: '21.0%', amount: '378.00' }], amount: '378.00' }] } } }),
      'CONVERT-VERIFACTU-06 $.doc.totals.taxes.categories[0].rates[0].ext',
    ],
  ])('%s', (_label, input, expected) => {
    expect(codes(toVerifactuAlta(input, ALTA_OPTS))).toContain(expected);
  });

  it('bad options', () => {
    const r = toVerifactuAlta(base, { now: NOW, software: { ...SOFTWARE, systemId: 'ABC' }, previous: { ...PREV, huella: 'xyz', issueDate: '2024/11/26' } });
    expect(codes(r)).toEqual(
      expect.arrayContaining(['CONVERT-VERIFACTU-07 $options.software.systemId', 'CONVERT-VERIFACTU-07 $options.previous.huella', 'CONVERT-VERIFACTU-07 $options.previous.issueDate']),
    );
    expect(codes(toVerifactuAlta(base, undefined as never))).toContain('CONVERT-VERIFACTU-07 $options');
  });

  it('events: unknown key, several lines, unsupported complement', () => {
    const st = readJson('status-system-startup') as { doc: Record<string, unknown> };
    const ev = (patch: Record<string, unknown>) => toVerifactuEvent({ ...st, doc: { ...st.doc, ...patch } }, { now: NOW, software: SOFTWARE });
    const c = (r: ReturnType<typeof ev>) => (r.ok ? [] : r.faults.map((f) => `${f.code} ${f.paths[0]}`));
    expect(c(ev({ lines: [{ index: 1, key: 'coffee-break' }] }))).toEqual(['CONVERT-VERIFACTU-09 $.doc.lines[0].key']);
    expect(c(ev({ lines: [{ index: 1, key: 'other' }, { index: 2, key: 'other' }] }))).toEqual(['CONVERT-VERIFACTU-09 $.doc.lines']);
    expect(c(ev({ lines: [{ index: 1, key: 'other', complements: [{ $schema: 'https://example.com/x' }] }] }))).toEqual(['CONVERT-VERIFACTU-09 $.doc.lines[0].complements[0].$schema']);
    // First event of a chain.
    const first = ev({});
    if (!first.ok) throw new Error(JSON.stringify(first.faults));
    expect(first.value.xml).toContain('<sf:PrimerEvento>S</sf:PrimerEvento>');
    expect(validateWithXsd(EVENTOS_XSD, [{ name: 'first-event.xml', xml: withSignature(first.value.xml, 'status-system-startup') }])[0].errors).toBe('');
  });
});

// -----------------------------------------------------------------------------------------------
// (d) more imports, (e) import faults

describe('import', () => {
  it('Verifactu-PHP F1 record: first of two recipients, totals match (placeholder NIFs fail GOBL checksums)', () => {
    const r = fromVerifactu(readFileSync(join(PHP, 'registration-record-f1.xml'), 'utf8'));
    if (!r.ok) throw new Error(JSON.stringify(r.faults));
    const doc = r.value as { customer: unknown; lines: unknown[] };
    expect(doc.customer).toEqual({ name: 'El Destinatario, S.L.', tax_id: { country: 'ES', code: '11111111B' } });
    expect(doc.lines).toHaveLength(2);
    const validated = build(r.value, buildOpts());
    expect(validated.ok).toBe(false);
    if (!validated.ok) expect(validated.error.faults.map((f) => f.code)).toEqual(['GOBL-ES-TAX-IDENTITY-01']);
    const built = build(r.value, { ...buildOpts(), skipValidation: true });
    if (!built.ok) throw new Error(JSON.stringify(built.error));
    const t = (built.value.doc as { totals: { tax: string; total_with_tax: string } }).totals;
    expect([t.tax, t.total_with_tax]).toEqual(['26.00', '176.00']);
  });

  it('Verifactu-PHP F2 record: simplified, no customer, builds and validates', () => {
    const r = fromVerifactu(readFileSync(join(PHP, 'registration-record-f2.xml'), 'utf8'));
    if (!r.ok) throw new Error(JSON.stringify(r.faults));
    expect((r.value as { $tags: string[] }).$tags).toEqual(['simplified']);
    const built = build(r.value, buildOpts());
    if (!built.ok) throw new Error(JSON.stringify(built.error));
    const t = (built.value.doc as { totals: { tax: string; total_with_tax: string } }).totals;
    expect([t.tax, t.total_with_tax]).toEqual(['21.00', '121.00']);
  });

  it('a foreign customer by IDOtro 02 becomes a tax ID without the prefix; others become identities', () => {
    const xml = stripSignature(expectedXml('inv-eu-rev-charge'));
    const r = fromVerifactu(xml);
    if (!r.ok) throw new Error(JSON.stringify(r.faults));
    expect((r.value as { customer: unknown }).customer).toEqual({ name: 'Sample Consumer', tax_id: { country: 'DE', code: '282741168' } });
    const us = fromVerifactu(stripSignature(expectedXml('export-us')));
    if (!us.ok) throw new Error(JSON.stringify(us.faults));
    expect((us.value as { customer: unknown }).customer).toEqual({
      name: 'Random Company Inc.',
      identities: [{ country: 'US', key: 'foreign', code: 'NA', ext: { 'es-verifactu-identity-type': '04' } }],
    });
  });

  it('reads any prefixes (namespaces, not names)', () => {
    const xml = stripSignature(expectedXml('inv-base')).replaceAll('sum1:', 'x:').replaceAll('xmlns:sum1=', 'xmlns:x=').replaceAll('soapenv:', 'S:').replaceAll('xmlns:soapenv=', 'xmlns:S=');
    const r = fromVerifactu(xml);
    expect(r.ok).toBe(true);
  });

  const alta = stripSignature(expectedXml('inv-base'));
  const ticketbai = readFileSync(join(CONV, 'gobl.ticketbai/test/data/out/sample-invoice2.xml'), 'utf8');
  const facturae = readFileSync(join(CONV, 'gobl.facturae/test/data/out/invoice-vat.xml'), 'utf8');
  const soapOf = (inner: string) =>
    `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>${inner}</soapenv:Body></soapenv:Envelope>`;
  const twoAltas = alta.replace(/(<sum:RegistroFactura>[\s\S]*<\/sum:RegistroFactura>)/, '$1$1');

  it.each([
    ['empty text', '', 'CONVERT-VERIFACTU-IMPORT-01', 'empty'],
    ['not XML', 'hello', 'CONVERT-VERIFACTU-IMPORT-01', 'malformed XML'],
    ['unclosed tag', alta.slice(0, alta.length - 30), 'CONVERT-VERIFACTU-IMPORT-01', 'malformed XML at line'],
    ['DOCTYPE', `<!DOCTYPE x [<!ENTITY a "aaaa">]>${alta.replace(/^<\?xml[^>]*\?>/, '')}`, 'CONVERT-VERIFACTU-IMPORT-01', 'DOCTYPE'],
    ['TicketBAI invoice', ticketbai, 'CONVERT-VERIFACTU-IMPORT-02', 'urn:ticketbai:emision'],
    ['Facturae invoice', facturae, 'CONVERT-VERIFACTU-IMPORT-02', 'Facturae'],
    ['a SOAP envelope of something else', soapOf('<x:Other xmlns:x="urn:other"/>'), 'CONVERT-VERIFACTU-IMPORT-02', 'x:Other'],
    ['an element without namespace', '<RegistroAlta><IDVersion>1.0</IDVersion></RegistroAlta>', 'CONVERT-VERIFACTU-IMPORT-02', 'without a namespace'],
    ['a cancellation record', readFileSync(join(PHP, 'cancellation-record.xml'), 'utf8'), 'CONVERT-VERIFACTU-IMPORT-03', 'RegistroAnulacion'],
    ['two altas in one request', twoAltas, 'CONVERT-VERIFACTU-IMPORT-03', 'holds 2 RegistroAlta'],
    ['missing CuotaTotal', alta.replace(/<sum1:CuotaTotal>[^<]*<\/sum1:CuotaTotal>/, ''), 'CONVERT-VERIFACTU-IMPORT-04', 'sum1:CuotaTotal is required'],
    ['bad amount', alta.replace('<sum1:ImporteTotal>2178.00<', '<sum1:ImporteTotal>2.178,00<'), 'CONVERT-VERIFACTU-IMPORT-05', 'invalid amount'],
    ['bad date', alta.replace('<sum1:FechaExpedicionFactura>13-11-2024<', '<sum1:FechaExpedicionFactura>2024-11-13<'), 'CONVERT-VERIFACTU-IMPORT-05', 'expected dd-mm-yyyy'],
    ['bad TipoFactura', alta.replace('<sum1:TipoFactura>F1<', '<sum1:TipoFactura>F9<'), 'CONVERT-VERIFACTU-IMPORT-05', 'TipoFactura'],
    ['Impuesto 05', alta.replace('<sum1:Impuesto>01<', '<sum1:Impuesto>05<'), 'CONVERT-VERIFACTU-IMPORT-05', 'Impuesto'],
    ['unexplained CuotaTotal', alta.replace('<sum1:CuotaTotal>378.00<', '<sum1:CuotaTotal>400.00<'), 'CONVERT-VERIFACTU-IMPORT-06', 'differs by 22.00'],
  ])('%s', (_label, xml, code, message) => {
    const r = fromVerifactu(xml);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.faults[0].code).toBe(code);
    expect(r.faults[0].message).toContain(message);
    expect(r.faults[0].paths[0]).toMatch(/^\//);
  });

  it('fault paths point into the record', () => {
    const r = fromVerifactu(alta.replace(/<sum1:CuotaTotal>[^<]*<\/sum1:CuotaTotal>/, ''));
    expect(r.ok ? [] : r.faults[0].paths).toEqual(['/soapenv:Envelope/soapenv:Body/sum:RegFactuSistemaFacturacion/sum:RegistroFactura[1]/sum1:RegistroAlta/sum1:CuotaTotal']);
  });

  it('never throws on hostile input', () => {
    for (const x of [null, undefined, 12, {}, '<', '<a xmlns:p="u"><p:b/></a>', '\u0000', '<?xml version="1.0"?>'] as unknown[]) {
      const r = fromVerifactu(x as string);
      expect(r.ok).toBe(false);
    }
  });
});
