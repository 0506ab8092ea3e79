// Bundles the gobl-studio CLI (cli/gobl-studio.ts and everything it imports) into one executable
// ES module, dist-cli/gobl-studio.mjs, for Node 20. `node scripts/build-cli.mjs [OUTFILE]`.
import { chmodSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_OUTFILE = resolve(root, 'dist-cli/gobl-studio.mjs');

/** Builds the bundle and makes it executable; resolves to the output path. */
export async function buildCli({ outfile = DEFAULT_OUTFILE, logLevel = 'warning' } = {}) {
  await build({
    entryPoints: [resolve(root, 'cli/gobl-studio.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: false,
    sourcemap: false,
    legalComments: 'none',
    logLevel,
    // Bundled CommonJS dependencies may call require() for Node builtins, which an ES module
    // does not have: give them one.
    banner: {
      js: [
        '#!/usr/bin/env node',
        "import { createRequire as __goblStudioCreateRequire } from 'node:module';",
        'const require = __goblStudioCreateRequire(import.meta.url);',
      ].join('\n'),
    },
  });
  chmodSync(outfile, 0o755);
  return outfile;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outfile = process.argv[2] ? resolve(process.argv[2]) : DEFAULT_OUTFILE;
  buildCli({ outfile, logLevel: 'info' }).catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
