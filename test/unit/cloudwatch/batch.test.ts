import { describe, expect, it } from 'vitest';
import { firstBatch, requestBytes, splitIntoBatches } from '../../../agent/exporters/cloudwatch/batch.js';
import type { OutboxDatum } from '../../../agent/exporters/cloudwatch/datum.js';
import { cloudwatchSafe, wireBytes } from '../../../agent/exporters/cloudwatch/datum.js';

const datum = (i: number, value = 'x'): OutboxDatum => ({
  metric: `m${i}`,
  dimensions: [{ Name: 'InstanceId', Value: value }],
  ts: 1_800_000_000_000 + i,
  storageResolution: 60,
  unit: 'Count',
  count: 1,
  sum: i,
  min: i,
  max: i,
});

describe('batching', () => {
  it('cuts at 1000 datums', () => {
    const datums = Array.from({ length: 2500 }, (_, i) => datum(i));
    expect(splitIntoBatches(datums, 'Hostwatch').map((b) => b.length)).toEqual([1000, 1000, 500]);
  });

  it('cuts under the byte limit, measured like the serialized request', () => {
    const big = 'v'.repeat(1000);
    const datums = Array.from({ length: 50 }, (_, i) => datum(i, big));
    const limits = { maxDatums: 1000, maxBytes: 10_000 };
    const batches = splitIntoBatches(datums, 'Hostwatch', limits);
    expect(batches.length).toBeGreaterThan(1);
    for (const batch of batches) expect(requestBytes(batch, 'Hostwatch')).toBeLessThanOrEqual(10_000);
    expect(batches.flat()).toEqual(datums);
    const body = JSON.stringify({
      Namespace: 'Hostwatch',
      MetricData: batches[0]?.map((d) => ({
        MetricName: d.metric,
        Dimensions: d.dimensions,
        Timestamp: d.ts / 1000,
        StatisticValues: { SampleCount: d.count, Sum: d.sum, Minimum: d.min, Maximum: d.max },
        Unit: d.unit,
        StorageResolution: d.storageResolution,
      })),
    });
    expect(requestBytes(batches[0] ?? [], 'Hostwatch')).toBe(Buffer.byteLength(body));
  });

  it('sends a datum that is too big alone rather than never', () => {
    const huge = datum(1, 'v'.repeat(5000));
    expect(firstBatch([huge, datum(2)], 'Hostwatch', { maxDatums: 1000, maxBytes: 1000 })).toEqual([huge]);
    expect(wireBytes(huge)).toBeGreaterThan(5000);
  });

  it('keeps values inside what CloudWatch accepts', () => {
    expect(cloudwatchSafe(Number.NaN)).toBeUndefined();
    expect(cloudwatchSafe(Number.POSITIVE_INFINITY)).toBeUndefined();
    expect(cloudwatchSafe(1e-200)).toBe(0);
    expect(cloudwatchSafe(-(2 ** 400))).toBe(-(2 ** 360));
    expect(cloudwatchSafe(42.5)).toBe(42.5);
  });
});
