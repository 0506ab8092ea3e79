/**
 * Every XML the converters produce, for every studio sample (samples/index.json) and every GOBL
 * conformance input with a Spanish addon (../shared/conformance/gobl/examples/es), validates
 * against the official XSDs in ../shared/reference/xsd (issue 4, "Must show" 1).
 *
 * Each input is built deterministically (samples like scripts/update-samples.ts, conformance
 * inputs like test/conformance/harness.ts runCase) and converted to the formats of its addon with
 * fixed options (conversion time NOW, software TEST_SOFTWARE):
 *   es-tbai-v1      → ticketbai (alta) and ticketbai-cancel (AnulaTicketBai)
 *   es-verifactu-v1 → verifactu (RegistroAlta) and verifactu-cancel (RegistroAnulacion), SOAP
 *   es-sii-v1       → sii (issued), the issued-book cancellation (BajaLR…, what the proxy sends)
 *                     and sii-received when the customer has a Spanish tax ID (the customer's
 *                     received book: only meaningful for a Spanish B2B customer)
 *   es-facturae-v3  → facturae
 * One test per (input, format), so a failure names both.
 *
 * How each output is validated:
 *   - TicketBAI: ticketBaiV1-2-2.xsd (alta; the current revision of IDVersionTBAI 1.2, which
 *     adds e.g. Causa IE that the original 1.2 schema lacks), Anula_ticketBaiV1-2.xsd (cancel).
 *     The schemas require ds:Signature, which a signer adds after conversion, so a signed public
 *     fixture's own ds:Signature is grafted onto our document (as ticketbai.test.ts does). The cancellation identifies the alta through the envelope's `tbai-code` stamp, made
 *     from the supplier NIF, the alta's FechaExpedicionFactura and that fixture's SignatureValue;
 *   - SOAP outputs (VERI*FACTU, SII): the whole envelope against the wrapper schema AND the
 *     message inside soapenv:Body extracted into its own document, strictly against
 *     SuministroLR.xsd (the wrappers' Body is lax), as verifactu.test.ts and sii.test.ts do;
 *   - Facturae: Facturaev3_2_2.xsd (ds:Signature is optional there).
 *
 * Inputs a converter refuses with a documented precondition fault are listed in EXPECTED_FAULTS
 * with the fault code and why; the test then asserts exactly that fault (so a converter that
 * starts accepting the input makes the test fail and the list is revisited). Those refused for
 * missing customer data are also run with the customer completed (named and addressed).
 */
import { describe, expect, it } from 'vitest';
import type { BuildResult } from '../../engine/build.ts';
import { TEST_SOFTWARE, convert, type ConvertFormat, type ConvertResult } from '../../engine/convert/index.ts';
import { siiSoapEnvelope, toSiiCancelIssued } from '../../engine/convert/sii/index.ts';
import { STAMP_TBAI_CODE, tbaiIdentifier } from '../../engine/convert/ticketbai/index.ts';
import { describeFaults, readIndex, readSample } from '../../scripts/update-samples.ts';
import { CUSTOMER_COMPLETED, EXAMPLES_DIR, buildExample, buildSampleInput, completeCustomer, readExample, xmlExamples } from '../support/convert-inputs.ts';
import { firstText, graftSignature, soapBodyDocument, tbaiFixtureSignature } from '../support/convert-xml.ts';
import { SCHEMAS, validateWithXsd } from '../support/xsd.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Fixed conversion options: the conversion time and the software identity. */
const NOW = '2025-11-20T12:00:00Z';
/** NOW in Europe/Madrid: the TicketBAI alta's FechaExpedicionFactura, which its cancellation names. */
const NOW_MADRID_DATE = '20-11-2025';
const SOFTWARE = TEST_SOFTWARE;

type Output = ConvertFormat | 'sii-cancel';

const ADDON_OUTPUTS: Readonly<Record<string, readonly Output[]>> = {
  'es-tbai-v1': ['ticketbai', 'ticketbai-cancel'],
  'es-verifactu-v1': ['verifactu', 'verifactu-cancel'],
  'es-sii-v1': ['sii', 'sii-cancel', 'sii-received'],
  'es-facturae-v3': ['facturae'],
};

interface ExpectedFault {
  readonly code: string;
  readonly why: string;
  /** The fault is missing customer data: the input is also converted with it filled in. */
  readonly customer?: boolean;
}

const FACTURAE_UNNAMED_PERSON: ExpectedFault = {
  code: 'CONVERT-FACTURAE-04',
  customer: true,
  why: "customer 54387763P is a natural person (DNI) with no people[0] given name and surname and no address; FacturaE's IndividualType requires Name, FirstSurname and an address",
};

/**
 * (input, output) pairs the converter refuses by design, with the fault it must give (a clear
 * fault for a documented precondition: the data the official schema requires is not in the
 * input). Keys are `<input name> → <output>`.
 */
const EXPECTED_FAULTS: Readonly<Record<string, ExpectedFault>> = {
  'examples/es/invoice-es-bypass.json → facturae': {
    code: 'CONVERT-FACTURAE-06',
    why: "tagged 'bypass': the engine does not calculate its totals, and FacturaE needs them",
  },
  'examples/es/invoice-es-es-breakdown.yaml → facturae': FACTURAE_UNNAMED_PERSON,
  'examples/es/invoice-es-es-item-negative.yaml → facturae': FACTURAE_UNNAMED_PERSON,
  'examples/es/invoice-es-es-only-charges.yaml → facturae': FACTURAE_UNNAMED_PERSON,
  'examples/es/invoice-es-es.yaml → facturae': FACTURAE_UNNAMED_PERSON,
  'examples/es/invoice-es-igic.yaml → facturae': FACTURAE_UNNAMED_PERSON,
  'examples/es/invoice-es-es-only-charges.yaml (customer named and addressed) → facturae': {
    code: 'CONVERT-FACTURAE-04',
    why: 'no lines, only a document charge: FacturaE requires at least one Items/InvoiceLine (GeneralSurcharges alone are not an invoice)',
  },
  'examples/es/invoice-es-es-tbai-simplified.yaml → ticketbai': {
    code: 'CONVERT-TBAI-10',
    customer: true,
    why: "Gipuzkoa (SS) requires the customer's address (CodigoPostal, Direccion) and the customer has none",
  },
};

// -- inputs ------------------------------------------------------------------------------------

interface Input {
  /** `samples/<file>` or `examples/es/<file>`. */
  readonly name: string;
  readonly addon: string;
  /** The input document as read (for which outputs apply). */
  readonly doc: Json;
  readonly build: () => BuildResult;
}

const SAMPLE_INPUTS: Input[] = readIndex()
  .filter((s) => s.addon !== undefined && ADDON_OUTPUTS[s.addon])
  .map((s) => ({
    name: `samples/${s.file}`,
    addon: s.addon!,
    doc: readSample(s.file) as Json,
    // Unnumbered samples get code F000001 (issue workflows assign numbers; see sampleInput).
    build: () => buildSampleInput(s.file),
  }));

/**
 * The inputs refused in EXPECTED_FAULTS for missing customer data are also converted with that
 * data filled in (completeCustomer: a named natural person with a Spanish address), so the rest of
 * each document (charges, negative lines, IGIC, breakdowns) is still converted and validated.
 */
const CONFORMANCE_INPUTS: Input[] = xmlExamples().flatMap(({ file, addon }) => {
  const name = `${EXAMPLES_DIR}/${file}`;
  const input = readExample(file);
  const inputs: Input[] = [{ name, addon, doc: (input.doc ?? input) as Json, build: () => buildExample(readExample(file)) }];
  if (ADDON_OUTPUTS[addon].some((o) => EXPECTED_FAULTS[`${name} → ${o}`]?.customer)) {
    const completed = completeCustomer(readExample(file));
    inputs.push({ name: `${name} (${CUSTOMER_COMPLETED})`, addon, doc: (completed.doc ?? completed) as Json, build: () => buildExample(completeCustomer(readExample(file))) });
  }
  return inputs;
});

const built = new Map<string, Json>();
function envelopeOf(input: Input): Json {
  let env = built.get(input.name);
  if (!env) {
    const r = input.build();
    if (!r.ok) throw new Error(`${input.name} does not build: ${describeFaults(r)}`);
    env = JSON.parse(JSON.stringify(r.value)) as Json;
    built.set(input.name, env);
  }
  return env;
}

// -- conversion and validation -----------------------------------------------------------------

interface Doc {
  readonly schema: string;
  readonly name: string;
  readonly xml: string;
}

const faultText = (r: ConvertResult<string>): string => (r.ok ? '' : r.faults.map((f) => `${f.code} ${f.paths.join(',')}: ${f.message}`).join('; '));

function run(env: Json, output: Output): ConvertResult<string> {
  switch (output) {
    case 'sii-cancel': {
      const body = toSiiCancelIssued([env]);
      return body.ok ? siiSoapEnvelope(body.value) : body;
    }
    case 'ticketbai-cancel': {
      // The cancellation names the alta by NIF, number and FechaExpedicionFactura (the alta's
      // conversion date): issuing stamps the signed alta's TicketBAI identifier on the envelope,
      // made here from the supplier NIF, NOW's date and the fixture's SignatureValue.
      const id = tbaiIdentifier({ nif: env.doc.supplier?.tax_id?.code ?? '', issueDate: NOW_MADRID_DATE, signatureValue: tbaiFixtureSignature().value });
      if (!id.ok) return id;
      const stamped = { ...env, head: { ...env.head, stamps: [...(env.head.stamps ?? []), { prv: STAMP_TBAI_CODE, val: id.value }] } };
      return convert(stamped, 'ticketbai-cancel', { now: NOW, software: SOFTWARE });
    }
    default:
      return convert(env, output, { now: NOW, software: SOFTWARE });
  }
}

/** The documents to validate for one output, each with its schema. */
function documents(output: Output, name: string, xml: string): Doc[] {
  const signature = () => tbaiFixtureSignature().element;
  switch (output) {
    case 'ticketbai':
      // ticketBaiV1-2-2.xsd, the current revision of IDVersionTBAI 1.2 (stricter than 1.2 except
      // that it adds values such as Causa IE, foreign VAT on not-subject operations, which the
      // original 1.2 schema does not list).
      return [{ schema: SCHEMAS.ticketbai, name, xml: graftSignature(xml, 'T:TicketBai', signature()) }];
    case 'ticketbai-cancel':
      return [{ schema: SCHEMAS.ticketbaiCancel, name, xml: graftSignature(xml, 'T:AnulaTicketBai', signature()) }];
    case 'verifactu':
    case 'verifactu-cancel':
      return [
        { schema: SCHEMAS.verifactuSoap, name: `${name} (SOAP envelope)`, xml },
        { schema: SCHEMAS.verifactu, name: `${name} (body)`, xml: soapBodyDocument(xml) },
      ];
    case 'sii':
    case 'sii-cancel':
    case 'sii-received':
      return [
        { schema: SCHEMAS.siiSoap, name: `${name} (SOAP envelope)`, xml },
        { schema: SCHEMAS.sii, name: `${name} (body)`, xml: soapBodyDocument(xml) },
      ];
    case 'facturae':
      return [{ schema: SCHEMAS.facturae, name, xml }];
  }
}

/** sii-received is the customer's received book: only for a customer with a Spanish tax ID. */
function applies(input: Input, output: Output): boolean {
  if (output !== 'sii-received') return true;
  const tax = input.doc.customer?.tax_id;
  return tax?.country === 'ES' && typeof tax.code === 'string' && tax.code !== '';
}

// -- tests -------------------------------------------------------------------------------------

const INPUTS = [...SAMPLE_INPUTS, ...CONFORMANCE_INPUTS];

describe('every produced XML validates against the official XSDs', () => {
  it('covers every ES-addon sample and conformance input', () => {
    expect(SAMPLE_INPUTS.length).toBe(readIndex().filter((s) => s.scenario !== 'Party').length);
    expect(CONFORMANCE_INPUTS.length).toBeGreaterThan(20);
    for (const addon of Object.keys(ADDON_OUTPUTS)) expect(INPUTS.some((i) => i.addon === addon), addon).toBe(true);
  });

  for (const input of INPUTS) {
    for (const output of ADDON_OUTPUTS[input.addon].filter((o) => applies(input, o))) {
      const key = `${input.name} → ${output}`;
      const expected = EXPECTED_FAULTS[key];
      it(expected ? `${key}: refused with ${expected.code} (${expected.why})` : key, () => {
        const env = envelopeOf(input);
        const r = run(env, output);
        if (expected) {
          expect(r.ok, 'the converter now accepts this input: drop it from EXPECTED_FAULTS').toBe(false);
          if (!r.ok) expect(r.faults.map((f) => f.code)).toContain(expected.code);
          return;
        }
        expect(r.ok, faultText(r)).toBe(true);
        if (!r.ok) return;
        if (output.startsWith('ticketbai')) expect(firstText(r.value, 'FechaExpedicionFactura')).toBe(NOW_MADRID_DATE);
        for (const d of documents(output, key, r.value)) {
          const [res] = validateWithXsd(d.schema, [{ name: d.name, xml: d.xml }]);
          expect(res.errors, `${d.name} against ${d.schema}`).toBe('');
          expect(res.valid).toBe(true);
        }
      });
    }
  }

  it('EXPECTED_FAULTS names only pairs that exist', () => {
    const keys = new Set(INPUTS.flatMap((i) => ADDON_OUTPUTS[i.addon].filter((o) => applies(i, o)).map((o) => `${i.name} → ${o}`)));
    for (const k of Object.keys(EXPECTED_FAULTS)) expect(keys.has(k), k).toBe(true);
  });
});

describe('the validation is effective', () => {
  const sample = SAMPLE_INPUTS.find((i) => i.name === 'samples/verifactu-b2b.json')!;

  it('a SOAP body in a misspelt namespace passes the lax envelope schema but not the strict body check', () => {
    const r = run(envelopeOf(sample), 'verifactu');
    if (!r.ok) throw new Error(faultText(r));
    const broken = r.value.replace('/tike/cont/ws/SuministroLR.xsd"', '/tike/cont/ws/SuministroLr.xsd"');
    expect(broken).not.toBe(r.value);
    const [envelope, body] = documents('verifactu', 'broken', broken).map((d) => validateWithXsd(d.schema, [d])[0]);
    expect(envelope.errors).toBe('');
    expect(body.valid).toBe(false);
  });

  it('a SOAP body missing a required element is rejected', () => {
    const r = run(envelopeOf(sample), 'verifactu');
    if (!r.ok) throw new Error(faultText(r));
    const broken = r.value.replace(/\s*<sum1:DescripcionOperacion>[^<]*<\/sum1:DescripcionOperacion>/, '');
    expect(broken).not.toBe(r.value);
    for (const d of documents('verifactu', 'broken', broken)) expect(validateWithXsd(d.schema, [d])[0].errors, d.name).toContain('DescripcionOperacion');
  });

  it('an unsigned TicketBAI alta is rejected (the grafted signature is what makes it valid)', () => {
    const r = run(envelopeOf(SAMPLE_INPUTS.find((i) => i.name === 'samples/tbai-b2b.json')!), 'ticketbai');
    if (!r.ok) throw new Error(faultText(r));
    expect(validateWithXsd(SCHEMAS.ticketbai, [{ name: 'unsigned', xml: r.value }])[0].valid).toBe(false);
  });
});
