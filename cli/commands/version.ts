/** `gobl-studio version`: this tool's version and the GOBL release it follows. */
import pkg from '../../package.json' with { type: 'json' };
import { EXIT, type Command } from '../command.ts';

/** The GOBL release whose behaviour the engine reproduces. */
export const GOBL_VERSION = 'v0.502.1';

export const VERSION: string = pkg.version;

export const versionCommand: Command = {
  name: 'version',
  summary: 'Print the version',
  synopsis: '',
  description: `Prints the version of gobl-studio and of the GOBL release it is compatible with.`,
  options: [],
  maxArgs: 0,
  async run({ io }) {
    io.stdout.write(`gobl-studio ${VERSION} (GOBL ${GOBL_VERSION})\n`);
    return EXIT.ok;
  },
};
