import { describe, expect, it } from 'vitest';
import { aggregateSamples, bucketStart } from '../../../agent/exporters/cloudwatch/aggregate.js';
import type { CloudwatchSeries } from '../../../agent/exporters/cloudwatch/series-map.js';

const T0 = Date.UTC(2026, 10, 23, 10, 0, 0);
const host = [{ Name: 'InstanceId', Value: 'i-1' }];
const cpu: CloudwatchSeries = { metric: 'cpu_usage_active', dimensions: host, unit: 'Percent', scale: 1 };
const net: CloudwatchSeries = {
  metric: 'net_bytes_sent',
  dimensions: [...host, { Name: 'interface', Value: 'eth0' }],
  unit: 'Bytes',
  scale: 10,
};
const mapSeries = (id: number) => (id === 1 ? cpu : id === 2 ? net : undefined);

describe('aggregation', () => {
  it('makes one StatisticValues datum per series and minute', () => {
    const samples = [10, 20, 30, 40, 50, 60].map((value, i) => ({ seriesId: 1, ts: T0 + i * 10_000, value }));
    samples.push({ seriesId: 1, ts: T0 + 60_000, value: 5 });
    const datums = aggregateSamples(samples, { bucketMs: 60_000, mapSeries, heartbeatDimensions: undefined });
    expect(datums).toEqual([
      {
        metric: 'cpu_usage_active',
        dimensions: host,
        ts: T0,
        storageResolution: 60,
        unit: 'Percent',
        count: 6,
        sum: 210,
        min: 10,
        max: 60,
      },
      {
        metric: 'cpu_usage_active',
        dimensions: host,
        ts: T0 + 60_000,
        storageResolution: 60,
        unit: 'Percent',
        count: 1,
        sum: 5,
        min: 5,
        max: 5,
      },
    ]);
  });

  it('sums counters per interval (rate x interval) and marks high resolution', () => {
    const samples = [100, 300].map((value, i) => ({ seriesId: 2, ts: T0 + i * 10_000, value }));
    const [datum] = aggregateSamples(samples, {
      bucketMs: 30_000,
      mapSeries,
      heartbeatDimensions: undefined,
    });
    expect(datum).toMatchObject({
      unit: 'Bytes',
      count: 2,
      sum: 4000,
      min: 1000,
      max: 3000,
      storageResolution: 1,
    });
  });

  it('drops non-finite values and unpublished series, but counts them towards the heartbeat', () => {
    const samples = [
      { seriesId: 1, ts: T0 + 1000, value: Number.NaN },
      { seriesId: 3, ts: T0 + 61_000, value: 1 },
      { seriesId: 1, ts: T0 + 2000, value: 7 },
    ];
    const datums = aggregateSamples(samples, { bucketMs: 60_000, mapSeries, heartbeatDimensions: host });
    expect(datums.filter((d) => d.metric === 'cpu_usage_active')).toHaveLength(1);
    expect(datums.filter((d) => d.metric === 'heartbeat').map((d) => [d.ts, d.sum, d.count])).toEqual([
      [T0, 1, 1],
      [T0 + 60_000, 1, 1],
    ]);
  });

  it('floors timestamps to their bucket', () => {
    expect(bucketStart(T0 + 59_999, 60_000)).toBe(T0);
    expect(bucketStart(T0 + 10_001, 10_000)).toBe(T0 + 10_000);
  });
});
