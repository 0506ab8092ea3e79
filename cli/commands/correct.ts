/**
 * `gobl-studio correct`: a credit note, corrective or debit note for an issued invoice, GOBL's
 * `gobl correct`. The correcting document is built and printed as an envelope (or, with --draft,
 * printed as the unbuilt document to edit further).
 */
import { randomFillSync } from 'node:crypto';
import { build } from '../../engine/build.ts';
import { correct, correctionOptionsSchemaFor } from '../../engine/correct.ts';
import { uuidSourceFrom } from '../../engine/core/uuid.ts';
import { defaultRegistry } from '../../engine/registry.ts';
import { EXIT, type Command, type OptionValues } from '../command.ts';
import { UsageError, errorDocument, looksLikeYaml, parseJson, parseYaml, readSource, write, type Io } from '../io.ts';

const description = `Reads an issued invoice (or its envelope) from FILE and prints the invoice that corrects
it: the original becomes its preceding reference, and its parties and lines are kept for you to
adjust. The correction options are GOBL's: {"type","series","issue_date","reason","ext","stamps",
"copy_tax"}, given as --options JSON or with the shortcuts below (shortcuts win). Which types and
extensions are allowed comes from the regime and addons: --schema prints them as a JSON Schema.

The correction is built and validated like \`build\` does; faults (of the options, or of the new
invoice, e.g. a missing es-tbai-correction code) print {"error":{...}} and exit 1. --draft prints the
correcting document before building, to edit it further.`;

const TYPE_FLAGS = { credit: 'credit-note', corrective: 'corrective', debit: 'debit-note' } as const;

function optionsFrom(options: OptionValues): Record<string, unknown> {
  let base: Record<string, unknown> = {};
  if (typeof options.options === 'string') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(options.options);
    } catch {
      throw new UsageError('--options must be JSON, e.g. {"type":"credit-note","reason":"Returned goods"}', 'correct');
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new UsageError('--options must be a JSON object', 'correct');
    base = parsed as Record<string, unknown>;
  }
  const flags = (Object.keys(TYPE_FLAGS) as (keyof typeof TYPE_FLAGS)[]).filter((k) => options[k] === true);
  if (flags.length > 1) throw new UsageError(`choose one of --${flags.join(', --')}`, 'correct');
  const out: Record<string, unknown> = { ...base };
  if (flags[0]) out.type = TYPE_FLAGS[flags[0]];
  for (const [flag, field] of [['reason', 'reason'], ['series', 'series'], ['date', 'issue_date']] as const) {
    if (typeof options[flag] === 'string') out[field] = options[flag];
  }
  if (typeof options.ext === 'string') {
    const ext: Record<string, string> = {};
    for (const pair of options.ext.split(',')) {
      const m = /^\s*([a-z0-9-]+)\s*=\s*(\S+)\s*$/.exec(pair);
      if (!m) throw new UsageError(`--ext: ${JSON.stringify(pair)} is not key=code, e.g. es-tbai-correction=R1`, 'correct');
      ext[m[1]!] = m[2]!;
    }
    out.ext = { ...(typeof base.ext === 'object' && base.ext !== null ? base.ext : {}), ...ext };
  }
  return out;
}

async function print(io: Io, value: unknown): Promise<number> {
  await write(io.stdout, `${JSON.stringify(value, null, 2)}\n`);
  return EXIT.ok;
}

export const correctCommand: Command = {
  name: 'correct',
  summary: 'Make the credit note, corrective or debit note of an issued invoice',
  synopsis: '[--credit|--corrective|--debit] [FILE|-]',
  description,
  options: [
    { name: 'credit', type: 'boolean', description: 'type credit-note' },
    { name: 'corrective', type: 'boolean', description: 'type corrective' },
    { name: 'debit', type: 'boolean', description: 'type debit-note' },
    { name: 'reason', type: 'string', value: 'TEXT', description: 'Why the invoice is corrected' },
    { name: 'series', type: 'string', value: 'SERIES', description: 'Series of the correcting invoice' },
    { name: 'date', type: 'string', value: 'YYYY-MM-DD', description: 'Issue date of the correcting invoice (default: today)' },
    { name: 'ext', type: 'string', value: 'KEY=CODE[,…]', description: 'Extension codes for the reference, e.g. es-tbai-correction=R1' },
    { name: 'options', type: 'string', value: 'JSON', description: 'All correction options as JSON' },
    { name: 'schema', type: 'boolean', description: 'Print the JSON Schema of the options for this invoice' },
    { name: 'draft', type: 'boolean', description: 'Print the correcting document without building it' },
    { name: 'yaml', type: 'boolean', description: 'Read the input as YAML' },
  ],
  maxArgs: 1,
  run: async ({ args, options, io }) => {
    const correctionOptions = optionsFrom(options);
    const text = await readSource(args[0], io);
    if (!text.ok) return print(io, errorDocument(text.error)).then(() => EXIT.faults);
    const parsed = options.yaml || looksLikeYaml(args[0]) ? parseYaml(text.text) : parseJson(text.text);
    if (!parsed.ok) return print(io, errorDocument(parsed.error)).then(() => EXIT.faults);
    const now = () => Date.now();
    const uuid = uuidSourceFrom(now, (n) => randomFillSync(new Uint8Array(n)));
    if (options.schema) return print(io, correctionOptionsSchemaFor(parsed.value, defaultRegistry));
    const r = correct(parsed.value, correctionOptions, { now, uuid, registry: defaultRegistry });
    if (!r.ok) {
      await print(io, errorDocument({ key: 'input', message: 'cannot correct the invoice', faults: r.faults }));
      return EXIT.faults;
    }
    if (options.draft) return print(io, r.value.document);
    const built = build(r.value.document, { now, uuid, registry: defaultRegistry });
    if (!built.ok) {
      await print(io, errorDocument(built.error));
      return built.error.key === 'internal' ? EXIT.internal : EXIT.faults;
    }
    return print(io, built.value);
  },
};
