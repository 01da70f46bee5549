/**
 * The durable pager outbox. A notification is a row before anything is sent; rows of one dedup key go out
 * in id order (a resolve never overtakes its page); a row is marked sent only after SNS accepted it and is
 * never picked again. A crash between "accepted" and "marked" re-sends that one row once: at most one
 * duplicate, never a lost page.
 */
import type { Db } from './db.js';

export type OutboxStatus = 'pending' | 'sent' | 'parked';

/** Rows the daemon sends; `cli` rows belong to the `hostwatch page --test` process that wrote them. */
export type OutboxLane = 'daemon' | 'cli';

export interface OutboxRow {
  id: number;
  dedupKey: string;
  episode: number;
  kind: string;
  severity: string;
  topicArn: string;
  lane: OutboxLane;
  /** The Notification as JSON. */
  payload: string;
  createdAt: number;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: number;
  lastAttemptAt: number | null;
  errorCode: string | null;
  error: string | null;
  fixable: boolean;
  sentAt: number | null;
  messageId: string | null;
}

export interface NewOutboxRow {
  dedupKey: string;
  episode: number;
  kind: string;
  severity: string;
  topicArn: string;
  lane?: OutboxLane;
  payload: string;
  createdAt: number;
}

interface Raw {
  id: number;
  dedup_key: string;
  episode: number;
  kind: string;
  severity: string;
  topic_arn: string;
  lane: OutboxLane;
  payload: string;
  created_at: number;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: number;
  last_attempt_at: number | null;
  error_code: string | null;
  error: string | null;
  fixable: number;
  sent_at: number | null;
  message_id: string | null;
}

const toRow = (r: Raw): OutboxRow => ({
  id: r.id,
  dedupKey: r.dedup_key,
  episode: r.episode,
  kind: r.kind,
  severity: r.severity,
  topicArn: r.topic_arn,
  lane: r.lane,
  payload: r.payload,
  createdAt: r.created_at,
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastAttemptAt: r.last_attempt_at,
  errorCode: r.error_code,
  error: r.error,
  fixable: r.fixable === 1,
  sentAt: r.sent_at,
  messageId: r.message_id,
});

export interface OutboxCounts {
  pending: number;
  parked: number;
  oldestPendingAt: number | null;
  lastSentAt: number | null;
}

export class AlertOutboxStore {
  constructor(private readonly db: Db) {}

  enqueue(row: NewOutboxRow): number {
    const result = this.db
      .prepare(
        `INSERT INTO alert_outbox (dedup_key, episode, kind, severity, topic_arn, lane, payload, created_at, next_attempt_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        row.dedupKey,
        row.episode,
        row.kind,
        row.severity,
        row.topicArn,
        row.lane ?? 'daemon',
        row.payload,
        row.createdAt,
        row.createdAt,
      );
    return Number(result.lastInsertRowid);
  }

  get(id: number): OutboxRow | undefined {
    const raw = this.db.prepare('SELECT * FROM alert_outbox WHERE id = ?').get(id) as Raw | undefined;
    return raw ? toRow(raw) : undefined;
  }

  /**
   * The head of each dedup key's queue: pending rows with no earlier pending row of the same key,
   * ordered by when they are due.
   */
  heads(lane: OutboxLane): OutboxRow[] {
    return (
      this.db
        .prepare(
          `SELECT o.* FROM alert_outbox o
            WHERE o.status = 'pending' AND o.lane = ?
              AND NOT EXISTS (SELECT 1 FROM alert_outbox p
                               WHERE p.dedup_key = o.dedup_key AND p.status = 'pending' AND p.id < o.id)
            ORDER BY o.next_attempt_at, o.id`,
        )
        .all(lane) as Raw[]
    ).map(toRow);
  }

  /** An earlier row of the same incident that SNS refused: this row must not go out before it. */
  parkedPredecessor(row: OutboxRow): OutboxRow | undefined {
    const raw = this.db
      .prepare(
        `SELECT * FROM alert_outbox WHERE dedup_key = ? AND episode = ? AND id < ? AND status = 'parked' ORDER BY id LIMIT 1`,
      )
      .get(row.dedupKey, row.episode, row.id) as Raw | undefined;
    return raw ? toRow(raw) : undefined;
  }

  /** Recorded before the request leaves: after a crash, a row with attempts > 0 may have reached SNS. */
  markAttempt(id: number, at: number): void {
    this.db
      .prepare('UPDATE alert_outbox SET attempts = attempts + 1, last_attempt_at = ? WHERE id = ?')
      .run(at, id);
  }

  markSent(id: number, at: number, messageId: string): void {
    this.db
      .prepare(
        `UPDATE alert_outbox SET status = 'sent', sent_at = ?, message_id = ?, error = NULL, error_code = NULL WHERE id = ?`,
      )
      .run(at, messageId, id);
  }

  markRetry(id: number, nextAttemptAt: number, code: string, error: string): void {
    this.db
      .prepare('UPDATE alert_outbox SET next_attempt_at = ?, error_code = ?, error = ? WHERE id = ?')
      .run(nextAttemptAt, code, error, id);
  }

  markParked(id: number, code: string, error: string, fixable: boolean): void {
    this.db
      .prepare(
        `UPDATE alert_outbox SET status = 'parked', error_code = ?, error = ?, fixable = ? WHERE id = ?`,
      )
      .run(code, error, fixable ? 1 : 0, id);
  }

  /** After a restart or reload: rows parked for a configuration problem (and rows parked behind them) go again. */
  requeueFixable(now: number, lane: OutboxLane = 'daemon'): number {
    return this.db
      .prepare(
        `UPDATE alert_outbox SET status = 'pending', next_attempt_at = ?
          WHERE status = 'parked' AND lane = ? AND (fixable = 1 OR error_code = 'Blocked')`,
      )
      .run(now, lane).changes;
  }

  /** When the next pending row of `lane` is due; undefined when none is pending. */
  nextDueAt(lane: OutboxLane): number | undefined {
    const row = this.db
      .prepare(`SELECT min(next_attempt_at) AS t FROM alert_outbox WHERE status = 'pending' AND lane = ?`)
      .get(lane) as { t: number | null };
    return row.t ?? undefined;
  }

  counts(): OutboxCounts {
    const row = this.db
      .prepare(
        `SELECT sum(status = 'pending') AS pending, sum(status = 'parked') AS parked,
                min(CASE WHEN status = 'pending' THEN created_at END) AS oldest,
                max(sent_at) AS last_sent
           FROM alert_outbox`,
      )
      .get() as {
      pending: number | null;
      parked: number | null;
      oldest: number | null;
      last_sent: number | null;
    };
    return {
      pending: row.pending ?? 0,
      parked: row.parked ?? 0,
      oldestPendingAt: row.oldest,
      lastSentAt: row.last_sent,
    };
  }

  list(options: { status?: OutboxStatus; limit?: number } = {}): OutboxRow[] {
    const limit = options.limit ?? 100;
    const rows = options.status
      ? this.db
          .prepare('SELECT * FROM alert_outbox WHERE status = ? ORDER BY id DESC LIMIT ?')
          .all(options.status, limit)
      : this.db.prepare('SELECT * FROM alert_outbox ORDER BY id DESC LIMIT ?').all(limit);
    return (rows as Raw[]).map(toRow);
  }

  /**
   * Deletes sent rows older than `before`, and failed `page --test` rows (nobody retries those) created before
   * it. Parked and pending daemon rows stay until dealt with.
   */
  prune(before: number): number {
    return this.db
      .prepare(
        `DELETE FROM alert_outbox WHERE (status = 'sent' AND sent_at < ?) OR (lane = 'cli' AND status = 'parked' AND created_at < ?)`,
      )
      .run(before, before).changes;
  }
}
