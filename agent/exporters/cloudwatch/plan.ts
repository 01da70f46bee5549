/**
 * `hostwatch cloudwatch plan` (pure): the series the exporter would publish for a set of local
 * series, the PutMetricData requests that takes, and what it costs a month.
 */
import { splitIntoBatches } from './batch.js';
import type { Dimension, OutboxDatum } from './datum.js';
import { type CloudwatchSeries, HEARTBEAT_METRIC, type LocalSeries, seriesKey } from './series-map.js';

/**
 * CloudWatch public list prices (US East, N. Virginia; most regions are the same or within a few
 * cents), as published on https://aws.amazon.com/cloudwatch/pricing/:
 * - custom metrics: $0.30 per metric-month for the first 10,000 metrics (prorated by the hour);
 * - API requests (PutMetricData): $0.01 per 1,000 requests;
 * - standard-resolution alarms: $0.10 per alarm metric-month.
 * The free tier (10 metrics, 1M requests, 10 alarms per account) is left out: it is shared by the fleet.
 */
export const PRICES_USD = {
  perMetricMonth: 0.3,
  per1000Requests: 0.01,
  perAlarmMonth: 0.1,
} as const;

export const HOURS_PER_MONTH = 730;

export interface PlannedSeries {
  metric: string;
  dimensions: Record<string, string>;
  unit: string;
  storageResolution: 1 | 60;
}

export interface CloudwatchPlan {
  namespace: string;
  resolutionSeconds: number;
  flushIntervalMs: number;
  series: PlannedSeries[];
  /** Local series that are not published (include/exclude, loopback). */
  notPublished: number;
  requests: { perHour: number; perMonth: number; datumsPerHour: number };
  alarms: number;
  costUsdPerMonth: { metrics: number; requests: number; alarms: number; total: number };
  prices: typeof PRICES_USD;
}

export interface PlanInput {
  namespace: string;
  resolutionSeconds: number;
  flushIntervalMs: number;
  localSeries: readonly LocalSeries[];
  mapSeries: (local: LocalSeries) => CloudwatchSeries | undefined;
  heartbeatDimensions: readonly Dimension[] | undefined;
  alarms: number;
}

const cents = (usd: number) => Math.round(usd * 100) / 100;

export function buildPlan(input: PlanInput): CloudwatchPlan {
  const bucketMs = input.resolutionSeconds * 1000;
  const storageResolution = bucketMs < 60_000 ? 1 : 60;
  const published = new Map<string, PlannedSeries & { perHour: number; sample: OutboxDatum }>();
  let notPublished = 0;
  const add = (
    series: CloudwatchSeries | { metric: string; dimensions: readonly Dimension[]; unit: string },
    resolution: 1 | 60,
    perHour: number,
  ) => {
    const key = seriesKey(series.metric, series.dimensions);
    if (published.has(key)) return;
    published.set(key, {
      metric: series.metric,
      dimensions: Object.fromEntries(series.dimensions.map((d) => [d.Name, d.Value])),
      unit: series.unit,
      storageResolution: resolution,
      perHour,
      sample: {
        metric: series.metric,
        dimensions: series.dimensions,
        ts: 1_800_000_000_000,
        storageResolution: resolution,
        unit: series.unit as OutboxDatum['unit'],
        // Typical magnitudes, so the size estimate is realistic.
        count: 6,
        sum: 123.456789,
        min: 12.3456789,
        max: 34.5678901,
      },
    });
  };
  for (const local of input.localSeries) {
    const series = input.mapSeries(local);
    if (series) add(series, storageResolution, 3_600_000 / bucketMs);
    else notPublished += 1;
  }
  if (input.heartbeatDimensions)
    add({ metric: HEARTBEAT_METRIC, dimensions: input.heartbeatDimensions, unit: 'Count' }, 60, 60);
  const all = [...published.values()].sort(
    (a, b) =>
      a.metric.localeCompare(b.metric) ||
      JSON.stringify(a.dimensions).localeCompare(JSON.stringify(b.dimensions)),
  );
  const datumsPerHour = all.reduce((sum, s) => sum + s.perHour, 0);
  // Flushes that carry data: one per flush interval, but never more than buckets close.
  const finestBucketMs = Math.min(bucketMs, input.heartbeatDimensions ? 60_000 : bucketMs);
  const flushesPerHour =
    all.length === 0 ? 0 : Math.min(3_600_000 / input.flushIntervalMs, 3_600_000 / finestBucketMs);
  const perFlush: OutboxDatum[] = [];
  if (flushesPerHour > 0) {
    for (const s of all) {
      const count = Math.ceil(s.perHour / flushesPerHour);
      for (let i = 0; i < count; i++) perFlush.push(s.sample);
    }
  }
  const requestsPerFlush = splitIntoBatches(perFlush, input.namespace).length;
  const perHour = Math.ceil(flushesPerHour * requestsPerFlush);
  const perMonth = perHour * HOURS_PER_MONTH;
  const metrics = all.length * PRICES_USD.perMetricMonth;
  const requests = (perMonth / 1000) * PRICES_USD.per1000Requests;
  const alarms = input.alarms * PRICES_USD.perAlarmMonth;
  return {
    namespace: input.namespace,
    resolutionSeconds: input.resolutionSeconds,
    flushIntervalMs: input.flushIntervalMs,
    series: all.map(({ metric, dimensions, unit, storageResolution: r }) => ({
      metric,
      dimensions,
      unit,
      storageResolution: r,
    })),
    notPublished,
    requests: { perHour, perMonth, datumsPerHour: Math.round(datumsPerHour) },
    alarms: input.alarms,
    costUsdPerMonth: {
      metrics: cents(metrics),
      requests: cents(requests),
      alarms: cents(alarms),
      total: cents(metrics + requests + alarms),
    },
    prices: PRICES_USD,
  };
}
