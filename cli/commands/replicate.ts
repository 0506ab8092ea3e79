/**
 * `gobl-studio replicate`: the same invoice again as a new one (GOBL's `gobl replicate`): no uuid,
 * number or dates of the original; built, or with --draft printed before building.
 */
import { randomFillSync } from 'node:crypto';
import { build } from '../../engine/build.ts';
import { uuidSourceFrom } from '../../engine/core/uuid.ts';
import { defaultRegistry } from '../../engine/registry.ts';
import { replicate } from '../../engine/replicate.ts';
import { EXIT, type Command } from '../command.ts';
import { errorDocument, looksLikeYaml, parseJson, parseYaml, readSource, write, type Io } from '../io.ts';

async function print(io: Io, value: unknown, status: number = EXIT.ok): Promise<number> {
  await write(io.stdout, `${JSON.stringify(value, null, 2)}\n`);
  return status;
}

export const replicateCommand: Command = {
  name: 'replicate',
  summary: 'Make a new invoice with the same parties and lines as another',
  synopsis: '[FILE|-]',
  description: `Reads an invoice (or its envelope) from FILE and prints a new invoice with the same supplier,
customer and lines: the uuid, number (code), issue, value and operation dates of the original are
dropped, so the new one is dated today when built. The result is built and validated like \`build\`
does (faults print {"error":{...}} and exit 1); --draft prints it before building.`,
  options: [
    { name: 'draft', type: 'boolean', description: 'Print the new document without building it' },
    { name: 'yaml', type: 'boolean', description: 'Read the input as YAML' },
  ],
  maxArgs: 1,
  run: async ({ args, options, io }) => {
    const text = await readSource(args[0], io);
    if (!text.ok) return print(io, errorDocument(text.error), EXIT.faults);
    const parsed = options.yaml || looksLikeYaml(args[0]) ? parseYaml(text.text) : parseJson(text.text);
    if (!parsed.ok) return print(io, errorDocument(parsed.error), EXIT.faults);
    const r = replicate(parsed.value);
    if (!r.ok) return print(io, errorDocument({ key: 'input', message: 'cannot replicate the document', faults: r.faults }), EXIT.faults);
    if (options.draft) return print(io, r.value);
    const now = () => Date.now();
    const built = build(r.value, { now, uuid: uuidSourceFrom(now, (n) => randomFillSync(new Uint8Array(n))), registry: defaultRegistry });
    if (!built.ok) return print(io, errorDocument(built.error), built.error.key === 'internal' ? EXIT.internal : EXIT.faults);
    return print(io, built.value);
  },
};
