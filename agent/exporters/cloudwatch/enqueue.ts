/**
 * Moves settled buckets of raw samples into the outbox. A bucket is aggregated once every sample
 * that belongs to it has been committed (`settleMs` after its end: the longest a collection cycle or
 * a probe can take between its timestamp and its commit). Samples read, datums written and the
 * cursor moved happen in one transaction, so a crash or restart neither loses nor repeats a bucket.
 */

import { type CloudwatchOutbox, rawSamplesBetween } from '../../store/cloudwatch-outbox.js';
import type { Db } from '../../store/db.js';
import { aggregateSamples, bucketStart } from './aggregate.js';
import { type Dimension, SEND_MAX_AGE_MS } from './datum.js';
import type { CloudwatchSeries } from './series-map.js';

export interface EnqueueDeps {
  db: Db;
  outbox: CloudwatchOutbox;
  bucketMs: number;
  settleMs: number;
  mapSeries: (seriesId: number) => CloudwatchSeries | undefined;
  heartbeatDimensions: readonly Dimension[] | undefined;
  /** Longest span aggregated in one transaction when catching up. */
  chunkMs?: number;
}

export interface EnqueueResult {
  datums: number;
  /** Buckets before this are in the outbox. */
  cursor: number;
}

const DEFAULT_CHUNK_MS = 3_600_000;

export function enqueueSettled(deps: EnqueueDeps, now: number): EnqueueResult {
  const { outbox, bucketMs } = deps;
  const end = bucketStart(now - deps.settleMs, bucketMs);
  const stored = outbox.cursor();
  // First start: begin with the current bucket (history from before CloudWatch was on stays local).
  if (stored === undefined) outbox.setCursor(bucketStart(now, bucketMs));
  // Nothing older than CloudWatch accepts is worth aggregating.
  let cursor = Math.max(stored ?? bucketStart(now, bucketMs), bucketStart(now - SEND_MAX_AGE_MS, bucketMs));
  let datums = 0;
  const chunkMs = Math.max(bucketMs, bucketStart(deps.chunkMs ?? DEFAULT_CHUNK_MS, bucketMs));
  while (cursor < end) {
    const from = cursor;
    const to = Math.min(end, from + chunkMs);
    datums += outbox.transaction(() => {
      const aggregated = aggregateSamples(rawSamplesBetween(deps.db, from, to), {
        bucketMs,
        mapSeries: deps.mapSeries,
        heartbeatDimensions: deps.heartbeatDimensions,
      });
      const added = outbox.insert(aggregated, now);
      outbox.setCursor(to);
      return added;
    });
    cursor = to;
  }
  return { datums, cursor };
}
