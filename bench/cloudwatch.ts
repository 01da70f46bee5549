/**
 * CloudWatch figures, against the local fake CloudWatch (real HTTP, real SDK, real SQLite), with a
 * simulated clock so an hour or a day takes seconds:
 * - calls per hour and billable series at defaults for the reference host (2 disks,
 *   2 interfaces plus lo, 3 services; 10 s sampling, 30 s probes, 60 s resolution and flush),
 *   driven through the exporter's own scheduling (random phase, fixed rate);
 * - draining a 24-hour backlog after an outage: wall time from recovery to an empty outbox.
 */
import { join } from 'node:path';
import { setImmediate as yieldToIo } from 'node:timers/promises';
import { cachedSeriesLookup } from '../agent/exporters/cloudwatch/aggregate.js';
import { createCloudwatchClient, putMetricDataWith } from '../agent/exporters/cloudwatch/client.js';
import { CloudwatchExporter, type Timers } from '../agent/exporters/cloudwatch/exporter.js';
import { seriesMapper } from '../agent/exporters/cloudwatch/series-map.js';
import { silentLogger } from '../agent/log.js';
import { CloudwatchOutbox, describeSeries } from '../agent/store/cloudwatch-outbox.js';
import { type Db, openDatabase } from '../agent/store/db.js';
import { SampleWriter } from '../agent/store/samples.js';
import type { Sample } from '../agent/types.js';
import { startFakeCloudwatch } from '../test/fakes/cloudwatch-server.js';
import { DUMMY_CREDENTIALS, HOST_DIMENSIONS, referenceHostSeries } from '../test/helpers/cloudwatch.js';

const HOUR = 3_600_000;
const SAMPLE_MS = 10_000;
const PROBE_MS = 30_000;

/** setTimeout on a simulated clock: the bench loop fires due timers as it moves the clock. */
class VirtualTimers implements Timers {
  private queue: Array<{ at: number; fn: () => void; id: NodeJS.Timeout }> = [];
  constructor(private readonly clock: { now(): number }) {}
  setTimeout(fn: () => void, ms: number): NodeJS.Timeout {
    const id = setTimeout(() => {}, 0);
    clearTimeout(id);
    this.queue.push({ at: this.clock.now() + ms, fn, id });
    return id;
  }
  clearTimeout(timer: NodeJS.Timeout | undefined): void {
    this.queue = this.queue.filter((t) => t.id !== timer);
  }
  next(): number | undefined {
    return this.queue.reduce<number | undefined>(
      (min, t) => (min === undefined || t.at < min ? t.at : min),
      undefined,
    );
  }
  /** Fires the earliest timer and waits until the exporter has scheduled its next wake-up. */
  async fire(): Promise<void> {
    const first = this.queue.sort((a, b) => a.at - b.at).shift();
    first?.fn();
    while (this.queue.length === 0) await yieldToIo();
  }
}

function writeCycle(writer: SampleWriter, at: number, i: number): void {
  const samples: Sample[] = [];
  for (const series of referenceHostSeries()) {
    const isProbe = series.metric.startsWith('probe_');
    if (isProbe && at % PROBE_MS !== 0) continue;
    samples.push({ ...series, value: series.metric === 'probe_up' ? 1 : ((i * 37) % 100) + 0.5, at });
  }
  writer.write(samples);
}

function setup(dir: string, name: string, clock: { now(): number }, endpoint: string, timers?: Timers) {
  const db: Db = openDatabase(join(dir, `${name}.db`));
  const client = createCloudwatchClient({ region: 'eu-central-1', endpoint, credentials: DUMMY_CREDENTIALS });
  const mapper = seriesMapper({ hostDimensions: HOST_DIMENSIONS, exclude: [], sampleIntervalMs: SAMPLE_MS });
  const exporter = new CloudwatchExporter({
    db,
    clock,
    logger: silentLogger,
    ...(timers ? { timers } : {}),
    settings: {
      namespace: 'Hostwatch',
      bucketMs: 60_000,
      flushIntervalMs: 60_000,
      settleMs: 12_000,
      heartbeatDimensions: HOST_DIMENSIONS,
      keepSentMs: 2 * HOUR,
      keepFinishedMs: 90 * 24 * HOUR,
    },
    mapSeries: cachedSeriesLookup((id) => describeSeries(db, id), mapper),
    put: putMetricDataWith(client, 30_000),
  });
  return { db, client, exporter, writer: new SampleWriter(db) };
}

export async function benchCloudwatch(options: { dir: string; hours?: number; backlogHours?: number }) {
  const t0 = Date.UTC(2026, 10, 23, 0, 0, 0);
  let now = t0;
  const clock = { now: () => now };
  const fake = await startFakeCloudwatch({ now: clock.now });
  try {
    // 1. Calls per hour and series at defaults, through the exporter's own timers.
    const hours = options.hours ?? 3;
    const timers = new VirtualTimers(clock);
    const hourly = setup(options.dir, 'cloudwatch-hourly', clock, fake.url, timers);
    hourly.exporter.start();
    let i = 0;
    // Run two minutes past the measured window so its last flush (at any phase) has happened.
    for (let at = t0; at < t0 + (hours + 1) * HOUR + 2 * 60_000; at += SAMPLE_MS) {
      for (let due = timers.next(); due !== undefined && due <= at; due = timers.next()) {
        now = due;
        await timers.fire();
      }
      now = at;
      writeCycle(hourly.writer, at, i++);
    }
    await hourly.exporter.stop();
    // Skip the first hour (start-up); count the following ones.
    const measured = fake.puts.filter((p) => p.at >= t0 + HOUR && p.at < t0 + (hours + 1) * HOUR);
    const series = new Set(
      fake.puts.flatMap((p) => p.datums.map((d) => `${d.MetricName}${JSON.stringify(d.Dimensions)}`)),
    );
    const callsPerHour = measured.length / hours;
    hourly.client.destroy();
    hourly.db.close();

    // 2. A 24-hour outage, then recovery: how long until the backlog is delivered.
    const backlogHours = options.backlogHours ?? 24;
    fake.puts.length = 0;
    now = t0 + 10 * 24 * HOUR;
    const start = now;
    const drain = setup(options.dir, 'cloudwatch-backlog', clock, fake.url);
    await drain.exporter.tick(); // first flush: publishing starts here
    fake.setFailure('500');
    const writeStarted = performance.now();
    for (let at = start; at < start + backlogHours * HOUR; at += SAMPLE_MS) writeCycle(drain.writer, at, i++);
    const writeSeconds = (performance.now() - writeStarted) / 1000;
    now = start + backlogHours * HOUR + 30_000;
    const enqueueStarted = performance.now();
    const outage = await drain.exporter.tick(); // aggregates the day into the outbox; the send fails
    const enqueueSeconds = (performance.now() - enqueueStarted) / 1000;
    const backlog = new CloudwatchOutbox(drain.db).counts().pending;
    fake.setFailure(undefined);
    now += 10 * 60_000; // past any backoff
    const drainStarted = performance.now();
    const recovered = await drain.exporter.tick();
    const drainSeconds = (performance.now() - drainStarted) / 1000;
    const left = new CloudwatchOutbox(drain.db).counts().pending;
    drain.client.destroy();
    drain.db.close();
    const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
    return {
      defaults: {
        referenceHost: '2 disks, 2 interfaces (+lo), 3 services; 10 s sampling, 60 s resolution, 60 s flush',
        billableSeries: series.size,
        putMetricDataCallsPerHour: round(callsPerHour, 1),
        datumsPerCall: round(
          measured.reduce((n, p) => n + p.datums.length, 0) / Math.max(1, measured.length),
          1,
        ),
        goals: { series: 25, callsPerHour: 60 },
      },
      backlog: {
        outageHours: backlogHours,
        datums: backlog,
        failedAttemptsDuringOutage: outage.requests,
        requests: recovered.requests,
        drainSeconds: round(drainSeconds),
        datumsPerSecond: Math.round(backlog / Math.max(drainSeconds, 1e-6)),
        leftPending: left,
        aggregateDaySeconds: round(enqueueSeconds),
        writeSamplesSeconds: round(writeSeconds),
      },
    };
  } finally {
    await fake.close();
  }
}
