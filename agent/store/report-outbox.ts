/**
 * The weekly report outbox: a row says "post week W to channel C". A scheduled week is queued once per channel
 * (a unique index), a manual request always gets its own row; a row is marked sent only after Discord accepted
 * the message. A crash between "accepted" and "marked" posts that week once more: a duplicate, never a loss.
 */
import { type Db, tableExists } from './db.js';

export type ReportTrigger = 'schedule' | 'manual';

export interface ReportOutboxRow {
  id: number;
  week: string;
  channelId: string;
  trigger: ReportTrigger;
  createdAt: number;
  status: 'pending' | 'sent';
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  sentAt: number | null;
  messageId: string | null;
}

interface Raw {
  id: number;
  week: string;
  channel_id: string;
  trigger: ReportTrigger;
  created_at: number;
  status: 'pending' | 'sent';
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  sent_at: number | null;
  message_id: string | null;
}

const toRow = (r: Raw): ReportOutboxRow => ({
  id: r.id,
  week: r.week,
  channelId: r.channel_id,
  trigger: r.trigger,
  createdAt: r.created_at,
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastError: r.last_error,
  sentAt: r.sent_at,
  messageId: r.message_id,
});

export interface ReportOutboxSummary {
  pending: number;
  sent: number;
  lastSent: { week: string; at: number; messageId: string | null } | null;
  /** The oldest pending row's last error, when it failed at least once. */
  lastError: string | null;
}

export class ReportOutbox {
  constructor(private readonly db: Db) {}

  /** Queues `week` for `channelId`; a scheduled week already queued (sent or not) is left alone. True when queued. */
  enqueue(week: string, channelId: string, trigger: ReportTrigger, now: number): boolean {
    const result = this.db
      .prepare(
        `INSERT INTO report_outbox (week, channel_id, trigger, created_at, status, next_attempt_at)
         VALUES (?, ?, ?, ?, 'pending', ?) ON CONFLICT DO NOTHING`,
      )
      .run(week, channelId, trigger, now, now);
    return result.changes === 1;
  }

  /** The oldest pending row due at `now`. */
  nextDue(now: number): ReportOutboxRow | undefined {
    const row = this.db
      .prepare(
        "SELECT * FROM report_outbox WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY id LIMIT 1",
      )
      .get(now) as Raw | undefined;
    return row ? toRow(row) : undefined;
  }

  /** When the next pending row falls due; undefined when none is pending. */
  nextAttemptAt(): number | undefined {
    const row = this.db
      .prepare("SELECT min(next_attempt_at) AS at FROM report_outbox WHERE status = 'pending'")
      .get() as { at: number | null };
    return row.at ?? undefined;
  }

  markSent(id: number, messageId: string | null, now: number): void {
    this.db
      .prepare(
        "UPDATE report_outbox SET status = 'sent', sent_at = ?, message_id = ?, attempts = attempts + 1 WHERE id = ?",
      )
      .run(now, messageId, id);
  }

  markFailed(id: number, error: string, retryAt: number): void {
    this.db
      .prepare(
        'UPDATE report_outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?',
      )
      .run(error, retryAt, id);
  }

  /** null when the store predates the report outbox. */
  summary(): ReportOutboxSummary | null {
    if (!tableExists(this.db, 'report_outbox')) return null;
    const counts = this.db
      .prepare("SELECT sum(status = 'pending') AS pending, sum(status = 'sent') AS sent FROM report_outbox")
      .get() as { pending: number | null; sent: number | null };
    const last = this.db
      .prepare(
        "SELECT week, sent_at, message_id FROM report_outbox WHERE status = 'sent' ORDER BY sent_at DESC, id DESC LIMIT 1",
      )
      .get() as { week: string; sent_at: number; message_id: string | null } | undefined;
    const failing = this.db
      .prepare(
        "SELECT last_error FROM report_outbox WHERE status = 'pending' AND last_error IS NOT NULL ORDER BY id LIMIT 1",
      )
      .get() as { last_error: string } | undefined;
    return {
      pending: counts.pending ?? 0,
      sent: counts.sent ?? 0,
      lastSent: last ? { week: last.week, at: last.sent_at, messageId: last.message_id } : null,
      lastError: failing?.last_error ?? null,
    };
  }
}
