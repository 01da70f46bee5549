/**
 * Drains the outbox: the oldest pending datums go out in requests as full as the limits allow,
 * back to back while there is backlog. A datum leaves `pending` only after CloudWatch answered 2xx
 * (sent) or refused that very datum as invalid (rejected). A refused batch is split in halves until
 * the bad datums are alone, so one bad datum never holds back the rest. A retryable failure stops
 * the drain; the caller schedules the retry.
 */
import type { CloudwatchOutbox, StoredDatum } from '../../store/cloudwatch-outbox.js';
import type { Clock } from '../../types.js';
import { type BatchLimits, DEFAULT_BATCH_LIMITS, firstBatch } from './batch.js';
import type { OutboxDatum } from './datum.js';
import { type ClassifiedError, classifyError } from './errors.js';

/** One PutMetricData call; resolves on 2xx, throws the SDK's error otherwise. */
export type PutMetricData = (
  namespace: string,
  datums: readonly OutboxDatum[],
  signal: AbortSignal,
) => Promise<void>;

export interface DrainOutcome {
  requests: number;
  sent: number;
  rejected: number;
  /** The retryable (or credentials) failure that stopped the drain, if any. */
  failure?: ClassifiedError;
  /** Messages of datums set aside in this drain (first few). */
  rejections: string[];
}

export interface SenderDeps {
  outbox: CloudwatchOutbox;
  put: PutMetricData;
  clock: Clock;
  namespace: string;
  limits?: BatchLimits;
  /** Buckets further in the future than this are held back (clock went backwards); CloudWatch allows 2 h. */
  futureMarginMs?: number;
}

const DEFAULT_FUTURE_MARGIN_MS = 3_600_000;

export class OutboxSender {
  private readonly limits: BatchLimits;

  constructor(private readonly deps: SenderDeps) {
    this.limits = deps.limits ?? DEFAULT_BATCH_LIMITS;
  }

  /** Sends until nothing eligible is pending, a retryable error occurs, or `signal` aborts. */
  async drain(signal: AbortSignal): Promise<DrainOutcome> {
    const outcome: DrainOutcome = { requests: 0, sent: 0, rejected: 0, rejections: [] };
    const margin = this.deps.futureMarginMs ?? DEFAULT_FUTURE_MARGIN_MS;
    while (!signal.aborted) {
      const rows = this.deps.outbox.pending(this.limits.maxDatums, this.deps.clock.now() + margin);
      if (rows.length === 0) break;
      const batch = firstBatch(rows, this.deps.namespace, this.limits);
      const failure = await this.deliver(batch, signal, outcome);
      if (failure) {
        outcome.failure = failure;
        break;
      }
    }
    return outcome;
  }

  private async deliver(
    batch: readonly StoredDatum[],
    signal: AbortSignal,
    outcome: DrainOutcome,
  ): Promise<ClassifiedError | undefined> {
    outcome.requests += 1;
    try {
      await this.deps.put(this.deps.namespace, batch, signal);
    } catch (error) {
      const failure = classifyError(error);
      if (signal.aborted) return { ...failure, kind: 'retryable' };
      if (failure.kind === 'retryable' || failure.kind === 'credentials') return failure;
      if (batch.length === 1) {
        const text = `${failure.code}: ${failure.message}`;
        this.deps.outbox.markRejected([(batch[0] as StoredDatum).id], this.deps.clock.now(), text);
        outcome.rejected += 1;
        if (outcome.rejections.length < 5) outcome.rejections.push(text);
        return undefined;
      }
      const middle = Math.ceil(batch.length / 2);
      return (
        (await this.deliver(batch.slice(0, middle), signal, outcome)) ??
        (signal.aborted ? undefined : await this.deliver(batch.slice(middle), signal, outcome))
      );
    }
    this.deps.outbox.markSent(
      batch.map((datum) => datum.id),
      this.deps.clock.now(),
    );
    outcome.sent += batch.length;
    return undefined;
  }
}
