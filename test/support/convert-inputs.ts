/**
 * The inputs the converter-wide tests (test/convert/all-outputs.test.ts, round-trip.test.ts) run
 * on, built deterministically: the studio samples as scripts/update-samples.ts builds them, and
 * GOBL's Spanish conformance examples as test/conformance/harness.ts runCase builds them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { build, type BuildResult } from '../../engine/build.ts';
import { buildSample, readSample } from '../../scripts/update-samples.ts';
import { GOBL_DIR, TEST_UUID, conformanceRegistry, requireShared } from '../conformance/harness.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The addons with an XML form. */
export const XML_ADDONS = ['es-tbai-v1', 'es-verifactu-v1', 'es-sii-v1', 'es-facturae-v3'] as const;

/**
 * A sample's input. The samples leave the invoice number to the issue workflows, which assign
 * one when the document is issued; the converters require it, so an unnumbered sample gets
 * code F000001.
 */
export function sampleInput(file: string): Json {
  const input = readSample(file) as Json;
  if (input.code === undefined) input.code = 'F000001';
  return input;
}

export function buildSampleInput(file: string): BuildResult {
  return buildSample(sampleInput(file));
}

export const EXAMPLES_DIR = 'examples/es';

/** Read like the conformance harness (YAML 1.2 core schema; JSON is YAML). */
export function readExample(file: string): Json {
  requireShared();
  return parseYaml(readFileSync(join(GOBL_DIR, EXAMPLES_DIR, file), 'utf8'), { schema: 'core', intAsBigInt: false });
}

/** As test/conformance/harness.ts runCase builds them. */
export function buildExample(input: Json): BuildResult {
  let n = 0;
  return build(input, {
    now: () => Date.UTC(2024, 0, 1),
    uuid: () => `0190c2f0-0000-7000-8000-${String(++n).padStart(12, '0')}`,
    registry: conformanceRegistry(),
    headUuid: TEST_UUID,
  });
}

export interface Example {
  readonly file: string;
  /** The first of XML_ADDONS the input uses. */
  readonly addon: (typeof XML_ADDONS)[number];
}

/** Every examples/es input (YAML or JSON, document or envelope) that uses an addon with an XML form. */
export function xmlExamples(): Example[] {
  requireShared();
  return readdirSync(join(GOBL_DIR, EXAMPLES_DIR))
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .flatMap((file) => {
      const input = readExample(file);
      const addons = (input.$addons ?? input.doc?.$addons ?? []) as string[];
      const addon = XML_ADDONS.find((a) => addons.includes(a));
      return addon ? [{ file, addon }] : [];
    });
}

/**
 * Fills in what some examples' customer lacks for FacturaE (a natural person's name parts and an
 * address) and Gipuzkoa TicketBAI (an address): a named person with a Spanish address.
 */
export const CUSTOMER_COMPLETED = 'customer named and addressed';
export function completeCustomer(input: Json): Json {
  const doc = (input.doc ?? input) as Json;
  doc.customer.people = [{ name: { given: 'Sample', surname: 'Consumer' } }];
  doc.customer.addresses = [{ num: '1', street: 'Calle Mayor', locality: 'Donostia', region: 'Gipuzkoa', code: '20003', country: 'ES' }];
  return input;
}
