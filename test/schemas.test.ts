/**
 * The generated JSON Schemas (schemas/): committed files match the generator, ajv compiles them,
 * every GOBL example input of a supported type validates, and malformed documents do not.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SCHEMAS_DIR, renderSchemaFiles } from '../scripts/generate-schemas.ts';
import { ENVELOPE_SCHEMA, SCHEMA_BASE, documentTypes } from '../engine/model/documents.ts';
import { EDITOR_KEYWORDS, JSON_SCHEMA_DIALECT, allJsonSchemas, documentJsonSchema } from '../engine/model/json-schema.ts';

const SHARED = resolve(dirname(fileURLToPath(import.meta.url)), '../../shared');
const GOBL = join(SHARED, 'conformance/gobl');
/** GOBL's example inputs: `examples/<country>/` and `note/examples/`, minus the `out/` goldens. */
const EXAMPLE_ROOTS = ['examples', 'note/examples'];

const schemas = allJsonSchemas();
const rendered = renderSchemaFiles();

/** One ajv instance for the whole file: compiling every schema takes a few seconds. */
let shared: ReturnType<typeof makeAjv> | undefined;

function makeAjv() {
  const warnings: string[] = [];
  const log = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, logger: { log, warn: log, error: log } });
  addFormats(ajv);
  for (const k of EDITOR_KEYWORDS) ajv.addKeyword(k);
  for (const s of schemas) ajv.addSchema(s.schema);
  return { ajv, warnings };
}

function validator(id: string) {
  shared ??= makeAjv();
  const v = shared.ajv.getSchema(id);
  if (!v) throw new Error(`no schema ${id}`);
  return v;
}

/** Example inputs, or (`outputs`) the golden envelopes GOBL built from them (`out/`). */
function exampleFiles(outputs = false): string[] {
  if (!existsSync(GOBL)) throw new Error(`../shared not found (looked for ${GOBL}): the GOBL examples in ../shared/conformance/gobl are required`);
  const walk = (dir: string, inOut: boolean): string[] =>
    readdirSync(dir)
      .sort()
      .flatMap((n) => {
        const p = join(dir, n);
        if (statSync(p).isDirectory()) return n === 'out' ? (outputs ? walk(p, true) : []) : walk(p, inOut);
        return /\.(ya?ml|json)$/.test(n) && inOut === outputs ? [p] : [];
      });
  return EXAMPLE_ROOTS.map((r) => join(GOBL, r))
    .filter((d) => existsSync(d))
    .flatMap((d) => walk(d, false));
}

/** Validates each file's document against its schema and the whole file against the envelope schema. */
function validateFiles(files: readonly string[], isEnvelope: (file: string) => boolean): { checked: number; failures: string[] } {
  shared ??= makeAjv();
  const { ajv } = shared;
  const envelope = ajv.getSchema(ENVELOPE_SCHEMA)!;
  const failures: string[] = [];
  let checked = 0;
  for (const file of files) {
    const rel = relative(GOBL, file);
    const data = parse(readFileSync(file, 'utf8'), { schema: 'core' }) as Record<string, any>;
    const doc = isEnvelope(file) ? data?.doc : data;
    const v = typeof doc?.$schema === 'string' ? ajv.getSchema(doc.$schema) : undefined;
    if (!v || doc.$schema === ENVELOPE_SCHEMA) continue; // not a document type we support
    checked++;
    if (!v(doc)) failures.push(`${rel} (${doc.$schema}): ${errorText(v.errors)}`);
    if (!envelope(data)) failures.push(`${rel} (envelope schema): ${errorText(envelope.errors)}`);
  }
  return { checked, failures };
}

const errorText = (errors: unknown): string => JSON.stringify(errors, null, 1).slice(0, 2000);

describe('generated JSON Schemas (schemas/)', () => {
  it('match the committed files byte for byte (run `npm run schemas` after changing models, regimes or addons)', () => {
    const onDisk = existsSync(SCHEMAS_DIR) ? readdirSync(SCHEMAS_DIR).filter((n) => /\.(json|md)$/.test(n)).sort() : [];
    expect(onDisk, 'schemas/ holds other files than the generator writes: run `npm run schemas`').toEqual([...rendered.keys()].sort());
    for (const [name, text] of rendered) {
      const committed = readFileSync(join(SCHEMAS_DIR, name), 'utf8');
      expect(committed === text, `schemas/${name} is out of date: run \`npm run schemas\``).toBe(true);
    }
  });

  it('has one schema per document type plus the envelope, with GOBL ids', () => {
    expect(schemas.map((s) => s.id)).toEqual([...documentTypes.map((t) => `${SCHEMA_BASE}${t.name}`), ENVELOPE_SCHEMA]);
    for (const s of schemas) {
      expect(s.schema.$schema).toBe(JSON_SCHEMA_DIALECT);
      expect(s.schema.$id).toBe(s.id);
    }
  });

  it('compile with ajv (draft 2020-12, strict mode, no warnings)', () => {
    shared ??= makeAjv();
    const { ajv, warnings } = shared;
    for (const s of schemas) expect(ajv.getSchema(s.id), s.id).toBeTypeOf('function');
    expect(warnings).toEqual([]);
  });

  it('describe the main invoice fields and the known values', () => {
    const inv = documentJsonSchema('bill/invoice') as any;
    for (const f of ['type', 'series', 'code', 'issue_date', 'currency', 'supplier', 'customer', 'lines', '$tags', '$addons', 'tax']) {
      expect(inv.properties[f].description, f).toBeTypeOf('string');
    }
    expect(inv.properties.type.anyOf.filter((o: any) => 'const' in o).map((o: any) => o.const)).toEqual(['standard', 'proforma', 'corrective', 'credit-note', 'debit-note', 'other']);
    const tags = inv.properties.$tags.items.anyOf.map((o: any) => o.const);
    expect(tags).toEqual(expect.arrayContaining(['simplified', 'reverse-charge', 'copy', 'travel-agency']));
    const combo = inv.$defs['tax.Combo'].properties;
    expect(combo.cat.anyOf.map((o: any) => o.const)).toEqual(expect.arrayContaining(['VAT', 'IGIC', 'IRPF']));
    expect(combo.rate.anyOf.map((o: any) => o.const)).toEqual(expect.arrayContaining(['general', 'reduced', 'super-reduced', 'pro']));
    expect(combo.key.anyOf.map((o: any) => o.const)).toEqual(expect.arrayContaining(['standard', 'exempt', 'reverse-charge']));
    expect(inv.$defs['org.Item'].properties.price.description).toBeTypeOf('string');
    expect(inv.$defs['bill.Line'].properties.quantity.description).toBeTypeOf('string');
    expect(inv.$defs['bill.Tax'].properties.prices_include.description).toBeTypeOf('string');
  });

  it('name shared objects of models without a GOBL name after the field using them', () => {
    const shared = z.object({ x: z.string().nullish() });
    const schema = z.object({ $schema: z.string().nullish(), first_thing: shared.nullish(), other: z.array(shared).nullish() });
    const out = documentJsonSchema({ name: 'test/doc', schema, prepare: () => undefined }) as any;
    expect(out.$id).toBe(`${SCHEMA_BASE}test/doc`);
    expect(Object.keys(out.$defs)).toEqual(['anon.FirstThing']);
    expect(out.properties.other.items).toEqual({ $ref: '#/$defs/anon.FirstThing' });
    expect(JSON.stringify(out)).not.toContain('__schema');
  });

  it('list every addon and every extension code with its meaning', async () => {
    const { addons } = await import('../engine/addons/index.ts');
    const inv = documentJsonSchema('bill/invoice') as any;
    expect(inv.properties.$addons.items.anyOf.map((o: any) => o.const).filter(Boolean)).toEqual(addons.map((a) => a.key));
    const ext = inv.$defs['tax.Extensions'];
    for (const a of addons) {
      for (const e of a.extensions) {
        const prop = ext.properties[e.key];
        expect(prop, e.key).toBeDefined();
        const consts = prop.anyOf.filter((o: any) => 'const' in o);
        for (const v of e.values ?? []) {
          const c = consts.find((o: any) => o.const === v.code);
          expect(c, `${e.key} ${v.code}`).toBeDefined();
          expect(c.title).toContain(v.code);
          expect(c.markdownDescription).toBeTypeOf('string');
        }
      }
    }
  });

  it('validate every GOBL example input of a supported type (../shared/conformance/gobl)', () => {
    const inputs = exampleFiles();
    expect(inputs.length).toBeGreaterThan(0);
    // GOBL names envelope inputs `.env.`; the others are bare documents.
    const { checked, failures } = validateFiles(inputs, (f) => f.includes('.env.'));
    expect(failures, failures.join('\n\n')).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  });

  it('validate the envelopes GOBL built from them (out/), extension codes included', () => {
    const { checked, failures } = validateFiles(exampleFiles(true), () => true);
    expect(failures, failures.join('\n\n')).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  });

  describe('reject malformed documents', () => {
    const URL = `${SCHEMA_BASE}bill/invoice`;
    const good = {
      $schema: URL,
      currency: 'EUR',
      supplier: { name: 'Provide One S.L.', tax_id: { country: 'ES', code: 'B98602642' } },
      lines: [{ quantity: '2', item: { name: 'Work', price: 10.5 }, taxes: [{ cat: 'VAT', rate: 'general', ext: { 'x-unknown': 'kept' } }] }],
    };
    const bad: Record<string, unknown> = {
      'quantity as an object': { ...good, lines: [{ quantity: { value: 2 } }] },
      'quantity as a boolean': { ...good, lines: [{ quantity: true }] },
      'quantity with a comma': { ...good, lines: [{ quantity: '1,5' }] },
      'lines as an object': { ...good, lines: { quantity: '1' } },
      'taxes as a string': { ...good, lines: [{ quantity: '1', taxes: 'VAT' }] },
      'supplier as a string': { ...good, supplier: 'Provide One' },
      'unknown invoice type': { ...good, type: 'invoice' },
      'unknown currency': { ...good, currency: 'EURO' },
      'impossible date': { ...good, issue_date: '2024-02-30' },
      'ext value not a string': { ...good, tax: { ext: { 'x-unknown': 1 } } },
    };

    it('accepts the well-formed base document, bare and enveloped', () => {
      const v = validator(URL);
      expect(v(good), errorText(v.errors)).toBe(true);
      const env = validator(ENVELOPE_SCHEMA);
      expect(env(good), errorText(env.errors)).toBe(true);
      expect(env({ $schema: ENVELOPE_SCHEMA, head: { uuid: '8a51fd30-2a27-11ee-be56-0242ac120002' }, doc: good }), errorText(env.errors)).toBe(true);
    });

    for (const [name, doc] of Object.entries(bad)) {
      it(name, () => {
        expect(validator(URL)(doc)).toBe(false);
        expect(validator(ENVELOPE_SCHEMA)({ $schema: ENVELOPE_SCHEMA, doc })).toBe(false);
      });
    }

    it('an envelope without a known document schema', () => {
      const env = validator(ENVELOPE_SCHEMA);
      expect(env({ $schema: ENVELOPE_SCHEMA, doc: { $schema: `${SCHEMA_BASE}bill/unknown` } })).toBe(false);
      expect(env({ $schema: ENVELOPE_SCHEMA, head: {} })).toBe(false);
    });
  });
});
