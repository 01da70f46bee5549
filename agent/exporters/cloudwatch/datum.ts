/**
 * One CloudWatch datum as the outbox keeps it, and its PutMetricData wire form.
 *
 * The wire form mirrors what @aws-sdk/client-cloudwatch (3.116x) sends: AWS JSON 1.0, members in
 * schema order, Timestamp as epoch seconds. wireBytes() measures exactly that, so batches can be cut
 * under the 1 MB request limit without serializing a request first.
 */
import type { MetricDatum, StandardUnit } from '@aws-sdk/client-cloudwatch';

export interface Dimension {
  Name: string;
  Value: string;
}

export interface StatisticValues {
  count: number;
  sum: number;
  min: number;
  max: number;
}

export interface OutboxDatum extends StatisticValues {
  metric: string;
  /** Fixed order (host dimensions, then per-series ones): the order is part of the outbox key. */
  dimensions: readonly Dimension[];
  /** Start of the aggregation bucket, ms since epoch. */
  ts: number;
  /** 60 = standard resolution; 1 = high resolution (1, 10 or 30 s buckets). */
  storageResolution: 1 | 60;
  unit: StandardUnit;
}

/** CloudWatch's published limits for one PutMetricData request and its datums. */
export const PUT_LIMITS = {
  maxDatums: 1000,
  /** 1 MB; we stay a little under it (1,000,000 bytes) to leave room for rounding in the estimate. */
  maxBytes: 1_000_000,
  maxDimensions: 30,
  maxDimensionValueLength: 1024,
  maxNameLength: 255,
  /** Timestamps older than 14 days are rejected. */
  maxPastMs: 14 * 86_400_000,
  /** ... and more than 2 hours in the future. */
  maxFutureMs: 2 * 3_600_000,
} as const;

/** We stop sending a datum at 13.5 days: it must still be inside the window when it arrives. */
export const SEND_MAX_AGE_MS = 13.5 * 86_400_000;

/**
 * CloudWatch rejects magnitudes above 2^360 and non-zero ones below about 8.5e-109 (and NaN/Infinity).
 * Tiny values become 0 and huge ones are clamped, so one odd reading cannot get a whole batch rejected.
 */
const MAX_MAGNITUDE = 2 ** 360;
const MIN_MAGNITUDE = 8.51592e-109;

export function cloudwatchSafe(value: number): number | undefined {
  if (!Number.isFinite(value)) return undefined;
  if (value !== 0 && Math.abs(value) < MIN_MAGNITUDE) return 0;
  if (Math.abs(value) > MAX_MAGNITUDE) return Math.sign(value) * MAX_MAGNITUDE;
  return value;
}

/** CloudWatch's names for a datum's statistics (the SDK shape and the JSON wire shape are the same). */
function statisticValuesOf(datum: OutboxDatum) {
  return { SampleCount: datum.count, Sum: datum.sum, Minimum: datum.min, Maximum: datum.max };
}

/** The datum in the shape the SDK takes. */
export function toMetricDatum(datum: OutboxDatum): MetricDatum {
  return {
    MetricName: datum.metric,
    Dimensions: datum.dimensions.map((d) => ({ Name: d.Name, Value: d.Value })),
    Timestamp: new Date(datum.ts),
    StatisticValues: statisticValuesOf(datum),
    Unit: datum.unit,
    StorageResolution: datum.storageResolution,
  };
}

/** Bytes this datum adds to the JSON request body (without the separating comma). */
export function wireBytes(datum: OutboxDatum): number {
  const wire = {
    MetricName: datum.metric,
    Dimensions: datum.dimensions,
    Timestamp: datum.ts / 1000,
    StatisticValues: statisticValuesOf(datum),
    Unit: datum.unit,
    StorageResolution: datum.storageResolution,
  };
  return Buffer.byteLength(JSON.stringify(wire));
}

/** Bytes of the request body around the datums: {"Namespace":"...","MetricData":[...]}. */
export function envelopeBytes(namespace: string): number {
  return Buffer.byteLength(JSON.stringify({ Namespace: namespace, MetricData: [] }));
}
