/**
 * Drains the report outbox: the oldest due row is rebuilt from history, posted, and marked sent only after
 * Discord accepted it. A failure is retried with capped exponential backoff and full jitter, forever: a report
 * is small and a week's figures do not go stale. Rows queued by `hostwatch report --post` are found by polling.
 */
import { type BackoffPolicy, fullJitterDelay } from '../../agent/exporters/cloudwatch/backoff.js';
import type { Logger } from '../../agent/log.js';
import type { ReportOutbox, ReportOutboxRow } from '../../agent/store/report-outbox.js';
import type { Clock } from '../../agent/types.js';
import type { PostReport } from './discord-post.js';
import type { ReportMessage } from './message.js';

export interface ReportSenderDeps {
  outbox: ReportOutbox;
  clock: Clock;
  logger: Logger;
  /** Builds the message for a queued week label. */
  build(week: string, now: number): Promise<ReportMessage>;
  post: PostReport;
  describeError(error: unknown): string;
  random?: () => number;
  backoff?: BackoffPolicy;
  pollMs?: number;
}

const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 5_000, capMs: 15 * 60_000 };
const DEFAULT_POLL_MS = 10_000;

export class ReportSender {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly deps: ReportSenderDeps) {}

  /** Sends what is due now, then sleeps until the next row is due (or the next poll). */
  kick(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.running ??= this.drain().finally(() => {
      this.running = undefined;
      this.scheduleNext();
    });
  }

  private scheduleNext(): void {
    if (this.stopped) return;
    const now = this.deps.clock.now();
    const poll = this.deps.pollMs ?? DEFAULT_POLL_MS;
    const due = this.deps.outbox.nextAttemptAt();
    const delay = due === undefined ? poll : Math.min(poll, Math.max(0, due - now));
    this.timer = setTimeout(() => this.kick(), delay).unref();
  }

  private async drain(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const row = this.deps.outbox.nextDue(this.deps.clock.now());
      if (!row) return;
      await this.send(row);
    }
  }

  private async send(row: ReportOutboxRow): Promise<void> {
    const { outbox, clock, logger } = this.deps;
    try {
      const message = await this.deps.build(row.week, clock.now());
      const { messageId } = await this.deps.post(row.channelId, message);
      outbox.markSent(row.id, messageId, clock.now());
      logger.info(`weekly report ${row.week} posted to Discord channel ${row.channelId}`, {
        messageId,
        attempts: row.attempts + 1,
      });
    } catch (error) {
      const failures = row.attempts + 1;
      const delay = fullJitterDelay(
        failures,
        this.deps.backoff ?? DEFAULT_BACKOFF,
        this.deps.random ?? Math.random,
      );
      const description = this.deps.describeError(error);
      outbox.markFailed(row.id, description, clock.now() + delay);
      logger.warn(
        `could not post weekly report ${row.week} to Discord channel ${row.channelId} (${description}); retrying in ${Math.ceil(delay / 1000)}s`,
        { attempts: failures },
      );
    }
  }

  /** Stops retrying; a post in flight finishes (the outbox keeps anything unsent). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }
}
