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
  {
    version: 2,
    description: 'service state intervals (run-length), ad hoc maintenance windows, probe debounce state',
    sql: `
      -- One row per run of one state. to_ts is the last time the state was confirmed; an agreeing
      -- probe moves it forward instead of adding a row. open = 1 marks each service's current run.
      CREATE TABLE state_intervals (
        id INTEGER PRIMARY KEY,
        service TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('up', 'down', 'degraded', 'unknown', 'maintenance')),
        from_ts INTEGER NOT NULL,
        to_ts INTEGER NOT NULL,
        open INTEGER NOT NULL DEFAULT 1,
        cause TEXT,
        CHECK (to_ts >= from_ts)
      );
      CREATE INDEX state_intervals_service_to ON state_intervals (service, to_ts);
      CREATE UNIQUE INDEX state_intervals_one_open ON state_intervals (service) WHERE open = 1;
      CREATE TABLE maintenance_windows (
        id INTEGER PRIMARY KEY,
        start_ts INTEGER NOT NULL,
        end_ts INTEGER NOT NULL,
        services TEXT NOT NULL,
        reason TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        created_by TEXT,
        removed_at INTEGER,
        CHECK (end_ts > start_ts)
      );
      CREATE INDEX maintenance_windows_end ON maintenance_windows (end_ts);
      CREATE TABLE probe_state (service TEXT PRIMARY KEY, value TEXT NOT NULL);
    `,
  },
];
