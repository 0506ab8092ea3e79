/**
 * `gobl-studio build`: parse → calculate → validate → envelope, GOBL's `gobl build`.
 * One document from a file or standard input, or with `--ndjson` one document per line, streamed.
 */
import { randomFillSync } from 'node:crypto';
import { build, type BuildOptions, type BuildResult } from '../../engine/build.ts';
import type { BuildError } from '../../engine/core/fault.ts';
import { isUuid, uuidSourceFrom } from '../../engine/core/uuid.ts';
import { defaultRegistry } from '../../engine/registry.ts';
import { EXIT, type Command, type OptionValues } from '../command.ts';
import {
  UsageError,
  describeFsError,
  errorDocument,
  inputError,
  internalError,
  isStdin,
  lines,
  looksLikeYaml,
  openSource,
  parseJson,
  parseYaml,
  readSource,
  write,
  type Io,
} from '../io.ts';

const description = `Reads a GOBL document or envelope from FILE, or from standard input when FILE is '-' or
missing, as JSON (YAML when FILE ends in .yaml or .yml, or with --yaml). It calculates and
validates the document, wraps it in an envelope and prints the envelope as JSON indented by
two spaces. Documents get a new UUIDv7 when they have none; so does the envelope head.

On failure it prints {"error":{"key","message","faults":[{"code","paths","message"}]}} to
standard output instead and exits with status 1 (3 for an internal error). Broken JSON is
reported as an "input" error whose message gives the line and column.

With --ndjson it reads one JSON document (or envelope) per line and writes one compact JSON
line per document, in the same order: the envelope (or the document with --doc), or
{"error":{...}} for a line that fails. Blank lines are skipped and produce no output. Lines
are processed one at a time, so any number of documents go through one process in bounded
memory. The exit status is 0 even when some lines fail (check each line for "error"); it is
2 for usage errors.`;

export const buildCommand: Command = {
  name: 'build',
  summary: 'Calculate and validate a document and wrap it in an envelope',
  synopsis: '[FILE|-]',
  description,
  options: [
    { name: 'uuid', type: 'string', value: 'UUID', description: "Use UUID as the envelope's head.uuid" },
    { name: 'doc', type: 'boolean', description: 'Print only the document, not the envelope' },
    { name: 'type', type: 'string', value: 'TYPE', description: 'Document type to assume when $schema is missing, e.g. bill/invoice' },
    { name: 'yaml', type: 'boolean', description: 'Read the input as YAML (the default for .yaml/.yml files)' },
    { name: 'ndjson', type: 'boolean', description: 'Read one JSON document per line, write one JSON line per document' },
  ],
  maxArgs: 1,
  run: async ({ args, options, io }) => {
    const source = args[0];
    const opts = buildOptions(options);
    if (options.ndjson) {
      if (options.yaml || looksLikeYaml(source)) throw new UsageError('--ndjson reads JSON lines, not YAML', 'build');
      return runNdjson(source, opts, options.doc === true, io);
    }
    if (isStdin(source) && io.stdin.isTTY) throw new UsageError('no input: give a FILE, or pipe a document into standard input', 'build');
    const text = await readSource(source, io);
    if (!text.ok) return fail(io, text.error);
    const parsed = options.yaml || looksLikeYaml(source) ? parseYaml(text.text) : parseJson(text.text);
    if (!parsed.ok) return fail(io, parsed.error);
    const result = build(parsed.value, opts);
    if (!result.ok) return fail(io, result.error);
    await write(io.stdout, `${JSON.stringify(select(result, options.doc === true), null, 2)}\n`);
    return EXIT.ok;
  },
};

function buildOptions(options: OptionValues): BuildOptions {
  const uuid = options.uuid;
  if (typeof uuid === 'string' && !isUuid(uuid)) throw new UsageError(`--uuid: ${JSON.stringify(uuid)} is not a UUID`, 'build');
  const type = options.type;
  if (typeof type === 'string' && !/^[a-z0-9_-]+(\/[a-z0-9_-]+)*$/i.test(type)) throw new UsageError(`--type: ${JSON.stringify(type)} is not a type name like bill/invoice`, 'build');
  const now = () => Date.now();
  return {
    now,
    uuid: uuidSourceFrom(now, (n) => randomFillSync(new Uint8Array(n))),
    registry: defaultRegistry,
    headUuid: typeof uuid === 'string' ? uuid.toLowerCase() : undefined,
    defaultType: typeof type === 'string' ? type : undefined,
  };
}

function select(result: Extract<BuildResult, { ok: true }>, docOnly: boolean): unknown {
  return docOnly && result.value.doc !== undefined ? result.value.doc : result.value;
}

async function fail(io: Io, error: BuildError): Promise<number> {
  await write(io.stdout, `${JSON.stringify(errorDocument(error), null, 2)}\n`);
  return error.key === 'internal' ? EXIT.internal : EXIT.faults;
}

/** One input line to one output value: never throws. */
function buildLine(line: string, opts: BuildOptions, docOnly: boolean): unknown {
  try {
    const parsed = parseJson(line);
    if (!parsed.ok) return errorDocument(parsed.error);
    const result = build(parsed.value, opts);
    return result.ok ? select(result, docOnly) : errorDocument(result.error);
  } catch (e) {
    return errorDocument(internalError(e));
  }
}

async function runNdjson(source: string | undefined, opts: BuildOptions, docOnly: boolean, io: Io): Promise<number> {
  const input = openSource(source, io);
  let writeError: unknown;
  try {
    for await (const line of lines(input)) {
      if (line.trim() === '') continue;
      try {
        await write(io.stdout, `${JSON.stringify(buildLine(line, opts, docOnly))}\n`);
      } catch (e) {
        writeError = e;
        break;
      }
    }
  } catch (e) {
    // Reading failed: a file that cannot be opened is the input's fault, anything else is ours.
    if (isStdin(source)) throw e;
    await write(io.stdout, `${JSON.stringify(errorDocument(inputError(`cannot read ${source}: ${describeFsError(e)}`, 'INPUT-READ')))}\n`);
    return EXIT.faults;
  }
  if (writeError !== undefined) throw writeError;
  return EXIT.ok;
}
