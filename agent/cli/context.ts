/** Config and store access for read-side commands (the daemon is the one writer). */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, resolveDataDir } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { runningDaemonPid } from '../daemon/lock.js';
import { DB_FILE_NAME, type Db, openDatabase } from '../store/db.js';
import type { CliIo, ParsedValues } from './command.js';

export interface CliContext {
  config: Config;
  configSource: string;
  dataDir: string;
  dbPath: string;
}

export function cliContext(values: ParsedValues, io: CliIo): CliContext {
  const { config, source } = loadConfig({ flag: values.config as string | undefined, env: io.env });
  const dataDir = resolveDataDir({
    flag: values['data-dir'] as string | undefined,
    env: io.env,
    config,
    cwd: io.cwd,
  });
  return { config, configSource: source, dataDir, dbPath: join(dataDir, DB_FILE_NAME) };
}

export class NoDataError extends Error {
  readonly code = 'NO_DATA';
}

/** Opens the store read-only, or explains that the agent has not written anything there yet. */
export function openReadOnly(ctx: CliContext): Db {
  if (!existsSync(ctx.dbPath)) {
    throw new NoDataError(
      `no data at ${ctx.dbPath}: the agent has not run with this data directory yet (start it with "hostwatch run", or pass --data-dir)`,
    );
  }
  return openDatabase(ctx.dbPath, { readonly: true });
}

/**
 * Runs `read` on the store opened read-only, or on undefined when the agent never created it (for views
 * that also have something to show without it: config maintenance windows, alert rules, a plan).
 */
export function withOptionalStore<T>(ctx: CliContext, read: (db: Db | undefined) => T): T {
  if (!existsSync(ctx.dbPath)) return read(undefined);
  const db = openDatabase(ctx.dbPath, { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** The store opened read-only, where it lives, and the pid of the agent holding the data directory (if any). */
export interface ReadOnlyStore {
  db: Db;
  dataDir: string;
  dbPath: string;
  runningPid: number | undefined;
}

/** Runs `read` on the store opened read-only, then closes it. */
export function withReadOnlyStore<T>(ctx: CliContext, read: (store: ReadOnlyStore) => T): T {
  const db = openReadOnly(ctx);
  try {
    return read({ db, dataDir: ctx.dataDir, dbPath: ctx.dbPath, runningPid: runningDaemonPid(ctx.dataDir) });
  } finally {
    db.close();
  }
}
