/**
 * The studio's samples (samples/index.json): every one builds without faults to its golden in
 * samples/out/, the index is well formed, the text is clean UTF-8, and the facts the seed
 * examples (../shared/seeds/004_*.txt) state about each build hold — read from the built output.
 *
 * `UPDATE_GOLDEN=1 npx vitest run test/samples.test.ts` rewrites the goldens first
 * (or `node --import tsx scripts/update-samples.ts`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  OUT_DIR,
  SAMPLES_DIR,
  SCENARIOS,
  buildSample,
  describeFaults,
  goldenText,
  readGolden,
  readIndex,
  readSample,
  writeGolden,
  type SampleEntry,
} from '../scripts/update-samples.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- built JSON is read by path
type Json = Record<string, any>;

const UPDATE = process.env.UPDATE_GOLDEN === '1';
const index: SampleEntry[] = readIndex();
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** Thai-range characters and the classic UTF-8-read-as-Latin-1 pairs: what the seed's mojibake looks like. */
const MOJIBAKE = /[\u0E00-\u0E7F]|Ã[\u0080-\u00BF]|â€|Â[\u00A0-\u00BF]|\uFFFD/;

const built = new Map<string, Json>();
/** The built document (the envelope's `doc`) of a sample; fails the test when it has faults. */
function doc(file: string): Json {
  let env = built.get(file);
  if (!env) {
    const r = buildSample(readSample(file));
    if (!r.ok) throw new Error(`${file}: ${describeFaults(r)}`);
    env = r.value as Json;
    built.set(file, env);
  }
  return env.doc as Json;
}

/** The single VAT rate total of a built invoice. */
function vatRate(d: Json, i = 0): Json {
  const vat = (d.totals.taxes.categories as Json[]).find((c) => c.code === 'VAT');
  expect(vat, 'VAT category in totals').toBeDefined();
  return vat!.rates[i] as Json;
}

/**
 * How SII reports a VAT rate total (converters spec §3.3): an exemption code → Exenta,
 * `es-sii-outside-scope` → NoSujeta, otherwise NoExenta S2 for key reverse-charge and S1 for the rest.
 */
function siiOperation(rate: Json): string {
  const ext = (rate.ext ?? {}) as Record<string, string>;
  if (ext['es-sii-exempt']) return `exempt ${ext['es-sii-exempt']}`;
  if (ext['es-sii-outside-scope']) return `not subject ${ext['es-sii-outside-scope']}`;
  return rate.key === 'reverse-charge' ? 'S2' : 'S1';
}

describe('samples/index.json', () => {
  it('lists samples with a title, a known scenario, an addon and a one-line explanation', () => {
    expect(index.length).toBeGreaterThan(0);
    for (const s of index) {
      expect(s.file, JSON.stringify(s)).toMatch(/^[a-z0-9-]+\.json$/);
      expect(s.title.trim(), s.file).not.toBe('');
      expect(SCENARIOS, s.file).toContain(s.scenario);
      expect(s.explanation.trim(), s.file).not.toBe('');
      expect(s.explanation, `${s.file}: explanation is one line`).not.toMatch(/\n/);
      if (s.comment !== undefined) expect(typeof s.comment).toBe('string');
      if (s.scenario === 'Party') expect(s.addon, s.file).toBeUndefined();
      else expect(s.addon, s.file).toMatch(/^es-(tbai|sii|verifactu|facturae)-v\d$/);
    }
  });

  it('has no duplicates and lists every sample file (and nothing else)', () => {
    const files = index.map((s) => s.file);
    expect(new Set(files).size).toBe(files.length);
    const onDisk = readdirSync(SAMPLES_DIR).filter((f) => f.endsWith('.json') && f !== 'index.json').sort();
    expect([...files].sort()).toEqual(onDisk);
  });

  it('covers every scenario of the studio menu', () => {
    for (const scenario of SCENARIOS) expect(index.some((s) => s.scenario === scenario), scenario).toBe(true);
  });

  it("names the addon each sample's document really uses", () => {
    const scenarioAddon: Record<string, string> = {
      TicketBAI: 'es-tbai-v1',
      SII: 'es-sii-v1',
      'VERI*FACTU': 'es-verifactu-v1',
      Facturae: 'es-facturae-v3',
    };
    for (const s of index) {
      const input = readSample(s.file) as Json;
      if (s.scenario === 'Party') {
        expect(input.$schema, s.file).toBe('https://gobl.org/draft-0/org/party');
        continue;
      }
      expect(input.$schema, s.file).toBe('https://gobl.org/draft-0/bill/invoice');
      expect(input.$addons, s.file).toEqual([s.addon]);
      expect(s.addon, s.file).toBe(scenarioAddon[s.scenario]);
    }
  });
});

describe('samples: build and golden', () => {
  for (const s of index) {
    it(`${s.file} builds without faults to samples/out/${s.file}`, () => {
      const input = readSample(s.file) as Json;
      // Stable goldens: no generated uuid or date.
      expect(input.uuid, `${s.file} has a fixed uuid`).toMatch(UUID_V7);
      if (s.scenario !== 'Party') expect(input.issue_date, `${s.file} has a fixed issue_date`).toMatch(/^\d{4}-\d{2}-\d{2}$/);

      const r = buildSample(input);
      expect(r.ok, describeFaults(r)).toBe(true);
      if (!r.ok) return;
      const value = JSON.parse(JSON.stringify(r.value)) as Json;
      if (UPDATE) writeGolden(s.file, value);

      const golden = join(OUT_DIR, s.file);
      expect(existsSync(golden), `missing golden ${golden} (UPDATE_GOLDEN=1 to create)`).toBe(true);
      expect(value).toStrictEqual(readGolden(s.file));
      expect(readFileSync(golden, 'utf8'), 'golden is pretty JSON (2 spaces)').toBe(goldenText(readGolden(s.file)));
      // The document keeps the sample's own uuid; only the head uuid is fixed by the build.
      expect((value.doc as Json).uuid).toBe(input.uuid);
    });
  }

  it('builds deterministically (same envelope and digest twice)', () => {
    for (const s of index) {
      const a = buildSample(readSample(s.file));
      const b = buildSample(readSample(s.file));
      expect(a, s.file).toStrictEqual(b);
    }
  });

  it('has no stray goldens', () => {
    const listed = new Set(index.map((s) => s.file));
    const stray = readdirSync(OUT_DIR).filter((f) => !listed.has(f));
    expect(stray).toEqual([]);
  });
});

describe('samples: clean UTF-8 text', () => {
  const texts = (): [string, string][] => [
    ['index.json', readFileSync(join(SAMPLES_DIR, 'index.json'), 'utf8')],
    ...index.map((s): [string, string] => [s.file, readFileSync(join(SAMPLES_DIR, s.file), 'utf8')]),
    ...index.map((s): [string, string] => [`out/${s.file}`, readFileSync(join(OUT_DIR, s.file), 'utf8')]),
  ];

  it('carries no mojibake from the seed (รlava, ยท, โ€¦)', () => {
    for (const [name, text] of texts()) {
      const m = MOJIBAKE.exec(text);
      expect(m, `${name}: ${m ? JSON.stringify(text.slice(Math.max(0, m.index - 20), m.index + 20)) : ''}`).toBeNull();
    }
  });

  it('spells the seed names with their accents', () => {
    const party = doc('party-supplier.json');
    expect(party.people[0].name.surname).toBe('Pérez González');
    expect(doc('facturae-b2b.json').supplier.addresses[0].locality).toBe('Torrejón De La Calzada');
    expect(doc('facturae-credit-note.json').supplier.addresses[0].locality).toBe('Torrejón De La Calzada');
    const face = doc('facturae-face.json');
    expect(face.delivery.receiver.name).toBe('Concejalía de Hacienda');
    expect(face.delivery.receiver.addresses[0].street).toBe('Calle Alcalá');
    expect(face.ordering.buyer.addresses[0].street).toBe('Gran Vía');
    expect(readFileSync(join(SAMPLES_DIR, 'index.json'), 'utf8')).toContain('Álava');
  });
});

describe('samples: seed facts (read from the built output)', () => {
  it('TicketBAI B2C: 25.10 VAT included builds to base 20.74 + VAT 4.36, simplified, goods', () => {
    const d = doc('tbai-b2c.json');
    const rate = vatRate(d);
    expect(rate.base).toBe('20.74');
    expect(rate.amount).toBe('4.36');
    expect(rate.percent).toBe('21.0%');
    expect(d.totals.tax_included).toBe('4.36');
    expect(d.totals.total_with_tax).toBe('25.10');
    expect(d.totals.payable).toBe('25.10');
    expect(d.tax.prices_include).toBe('VAT');
    expect(d.customer).toBeUndefined();
    expect(d.$tags).toContain('simplified');
    expect(d.tax.ext['es-tbai-simplified']).toBe('S');
    expect(d.tax.ext['es-tbai-region']).toBe('BI');
    expect(d.lines[0].taxes[0].ext['es-tbai-product']).toBe('goods');
  });

  it('TicketBAI B2C: the seed as written (no customer, no simplified tag) is rejected by the rules', () => {
    const input = readSample('tbai-b2c.json') as Json;
    delete input.$tags;
    const r = buildSample(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.faults.map((f) => f.code)).toContain('GOBL-ES-TBAI-BILL-INVOICE-03');
  });

  it('TicketBAI B2C: es-tbai-product goods comes from item.key', () => {
    const input = readSample('tbai-b2c.json') as Json;
    expect(input.lines[0].item.key).toBe('goods');
    expect(input.lines[0].item.ext).toBeUndefined();
  });

  it('TicketBAI B2B: region BI, 21% VAT, product services', () => {
    const d = doc('tbai-b2b.json');
    expect(d.$regime).toBe('ES');
    expect(d.tax.ext['es-tbai-region']).toBe('BI');
    const combo = d.lines[0].taxes[0];
    expect(combo).toMatchObject({ cat: 'VAT', key: 'standard', rate: 'general', percent: '21.0%' });
    expect(combo.ext['es-tbai-product']).toBe('services');
    const rate = vatRate(d);
    expect(rate.percent).toBe('21.0%');
    expect(rate.base).toBe('1800.00');
    expect(rate.amount).toBe('378.00');
    expect(rate.ext['es-tbai-product']).toBe('services');
    expect(d.totals.payable).toBe('2178.00');
  });

  it('SII B2B: F1 at 21%', () => {
    const d = doc('sii-b2b.json');
    expect(d.tax.ext['es-sii-doc-type']).toBe('F1');
    expect(vatRate(d).percent).toBe('21.0%');
    expect(vatRate(d).ext['es-sii-regime']).toBe('01');
    expect(siiOperation(vatRate(d))).toBe('S1');
  });

  it('SII reverse charge: the S2 treatment (key reverse-charge, no exemption, no Spanish VAT)', () => {
    const d = doc('sii-reverse-charge.json');
    const rate = vatRate(d);
    expect(rate.key).toBe('reverse-charge');
    expect(siiOperation(rate)).toBe('S2');
    expect(rate.percent).toBeUndefined();
    expect(rate.ext['es-sii-exempt']).toBeUndefined();
    expect(rate.ext['es-sii-regime']).toBe('01');
    expect(rate.ext['es-sii-product']).toBe('services');
    expect(d.totals.tax).toBe('0.00');
    expect(d.tax.ext['es-sii-doc-type']).toBe('F1');
  });

  it('SII intra-community goods: exempt E5 with the regime the rules derive (01, not the seed\'s 02)', () => {
    const d = doc('sii-intra-community.json');
    const rate = vatRate(d);
    expect(rate.key).toBe('intra-community');
    expect(rate.ext['es-sii-exempt']).toBe('E5');
    expect(siiOperation(rate)).toBe('exempt E5');
    expect(rate.ext['es-sii-regime']).toBe('01');
    expect(rate.ext['es-sii-product']).toBe('goods');
    // The sample leaves the regime to the addon (the seed had set 02 by hand).
    expect((readSample('sii-intra-community.json') as Json).lines[0].taxes[0].ext).toBeUndefined();
  });

  it('SII export: exempt E2 and regime 02', () => {
    const rate = vatRate(doc('sii-export.json'));
    expect(rate.key).toBe('export');
    expect(rate.ext['es-sii-exempt']).toBe('E2');
    expect(rate.ext['es-sii-regime']).toBe('02');
  });

  it('SII outside scope: location code', () => {
    const rate = vatRate(doc('sii-outside-scope.json'));
    expect(rate.key).toBe('outside-scope');
    expect(rate.ext['es-sii-outside-scope']).toBe('location');
    expect(rate.ext['es-sii-exempt']).toBeUndefined();
    expect(siiOperation(rate)).toBe('not subject location');
  });

  it('SII exempt: E1', () => {
    const rate = vatRate(doc('sii-exempt-e1.json'));
    expect(rate.key).toBe('exempt');
    expect(rate.ext['es-sii-exempt']).toBe('E1');
    expect(rate.ext['es-sii-regime']).toBe('01');
  });

  it('simplified B2C samples get doc type F2', () => {
    for (const f of ['sii-b2c.json', 'sii-oss.json']) {
      const d = doc(f);
      expect(d.$tags, f).toContain('simplified');
      expect(d.customer, f).toBeUndefined();
      expect(d.tax.ext['es-sii-doc-type'], f).toBe('F2');
    }
    const vf = doc('verifactu-b2c.json');
    expect(vf.$tags).toContain('simplified');
    expect(vf.tax.ext['es-verifactu-doc-type']).toBe('F2');
  });

  it('SII credit note: R1 with correction type I', () => {
    const d = doc('sii-credit-note.json');
    expect(d.type).toBe('credit-note');
    expect(d.tax.ext['es-sii-doc-type']).toBe('R1');
    expect(d.tax.ext['es-sii-correction-type']).toBe('I');
    expect(d.preceding[0]).toMatchObject({ series: 'SAMPLE', code: '004', issue_date: '2025-11-13' });
  });

  it('SII corrective: R1 with correction type S and the original tax totals', () => {
    const d = doc('sii-corrective.json');
    expect(d.type).toBe('corrective');
    expect(d.tax.ext['es-sii-doc-type']).toBe('R1');
    expect(d.tax.ext['es-sii-correction-type']).toBe('S');
    expect(d.preceding[0].tax.categories[0].rates[0]).toMatchObject({ base: '1800.00', percent: '21.0%', amount: '378.00' });
  });

  it('VERI*FACTU B2B: F1, op-class S1, regime 01', () => {
    const d = doc('verifactu-b2b.json');
    expect(d.tax.ext['es-verifactu-doc-type']).toBe('F1');
    const rate = vatRate(d);
    expect(rate.ext).toEqual({ 'es-verifactu-op-class': 'S1', 'es-verifactu-regime': '01' });
    expect(rate.base).toBe('1460.00');
    expect(d.totals.payable).toBe('1766.60');
    expect(d.customer.tax_id.code).toBe('A28137941');
  });

  it('VERI*FACTU B2C: prices with VAT at 21% and 4%, no customer', () => {
    const d = doc('verifactu-b2c.json');
    expect(d.customer).toBeUndefined();
    expect(d.totals.total_with_tax).toBe('61.00');
    expect(vatRate(d, 0)).toMatchObject({ base: '30.58', percent: '21.0%', amount: '6.42' });
    expect(vatRate(d, 1)).toMatchObject({ base: '23.08', percent: '4.0%', amount: '0.92' });
  });

  it('Facturae: FC/OO invoice and FC/OR credit note keep the seed totals', () => {
    for (const [f, cls] of [['facturae-b2b.json', 'OO'], ['facturae-credit-note.json', 'OR']] as const) {
      const d = doc(f);
      expect(d.tax.ext, f).toEqual({ 'es-facturae-doc-type': 'FC', 'es-facturae-invoice-class': cls });
      expect(d.totals.sum, f).toBe('4202.00');
      expect(d.totals.tax, f).toBe('882.42');
      expect(d.totals.payable, f).toBe('5084.42');
    }
    expect(doc('facturae-b2b.json').payment.terms.due_dates[0].amount).toBe('5084.42');
    expect(doc('facturae-credit-note.json').preceding[0].ext['es-facturae-correction']).toBe('01');
  });

  it('Facturae FACe: the three DIR3 administrative centres and the seed total', () => {
    const d = doc('facturae-face.json');
    expect(d.customer.identities[0]).toMatchObject({ scope: 'tax', code: 'L01280796' });
    expect(d.delivery.receiver.identities[0].code).toBe('LA0007407');
    expect(d.ordering.buyer.identities[0].code).toBe('LA0007408');
    expect(d.totals.payable).toBe('4840.00');
    expect(d.payment.terms.due_dates[0].amount).toBe('4840.00');
  });

  it('Party: the supplier builds as an org/party', () => {
    const d = doc('party-supplier.json');
    expect(d.$schema).toBe('https://gobl.org/draft-0/org/party');
    expect(d.name).toBe('Invopop S.L.');
    expect(d.tax_id).toEqual({ country: 'ES', code: 'B85905495' });
  });
});
