/** Parses argv, routes to a command, and turns known errors into plain messages and exit codes. */
import { parseArgs } from 'node:util';
import { ConfigError, EX_CONFIG } from '../config/errors.js';
import { StoreError } from '../store/db.js';
import { VERSION } from '../version.js';
import { type CliIo, type Command, EX_NOINPUT, EX_USAGE, UsageError } from './command.js';
import { NoDataError } from './context.js';
import { commands, loadAll } from './registry.js';

async function mainHelp(): Promise<string> {
  const all = await loadAll();
  const width = Math.max(...all.map((c) => c.name.length));
  const lines = all.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    `hostwatch ${VERSION}: on-host monitoring agent`,
    '',
    'Usage: hostwatch <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Common options: --config FILE (else $HOSTWATCH_CONFIG, /etc/hostwatch/hostwatch.yaml, embedded defaults),',
    '                --data-dir DIR (else $HOSTWATCH_DATA_DIR, config dataDir, $STATE_DIRECTORY, ./data), --json, --help',
    'Run "hostwatch <command> --help" for its options.',
    '',
  ].join('\n');
}

function commandHelp(command: Command): string {
  return `${command.usage}\n\n${command.summary}\n`;
}

export async function dispatch(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(await mainHelp());
    return 0;
  }
  if (name === '--version' || name === 'version') {
    io.out(`${VERSION}\n`);
    return 0;
  }
  const load = commands.get(name);
  if (!load) {
    io.err(`hostwatch: unknown command "${name}"\n\n${await mainHelp()}`);
    return EX_USAGE;
  }
  const command = await load();
  try {
    const { values, positionals } = parseArgs({
      args: command.normalizeArgs ? command.normalizeArgs(rest) : [...rest],
      options: command.options,
      allowPositionals: true,
      strict: true,
    });
    if (values.help) {
      io.out(commandHelp(command));
      return 0;
    }
    return await command.run(values, positionals, io);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(`hostwatch: ${error.message}\n`);
      return EX_CONFIG;
    }
    if (error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`hostwatch ${name}: ${(error as Error).message}\nusage: ${command.usage}\n`);
      return EX_USAGE;
    }
    if (error instanceof NoDataError || error instanceof StoreError) {
      io.err(`hostwatch ${name}: ${error.message}\n`);
      return EX_NOINPUT;
    }
    throw error;
  }
}
