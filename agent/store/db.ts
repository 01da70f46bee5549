/** Opens the SQLite file with the pragmas the agent relies on and applies migrations. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { migrations as defaultMigrations, type Migration } from './migrations.js';

export type Db = Database.Database;

export const DB_FILE_NAME = 'hostwatch.db';

export interface OpenOptions {
  readonly?: boolean;
  /** How long a reader or a CLI write waits for the daemon's lock. */
  busyTimeoutMs?: number;
  migrations?: readonly Migration[];
}

export class StoreError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function openDatabase(path: string, options: OpenOptions = {}): Db {
  if (!options.readonly) mkdirSync(dirname(path), { recursive: true });
  let db: Db;
  try {
    db = new Database(path, {
      readonly: options.readonly ?? false,
      fileMustExist: options.readonly ?? false,
    });
  } catch (error) {
    const reason = (error as Error).message;
    throw new StoreError('STORE_OPEN', `cannot open ${path}: ${reason}`);
  }
  db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
  if (!options.readonly) {
    // WAL: readers (CLI, bot) never block the writer; NORMAL sync is crash-safe in WAL mode
    // (a kill -9 loses nothing committed; a power cut may lose the last transactions, never corrupt).
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db, options.migrations ?? defaultMigrations);
  } else {
    const current = db.pragma('user_version', { simple: true }) as number;
    const latest = (options.migrations ?? defaultMigrations).at(-1)?.version ?? 0;
    if (current > latest) {
      db.close();
      throw new StoreError(
        'STORE_TOO_NEW',
        `${path} has schema version ${current}; this hostwatch knows up to ${latest}. Upgrade hostwatch.`,
      );
    }
  }
  return db;
}

export function migrate(db: Db, steps: readonly Migration[]): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = steps.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new StoreError(
      'STORE_TOO_NEW',
      `database schema version ${current} is newer than this hostwatch (${latest}). Upgrade hostwatch.`,
    );
  }
  for (const step of steps) {
    if (step.version <= current) continue;
    db.transaction(() => {
      db.exec(step.sql);
      db.pragma(`user_version = ${step.version}`);
    })();
  }
  return latest;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}
