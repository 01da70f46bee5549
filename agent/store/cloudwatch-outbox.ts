/**
 * The CloudWatch outbox (migration 3): aggregated datums are written here before any send and leave
 * the `pending` state only when CloudWatch answered (sent), refused them as invalid (rejected), or
 * they grew too old to be accepted (expired). Also the enqueue cursor and the raw-sample reads the
 * exporter aggregates from.
 */
import type { StandardUnit } from '@aws-sdk/client-cloudwatch';
import type { Dimension, OutboxDatum } from '../exporters/cloudwatch/datum.js';
import type { Labels, Unit } from '../types.js';
import { type Db, tableExists } from './db.js';
import { MetaStore } from './meta.js';

const OUTBOX_CURSOR_KEY = 'cloudwatch:cursor';

export interface StoredDatum extends OutboxDatum {
  id: number;
}

export interface OutboxCounts {
  pending: number;
  oldestPendingTs: number | null;
  rejected: number;
  expired: number;
  sent: number;
}

interface Row {
  id: number;
  metric: string;
  dimensions: string;
  ts: number;
  storage_resolution: 1 | 60;
  unit: StandardUnit;
  count: number;
  sum: number;
  min: number;
  max: number;
}

const toDatum = (row: Row): StoredDatum => ({
  id: row.id,
  metric: row.metric,
  dimensions: JSON.parse(row.dimensions) as Dimension[],
  ts: row.ts,
  storageResolution: row.storage_resolution,
  unit: row.unit,
  count: row.count,
  sum: row.sum,
  min: row.min,
  max: row.max,
});

export class CloudwatchOutbox {
  private readonly meta: MetaStore;
  private readonly insertOne;
  private readonly selectPending;
  private readonly markOne;

  constructor(private readonly db: Db) {
    this.meta = new MetaStore(db);
    this.insertOne = db.prepare(
      `INSERT OR IGNORE INTO cloudwatch_outbox
         (metric, dimensions, ts, storage_resolution, unit, count, sum, min, max, created_at)
       VALUES (@metric, @dimensions, @ts, @storageResolution, @unit, @count, @sum, @min, @max, @createdAt)`,
    );
    this.selectPending = db.prepare(
      `SELECT id, metric, dimensions, ts, storage_resolution, unit, count, sum, min, max
         FROM cloudwatch_outbox WHERE state = 'pending' AND ts <= ? ORDER BY ts, id LIMIT ?`,
    );
    this.markOne = db.prepare(
      `UPDATE cloudwatch_outbox SET state = @state, done_at = @at, error = @error
        WHERE id = @id AND state = 'pending'`,
    );
  }

  /** Adds datums (a datum already there for the same series and bucket is kept as it is). */
  insert(datums: readonly OutboxDatum[], createdAt: number): number {
    let added = 0;
    for (const datum of datums) {
      added += this.insertOne.run({
        ...datum,
        dimensions: JSON.stringify(datum.dimensions),
        createdAt,
      }).changes;
    }
    return added;
  }

  /** The oldest pending datums with a bucket at or before `notAfter`, oldest first. */
  pending(limit: number, notAfter: number): StoredDatum[] {
    return (this.selectPending.all(notAfter, limit) as Row[]).map(toDatum);
  }

  markSent(ids: readonly number[], at: number): void {
    this.mark(ids, 'sent', at, null);
  }

  markRejected(ids: readonly number[], at: number, error: string): void {
    this.mark(ids, 'rejected', at, error);
  }

  /** Pending datums whose bucket started before `cutoff` become `expired`; returns how many. */
  expireBefore(cutoff: number, at: number): number {
    return this.db
      .prepare(
        `UPDATE cloudwatch_outbox SET state = 'expired', done_at = ?,
                error = 'older than CloudWatch accepts; kept locally, not sent'
          WHERE state = 'pending' AND ts < ?`,
      )
      .run(at, cutoff).changes;
  }

  /**
   * Deletes at most `limit` finished rows: sent ones finished before `sentBefore`, rejected and
   * expired ones whose bucket is older than `keptBefore` (the local minute retention).
   */
  prune(sentBefore: number, keptBefore: number, limit: number): number {
    return this.db
      .prepare(
        `DELETE FROM cloudwatch_outbox WHERE id IN (
           SELECT id FROM cloudwatch_outbox WHERE state <> 'pending' AND state = 'sent' AND done_at < ?
           UNION ALL
           SELECT id FROM cloudwatch_outbox WHERE state <> 'pending' AND state IN ('rejected', 'expired') AND ts < ?
           LIMIT ?)`,
      )
      .run(sentBefore, keptBefore, limit).changes;
  }

  counts(): OutboxCounts {
    // `state <> 'pending'` is spelled out so SQLite may use the partial index of finished rows.
    const pending = this.db
      .prepare("SELECT count(*) AS n, min(ts) AS oldest FROM cloudwatch_outbox WHERE state = 'pending'")
      .get() as { n: number; oldest: number | null };
    const finished = this.db
      .prepare("SELECT state, count(*) AS n FROM cloudwatch_outbox WHERE state <> 'pending' GROUP BY state")
      .all() as Array<{ state: string; n: number }>;
    const of = (state: string) => finished.find((r) => r.state === state)?.n ?? 0;
    return {
      pending: pending.n,
      oldestPendingTs: pending.oldest,
      rejected: of('rejected'),
      expired: of('expired'),
      sent: of('sent'),
    };
  }

  /** Rejected datums, newest first, with the error CloudWatch gave. */
  rejected(limit: number): Array<StoredDatum & { error: string; doneAt: number }> {
    const rows = this.db
      .prepare(
        `SELECT id, metric, dimensions, ts, storage_resolution, unit, count, sum, min, max, error, done_at
           FROM cloudwatch_outbox WHERE state <> 'pending' AND state = 'rejected' ORDER BY done_at DESC, id DESC LIMIT ?`,
      )
      .all(limit) as Array<Row & { error: string; done_at: number }>;
    return rows.map((row) => ({ ...toDatum(row), error: row.error, doneAt: row.done_at }));
  }

  /** Where enqueueing continues: every bucket before it has been aggregated into the outbox. */
  cursor(): number | undefined {
    return this.meta.get<number>(OUTBOX_CURSOR_KEY);
  }

  setCursor(ts: number): void {
    this.meta.set(OUTBOX_CURSOR_KEY, ts);
  }

  /** Runs `work` in one transaction (enqueue: samples read, datums written and cursor moved together). */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  private mark(ids: readonly number[], state: string, at: number, error: string | null): void {
    this.db.transaction(() => {
      for (const id of ids) this.markOne.run({ id, state, at, error });
    })();
  }
}

/**
 * Raw samples of every series with `from <= ts < to`. CROSS JOIN pins the join order: one primary-key range
 * seek per series, never a scan of the whole samples table (which the planner picks without statistics).
 */
export function rawSamplesBetween(
  db: Db,
  from: number,
  to: number,
): Array<{ seriesId: number; ts: number; value: number }> {
  return db
    .prepare(
      `SELECT x.series_id AS seriesId, x.ts, x.value
         FROM series s CROSS JOIN samples x ON x.series_id = s.id AND x.ts >= ? AND x.ts < ?`,
    )
    .all(from, to) as Array<{ seriesId: number; ts: number; value: number }>;
}

export function describeSeries(
  db: Db,
  seriesId: number,
): { metric: string; labels: Labels; unit: Unit } | undefined {
  const row = db.prepare('SELECT metric, labels, unit FROM series WHERE id = ?').get(seriesId) as
    | { metric: string; labels: string; unit: Unit }
    | undefined;
  return row ? { metric: row.metric, labels: JSON.parse(row.labels) as Labels, unit: row.unit } : undefined;
}

/** Whether the outbox table exists (a read-only CLI may open a store the daemon has not migrated yet). */
export function hasOutbox(db: Db): boolean {
  return tableExists(db, 'cloudwatch_outbox');
}

/** Series with at least one minute rollup since `since` (what the exporter would publish now). */
export function seriesSeenSince(
  db: Db,
  since: number,
): Array<{ metric: string; labels: Labels; unit: Unit }> {
  const rows = db
    .prepare(
      `SELECT s.metric, s.labels, s.unit FROM series s
        WHERE EXISTS (SELECT 1 FROM rollup_minute r WHERE r.series_id = s.id AND r.bucket >= ?)
        ORDER BY s.metric, s.labels`,
    )
    .all(since) as Array<{ metric: string; labels: string; unit: Unit }>;
  return rows.map((row) => ({
    metric: row.metric,
    labels: JSON.parse(row.labels) as Labels,
    unit: row.unit,
  }));
}
