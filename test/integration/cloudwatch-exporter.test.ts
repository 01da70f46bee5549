/**
 * The exporter in process, over a real SQLite store and the real @aws-sdk/client-cloudwatch, against
 * the fake CloudWatch (real HTTP, real wire format). The clock is driven by hand; the network is real.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { requestBytes } from '../../agent/exporters/cloudwatch/batch.js';
import { createCloudwatchClient, putMetricDataWith } from '../../agent/exporters/cloudwatch/client.js';
import type { OutboxDatum } from '../../agent/exporters/cloudwatch/datum.js';
import { readExporterRecord } from '../../agent/exporters/cloudwatch/status.js';
import { CloudwatchOutbox } from '../../agent/store/cloudwatch-outbox.js';
import type { Db } from '../../agent/store/db.js';
import { SampleWriter } from '../../agent/store/samples.js';
import type { Sample } from '../../agent/types.js';
import { startFakeCloudwatch } from '../fakes/cloudwatch-server.js';
import {
  countDatum,
  DUMMY_CREDENTIALS,
  datumKey,
  exporterHarness,
  freshStore,
  HOST_DIMENSIONS,
  ManualClock,
} from '../helpers/cloudwatch.js';

const T0 = Date.UTC(2026, 10, 23, 10, 0, 0);
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(options: { start?: number } = {}) {
  const clock = new ManualClock(options.start ?? T0);
  const fake = await startFakeCloudwatch({ now: clock.now });
  const db = freshStore();
  cleanups.push(
    () => fake.close(),
    () => db.close(),
  );
  return { clock, fake, db, writer: new SampleWriter(db) };
}

/** One metrics cycle at `at`: a gauge, a counter rate and a probe result. */
function cycle(writer: SampleWriter, at: number, i: number): Sample[] {
  const samples: Sample[] = [
    { metric: 'cpu_usage_active', value: (i * 7) % 100, unit: 'Percent', at },
    { metric: 'net_bytes_sent', labels: { interface: 'eth0' }, value: 1000 + i, unit: 'Bytes/Second', at },
    { metric: 'probe_up', labels: { service: 'nginx' }, value: i % 5 === 0 ? 0 : 1, unit: 'Count', at },
  ];
  writer.write(samples);
  return samples;
}

/** Samples every 10 s from `from` for `minutes`, ticking the exporter once a minute, 30 s past it. */
async function run(
  env: { clock: ManualClock; writer: SampleWriter },
  exporter: { tick(): Promise<unknown> },
  from: number,
  minutes: number,
) {
  let i = Math.round((from - T0) / 10_000);
  for (let at = from; at < from + minutes * 60_000; at += 10_000) {
    env.clock.at = at;
    cycle(env.writer, at, i++);
    if (at % 60_000 === 30_000) await exporter.tick();
  }
}

function rollups(db: Db, metric: string) {
  return db
    .prepare(
      `SELECT r.bucket, r.count, r.sum, r.min, r.max FROM rollup_minute r JOIN series s ON s.id = r.series_id
        WHERE s.metric = ? ORDER BY r.bucket`,
    )
    .all(metric) as Array<{ bucket: number; count: number; sum: number; min: number; max: number }>;
}

describe('the real CloudWatch client against the fake', () => {
  it('speaks AWS JSON 1.0, gzips large bodies, and our size estimate is the body it sends', async () => {
    const { fake } = await setup();
    const client = createCloudwatchClient({
      region: 'eu-central-1',
      endpoint: fake.url,
      credentials: DUMMY_CREDENTIALS,
    });
    cleanups.push(() => client.destroy());
    const put = putMetricDataWith(client, 5000);
    const datum = (i: number): OutboxDatum => ({
      metric: `m${i}`,
      dimensions: [...HOST_DIMENSIONS, { Name: 'path', Value: `/mnt/${i}` }],
      ts: T0 - 60_000,
      storageResolution: 60,
      unit: 'Percent',
      count: 6,
      sum: 123.4567,
      min: 1.5,
      max: 42.25,
    });
    const small = [datum(1)];
    const large = Array.from({ length: 300 }, (_, i) => datum(i));
    await put('Hostwatch', small, new AbortController().signal);
    await put('Hostwatch', large, new AbortController().signal);
    expect(fake.protocolErrors).toEqual([]);
    expect(fake.puts.map((p) => [p.gzip, p.bytes, p.datums.length, p.accessKeyId])).toEqual([
      [false, requestBytes(small, 'Hostwatch'), 1, DUMMY_CREDENTIALS.accessKeyId],
      [true, requestBytes(large, 'Hostwatch'), 300, DUMMY_CREDENTIALS.accessKeyId],
    ]);
    expect(fake.puts[0]?.datums[0]).toEqual({
      MetricName: 'm1',
      Dimensions: [...HOST_DIMENSIONS, { Name: 'path', Value: '/mnt/1' }],
      Timestamp: (T0 - 60_000) / 1000,
      StatisticValues: { SampleCount: 6, Sum: 123.4567, Minimum: 1.5, Maximum: 42.25 },
      Unit: 'Percent',
      StorageResolution: 60,
    });
  });
});

describe('exporter', () => {
  it('publishes per-minute StatisticValues equal to the minute rollups, a heartbeat each minute, one call per flush', async () => {
    const env = await setup();
    const { exporter, client } = exporterHarness({ db: env.db, clock: env.clock, endpoint: env.fake.url });
    cleanups.push(() => client.destroy());
    await run(env, exporter, T0, 10);
    const cpu = env.fake.datums().filter((d) => d.MetricName === 'cpu_usage_active');
    const expected = rollups(env.db, 'cpu_usage_active').filter((r) =>
      cpu.some((d) => (d.Timestamp ?? 0) * 1000 === r.bucket),
    );
    expect(expected.length).toBeGreaterThanOrEqual(8);
    expect(cpu.map((d) => [(d.Timestamp ?? 0) * 1000, d.StatisticValues])).toEqual(
      expected.map((r) => [r.bucket, { SampleCount: r.count, Sum: r.sum, Minimum: r.min, Maximum: r.max }]),
    );
    // Counters: the Sum is the bytes of the minute (rate x 10 s per sample), unit Bytes.
    const net = env.fake.datums().find((d) => d.MetricName === 'net_bytes_sent');
    const netRollup = rollups(env.db, 'net_bytes_sent').find(
      (r) => r.bucket === (net?.Timestamp ?? 0) * 1000,
    );
    expect(net?.Unit).toBe('Bytes');
    expect(net?.StatisticValues?.Sum).toBeCloseTo((netRollup?.sum ?? Number.NaN) * 10, 6);
    expect(env.fake.datums().find((d) => d.MetricName === 'up')?.Dimensions).toEqual([
      ...HOST_DIMENSIONS,
      { Name: 'service', Value: 'nginx' },
    ]);
    const heartbeats = env.fake.datums().filter((d) => d.MetricName === 'heartbeat');
    expect(heartbeats.map((d) => d.StatisticValues?.Sum)).toEqual(expected.map(() => 1));
    // One PutMetricData per flush that had something to send.
    expect(env.fake.puts.length).toBe(expected.length);
    expect(new CloudwatchOutbox(env.db).counts().pending).toBe(0);
  });

  it('keeps everything through an outage and a restart, then delivers each datum once, oldest first', async () => {
    const env = await setup();
    const first = exporterHarness({ db: env.db, clock: env.clock, endpoint: env.fake.url });
    cleanups.push(() => first.client.destroy());
    await run(env, first.exporter, T0, 3);
    const before = env.fake.datums().length;
    expect(before).toBeGreaterThan(0);

    env.fake.setFailure('500');
    await run(env, first.exporter, T0 + 3 * 60_000, 2);
    env.fake.setFailure('throttle');
    await run(env, first.exporter, T0 + 5 * 60_000, 2);
    env.fake.setFailure('reset');
    await run(env, first.exporter, T0 + 7 * 60_000, 2);
    const outbox = new CloudwatchOutbox(env.db);
    expect(outbox.counts().pending).toBeGreaterThan(10);
    expect(env.fake.datums().length).toBe(before);
    const errors = new Set(env.fake.requests.filter((r) => r.status !== 200).map((r) => r.error ?? r.status));
    expect(errors).toEqual(new Set(['InternalServiceError', 'Throttling', -1]));

    // Restart: a new exporter over the same store, still failing for a while.
    await first.exporter.stop();
    const second = exporterHarness({ db: env.db, clock: env.clock, endpoint: env.fake.url });
    cleanups.push(() => second.client.destroy());
    await run(env, second.exporter, T0 + 9 * 60_000, 2);
    env.fake.setFailure(undefined);
    // Recovery: at most the backoff cap (5 min) until the next attempt.
    await run(env, second.exporter, T0 + 11 * 60_000, 6);

    expect(outbox.counts()).toMatchObject({ pending: 0, rejected: 0, expired: 0 });
    const keys = env.fake.datums().map(datumKey);
    expect(new Set(keys).size).toBe(keys.length);
    const recovery = env.fake.puts.find((p, i) => i > 0 && p.at > T0 + 11 * 60_000);
    const timestamps = (recovery?.datums ?? []).map((d) => d.Timestamp ?? 0);
    expect(timestamps).toEqual([...timestamps].sort((a, b) => a - b));
    // Every minute sampled before the outage's end is there, with the values of the rollups.
    const cpu = new Map(
      env.fake
        .datums()
        .filter((d) => d.MetricName === 'cpu_usage_active')
        .map((d) => [(d.Timestamp ?? 0) * 1000, d]),
    );
    for (const r of rollups(env.db, 'cpu_usage_active').filter((r) => r.bucket < T0 + 16 * 60_000)) {
      expect(cpu.get(r.bucket)?.StatisticValues).toEqual({
        SampleCount: r.count,
        Sum: r.sum,
        Minimum: r.min,
        Maximum: r.max,
      });
    }
  });

  it('gives up on a slow request without losing it', async () => {
    const env = await setup();
    const { exporter, client } = exporterHarness({
      db: env.db,
      clock: env.clock,
      endpoint: env.fake.url,
      putDeadlineMs: 300,
    });
    cleanups.push(() => client.destroy());
    env.fake.failNext(1, 'slow');
    await run(env, exporter, T0, 2);
    const outbox = new CloudwatchOutbox(env.db);
    expect(outbox.counts().pending).toBeGreaterThan(0);
    expect(env.fake.puts).toHaveLength(0);
    expect(readExporterRecord(env.db)?.lastError).toMatchObject({ kind: 'retryable', code: 'TimeoutError' });
    env.clock.advance(6 * 60_000);
    await exporter.tick();
    expect(outbox.counts().pending).toBe(0);
    expect(env.fake.requests[0]?.status).toBe(-2);
    const keys = env.fake.datums().map(datumKey);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('sets aside only the datum CloudWatch refuses, with its error, and sends the rest', async () => {
    const env = await setup();
    const { exporter, client } = exporterHarness({ db: env.db, clock: env.clock, endpoint: env.fake.url });
    cleanups.push(() => client.destroy());
    env.fake.rejectMetric('up');
    await run(env, exporter, T0, 4);
    const outbox = new CloudwatchOutbox(env.db);
    const counts = outbox.counts();
    expect(counts.pending).toBe(0);
    expect(counts.rejected).toBe(env.fake.datums().filter((d) => d.MetricName === 'heartbeat').length);
    expect(outbox.rejected(1)[0]).toMatchObject({
      metric: 'up',
      error: expect.stringMatching(/^InvalidParameterValue: /),
    });
    expect(env.fake.datums().some((d) => d.MetricName === 'up')).toBe(false);
    expect(env.fake.datums().some((d) => d.MetricName === 'cpu_usage_active')).toBe(true);
  });

  it('keeps datums older than CloudWatch accepts, counted, and never sends them', async () => {
    const env = await setup();
    const outbox = new CloudwatchOutbox(env.db);
    const old = (days: number, metric: string) => countDatum(metric, T0 - days * 86_400_000);
    outbox.insert([old(13.6, 'too_old'), old(13, 'old_but_fine')], T0);
    const { exporter, client } = exporterHarness({ db: env.db, clock: env.clock, endpoint: env.fake.url });
    cleanups.push(() => client.destroy());
    const result = await exporter.tick();
    expect(result.expired).toBe(1);
    expect(env.fake.datums().map((d) => d.MetricName)).toEqual(['old_but_fine']);
    expect(outbox.counts()).toMatchObject({ pending: 0, expired: 1, sent: 1 });
  });

  it('splits a flush with many series into requests that each stay within every limit', async () => {
    const env = await setup();
    const { exporter, client } = exporterHarness({
      db: env.db,
      clock: env.clock,
      endpoint: env.fake.url,
      include: ['*'],
    });
    cleanups.push(() => client.destroy());
    await exporter.tick(); // the first flush sets where publishing starts: now
    // 1500 disks with long mount paths, plus 2500 short series: both the count and the byte limit bite.
    const long = 'x'.repeat(700);
    for (let at = T0; at < T0 + 60_000; at += 10_000) {
      const samples: Sample[] = [];
      for (let i = 0; i < 1500; i++)
        samples.push({
          metric: 'disk_used_percent',
          labels: { path: `/${long}/${i}`, device: `d${i}` },
          value: i % 100,
          unit: 'Percent',
          at,
        });
      for (let i = 0; i < 2500; i++)
        samples.push({
          metric: 'probe_latency',
          labels: { service: `s${i}` },
          value: i,
          unit: 'Milliseconds',
          at,
        });
      env.writer.write(samples);
    }
    env.clock.at = T0 + 90_000;
    const result = await exporter.tick();
    expect(result.failure).toBeUndefined();
    expect(result.sent).toBe(4001);
    expect(env.fake.requests.every((r) => r.status === 200)).toBe(true);
    expect(env.fake.puts.length).toBeGreaterThanOrEqual(5);
    for (const put of env.fake.puts) {
      expect(put.datums.length).toBeLessThanOrEqual(1000);
      expect(put.bytes).toBeLessThanOrEqual(1_048_576);
    }
    expect(env.fake.puts.some((p) => p.bytes > 900_000 && p.datums.length < 1000)).toBe(true);
    expect(new Set(env.fake.datums().map(datumKey)).size).toBe(4001);
  });
});
