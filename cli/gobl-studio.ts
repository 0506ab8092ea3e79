/**
 * Entry point of the `gobl-studio` command (bundled to dist-cli/gobl-studio.mjs by
 * scripts/build-cli.mjs). Everything that can go wrong ends here as JSON, never as a stack trace:
 * an unexpected error prints {"error":{"key":"internal",...}} and exits with status 3.
 */
import { EXIT, main } from './main.ts';
import { errorDocument, internalError, processIo } from './io.ts';

const isBrokenPipe = (e: unknown): boolean => (e as { code?: unknown } | null)?.code === 'EPIPE';

let crashed = false;
function crash(e: unknown): void {
  if (isBrokenPipe(e)) {
    // Whoever reads our output has gone (`| head`): nothing more to say, and no one to say it to.
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok);
  }
  if (crashed) return;
  crashed = true;
  try {
    process.stdout.write(`${JSON.stringify(errorDocument(internalError(e)), null, 2)}\n`);
  } catch {
    // stdout is unusable; the exit status still tells.
  }
  process.exit(EXIT.internal);
}

process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);
process.stdout.on('error', crash);

main(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
}, crash);
