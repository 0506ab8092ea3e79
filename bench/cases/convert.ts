/**
 * Conversion cases: XML documents per second for each format, on the format's B2B sample.
 *
 *   convert: convert(envelope, format, { now, software }) of an envelope built once in setup
 *            (samples/<format>-b2b.json, code F000001 where the sample has none, as the issue
 *            workflows assign it). TicketBAI: the unsigned alta; VERI*FACTU: the RegistroAlta
 *            with its huella, in the SOAP request; SII: SuministroLRFacturasEmitidas in its
 *            SOAP envelope; Facturae: the unsigned 3.2.2 document.
 *            baseline: JSON.stringify(envelope) — serialising the same envelope as JSON.
 *   import:  that XML back to a GOBL invoice (fromTicketBai with the province, importXml for
 *            VERI*FACTU and Facturae; SII has no importer).
 *            baseline: new XMLParser().parse(xml) — a plain parse of the same XML text.
 */
import { XMLParser } from 'fast-xml-parser';
import { TEST_SOFTWARE, convert, importXml, type ConvertFormat, type ImportFormat } from '../../engine/convert/index.ts';
import { fromTicketBai, type TbaiZone } from '../../engine/convert/ticketbai/index.ts';
import { buildSample, describeFaults, readSample } from '../../scripts/update-samples.ts';
import { NotReady, type BenchCase } from '../case.ts';

type Json = Record<string, any>;

const NOW = '2025-11-20T12:00:00Z';
const NOT_CONVERTIBLE = 'not convertible yet';

interface Format {
  readonly label: string;
  readonly sample: string;
  readonly format: ConvertFormat;
  /** Which importer reads it back (none for SII). */
  readonly importer?: ImportFormat;
}

const FORMATS: readonly Format[] = [
  { label: 'TicketBAI', sample: 'tbai-b2b.json', format: 'ticketbai', importer: 'ticketbai' },
  { label: 'VERI*FACTU', sample: 'verifactu-b2b.json', format: 'verifactu', importer: 'verifactu' },
  { label: 'SII', sample: 'sii-b2b.json', format: 'sii' },
  { label: 'Facturae', sample: 'facturae-b2b.json', format: 'facturae', importer: 'facturae' },
];

interface State {
  readonly envelope: Json;
  readonly xml: string;
  readonly zone?: TbaiZone;
}

/** Builds the sample (untimed) and checks it converts. */
function prepare(f: Format): State {
  const input = readSample(f.sample) as Json;
  if (input.code === undefined) input.code = 'F000001';
  const built = buildSample(input);
  if (!built.ok) throw new NotReady(`${f.sample}: ${describeFaults(built)}`, 'not buildable yet');
  const envelope = built.value as Json;
  const xml = convertOnce(f.format, envelope);
  return { envelope, xml, zone: envelope.doc?.tax?.ext?.['es-tbai-region'] };
}

function convertOnce(format: ConvertFormat, envelope: Json): string {
  const r = convert(envelope, format, { now: NOW, software: TEST_SOFTWARE });
  if (!r.ok) throw new NotReady(r.faults.map((x) => `${x.code} ${x.paths.join(',')}: ${x.message}`).join('; '), NOT_CONVERTIBLE);
  return r.value;
}

function importOnce(importer: ImportFormat, s: State): unknown {
  const r = importer === 'ticketbai' ? fromTicketBai(s.xml, { zone: s.zone }) : importXml(s.xml, importer);
  if (!r.ok) throw new Error(`import failed: ${r.faults.map((x) => `${x.code} ${x.message}`).join('; ')}`);
  return r.value;
}

const xmlParser = new XMLParser({ ignoreAttributes: false });

export const cases: BenchCase<State>[] = [
  ...FORMATS.map(
    (f): BenchCase<State> => ({
      name: `convert: ${f.label} B2B`,
      note: `samples/${f.sample} → ${f.format} XML (built envelope; now and software fixed); baseline JSON.stringify(envelope)`,
      setup: () => prepare(f),
      run: (s) => convertOnce(f.format, s.envelope),
      baseline: (s) => JSON.stringify(s.envelope),
      baselineLabel: 'JSON.stringify',
    }),
  ),
  ...FORMATS.filter((f) => f.importer).map(
    (f): BenchCase<State> => ({
      name: `convert import: ${f.label} B2B`,
      note: `${f.format} XML of samples/${f.sample} → GOBL invoice${f.importer === 'ticketbai' ? ' (fromTicketBai with the province)' : ' (importXml)'}; baseline fast-xml-parser parse of the same XML${f.label === 'Facturae' ? ' (SII has no importer)' : ''}`,
      setup: () => {
        const s = prepare(f);
        importOnce(f.importer!, s);
        return s;
      },
      run: (s) => importOnce(f.importer!, s),
      baseline: (s) => xmlParser.parse(s.xml),
      baselineLabel: 'XML parse',
    }),
  ),
];
