/**
 * The CLI's front door: a table of commands, a small argument parser (no dependency) and help.
 * A command is a `Command` in its own file under `cli/commands/`; adding one (convert, import,
 * pdf…) means writing that file and listing it in `COMMANDS`.
 *
 * Exit status: 0 success, 1 the input has errors, 2 usage error, 3 internal error.
 */
import { buildCommand } from './commands/build.ts';
import { convertCommand, importCommand } from './commands/convert.ts';
import { correctCommand } from './commands/correct.ts';
import { replicateCommand } from './commands/replicate.ts';
import { explainCommand } from './commands/explain.ts';
import { pdfCommand } from './commands/pdf.ts';
import { versionCommand } from './commands/version.ts';
import { EXIT, type Command, type OptionSpec } from './command.ts';
import { UsageError, type Io } from './io.ts';

export { EXIT, type Command, type CommandContext, type OptionSpec, type OptionValues } from './command.ts';

export const PROGRAM = 'gobl-studio';

export const COMMANDS: readonly Command[] = [buildCommand, correctCommand, replicateCommand, convertCommand, importCommand, explainCommand, pdfCommand, versionCommand];

const HELP_OPTION: OptionSpec = { name: 'help', short: 'h', type: 'boolean', description: 'Show this help' };

/** Parses `argv` against a command's options: `--name value`, `--name=value`, `--flag[=true|false]`, `--` ends options. */
export function parseArgs(argv: readonly string[], specs: readonly OptionSpec[], command?: string): { args: string[]; options: Record<string, string | boolean> } {
  const all = [...specs, HELP_OPTION];
  const args: string[] = [];
  const options: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      args.push(...argv.slice(i + 1));
      break;
    }
    if (a === '-' || !a.startsWith('-')) {
      args.push(a);
      continue;
    }
    let name: string;
    let inline: string | undefined;
    let spec: OptionSpec | undefined;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      name = eq === -1 ? a.slice(2) : a.slice(2, eq);
      inline = eq === -1 ? undefined : a.slice(eq + 1);
      spec = all.find((s) => s.name === name);
    } else {
      name = a.slice(1);
      spec = all.find((s) => s.short === name);
    }
    if (!spec) throw new UsageError(`unknown option ${a.split('=')[0]}`, command);
    if (spec.type === 'boolean') {
      if (inline === undefined || inline === 'true') options[spec.name] = true;
      else if (inline === 'false') options[spec.name] = false;
      else throw new UsageError(`option --${spec.name} takes no value (or =true/=false), got ${JSON.stringify(inline)}`, command);
      continue;
    }
    let value = inline;
    if (value === undefined) {
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('-') && next !== '-')) throw new UsageError(`option --${spec.name} needs a value (${spec.value ?? 'VALUE'})`, command);
      value = next;
      i++;
    }
    options[spec.name] = value;
  }
  return { args, options };
}

function optionLines(specs: readonly OptionSpec[]): string {
  const rows = specs.map((s) => {
    const flag = `${s.short ? `-${s.short}, ` : '    '}--${s.name}${s.type === 'string' ? ` ${s.value ?? 'VALUE'}` : ''}`;
    return [flag, s.description] as const;
  });
  const width = Math.max(...rows.map(([f]) => f.length)) + 2;
  return rows.map(([f, d]) => `  ${f.padEnd(width)}${d.replace(/\n/g, `\n  ${' '.repeat(width)}`)}`).join('\n');
}

export function commandUsage(c: Command): string {
  return `Usage: ${PROGRAM} ${c.name}${c.options.length ? ' [options]' : ''}${c.synopsis ? ` ${c.synopsis}` : ''}`;
}

export function commandHelp(c: Command): string {
  return `${commandUsage(c)}\n\n${c.description}\n\nOptions:\n${optionLines([...c.options, HELP_OPTION])}\n`;
}

export function globalHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length), 4) + 3;
  return [
    `${PROGRAM}: build GOBL documents (Spanish e-invoices) with a pure TypeScript engine.`,
    '',
    `Usage: ${PROGRAM} <command> [options] [arguments]`,
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    `  ${'help'.padEnd(width)}Show help for a command`,
    '',
    'Options:',
    `  -h, --help     Show this help`,
    `      --version  Print the version`,
    '',
    'Exit status: 0 success, 1 the input has errors (printed as {"error":{...}} on standard output),',
    '2 usage error, 3 internal error.',
    `Run '${PROGRAM} help <command>' or '${PROGRAM} <command> --help' for a command's options.`,
    '',
  ].join('\n');
}

const usageFor = (command: string | undefined): string => {
  const c = command && COMMANDS.find((x) => x.name === command);
  return c ? `${commandUsage(c)}\nRun '${PROGRAM} ${c.name} --help' for details.` : `Usage: ${PROGRAM} <command> [options] [arguments]\nCommands: ${COMMANDS.map((x) => x.name).join(', ')}, help. Run '${PROGRAM} --help' for details.`;
};

/** Runs the CLI and resolves to the exit status. Usage errors are reported here; anything else propagates. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr.write(`${PROGRAM}: ${e.message.replace(/\s*\n\s*/g, ' ')}\n\n${usageFor(e.command)}\n`);
    return EXIT.usage;
  }
}

async function dispatch(argv: readonly string[], io: Io): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) throw new UsageError('missing command');
  if (first === '--help' || first === '-h') {
    io.stdout.write(globalHelp());
    return EXIT.ok;
  }
  if (first === '--version') return versionCommand.run({ args: [], options: {}, io });
  if (first === 'help') {
    if (rest.length > 1) throw new UsageError('help takes at most one command name');
    if (rest.length === 0) {
      io.stdout.write(globalHelp());
      return EXIT.ok;
    }
    const c = COMMANDS.find((x) => x.name === rest[0]);
    if (!c) throw new UsageError(`unknown command ${JSON.stringify(rest[0])}`);
    io.stdout.write(commandHelp(c));
    return EXIT.ok;
  }
  if (first.startsWith('-')) throw new UsageError(`unknown option ${first.split('=')[0]} (options go after the command)`);
  const command = COMMANDS.find((c) => c.name === first);
  if (!command) throw new UsageError(`unknown command ${JSON.stringify(first)}`);
  const { args, options } = parseArgs(rest, command.options, command.name);
  if (options.help) {
    io.stdout.write(commandHelp(command));
    return EXIT.ok;
  }
  if (args.length > command.maxArgs) {
    throw new UsageError(command.maxArgs === 0 ? `${command.name} takes no arguments` : `too many arguments: ${args.slice(command.maxArgs).join(' ')}`, command.name);
  }
  return command.run({ args, options, io });
}
