/**
 * Raw samples -> CloudWatch datums (pure): StatisticValues (SampleCount, Sum, Min, Max) per series
 * per bucket, and a `heartbeat` datum for every minute in which the agent committed any sample.
 */
import { cloudwatchSafe, type Dimension, type OutboxDatum } from './datum.js';
import { type CloudwatchSeries, HEARTBEAT_METRIC, type LocalSeries, seriesKey } from './series-map.js';

export const MINUTE_MS = 60_000;

export interface RawSample {
  /** The local series id (only used to look up the mapping once per series). */
  seriesId: number;
  ts: number;
  value: number;
}

export interface AggregateOptions {
  /** Bucket length: 60 000 (standard) or 1 000 / 10 000 / 30 000 (high resolution). */
  bucketMs: number;
  /** The CloudWatch series of a local one, or undefined when it is not published. */
  mapSeries: (seriesId: number) => CloudwatchSeries | undefined;
  /** Dimensions of the heartbeat; undefined when the heartbeat is not published. */
  heartbeatDimensions: readonly Dimension[] | undefined;
}

/** Floor of `ts` to its bucket. */
export function bucketStart(ts: number, bucketMs: number): number {
  return ts - (((ts % bucketMs) + bucketMs) % bucketMs);
}

export function aggregateSamples(samples: Iterable<RawSample>, options: AggregateOptions): OutboxDatum[] {
  const { bucketMs } = options;
  const storageResolution = bucketMs < MINUTE_MS ? 1 : 60;
  const buckets = new Map<string, OutboxDatum>();
  const minutesSeen = new Set<number>();
  for (const sample of samples) {
    minutesSeen.add(bucketStart(sample.ts, MINUTE_MS));
    const series = options.mapSeries(sample.seriesId);
    if (!series) continue;
    const value = cloudwatchSafe(sample.value * series.scale);
    if (value === undefined) continue;
    const ts = bucketStart(sample.ts, bucketMs);
    const key = `${seriesKey(series.metric, series.dimensions)}\u0000${ts}`;
    const datum = buckets.get(key);
    if (datum) {
      datum.count += 1;
      datum.sum += value;
      datum.min = Math.min(datum.min, value);
      datum.max = Math.max(datum.max, value);
    } else {
      buckets.set(key, {
        metric: series.metric,
        dimensions: series.dimensions,
        ts,
        storageResolution,
        unit: series.unit,
        count: 1,
        sum: value,
        min: value,
        max: value,
      });
    }
  }
  const datums = [...buckets.values()];
  for (const datum of datums) datum.sum = cloudwatchSafe(datum.sum) ?? 0;
  if (options.heartbeatDimensions) {
    for (const minute of [...minutesSeen].sort((a, b) => a - b)) {
      datums.push(heartbeatDatum(minute, options.heartbeatDimensions));
    }
  }
  return datums;
}

/** 1 for a minute in which the agent was alive; a missing one is what the dead-host alarm waits for. */
function heartbeatDatum(minute: number, dimensions: readonly Dimension[]): OutboxDatum {
  return {
    metric: HEARTBEAT_METRIC,
    dimensions,
    ts: minute,
    storageResolution: 60,
    unit: 'Count',
    count: 1,
    sum: 1,
    min: 1,
    max: 1,
  };
}

/** Caches the mapping per local series id (the mapper is pure; the series table is append-only). */
export function cachedSeriesLookup(
  describe: (seriesId: number) => LocalSeries | undefined,
  map: (local: LocalSeries) => CloudwatchSeries | undefined,
): (seriesId: number) => CloudwatchSeries | undefined {
  const cache = new Map<number, CloudwatchSeries | undefined>();
  return (seriesId) => {
    if (cache.has(seriesId)) return cache.get(seriesId);
    const local = describe(seriesId);
    const mapped = local ? map(local) : undefined;
    cache.set(seriesId, mapped);
    return mapped;
  };
}
