/**
 * `gobl-studio convert --to FORMAT FILE`: builds the document (unless it is already a built
 * envelope) and prints the unsigned XML for TicketBAI, VERI*FACTU, SII or Facturae.
 * `gobl-studio import --from FORMAT FILE`: reads XML back into a GOBL document.
 */
import { randomFillSync } from 'node:crypto';
import { build } from '../../engine/build.ts';
import { uuidSourceFrom } from '../../engine/core/uuid.ts';
import { CONVERT_FORMATS, IMPORT_FORMATS, convert, importXml, type ConvertFormat, type ImportFormat } from '../../engine/convert/index.ts';
import { defaultRegistry } from '../../engine/registry.ts';
import type { Fault } from '../../engine/core/fault.ts';
import { EXIT, type Command } from '../command.ts';
import { UsageError, errorDocument, looksLikeYaml, parseJson, parseYaml, readSource, write, type Io } from '../io.ts';

const ZONES = ['BI', 'SS', 'VI'] as const;

async function failFaults(io: Io, key: 'input' | 'validation', message: string, faults: readonly Fault[]): Promise<number> {
  await write(io.stdout, `${JSON.stringify(errorDocument({ key, message, faults }), null, 2)}\n`);
  return EXIT.faults;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A built envelope (it has a digest) is converted as it is; anything else is built first. */
function envelopeFrom(value: unknown, now: number): { ok: true; envelope: unknown } | { ok: false; faults: readonly Fault[]; message: string } {
  if (isObject(value) && isObject(value.head) && isObject(value.head.dig) && isObject(value.doc)) return { ok: true, envelope: value };
  const r = build(value, {
    now: () => now,
    uuid: uuidSourceFrom(() => now, (n) => randomFillSync(new Uint8Array(n))),
    registry: defaultRegistry,
  });
  return r.ok ? { ok: true, envelope: r.value } : { ok: false, faults: r.error.faults, message: r.error.message };
}

export const convertCommand: Command = {
  name: 'convert',
  summary: 'Print the unsigned XML of a document for TicketBAI, VERI*FACTU, SII or Facturae',
  synopsis: '--to FORMAT [FILE|-]',
  description: `Builds the GOBL document in FILE (a built envelope is used as it is) and prints the XML
for FORMAT: ${CONVERT_FORMATS.join(', ')}. The XML is unsigned: signing is the proxy's job.
TicketBAI and VERI*FACTU record the conversion time (--now, default: the clock) and the link to the
previous record of the chain (--prev, JSON: TicketBAI {"series","code","issueDate","signature"},
VERI*FACTU {"issuerNif","seriesCode","issueDate","huella"}). A TicketBAI cancel names the alta by its
expedition date: from the envelope's tbai-code stamp, or --alta-date. --legacy reproduces the reference
converters' known numeric differences (TicketBAI line totals of GOBL v0.403; Facturae InvoiceTotal
without withheld IRPF) to compare with their output. Faults print {"error":{...}} and exit 1.`,
  options: [
    { name: 'to', type: 'string', value: 'FORMAT', description: `One of ${CONVERT_FORMATS.join(', ')}` },
    { name: 'zone', type: 'string', value: 'ZONE', description: 'TicketBAI province: BI, SS or VI (default: from the document)' },
    { name: 'now', type: 'string', value: 'ISO-8601', description: 'Conversion time, e.g. 2025-01-31T10:00:00Z' },
    { name: 'prev', type: 'string', value: 'JSON', description: 'Previous chain link as JSON' },
    { name: 'alta-date', type: 'string', value: 'DATE', description: 'TicketBAI cancel: expedition date of the alta (dd-mm-yyyy)' },
    { name: 'legacy', type: 'boolean', description: "Reproduce the reference converters' known differences" },
    { name: 'yaml', type: 'boolean', description: 'Read the input as YAML' },
  ],
  maxArgs: 1,
  run: async ({ args, options, io }) => {
    const to = options.to;
    if (typeof to !== 'string' || !(CONVERT_FORMATS as readonly string[]).includes(to)) {
      throw new UsageError(`--to must be one of ${CONVERT_FORMATS.join(', ')}`, 'convert');
    }
    const zone = options.zone;
    if (zone !== undefined && !(ZONES as readonly unknown[]).includes(zone)) throw new UsageError(`--zone must be one of ${ZONES.join(', ')}`, 'convert');
    const nowText = typeof options.now === 'string' ? options.now : new Date().toISOString();
    const nowMs = Date.parse(nowText);
    if (Number.isNaN(nowMs)) throw new UsageError(`--now: ${JSON.stringify(nowText)} is not an ISO-8601 time`, 'convert');
    let previous: unknown;
    if (typeof options.prev === 'string') {
      try {
        previous = JSON.parse(options.prev);
      } catch {
        throw new UsageError('--prev must be JSON, e.g. {"code":"F-1","issueDate":"01-01-2025","signature":"..."}', 'convert');
      }
    }
    const text = await readSource(args[0], io);
    if (!text.ok) return failFaults(io, 'input', text.error.message, text.error.faults);
    const parsed = options.yaml || looksLikeYaml(args[0]) ? parseYaml(text.text) : parseJson(text.text);
    if (!parsed.ok) return failFaults(io, 'input', parsed.error.message, parsed.error.faults);
    const env = envelopeFrom(parsed.value, nowMs);
    if (!env.ok) return failFaults(io, 'validation', env.message, env.faults);
    const xml = convert(env.envelope, to as ConvertFormat, {
      now: nowText,
      zone: zone as (typeof ZONES)[number] | undefined,
      previous: previous as never,
      legacy: options.legacy === true,
      altaDate: typeof options['alta-date'] === 'string' ? options['alta-date'] : undefined,
    });
    if (!xml.ok) return failFaults(io, 'validation', `cannot convert to ${to}`, xml.faults);
    await write(io.stdout, xml.value.endsWith('\n') ? xml.value : `${xml.value}\n`);
    return EXIT.ok;
  },
};

export const importCommand: Command = {
  name: 'import',
  summary: 'Read TicketBAI, VERI*FACTU or Facturae XML back into a GOBL document',
  synopsis: '[--from FORMAT] [FILE|-]',
  description: `Parses the XML in FILE and prints a minimal GOBL invoice (JSON) that builds to the same
totals. The format is detected from the root element unless --from (${IMPORT_FORMATS.join(', ')}) is given.
Malformed or foreign XML prints {"error":{...}} and exits 1.`,
  options: [{ name: 'from', type: 'string', value: 'FORMAT', description: `One of ${IMPORT_FORMATS.join(', ')}` }],
  maxArgs: 1,
  run: async ({ args, options, io }) => {
    const from = options.from;
    if (from !== undefined && !(IMPORT_FORMATS as readonly unknown[]).includes(from)) {
      throw new UsageError(`--from must be one of ${IMPORT_FORMATS.join(', ')}`, 'import');
    }
    const text = await readSource(args[0], io);
    if (!text.ok) return failFaults(io, 'input', text.error.message, text.error.faults);
    const r = importXml(text.text, from as ImportFormat | undefined);
    if (!r.ok) return failFaults(io, 'input', 'cannot import the XML', r.faults);
    await write(io.stdout, `${JSON.stringify(r.value.document, null, 2)}\n`);
    return EXIT.ok;
  },
};
