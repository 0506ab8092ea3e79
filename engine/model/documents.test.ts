/**
 * The document types besides invoices: GOBL's examples build to their goldens through `build()`,
 * key calculated values are checked one by one, and malformed inputs come back as GOBL-INPUT
 * faults with the JSON path of the culprit.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, type BuildOptions, type BuildResult } from '../build.ts';
import { defaultRegistry } from '../registry.ts';
import { GOBL_DIR, TEST_UUID, conformanceRegistry, diffJson, readInput } from '../../test/conformance/harness.ts';
import { documentTypeFor, documentTypes } from './documents.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function opts(extra: Partial<BuildOptions> = {}): BuildOptions {
  let n = 0;
  return {
    now: () => Date.UTC(2025, 1, 3, 10, 0, 0),
    uuid: () => `0190c2f0-0000-7000-8000-${String(++n).padStart(12, '0')}`,
    registry: defaultRegistry,
    ...extra,
  };
}

/** Builds an example the way the conformance harness does (envelope, fixed head UUID). */
function example(rel: string): { result: BuildResult; golden: Json } {
  const result = build(readInput(rel), opts({ registry: conformanceRegistry(), headUuid: TEST_UUID }));
  const golden = JSON.parse(readFileSync(join(GOBL_DIR, rel.replace(/([^/]+)\.ya?ml$/, 'out/$1.json')), 'utf8'));
  return { result, golden };
}

function ok(r: BuildResult): Json {
  if (!r.ok) throw new Error(`build failed: ${r.error.key}: ${JSON.stringify(r.error.faults)}`);
  return r.value as Json;
}

function faultsOf(r: BuildResult) {
  if (r.ok) throw new Error('expected the build to fail');
  return r.error;
}

const SCHEMA = 'https://gobl.org/draft-0/';
const supplier = { name: 'Provide One S.L.', tax_id: { country: 'ES', code: 'B98602642' } };

describe('document types', () => {
  it('lists every supported type once, explicitly', () => {
    const names = documentTypes.map((t) => t.name);
    expect(names).toEqual([
      'bill/invoice',
      'bill/order',
      'bill/delivery',
      'bill/payment',
      'bill/status',
      'org/party',
      'tax/identity',
      'note/message',
    ]);
    expect(new Set(names).size).toBe(names.length);
    expect(documentTypeFor(`${SCHEMA}bill/payment`)?.name).toBe('bill/payment');
    expect(documentTypeFor(`${SCHEMA}bill/receipt`)).toBeUndefined();
  });
});

describe('GOBL examples build to their goldens', () => {
  const cases = [
    'examples/es/delivery.yaml',
    'examples/es/order.yaml',
    'examples/es/party.yaml',
    'examples/es/payment-old.yaml',
    'examples/es/payment-partial.yaml',
    'examples/es/payment-with-tax.yaml',
    'examples/es/payment.yaml',
    'examples/es/status-response.yaml',
    'examples/es/status-system-anomaly.yaml',
    'examples/es/status-system-shutdown.yaml',
    'examples/es/status-system.yaml',
    'examples/es/status-update.yaml',
    'examples/es/tax-identity.yaml',
    'note/examples/message.yaml',
  ];
  for (const rel of cases) {
    it(rel, () => {
      const { result, golden } = example(rel);
      expect(diffJson(golden, ok(result))).toEqual([]);
    });
  }
});

describe('bill/payment', () => {
  it('fills the line index, total and the single method amount', () => {
    const doc = ok(example('examples/es/payment.yaml').result).doc;
    expect(doc.type).toBe('receipt');
    expect(doc.$regime).toBe('ES');
    expect(doc.currency).toBe('EUR');
    expect(doc.lines[0].i).toBe(1);
    expect(doc.total).toBe('1630.00');
    expect(doc.methods).toEqual([{ key: 'credit-transfer', amount: '1630.00' }]);
  });

  it('migrates the legacy `method` to `methods`', () => {
    const doc = ok(example('examples/es/payment-old.yaml').result).doc;
    expect(doc.method).toBeUndefined();
    expect(doc.methods).toEqual([{ key: 'credit-transfer', amount: '1630.00' }]);
  });

  it('takes payable from the document and works out what is still due', () => {
    const doc = ok(example('examples/es/payment-partial.yaml').result).doc;
    expect(doc.lines.map((l: Json) => [l.i, l.payable, l.amount, l.due])).toEqual([
      [1, '1630.00', '815.00', '815.00'],
      [2, '400.00', '200.00', '200.00'],
    ]);
    expect(doc.total).toBe('1015.00');
    // Several methods keep their own amounts (and currencies).
    expect(doc.methods[1]).toEqual({ key: 'cash', amount: '100.00', currency: 'USD' });
  });

  it('recalculates the referenced document taxes', () => {
    const doc = ok(example('examples/es/payment-with-tax.yaml').result).doc;
    const tax = doc.lines[0].document.tax;
    expect(tax.categories[0].rates[0].amount).toBe('342.30');
    expect(tax.categories[0].amount).toBe('342.30');
    expect(tax.sum).toBe('342.30');
    expect(doc.lines[0].tax).toBeUndefined(); // no payable: no share to work out
    expect(doc.total).toBe('1972.30');
  });

  const base = {
    $schema: `${SCHEMA}bill/payment`,
    issue_date: '2025-01-28',
    supplier,
    methods: [{ key: 'card' }],
  };

  it('defaults the type, issue date and currency', () => {
    const { issue_date: _, ...rest } = base;
    const doc = ok(build({ ...rest, lines: [{ amount: '10.00' }] }, opts({ envelop: false })));
    expect(doc.type).toBe('receipt');
    expect(doc.issue_date).toBe('2025-02-03');
    expect(doc.currency).toBe('EUR');
    expect(doc.uuid).toBeUndefined(); // bare documents get no UUID, as in GOBL
  });

  it('gives the line its share of taxes when the document has a payable amount', () => {
    const doc = ok(
      build(
        {
          ...base,
          lines: [
            {
              document: {
                code: 'F1',
                payable: '121.00',
                tax: { categories: [{ code: 'VAT', rates: [{ base: '100.00', percent: '21.0%' }] }] },
              },
              advances: '21.00',
              amount: '50.00',
            },
          ],
        },
        opts({ envelop: false }),
      ),
    );
    const l = doc.lines[0];
    expect(l.payable).toBe('121.00');
    expect(l.due).toBe('50.00');
    // 50.00 / 121.00 of the document: base 41.32, VAT 8.68.
    expect(l.tax.categories[0].rates[0]).toEqual({ base: '41.32', percent: '21.0%', amount: '8.68' });
    expect(l.tax.sum).toBe('8.68');
    expect(doc.methods[0].amount).toBe('50.00');
  });

  it('converts a document payable in another currency', () => {
    const doc = ok(
      build(
        {
          ...base,
          exchange_rates: [{ from: 'USD', to: 'EUR', amount: '0.90' }],
          lines: [{ document: { code: 'F1', currency: 'USD', payable: '100.00' }, amount: '90.00' }],
        },
        opts({ envelop: false }),
      ),
    );
    expect(doc.lines[0].payable).toBe('90.00');
    expect(doc.lines[0].due).toBe('0.00');
  });

  it('reports a missing exchange rate at the document currency', () => {
    const err = faultsOf(
      build({ ...base, lines: [{ document: { code: 'F1', currency: 'GBP', payable: '10' }, amount: '10' }] }, opts()),
    );
    expect(err.key).toBe('calculation');
    expect(err.faults[0]).toMatchObject({ code: 'GOBL-CALC-01', paths: ['$.lines[0].document.currency'] });
    expect(err.faults[0].message).toBe('missing exchange rate from GBP to EUR');
  });

  it('subtracts refund lines from the total', () => {
    const doc = ok(
      build({ ...base, lines: [{ amount: '100.00' }, { refund: true, amount: '30.00' }] }, opts({ envelop: false })),
    );
    expect(doc.lines.map((l: Json) => l.i)).toEqual([1, 2]);
    expect(doc.total).toBe('70.00');
    expect(doc.methods[0].amount).toBe('70.00');
  });

  it('needs a currency when there is no regime', () => {
    const err = faultsOf(
      build({ ...base, supplier: { name: 'Nobody' }, lines: [{ amount: '1' }] }, opts({ envelop: false })),
    );
    expect(err.faults[0]).toMatchObject({ code: 'GOBL-CALC-01', paths: ['$.currency'] });
  });

  it('reports wrong value types as input faults with their path', () => {
    const err = faultsOf(build({ ...base, lines: [{ amount: true, i: 'one' }], methods: 'card' }, opts()));
    expect(err.key).toBe('input');
    const paths = err.faults.map((f) => f.paths[0]).sort();
    expect(paths).toEqual(['$.lines[0].amount', '$.lines[0].i', '$.methods']);
    expect(err.faults.every((f) => f.code === 'GOBL-INPUT-01')).toBe(true);
  });

  it('reports paths inside an envelope under $.doc', () => {
    const err = faultsOf(build({ doc: { ...base, lines: [{ amount: '1.00', payable: 'lots' }] } }, opts()));
    expect(err.faults).toEqual([expect.objectContaining({ code: 'GOBL-INPUT-01', paths: ['$.doc.lines[0].payable'] })]);
  });
});

describe('bill/order and bill/delivery', () => {
  it('calculate lines and totals like an invoice', () => {
    for (const rel of ['examples/es/order.yaml', 'examples/es/delivery.yaml']) {
      const doc = ok(example(rel).result).doc;
      expect(doc.lines[0]).toMatchObject({ i: 1, quantity: '10', sum: '125.00', total: '125.00' });
      expect(doc.totals).toEqual({ sum: '125.00', total: '125.00', tax: '0.00', total_with_tax: '125.00', payable: '125.00' });
    }
  });

  it('keep the delivery tracking in its place', () => {
    const doc = ok(example('examples/es/delivery.yaml').result).doc;
    expect(doc.tracking).toEqual({ code: 'X123435' });
    expect(Object.keys(doc).indexOf('tracking')).toBeLessThan(Object.keys(doc).indexOf('supplier'));
  });

  it('default their own types, not `standard`', () => {
    const lines = [{ quantity: '1', item: { name: 'Mug', price: '5.00' } }];
    const o = ok(build({ $schema: `${SCHEMA}bill/order`, issue_date: '2025-01-01', supplier, lines }, opts({ envelop: false })));
    expect(o.type).toBe('purchase');
    const d = ok(build({ $schema: `${SCHEMA}bill/delivery`, issue_date: '2025-01-01', supplier, lines }, opts({ envelop: false })));
    expect(d.type).toBe('note');
  });

  it('have no totals when no line has a price', () => {
    const doc = ok(
      build(
        {
          $schema: `${SCHEMA}bill/delivery`,
          type: 'note',
          issue_date: '2025-01-01',
          supplier,
          lines: [{ quantity: '3', item: { name: 'Mug' } }],
        },
        opts({ envelop: false }),
      ),
    );
    expect(doc.lines[0]).toEqual({ i: 1, quantity: '3', item: { name: 'Mug' } });
    expect(doc.totals).toBeUndefined();
    expect(doc.currency).toBe('EUR');
  });

  it('normalize the extra parties', () => {
    const doc = ok(
      build(
        {
          $schema: `${SCHEMA}bill/order`,
          issue_date: '2025-01-01',
          supplier,
          buyer: { name: 'Buyer', tax_id: { country: 'es', code: 'es 54387763-p' } },
          lines: [{ quantity: '1', item: { name: 'Mug', price: '5' } }],
        },
        opts({ envelop: false }),
      ),
    );
    expect(doc.buyer.tax_id).toEqual({ country: 'ES', code: '54387763P' });
  });

  it('skip invoice-level addon normalizers but keep combo ones', () => {
    const doc = ok(
      build(
        {
          $schema: `${SCHEMA}bill/order`,
          $addons: ['es-tbai-v1'],
          issue_date: '2025-01-01',
          supplier: { ...supplier, addresses: [{ locality: 'Bilbao', region: 'Bizkaia', code: '48001' }] },
          lines: [{ quantity: '1', item: { name: 'Mug', price: '10' }, taxes: [{ cat: 'VAT', rate: 'general' }] }],
        },
        opts({ envelop: false, skipValidation: true }),
      ),
    );
    expect(doc.tax).toBeUndefined(); // an invoice would get tax.ext.es-tbai-region
    expect(doc.lines[0].taxes[0].ext).toEqual({ 'es-tbai-product': 'services', 'es-tbai-regime': '01' });
    expect(doc.totals.payable).toBe('12.10');
  });

  it('report wrong value types with their path', () => {
    const err = faultsOf(build({ $schema: `${SCHEMA}bill/delivery`, supplier, tracking: [], lines: [{ quantity: {} }] }, opts()));
    expect(err.faults.map((f) => f.paths[0]).sort()).toEqual(['$.lines[0].quantity', '$.tracking']);
    expect(err.faults.every((f) => f.code === 'GOBL-INPUT-01')).toBe(true);
  });
});

describe('bill/status', () => {
  it('indexes lines, sets the regime and drops unknown fields', () => {
    const doc = ok(example('examples/es/status-response.yaml').result).doc;
    expect(doc.$regime).toBe('ES');
    expect(doc.lines[0].index).toBe(1);
    expect(doc.lines[0].reasons[0]).toEqual({ key: 'references', description: 'Missing purchase order number' });
  });

  it('keeps complements as given', () => {
    const doc = ok(example('examples/es/status-system-anomaly.yaml').result).doc;
    expect(doc.lines[0].complements[0].event.type).toBe('01');
  });

  it('reports wrong value types with their path', () => {
    const err = faultsOf(
      build({ $schema: `${SCHEMA}bill/status`, type: 'update', supplier, lines: [{ index: 'one', key: 'paid', reasons: {} }] }, opts()),
    );
    expect(err.faults.map((f) => f.paths[0]).sort()).toEqual(['$.lines[0].index', '$.lines[0].reasons']);
  });
});

describe('org/party, tax/identity, note/message', () => {
  it('normalizes a party tax ID without assigning a regime', () => {
    const doc = ok(example('examples/es/party.yaml').result).doc;
    expect(doc.tax_id).toEqual({ country: 'ES', code: 'B98602642' });
    expect(doc.$regime).toBeUndefined();
  });

  it('normalizes a tax identity and gives it no UUID', () => {
    const doc = ok(example('examples/es/tax-identity.yaml').result).doc;
    expect(doc).toEqual({ $schema: `${SCHEMA}tax/identity`, country: 'ES', code: 'B98602642' });
  });

  it('normalizes identities of countries without a regime', () => {
    const doc = ok(build({ $schema: `${SCHEMA}tax/identity`, country: 'xx', code: 'xx-12 34' }, opts({ envelop: false })));
    expect(doc).toEqual({ $schema: `${SCHEMA}tax/identity`, country: 'XX', code: '1234' });
  });

  it('trims a message and keeps its fields', () => {
    const doc = ok(build({ $schema: `${SCHEMA}note/message`, title: ' Hi ', content: 'Hello\n' }, opts({ envelop: false })));
    expect(doc).toEqual({ $schema: `${SCHEMA}note/message`, title: 'Hi', content: 'Hello' });
  });

  it('report wrong value types with their path', () => {
    expect(faultsOf(build({ $schema: `${SCHEMA}note/message`, content: 5 }, opts())).faults).toEqual([
      expect.objectContaining({ code: 'GOBL-INPUT-01', paths: ['$.content'] }),
    ]);
    expect(faultsOf(build({ $schema: `${SCHEMA}tax/identity`, country: 1 }, opts())).faults).toEqual([
      expect.objectContaining({ code: 'GOBL-INPUT-01', paths: ['$.country'] }),
    ]);
    expect(faultsOf(build({ $schema: `${SCHEMA}org/party`, name: 'X', emails: 'x@y.z' }, opts())).faults).toEqual([
      expect.objectContaining({ code: 'GOBL-INPUT-01', paths: ['$.emails'] }),
    ]);
  });
});
