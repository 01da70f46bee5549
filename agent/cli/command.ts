/** What every CLI command looks like; commands live one per file under cli/commands/. */
import type { ParseArgsConfig } from 'node:util';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export type ParsedValues = Record<string, string | boolean | Array<string | boolean> | undefined>;

export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: OptionSpec;
  /** Rewrites argv before parsing, e.g. to give an option an optional value (`--week` alone = `--week=this`). */
  normalizeArgs?(args: readonly string[]): string[];
  /** Returns the exit code. */
  run(values: ParsedValues, positionals: string[], io: CliIo): Promise<number>;
}

/** Usage error (sysexits EX_USAGE). */
export const EX_USAGE = 64;
/** The data the command needs is not there (sysexits EX_NOINPUT). */
export const EX_NOINPUT = 66;
/** A service the command relies on refused or did not answer in time (sysexits EX_UNAVAILABLE). */
export const EX_UNAVAILABLE = 69;

export class UsageError extends Error {
  readonly code = 'USAGE';
}

export function rejectPositionals(positionals: readonly string[]): void {
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
}

export const commonOptions = {
  config: { type: 'string', short: 'c' },
  'data-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionSpec;

export const jsonOption = { json: { type: 'boolean' } } as const satisfies OptionSpec;
