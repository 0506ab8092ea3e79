/**
 * FacturaE mapping beyond the reference fixtures: the reference converter's known defects
 * (issuer type `" RE"`, dropped legal notes) are not repeated, less common invoice parts map
 * to valid XML and back, code lists agree with the XSD, and bad input comes back as faults.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { build } from '../../engine/build.ts';
import { defaultRegistry } from '../../engine/registry.ts';
import { facturaeExtensions } from '../../engine/addons/es-facturae/extensions.ts';
import { fromFacturae, toFacturae } from '../../engine/convert/facturae/index.ts';
import { allAlpha3 } from '../../engine/convert/facturae/countries.ts';
import { SCHEMAS, XSD_DIR, canonicalXml, validateWithXsd } from '../support/xsd.ts';

const DATA = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/conformance/converters/gobl.facturae/test/data');
type Json = Record<string, any>;

const fixtureDoc = (name: string): Json => {
  const doc = JSON.parse(readFileSync(join(DATA, `${name}.json`), 'utf8')).doc;
  delete doc.totals;
  return doc;
};

/** Builds a document with the engine (so scenarios set the FacturaE extensions). */
function built(doc: Json): Json {
  const r = build(doc, { now: () => Date.UTC(2025, 0, 1), uuid: () => '0190a63a-7a1e-7000-8000-000000000001', registry: defaultRegistry });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

function xmlOf(env: Json, opts: Parameters<typeof toFacturae>[1] = {}): string {
  const r = toFacturae(env, opts);
  if (!r.ok) throw new Error(JSON.stringify(r.faults));
  return r.value;
}

const tag = (xml: string, name: string) => [...xml.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, 'g'))].map((m) => m[1]);
const faultsOf = (env: unknown, opts = {}) => {
  const r = toFacturae(env, opts);
  expect(r.ok).toBe(false);
  return r.ok ? [] : r.faults.map((f) => [f.code, f.paths.join(',')]);
};

/** A richer invoice: series, legal and general notes, a taxed general discount, advances
 * (one a subsidy), direct debit, a US customer and a fixed line discount. */
function richInvoice(): Json {
  const doc = fixtureDoc('invoice-vat');
  doc.series = 'SAMPLE';
  doc.notes = [
    { key: 'legal', text: 'Factura exenta de IVA según el artículo 20 de la Ley 37/1992.' },
    { key: 'general', text: 'Thank you for your custom!' },
    { key: 'legal', text: 'Inscrita en el Registro Mercantil de Madrid.' },
  ];
  doc.lines[1].discounts = [{ reason: 'loyalty', amount: '2.00' }];
  doc.discounts = [{ reason: 'Early payment', percent: '2%', taxes: [{ cat: 'VAT', rate: 'general' }] }];
  doc.customer = {
    name: 'Acme Inc',
    tax_id: { country: 'US', code: '123456789' },
    addresses: [{ num: '1', street: 'Main Street', locality: 'Springfield', region: 'IL', code: '62701', country: 'US' }],
  };
  doc.payment = {
    terms: { key: 'due-date', due_dates: [{ date: '2022-01-30', percent: '100%' }], notes: 'Direct debit' },
    instructions: { key: 'direct-debit', direct_debit: { ref: 'MANDATE-42', account: 'ES25 0188 2570 7185 4470 4761' } },
    advances: [
      { date: '2021-12-01', description: 'Deposit', amount: '100.00' },
      { description: 'Kit Digital grant', amount: '500.00', ext: { 'es-facturae-subsidy': 'S' } },
    ],
  };
  return doc;
}

describe('reference defects are not repeated', () => {
  it('legal notes become LegalLiterals; the other notes stay in AdditionalData', () => {
    const xml = xmlOf(built(richInvoice()));
    expect(tag(xml, 'LegalReference')).toEqual(['Factura exenta de IVA según el artículo 20 de la Ley 37/1992.', 'Inscrita en el Registro Mercantil de Madrid.']);
    expect(tag(xml, 'InvoiceAdditionalInformation')).toEqual(['Thank you for your custom!']);
  });

  it('a self-billed invoice is issued by the buyer: InvoiceIssuerType "RE" without a leading space, document type AF', () => {
    const doc = fixtureDoc('invoice-vat');
    doc.$tags = ['self-billed'];
    delete doc.tax;
    const xml = xmlOf(built(doc));
    expect(tag(xml, 'InvoiceIssuerType')).toEqual(['RE']);
    expect(tag(xml, 'InvoiceDocumentType')).toEqual(['AF']);
    expect(validateWithXsd(SCHEMAS.facturae, [{ name: 'self-billed', xml }])[0]).toMatchObject({ valid: true });
  });

  it('the seller issues (EM) unless a third party is given, by option or as ordering.issuer (TE)', () => {
    const env = built(fixtureDoc('invoice-vat'));
    expect(tag(xmlOf(env), 'InvoiceIssuerType')).toEqual(['EM']);
    expect(xmlOf(env)).not.toContain('<ThirdParty>');
    const doc = fixtureDoc('invoice-vat');
    doc.ordering = { issuer: { name: 'Gestoría López S.L.', tax_id: { country: 'ES', code: 'B85905495' }, addresses: [{ street: 'Calle Mayor 1', code: '28013', locality: 'Madrid', region: 'Madrid', country: 'ES' }] } };
    const xml = xmlOf(built(doc));
    expect(tag(xml, 'InvoiceIssuerType')).toEqual(['TE']);
    expect(tag(xml, 'CorporateName')[0]).toBe('Gestoría López S.L.');
  });

  it('no dangling ", " in an address without a street number', () => {
    const doc = fixtureDoc('invoice-vat');
    delete doc.customer.addresses[0].num;
    expect(tag(xmlOf(built(doc)), 'Address')).toContain('Plaza Horno');
  });
});

describe('less common invoice parts', () => {
  const env = built(richInvoice());
  const xml = xmlOf(env);

  it('validates against the XSD', () => {
    expect(validateWithXsd(SCHEMAS.facturae, [{ name: 'rich', xml }])[0]).toEqual({ name: 'rich', valid: true, errors: '' });
  });

  it('writes series, batch id with series, a non-EU buyer, subsidies and payments on account', () => {
    expect(tag(xml, 'InvoiceSeriesCode')).toEqual(['SAMPLE']);
    expect(tag(xml, 'BatchIdentifier')).toEqual(['B23103039-SAMPLE-TEST01001F']);
    expect(tag(xml, 'ResidenceTypeCode')).toEqual(['R', 'E']);
    expect(tag(xml, 'PostCodeAndTown')).toEqual(['62701 Springfield']);
    expect(tag(xml, 'SubsidyAmount')).toEqual(['500.00']);
    expect(tag(xml, 'PaymentOnAccountAmount')).toEqual(['100.00']);
    const t = env.doc.totals;
    // InvoiceTotal − subsidies − payments on account, as FacturaE defines the outstanding amount.
    expect(tag(xml, 'TotalOutstandingAmount')).toEqual([t.due]);
    expect(xml).toMatch(new RegExp(`<TotalExecutableAmount>\\s*<TotalAmount>${t.due}</TotalAmount>`));
    expect(tag(xml, 'TotalPaymentsOnAccount')).toEqual(['100.00']);
  });

  it('writes the taxed general discount, the fixed line discount and the direct debit in XSD order', () => {
    expect(tag(xml, 'DiscountReason')).toEqual(['Early payment', 'loyalty']);
    expect(tag(xml, 'DiscountRate')).toEqual(['2']);
    expect(tag(xml, 'PaymentMeans')).toEqual(['02']);
    expect(xml).toMatch(/<AccountToBeDebited>\s*<IBAN>ES25 0188 2570 7185 4470 4761<\/IBAN>\s*<\/AccountToBeDebited>\s*<CollectionAdditionalInformation>Direct debit<\/CollectionAdditionalInformation>\s*<DebitReconciliationReference>MANDATE-42</);
    // Installments are what is still to pay once advances are deducted.
    expect(tag(xml, 'InstallmentAmount')).toEqual([env.doc.totals.due]);
  });

  it('imports back to an invoice with the same totals and converts to the same XML', () => {
    const imported = fromFacturae(xml);
    if (!imported.ok) throw new Error(JSON.stringify(imported.faults));
    expect(imported.value.discounts).toEqual([{ reason: 'Early payment', percent: '2%', taxes: [{ cat: 'VAT', percent: '21.0%' }] }]);
    const again = built(imported.value);
    for (const k of ['total', 'tax', 'total_with_tax', 'payable', 'advance', 'due']) expect([k, again.doc.totals[k]]).toEqual([k, env.doc.totals[k]]);
    expect(canonicalXml(xmlOf(again))).toBe(canonicalXml(xml));
  });
});

describe('code lists agree with the XSD', () => {
  const xsd = readFileSync(join(XSD_DIR, SCHEMAS.facturae), 'utf8');
  const enumeration = (type: string) => {
    const block = new RegExp(`<xs:simpleType name="${type}">([\\s\\S]*?)</xs:simpleType>`).exec(xsd)![1];
    return [...block.matchAll(/<xs:enumeration value="([^"]*)"/g)].map((m) => m[1]);
  };

  it('every country we map is in CountryType, and every CountryType code is mapped', () => {
    expect(allAlpha3().sort()).toEqual(enumeration('CountryType').sort());
  });

  it('every es-facturae-correction reason has its ReasonDescriptionType text', () => {
    const names = facturaeExtensions.find((e) => e.key === 'es-facturae-correction')!.values!.map((v) => v.name.es);
    expect(enumeration('ReasonDescriptionType')).toEqual(expect.arrayContaining(names));
  });
});

describe('export faults', () => {
  const vat = () => built(fixtureDoc('invoice-vat'));

  it('rejects what is not an invoice envelope', () => {
    expect(faultsOf(42)).toEqual([['CONVERT-FACTURAE-01', '$']]);
    expect(faultsOf({ $schema: 'https://gobl.org/draft-0/envelope', doc: { $schema: 'https://gobl.org/draft-0/bill/order' } })).toEqual([['CONVERT-FACTURAE-01', '$.doc.$schema']]);
    expect(faultsOf({ doc: { $schema: 'https://gobl.org/draft-0/bill/invoice', lines: 'x' } })).toEqual([['CONVERT-FACTURAE-01', '$.doc.lines']]);
  });

  it('needs the addon, a customer and calculated totals', () => {
    const env = vat();
    env.doc.$addons = [];
    delete env.doc.customer;
    delete env.doc.totals;
    expect(faultsOf(env)).toEqual([
      ['CONVERT-FACTURAE-02', '$.doc.$addons'],
      ['CONVERT-FACTURAE-04', '$.doc.customer'],
      ['CONVERT-FACTURAE-03', '$.doc.totals'],
    ]);
  });

  it('reports every missing or unrepresentable party field with its path', () => {
    const env = vat();
    env.doc.supplier.tax_id.code = '12345678Z'; // a natural person without people[0].name parts
    delete env.doc.supplier.people;
    delete env.doc.customer.addresses;
    expect(faultsOf(env)).toEqual([
      ['CONVERT-FACTURAE-04', '$.doc.supplier.people[0].name'],
      ['CONVERT-FACTURAE-04', '$.doc.customer.addresses'],
    ]);
  });

  it('rejects a country FacturaE does not list, a bad post code, an over-long name and unknown payment means', () => {
    const env = vat();
    env.doc.customer.addresses[0].country = 'SS';
    env.doc.supplier.addresses[0].code = '2802';
    env.doc.supplier.name = 'x'.repeat(81);
    env.doc.payment.instructions.key = 'any';
    expect(faultsOf(env)).toEqual([
      ['CONVERT-FACTURAE-05', '$.doc.supplier.name'],
      ['CONVERT-FACTURAE-05', '$.doc.supplier.addresses[0].code'],
      ['CONVERT-FACTURAE-05', '$.doc.customer.addresses[0].country'],
      ['CONVERT-FACTURAE-05', '$.doc.payment.instructions.key'],
    ]);
  });

  it('rejects invalid options', () => {
    expect(faultsOf(vat(), { thirdParty: { name: 5 } })).toEqual([['CONVERT-FACTURAE-07', '$options.thirdParty.name']]);
    expect(faultsOf(vat(), { now: 'yesterday', pretty: 'spaces' })).toEqual([
      ['CONVERT-FACTURAE-07', '$options.pretty'],
      ['CONVERT-FACTURAE-07', '$options.now'],
    ]);
  });

  it('needs an output tax on every line (FacturaE requires TaxesOutputs per line)', () => {
    const doc = fixtureDoc('invoice-vat');
    doc.lines[1].taxes = [{ cat: 'IRPF', percent: '15%' }];
    expect(faultsOf(built(doc))).toEqual([['CONVERT-FACTURAE-04', '$.doc.lines[1].taxes']]);
  });

  it('drops characters XML cannot carry instead of writing an invalid document', () => {
    const env = vat();
    env.doc.lines[0].item.name = 'Consulting\u0001 & <design>\uFFFE';
    const xml = xmlOf(env);
    expect(tag(xml, 'ItemDescription')[0]).toBe('Consulting &amp; &lt;design&gt;');
    expect(validateWithXsd(SCHEMAS.facturae, [{ name: 'controls', xml }])[0].valid).toBe(true);
  });
});
