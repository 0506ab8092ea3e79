import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { build } from './build.ts';
import { correct, correctionDefinition, correctionOptionsSchema, type CorrectOptions } from './correct.ts';
import { defaultRegistry } from './registry.ts';

type Json = Record<string, any>;
const SAMPLES = join(dirname(fileURLToPath(import.meta.url)), '../samples');
const sample = (name: string, extra: Json = {}): Json => ({ ...JSON.parse(readFileSync(join(SAMPLES, `${name}.json`), 'utf8')), ...extra });

const NOW = Date.UTC(2025, 11, 1, 10, 0, 0);
const OPTS: CorrectOptions = { now: () => NOW, uuid: () => '019ad9b0-0000-7000-8000-000000000001', registry: defaultRegistry };

function corrected(input: unknown, options: unknown): Json {
  const r = correct(input, options, OPTS);
  if (!r.ok) throw new Error(JSON.stringify(r.faults));
  return r.value.document;
}

function built(doc: Json): Json {
  const r = build(doc, { ...OPTS, envelop: false });
  if (!r.ok) throw new Error(JSON.stringify(r.error.faults));
  return r.value as Json;
}

const faultsOf = (input: unknown, options: unknown) => {
  const r = correct(input, options, OPTS);
  return r.ok ? [] : r.faults.map((f) => [f.code, f.paths.join(' ')]);
};

describe('correct: the correcting document', () => {
  it('TicketBAI credit note: the original becomes the preceding reference with the chosen correction code', () => {
    const original = sample('tbai-b2b', { code: '0042' });
    const doc = corrected(original, { type: 'credit-note', reason: 'Returned goods', ext: { 'es-tbai-correction': 'R1' } });
    expect(doc.type).toBe('credit-note');
    expect(doc.preceding).toEqual([
      { uuid: original.uuid, type: 'standard', issue_date: '2025-11-10', series: 'F1', code: '0042', reason: 'Returned goods', ext: { 'es-tbai-correction': 'R1' } },
    ]);
    // A new invoice: no identity of its own yet, same parties and lines to edit.
    expect([doc.uuid, doc.code, doc.issue_date, doc.totals]).toEqual([undefined, undefined, undefined, undefined]);
    expect(doc.series).toBe('F1');
    expect(doc.lines).toEqual(original.lines);
    expect(Object.keys(doc).slice(0, 5)).toEqual(['$schema', '$addons', 'type', 'series', 'preceding']);
    // It builds (issue date today in Madrid), with the same totals as the original.
    const b = built(doc);
    expect(b.issue_date).toBe('2025-12-01');
    expect(b.totals.payable).toBe(built(original).totals.payable);
  });

  it('SII: the doc type moves from the reference to the new invoice and the tax totals are copied', () => {
    const original = sample('sii-b2b', { code: '7' });
    const doc = corrected(original, { type: 'corrective', ext: { 'es-sii-doc-type': 'R4' } });
    expect(doc.tax.ext).toEqual({ 'es-sii-doc-type': 'R4' });
    expect(doc.preceding[0].ext).toBeUndefined();
    expect(doc.preceding[0].tax).toEqual(built(original).totals.taxes);
    const b = built(doc);
    expect(b.tax.ext).toMatchObject({ 'es-sii-doc-type': 'R4', 'es-sii-correction-type': 'S' });
  });

  it('series, issue date and the copy of tax totals can be chosen', () => {
    const doc = corrected(sample('tbai-b2b', { code: '1' }), { type: 'debit-note', series: 'R', issue_date: '2025-12-24', copy_tax: true, ext: { 'es-tbai-correction': 'R2' } });
    expect([doc.type, doc.series, doc.issue_date]).toEqual(['debit-note', 'R', '2025-12-24']);
    expect(doc.preceding[0].tax.sum).toBe(built(sample('tbai-b2b')).totals.taxes.sum);
  });

  it('an envelope is corrected from its document; paths point into it', () => {
    const env = build(sample('verifactu-b2b'), { ...OPTS, headUuid: '019ad9b0-0000-7000-8000-00000000000e' });
    if (!env.ok) throw new Error('sample does not build');
    const doc = corrected(env.value, { type: 'credit-note', ext: { 'es-verifactu-doc-type': 'R1' } });
    expect(doc.preceding[0]).toMatchObject({ series: 'VF2025', code: '000127', type: 'standard' });
    expect(doc.tax.ext['es-verifactu-doc-type']).toBe('R1');
    const noCode = structuredClone(env.value) as Json;
    delete noCode.doc.code;
    expect(faultsOf(noCode, { type: 'credit-note' })).toEqual([['CORRECT-03', '$.doc.code']]);
  });

  it('FacturaE: without the correction reason code the new invoice says where it is missing', () => {
    const doc = corrected(sample('facturae-b2b'), { type: 'credit-note' });
    const r = build(doc, { ...OPTS, envelop: false });
    expect(r.ok).toBe(false);
    expect(r.ok ? [] : r.error.faults.map((f) => f.paths[0])).toContain('$.preceding[0].ext');
    expect(built(corrected(sample('facturae-b2b'), { type: 'credit-note', ext: { 'es-facturae-correction': '01' } })).type).toBe('credit-note');
  });
});

describe('correct: faults say what and where', () => {
  const tbai = sample('tbai-b2b', { code: '1' });
  const cases: [string, unknown, unknown, string[][]][] = [
    ['no code on the original', sample('tbai-b2b'), { type: 'credit-note' }, [['CORRECT-03', '$.code']]],
    ['no type', tbai, {}, [['CORRECT-04', '$options.type']]],
    ['a type the regime does not allow', tbai, { type: 'standard' }, [['CORRECT-04', '$options.type']]],
    ['options that are not an object', tbai, 'credit', [['CORRECT-02', '$options']]],
    ['an extension not offered', tbai, { type: 'credit-note', ext: { 'es-sii-doc-type': 'R1' } }, [['CORRECT-02', '$options.ext.es-sii-doc-type']]],
    ['a code outside the list', tbai, { type: 'credit-note', ext: { 'es-tbai-correction': 'R9' } }, [['CORRECT-02', '$options.ext.es-tbai-correction']]],
    ['a malformed issue date', tbai, { type: 'credit-note', issue_date: '24/12/2025' }, [['CORRECT-02', '$options.issue_date']]],
    ['wrong field types', tbai, { type: 'credit-note', reason: 7, copy_tax: 'yes' }, [['CORRECT-02', '$options.reason'], ['CORRECT-02', '$options.copy_tax']]],
    ['not an invoice', { $schema: 'https://gobl.org/draft-0/note/message', content: 'x' }, { type: 'credit-note' }, [['CORRECT-01', '$.$schema']]],
    ['an original that does not parse', { ...tbai, lines: 'none' }, { type: 'credit-note' }, [['CORRECT-01', '$.lines']]],
  ];
  for (const [name, input, options, expected] of cases) {
    it(name, () => expect(faultsOf(input, options)).toEqual(expected));
  }

  it('a hostile __proto__ extension key is refused and pollutes nothing', () => {
    const options = JSON.parse('{"type":"credit-note","ext":{"__proto__":{"polluted":"yes"}}}');
    expect(faultsOf(tbai, options)).toEqual([['CORRECT-02', '$options.ext.__proto__']]);
    expect(({} as Json).polluted).toBeUndefined();
  });
});

describe('correction options schema', () => {
  it('offers the merged definition of the regime and addons, and validates options', () => {
    const def = correctionDefinition(sample('sii-b2b'), defaultRegistry);
    expect(def).toMatchObject({ types: ['credit-note', 'corrective', 'debit-note'], reasonRequired: false, stamps: [], copyTax: true });
    expect(def.extensions.map((e) => e.key)).toEqual(['es-sii-doc-type']);
    const schema = correctionOptionsSchema(def, 'SAMPLE', 'es');
    expect(schema.properties).toMatchObject({ series: { default: 'SAMPLE' }, copy_tax: { default: true } });
    const types = (schema.properties as Json).type.oneOf.map((o: Json) => o.const);
    expect(types).toEqual(['credit-note', 'corrective', 'debit-note']);
    const validate = new Ajv2020({ strict: false }).compile(schema);
    expect(validate({ type: 'corrective', ext: { 'es-sii-doc-type': 'R4' } })).toBe(true);
    expect(validate({ type: 'corrective', ext: { 'es-sii-doc-type': 'Z9' } })).toBe(false);
    expect(validate({ ext: {} })).toBe(false);
  });

  it('an invoice without addons still gets the regime types and no extensions', () => {
    const def = correctionDefinition({ $schema: 'https://gobl.org/draft-0/bill/invoice', supplier: { tax_id: { country: 'ES' } } }, defaultRegistry);
    expect(def.types).toEqual(['credit-note', 'corrective', 'debit-note']);
    expect(correctionOptionsSchema(def).properties).not.toHaveProperty('ext');
  });
});
