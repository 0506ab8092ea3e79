/** What a CLI command is: its name, help, options and a `run` that resolves to the exit status. */
import type { Io } from './io.ts';

/** Exit status: 0 success, 1 the input has errors, 2 usage error, 3 internal error. */
export const EXIT = { ok: 0, faults: 1, usage: 2, internal: 3 } as const;

export interface OptionSpec {
  /** Long name without dashes: `uuid` for `--uuid`. */
  readonly name: string;
  readonly type: 'boolean' | 'string';
  /** What a string option's value is called in help: `UUID`. */
  readonly value?: string;
  readonly short?: string;
  readonly description: string;
}

export type OptionValues = Readonly<Record<string, string | boolean | undefined>>;

export interface CommandContext {
  readonly args: readonly string[];
  readonly options: OptionValues;
  readonly io: Io;
}

export interface Command {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** The argument synopsis after the options: `[FILE|-]`. */
  readonly synopsis: string;
  /** Help text printed after the usage line and before the options. */
  readonly description: string;
  readonly options: readonly OptionSpec[];
  readonly maxArgs: number;
  /** Resolves to the exit status; throws `UsageError` for bad arguments. */
  run(ctx: CommandContext): Promise<number>;
}

