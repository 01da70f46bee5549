/**
 * The exporter's clockwork. Every flush interval (at a random phase per process, so a fleet does
 * not flush in lock-step): aggregate settled buckets into the outbox, expire datums CloudWatch would
 * refuse as too old, send everything pending oldest first, prune finished rows, record the outcome.
 * After a retryable failure nothing is sent until a capped, fully jittered backoff has passed.
 */
import type { Logger } from '../../log.js';
import { CloudwatchOutbox } from '../../store/cloudwatch-outbox.js';
import type { Db } from '../../store/db.js';
import { MetaStore } from '../../store/meta.js';
import type { Clock } from '../../types.js';
import { type BackoffPolicy, backoffFor, fullJitterDelay } from './backoff.js';
import type { BatchLimits } from './batch.js';
import { type Dimension, SEND_MAX_AGE_MS } from './datum.js';
import { enqueueSettled } from './enqueue.js';
import type { ClassifiedError } from './errors.js';
import { OutboxSender, type PutMetricData } from './sender.js';
import type { CloudwatchSeries } from './series-map.js';
import {
  EXPORTER_META_KEY,
  type ExporterRecord,
  readExporterRecord,
  startingDeliveryFacts,
} from './status.js';

export interface Timers {
  setTimeout(fn: () => void, ms: number): NodeJS.Timeout;
  clearTimeout(timer: NodeJS.Timeout | undefined): void;
}

export const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (timer) => clearTimeout(timer),
};

export interface ExporterSettings {
  namespace: string;
  region?: string;
  endpoint?: string;
  hostDimensions?: Dimension[];
  bucketMs: number;
  flushIntervalMs: number;
  settleMs: number;
  heartbeatDimensions: readonly Dimension[] | undefined;
  /** Sent rows are kept this long (for inspection), rejected/expired ones as long as minute rollups. */
  keepSentMs: number;
  keepFinishedMs: number;
}

export interface ExporterDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  settings: ExporterSettings;
  mapSeries: (seriesId: number) => CloudwatchSeries | undefined;
  put: PutMetricData;
  timers?: Timers;
  random?: () => number;
  limits?: BatchLimits;
  backoff?: BackoffPolicy;
  /** How long stop() lets a request in flight finish before aborting it (its datums stay pending). */
  stopGraceMs?: number;
  reason?: string;
}

export interface TickResult {
  enqueued: number;
  expired: number;
  requests: number;
  sent: number;
  rejected: number;
  failure?: ClassifiedError;
  /** The drain was skipped: still backing off. */
  waiting: boolean;
}

const PRUNE_BUDGET = 5000;

export class CloudwatchExporter {
  private readonly outbox: CloudwatchOutbox;
  private readonly meta: MetaStore;
  private readonly sender: OutboxSender;
  private readonly timers: Timers;
  private readonly random: () => number;
  private readonly backoff: BackoffPolicy;
  private readonly abort = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<unknown> | undefined;
  private nextFlushAt = 0;
  private retryAt = 0;
  private stopped = false;
  private record: ExporterRecord;

  constructor(private readonly deps: ExporterDeps) {
    this.outbox = new CloudwatchOutbox(deps.db);
    this.meta = new MetaStore(deps.db);
    this.timers = deps.timers ?? realTimers;
    this.random = deps.random ?? Math.random;
    this.backoff = deps.backoff ?? backoffFor(deps.settings.flushIntervalMs);
    this.sender = new OutboxSender({
      outbox: this.outbox,
      put: deps.put,
      clock: deps.clock,
      namespace: deps.settings.namespace,
      ...(deps.limits ? { limits: deps.limits } : {}),
    });
    const previous = readExporterRecord(deps.db);
    const { settings } = deps;
    this.record = {
      enabled: true,
      reason: deps.reason ?? previous?.reason ?? 'publishing',
      decidedAt: deps.clock.now(),
      namespace: settings.namespace,
      ...(settings.region ? { region: settings.region } : {}),
      ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
      ...(settings.hostDimensions ? { dimensions: settings.hostDimensions } : {}),
      ...startingDeliveryFacts(previous),
    };
  }

  start(): void {
    this.stopped = false;
    this.meta.set(EXPORTER_META_KEY, this.record);
    // A random phase within the interval, then a fixed rate: one flush per interval, never in step with the fleet.
    this.nextFlushAt = this.deps.clock.now() + Math.floor(this.random() * this.deps.settings.flushIntervalMs);
    this.scheduleAt(this.nextFlushAt);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.timers.clearTimeout(this.timer);
    const running = this.inFlight;
    if (!running) return;
    const grace = setTimeout(
      () => this.abort.abort(new Error('agent stopping')),
      this.deps.stopGraceMs ?? 5000,
    );
    await running.catch(() => {});
    clearTimeout(grace);
  }

  /** One flush: enqueue, expire, send (unless backing off), prune, record. Public for tests. */
  async tick(): Promise<TickResult> {
    const { clock, logger, settings } = this.deps;
    const now = clock.now();
    const result: TickResult = { enqueued: 0, expired: 0, requests: 0, sent: 0, rejected: 0, waiting: false };
    try {
      result.enqueued = enqueueSettled(
        {
          db: this.deps.db,
          outbox: this.outbox,
          bucketMs: settings.bucketMs,
          settleMs: settings.settleMs,
          mapSeries: this.deps.mapSeries,
          heartbeatDimensions: settings.heartbeatDimensions,
        },
        now,
      ).datums;
      result.expired = this.outbox.expireBefore(now - SEND_MAX_AGE_MS, now);
      if (result.expired > 0)
        logger.warn('datums too old for CloudWatch; kept locally, not sent', { count: result.expired });
    } catch (error) {
      logger.error('filling the CloudWatch outbox failed; will try again next flush', { error });
    }
    if (now < this.retryAt) {
      result.waiting = true;
    } else {
      await this.send(result);
    }
    try {
      this.outbox.prune(now - settings.keepSentMs, now - settings.keepFinishedMs, PRUNE_BUDGET);
    } catch (error) {
      logger.warn('pruning the CloudWatch outbox failed', { error });
    }
    this.record.lastFlushAt = now;
    this.meta.set(EXPORTER_META_KEY, this.record);
    return result;
  }

  private async send(result: TickResult): Promise<void> {
    const { clock, logger } = this.deps;
    const drain = await this.sender.drain(this.abort.signal);
    Object.assign(result, {
      requests: drain.requests,
      sent: drain.sent,
      rejected: drain.rejected,
      ...(drain.failure ? { failure: drain.failure } : {}),
    });
    const now = clock.now();
    this.record.requests += drain.requests;
    this.record.datumsSent += drain.sent;
    if (drain.sent > 0) this.record.lastSuccessAt = now;
    if (drain.rejected > 0)
      logger.warn('CloudWatch refused datums as invalid; set aside with the error', {
        count: drain.rejected,
        errors: drain.rejections,
      });
    if (drain.failure && !this.abort.signal.aborted) {
      const failure = drain.failure;
      const failures = this.record.consecutiveFailures + 1;
      const delay = fullJitterDelay(failures, this.backoff, this.random);
      this.retryAt = now + delay;
      this.record.consecutiveFailures = failures;
      this.record.nextRetryAt = this.retryAt;
      this.record.lastError = { at: now, kind: failure.kind, code: failure.code, message: failure.message };
      const fields = {
        error: `${failure.code}: ${failure.message}`,
        status: failure.status,
        failures,
        retryInMs: delay,
        sent: drain.sent,
      };
      if (failures === 1) {
        if (failure.kind === 'credentials')
          logger.error(
            'CloudWatch refused our credentials or permissions; datums wait in the outbox (see systemd/iam-policy.json)',
            fields,
          );
        else logger.warn('CloudWatch send failed; datums wait in the outbox and are retried', fields);
      } else logger.debug('CloudWatch send failed again', fields);
      return;
    }
    if (this.record.consecutiveFailures > 0)
      logger.info('CloudWatch send works again', {
        failures: this.record.consecutiveFailures,
        sent: drain.sent,
      });
    this.record.consecutiveFailures = 0;
    this.record.nextRetryAt = null;
    this.retryAt = 0;
  }

  private scheduleAt(at: number): void {
    if (this.stopped) return;
    const delay = Math.max(0, at - this.deps.clock.now());
    this.timer = this.timers.setTimeout(() => void this.wake(), delay);
  }

  private async wake(): Promise<void> {
    const run = this.tick().catch((error: unknown) =>
      this.deps.logger.error('CloudWatch flush failed', { error }),
    );
    this.inFlight = run;
    await run;
    this.inFlight = undefined;
    const now = this.deps.clock.now();
    const interval = this.deps.settings.flushIntervalMs;
    while (this.nextFlushAt <= now) this.nextFlushAt += interval;
    const wakeAt = this.retryAt > now ? Math.min(this.nextFlushAt, this.retryAt) : this.nextFlushAt;
    this.scheduleAt(wakeAt);
  }
}
