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

/**
 * Node >= 24.19 aborts the process ("Assertion failed: (env) != nullptr" in
 * RemoveEnvironmentCleanupHook) when V8 garbage-collects a better-sqlite3 < 13 Statement or
 * Database outside a JS context, e.g. in an idle-time GC; better-sqlite3 13 fixes it but needs
 * Node >= 22, and we support 20. So none of them may become garbage: each connection caches its
 * statements by SQL text (the agent's SQL texts are a fixed set), pragmas go through that cache or
 * exec() instead of db.pragma() (which makes a new native Statement per call), and connections
 * stay referenced for the life of the process (a process opens a handful).
 */
const pinnedConnections = new Set<Db>();

function pinStatements(db: Db): Db {
  const prepare = db.prepare.bind(db);
  const cache = new Map<string, Database.Statement>();
  const cached = (source: string) => {
    let statement = cache.get(source);
    if (!statement) {
      statement = prepare(source);
      cache.set(source, statement);
    }
    return statement;
  };
  Object.defineProperty(db, 'prepare', { value: cached, configurable: true, writable: true });
  pinnedConnections.add(db);
  return db;
}

/** The value of a one-value pragma (user_version, journal_mode, ...), through the statement cache. */
export function pragmaValue(db: Db, name: string): unknown {
  const row = db.prepare(`PRAGMA ${name}`).get() as Record<string, unknown> | undefined;
  return row ? Object.values(row)[0] : undefined;
}

/** Whether a table exists: a read-only CLI may open a store the daemon has not migrated yet. */
export function tableExists(db: Db, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

export function openDatabase(path: string, options: OpenOptions = {}): Db {
  if (!options.readonly) mkdirSync(dirname(path), { recursive: true });
  let db: Db;
  try {
    db = pinStatements(
      new Database(path, {
        readonly: options.readonly ?? false,
        fileMustExist: options.readonly ?? false,
      }),
    );
  } catch (error) {
    const reason = (error as Error).message;
    throw new StoreError('STORE_OPEN', `cannot open ${path}: ${reason}`);
  }
  db.exec(`PRAGMA busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
  if (!options.readonly) {
    // WAL: readers (CLI, bot) never block the writer; NORMAL sync is crash-safe in WAL mode
    // (a kill -9 loses nothing committed; a power cut may lose the last transactions, never corrupt).
    db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON');
    migrate(db, options.migrations ?? defaultMigrations);
  } else {
    const current = pragmaValue(db, 'user_version') as number;
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
  const current = pragmaValue(db, 'user_version') as number;
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
      db.exec(`PRAGMA user_version = ${step.version}`);
    })();
  }
  return latest;
}

export function schemaVersion(db: Db): number {
  return pragmaValue(db, 'user_version') as number;
}
