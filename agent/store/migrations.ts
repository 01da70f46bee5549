/**
 * Versioned schema. PRAGMA user_version holds the applied version; each step runs in one
 * transaction, so a crash mid-migration leaves the previous version intact.
 * Append new steps; never edit a released one.
 */
export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    description: 'metric series, raw samples, minute and hour rollups, collector runs, meta',
    sql: `
      CREATE TABLE series (
        id INTEGER PRIMARY KEY,
        metric TEXT NOT NULL,
        labels TEXT NOT NULL DEFAULT '{}',
        unit TEXT NOT NULL,
        UNIQUE (metric, labels)
      );
      -- WITHOUT ROWID keyed by (series, time): no separate index, per-series range scans and deletes.
      CREATE TABLE samples (
        series_id INTEGER NOT NULL,
        ts INTEGER NOT NULL,
        value REAL NOT NULL,
        PRIMARY KEY (series_id, ts)
      ) WITHOUT ROWID;
      CREATE TABLE rollup_minute (
        series_id INTEGER NOT NULL,
        bucket INTEGER NOT NULL,
        min REAL NOT NULL, max REAL NOT NULL, sum REAL NOT NULL, count INTEGER NOT NULL,
        PRIMARY KEY (series_id, bucket)
      ) WITHOUT ROWID;
      CREATE TABLE rollup_hour (
        series_id INTEGER NOT NULL,
        bucket INTEGER NOT NULL,
        min REAL NOT NULL, max REAL NOT NULL, sum REAL NOT NULL, count INTEGER NOT NULL,
        PRIMARY KEY (series_id, bucket)
      ) WITHOUT ROWID;
      CREATE TABLE collector_runs (
        name TEXT PRIMARY KEY,
        ok INTEGER NOT NULL,
        duration_ms REAL NOT NULL,
        samples INTEGER NOT NULL,
        error TEXT,
        at INTEGER NOT NULL
      );
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `,
  },
];
