/**
 * Drains the pager outbox: the head row of each dedup key, when due, is rendered (with the send time, so a
 * late message says so) and published. Accepted -> marked sent, never picked again. Retryable failure ->
 * due again after capped exponential backoff with jitter. Permanent failure -> parked, logged at error level,
 * shown by `hostwatch status` and `hostwatch alerts`; later rows of the same incident are parked behind it
 * (a resolve never goes out for a page SNS refused). Rows of other keys keep flowing.
 */
import type { Logger } from '../agent/log.js';
import type { AlertOutboxStore, OutboxLane, OutboxRow } from '../agent/store/alert-outbox.js';
import type { Clock } from '../agent/types.js';
import type { Notification } from './notification.js';
import {
  type BackoffOptions,
  backoffDelay,
  classifySendError,
  DEFAULT_BACKOFF,
  type SendFailure,
} from './pager/errors.js';
import { formatPublish } from './pager/format.js';
import { parseTopicArn } from './pager/regions.js';
import type { Pager } from './pager/sns.js';

export type SendOutcome = 'sent' | 'retry' | 'parked' | 'interrupted';

export interface OutboxSenderDeps {
  store: AlertOutboxStore;
  pager: Pager;
  clock: Clock;
  logger: Logger;
  lane?: OutboxLane;
  backoff?: BackoffOptions;
  random?: () => number;
  /** Called after each attempt (tests, `page --test`). */
  onOutcome?: (row: OutboxRow, outcome: SendOutcome, failure?: SendFailure) => void;
}

/** How long the loop sleeps when nothing is pending (a wake() cuts it short). */
const IDLE_MS = 60_000;

const HINTS: Record<string, string> = {
  AuthorizationError: 'grant sns:Publish on the topic to the instance role (systemd/iam-policy.json)',
  AccessDenied: 'grant sns:Publish on the topic to the instance role (systemd/iam-policy.json)',
  InvalidClientTokenId: 'the AWS credentials are invalid; check the instance role or AWS_* variables',
  SignatureDoesNotMatch: 'the AWS secret key is wrong; check the instance role or AWS_* variables',
  NotFound: 'no such topic: check alerting.sns.topicArn / warningTopicArn and the region',
  EndpointDisabled: 'the subscription endpoint is disabled; re-enable it in SNS',
  KMSAccessDenied: "allow the instance role kms:GenerateDataKey and kms:Decrypt on the topic's KMS key",
  KMSDisabled: "the topic's KMS key is disabled; enable it",
  KMSNotFound: "the topic's KMS key does not exist",
  KMSInvalidState: "the topic's KMS key is not usable (pending deletion?)",
  InvalidParameter: 'SNS refused the message itself; this is a hostwatch bug, please report it',
};

export class OutboxSender {
  private readonly lane: OutboxLane;
  private stopped = false;
  private loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  private inFlight: { controller: AbortController; done: Promise<unknown> } | undefined;

  constructor(private readonly deps: OutboxSenderDeps) {
    this.lane = deps.lane ?? 'daemon';
  }

  start(): void {
    this.stopped = false;
    this.loop ??= this.run();
  }

  /** A row was enqueued: send now rather than at the next timer. */
  wake(): void {
    this.wakeUp?.();
  }

  /** Lets a request in flight finish for up to `graceMs`, then aborts it (the row stays pending). */
  async stop(graceMs = 2000): Promise<void> {
    this.stopped = true;
    this.wake();
    const flight = this.inFlight;
    if (flight) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([flight.done, new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
      clearTimeout(timer);
      flight.controller.abort(new Error('agent stopping'));
    }
    await this.loop;
    this.loop = undefined;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.drain();
      } catch (error) {
        this.deps.logger.error('pager outbox pass failed', { error });
      }
      if (this.stopped) break;
      const next = this.deps.store.nextDueAt(this.lane);
      const delay =
        next === undefined ? IDLE_MS : Math.min(IDLE_MS, Math.max(0, next - this.deps.clock.now()));
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeUp = undefined;
    }
  }

  /** Sends every head row that is due, until none is. */
  async drain(): Promise<void> {
    for (;;) {
      const now = this.deps.clock.now();
      const due = this.deps.store.heads(this.lane).filter((row) => row.nextAttemptAt <= now);
      if (due.length === 0 || this.stopped) return;
      for (const row of due) {
        if (this.stopped) return;
        await this.send(row);
      }
    }
  }

  async send(row: OutboxRow): Promise<SendOutcome> {
    const { store, logger, clock } = this.deps;
    const fields = {
      id: row.id,
      key: row.dedupKey,
      kind: row.kind,
      severity: row.severity,
      topic: row.topicArn,
    };
    const blocker = store.parkedPredecessor(row);
    if (blocker) {
      store.markParked(
        row.id,
        'Blocked',
        `not sent: #${blocker.id} (${blocker.kind}) of the same incident was refused by SNS (${blocker.errorCode})`,
        false,
      );
      logger.error('notification parked behind a refused one', { ...fields, blockedBy: blocker.id });
      return this.report(row, 'parked');
    }
    const arn = parseTopicArn(row.topicArn);
    let message: ReturnType<typeof formatPublish>;
    const now = clock.now();
    try {
      const notification = JSON.parse(row.payload) as Notification;
      if (!arn) throw new Error(`not an SNS topic ARN: ${row.topicArn}`);
      message = formatPublish(notification, {
        sentAt: now,
        accountId: arn.accountId,
        region: notification.host.region ?? arn.region,
        topicArn: row.topicArn,
        previousAttempts: row.attempts,
      });
    } catch (error) {
      store.markParked(row.id, 'Unrenderable', (error as Error).message, false);
      logger.error('notification cannot be rendered; parked', { ...fields, error });
      return this.report(row, 'parked');
    }
    store.markAttempt(row.id, now);
    const controller = new AbortController();
    const request = this.deps.pager.publish(row.topicArn, message, controller.signal);
    this.inFlight = { controller, done: request.catch(() => {}) };
    try {
      const { messageId } = await request;
      const sentAt = clock.now();
      store.markSent(row.id, sentAt, messageId);
      logger.info('notification sent', {
        ...fields,
        messageId,
        attempts: row.attempts + 1,
        delayMs: sentAt - row.createdAt,
      });
      return this.report(row, 'sent');
    } catch (error) {
      if (controller.signal.aborted) {
        logger.warn('notification interrupted by shutdown; it stays queued', fields);
        return this.report(row, 'interrupted');
      }
      const failure = classifySendError(error);
      const attempts = row.attempts + 1;
      const detail = `${failure.code}${failure.httpStatus ? ` (HTTP ${failure.httpStatus})` : ''}: ${failure.message}`;
      if (failure.retryable) {
        const delay = backoffDelay(
          attempts,
          (this.deps.random ?? Math.random)(),
          this.deps.backoff ?? DEFAULT_BACKOFF,
        );
        store.markRetry(row.id, clock.now() + delay, failure.code, detail);
        logger.warn('SNS publish failed; retrying', { ...fields, attempts, error: detail, retryInMs: delay });
        return this.report(row, 'retry', failure);
      }
      store.markParked(row.id, failure.code, detail, failure.fixable);
      logger.error('SNS refused a notification; parked', {
        ...fields,
        error: detail,
        hint: HINTS[failure.code] ?? 'see hostwatch alerts',
        retried: failure.fixable ? 'after the next restart or reload (systemctl reload hostwatch)' : 'never',
      });
      return this.report(row, 'parked', failure);
    } finally {
      this.inFlight = undefined;
    }
  }

  private report(row: OutboxRow, outcome: SendOutcome, failure?: SendFailure): SendOutcome {
    this.deps.onOutcome?.(row, outcome, failure);
    return outcome;
  }
}
