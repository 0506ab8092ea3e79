/**
 * Writes the JSON Schemas of the supported documents into `schemas/` (`npm run schemas`):
 * one file per document type (`bill/invoice` → `schemas/bill-invoice.json`), the envelope,
 * `index.json` and a README. Everything comes from engine/model/json-schema.ts, which builds the
 * schemas from the engine's own zod models, regime and addons; test/schemas.test.ts fails when
 * the committed files differ from what this script would write.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { allJsonSchemas, EDITOR_KEYWORDS, JSON_SCHEMA_DIALECT, schemaIndex, serializeJson, type SchemaFile } from '../engine/model/json-schema.ts';

export const SCHEMAS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../schemas');

function readme(files: readonly SchemaFile[]): string {
  const rows = files.map((f) => `| \`${f.file}\` | \`${f.id}\` | ${String(f.schema.title ?? '')} |`).join('\n');
  return `# JSON Schemas (generated)

**Do not edit these files by hand.** They are generated from the engine's own models by
\`scripts/generate-schemas.ts\` (\`npm run schemas\`), using \`engine/model/json-schema.ts\`:
the zod models in \`engine/model/\` converted with zod's \`z.toJSONSchema\` (input side, so legacy
fields and amounts given as JSON numbers are described as accepted), plus titles, descriptions and
the known values of the ES regime (tax categories, keys, rates, tags) and of every addon in
\`engine/addons/index.ts\` (extension keys and their codes). \`test/schemas.test.ts\` regenerates
them in memory and fails when these files drift; after changing a model, the regime or an addon,
run \`npm run schemas\` and commit the result.

| File | \`$id\` | Title |
|---|---|---|
${rows}

\`index.json\` lists the same files.

## Notes

- Dialect: JSON Schema ${JSON_SCHEMA_DIALECT.replace('https://json-schema.org/draft/', '').replace('/schema', '')} (\`${JSON_SCHEMA_DIALECT}\`).
- Each document schema is self-contained (shared parts under \`$defs\`, named after GOBL's Go types:
  \`org.Party\`, \`tax.Combo\`...). \`envelope.json\` accepts either a bare document or
  \`{ "$schema": "https://gobl.org/draft-0/envelope", "head", "doc" }\` and checks the document
  against the schema named by its \`$schema\`, referenced by \`$id\`: register every file.
- Objects are open: unknown fields are accepted (GOBL drops them). Document \`type\`, currency
  codes and the codes of known extension keys are closed lists; \`$tags\`, \`$addons\`, tax
  categories, keys and rates list the known values as suggestions but accept others, because
  they depend on the regime and addons in use (the engine's rules check them).
- Editor annotations: \`${EDITOR_KEYWORDS.join('`, `')}\` (Monaco / VS Code). With ajv use
  \`ajv/dist/2020\`, \`ajv-formats\`, \`allowUnionTypes: true\` and
  \`ajv.addKeyword('markdownDescription')\`, \`ajv.addKeyword('deprecationMessage')\`.
`;
}

/** Every file of `schemas/` with its exact content. */
export function renderSchemaFiles(): Map<string, string> {
  const files = allJsonSchemas();
  const out = new Map<string, string>();
  for (const f of files) out.set(f.file, serializeJson(f.schema));
  out.set('index.json', serializeJson(schemaIndex(files)));
  out.set('README.md', readme(files));
  return out;
}

function main(): void {
  const files = renderSchemaFiles();
  mkdirSync(SCHEMAS_DIR, { recursive: true });
  // Files of document types that no longer exist would otherwise linger.
  for (const name of readdirSync(SCHEMAS_DIR)) if (/\.(json|md)$/.test(name) && !files.has(name)) rmSync(join(SCHEMAS_DIR, name));
  for (const [name, text] of files) {
    writeFileSync(join(SCHEMAS_DIR, name), text);
    console.log(`schemas/${name} ${(Buffer.byteLength(text) / 1024).toFixed(1)} KiB`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
