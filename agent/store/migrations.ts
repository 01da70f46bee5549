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
  {
    version: 3,
    description: 'CloudWatch outbox: one row per aggregated datum, written before any send',
    sql: `
      -- state: pending until CloudWatch answered 2xx (sent), rejected it as invalid (rejected, with
      -- error), or it grew too old to send (expired: kept and counted, never sent).
      -- ts is the start of the aggregation bucket; dimensions a JSON list of {Name, Value} in a fixed order.
      CREATE TABLE cloudwatch_outbox (
        id INTEGER PRIMARY KEY,
        metric TEXT NOT NULL,
        dimensions TEXT NOT NULL,
        ts INTEGER NOT NULL,
        storage_resolution INTEGER NOT NULL CHECK (storage_resolution IN (1, 60)),
        unit TEXT NOT NULL,
        count REAL NOT NULL, sum REAL NOT NULL, min REAL NOT NULL, max REAL NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'rejected', 'expired')),
        created_at INTEGER NOT NULL,
        done_at INTEGER,
        error TEXT,
        UNIQUE (metric, dimensions, ts)
      );
      CREATE INDEX cloudwatch_outbox_pending ON cloudwatch_outbox (ts, id) WHERE state = 'pending';
      CREATE INDEX cloudwatch_outbox_done ON cloudwatch_outbox (state, done_at) WHERE state <> 'pending';
    `,
  },
  {
    version: 4,
    description: 'alerting: alert states, alert history, the durable SNS outbox',
    sql: `
      -- One row per alert (rule x target); state is the engine's AlertState as JSON.
      CREATE TABLE alert_state (
        key TEXT PRIMARY KEY,
        rule TEXT NOT NULL,
        target TEXT NOT NULL,
        severity TEXT NOT NULL,
        state TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );
      -- What happened to alerts (phase changes and notifications), for hostwatch alerts.
      CREATE TABLE alert_events (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL,
        rule TEXT NOT NULL,
        target TEXT NOT NULL,
        severity TEXT NOT NULL,
        at INTEGER NOT NULL,
        kind TEXT NOT NULL,
        detail TEXT
      );
      CREATE INDEX alert_events_at ON alert_events (at);
      -- A notification is a row before it is sent; sent in id order per dedup key; never re-sent once SNS accepted it.
      CREATE TABLE alert_outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        dedup_key TEXT NOT NULL,
        episode INTEGER NOT NULL,
        kind TEXT NOT NULL,
        severity TEXT NOT NULL,
        topic_arn TEXT NOT NULL,
        lane TEXT NOT NULL DEFAULT 'daemon',
        payload TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'parked')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        last_attempt_at INTEGER,
        error_code TEXT,
        error TEXT,
        fixable INTEGER NOT NULL DEFAULT 0,
        sent_at INTEGER,
        message_id TEXT
      );
      CREATE INDEX alert_outbox_status ON alert_outbox (status, dedup_key, id);
    `,
  },
  {
    version: 5,
    description: 'Discord bot inquiries (who asked what, answered or not, how fast)',
    sql: `
      -- One row per question put to the bot. user_hash is a keyed hash (salt in meta), never the Discord id.
      CREATE TABLE inquiries (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        source TEXT NOT NULL,
        user_hash TEXT,
        guild_id TEXT,
        channel_id TEXT,
        intent TEXT NOT NULL,
        outcome TEXT NOT NULL,
        answered INTEGER NOT NULL CHECK (answered IN (0, 1)),
        latency_ms REAL
      );
      CREATE INDEX inquiries_at ON inquiries (at);
    `,
  },
  {
    version: 6,
    description: 'weekly report outbox (one row per report to post to Discord)',
    sql: `
      -- The report is rebuilt from history when it is sent; the row only says which week goes where.
      CREATE TABLE report_outbox (
        id INTEGER PRIMARY KEY,
        week TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        trigger TEXT NOT NULL CHECK (trigger IN ('schedule', 'manual')),
        created_at INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'sent')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        last_error TEXT,
        sent_at INTEGER,
        message_id TEXT
      );
      -- A scheduled week is queued once per channel, however often the schedule fires or catches up.
      CREATE UNIQUE INDEX report_outbox_scheduled ON report_outbox (week, channel_id) WHERE trigger = 'schedule';
      CREATE INDEX report_outbox_due ON report_outbox (status, next_attempt_at);
    `,
  },
];
