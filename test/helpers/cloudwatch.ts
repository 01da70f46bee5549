/** Shared pieces for CloudWatch tests: an in-process exporter over a real store and the real SDK client. */
import { join } from 'node:path';
import { cachedSeriesLookup } from '../../agent/exporters/cloudwatch/aggregate.js';
import { createCloudwatchClient, putMetricDataWith } from '../../agent/exporters/cloudwatch/client.js';
import type { Dimension, OutboxDatum } from '../../agent/exporters/cloudwatch/datum.js';
import {
  CloudwatchExporter,
  type ExporterSettings,
  type Timers,
} from '../../agent/exporters/cloudwatch/exporter.js';
import { type LocalSeries, seriesMapper } from '../../agent/exporters/cloudwatch/series-map.js';
import { silentLogger } from '../../agent/log.js';
import { describeSeries } from '../../agent/store/cloudwatch-outbox.js';
import { type Db, openDatabase } from '../../agent/store/db.js';
import type { WireDatum } from '../fakes/cloudwatch-server.js';
import { tempDir } from './cli.js';

export const DUMMY_CREDENTIALS = { accessKeyId: 'AKIDTESTTEST', secretAccessKey: 'dummy-secret' };
export const HOST_DIMENSIONS: Dimension[] = [{ Name: 'InstanceId', Value: 'i-0123456789abcdef0' }];

/** A one-sample Count datum of the host at `ts` (minute resolution). */
export const countDatum = (metric: string, ts: number): OutboxDatum => ({
  metric,
  dimensions: HOST_DIMENSIONS,
  ts,
  storageResolution: 60,
  unit: 'Count',
  count: 1,
  sum: 1,
  min: 1,
  max: 1,
});

export class ManualClock {
  constructor(public at: number) {}
  now = () => this.at;
  advance(ms: number): void {
    this.at += ms;
  }
}

/** Timers that never fire: tests call tick() themselves. */
export const inertTimers: Timers = {
  setTimeout: () => setTimeout(() => {}, 0),
  clearTimeout: () => {},
};

export function freshStore(): Db {
  return openDatabase(join(tempDir('hostwatch-cw-'), 'hostwatch.db'));
}

export interface HarnessOptions {
  db: Db;
  clock: ManualClock;
  endpoint: string;
  settings?: Partial<ExporterSettings>;
  include?: string[];
  sampleIntervalMs?: number;
  /** Abort deadline per PutMetricData call. */
  putDeadlineMs?: number;
  requestTimeoutMs?: number;
}

export function exporterHarness(options: HarnessOptions) {
  const client = createCloudwatchClient({
    region: 'eu-central-1',
    endpoint: options.endpoint,
    credentials: DUMMY_CREDENTIALS,
    ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
  });
  const mapper = seriesMapper({
    hostDimensions: HOST_DIMENSIONS,
    ...(options.include ? { include: options.include } : {}),
    exclude: [],
    sampleIntervalMs: options.sampleIntervalMs ?? 10_000,
  });
  const exporter = new CloudwatchExporter({
    db: options.db,
    clock: options.clock,
    logger: silentLogger,
    timers: inertTimers,
    random: () => 0.5,
    settings: {
      namespace: 'Hostwatch',
      region: 'eu-central-1',
      bucketMs: 60_000,
      flushIntervalMs: 60_000,
      settleMs: 12_000,
      heartbeatDimensions: HOST_DIMENSIONS,
      keepSentMs: 2 * 3_600_000,
      keepFinishedMs: 90 * 86_400_000,
      ...options.settings,
    },
    mapSeries: cachedSeriesLookup((id) => describeSeries(options.db, id), mapper),
    put: putMetricDataWith(client, options.putDeadlineMs ?? 10_000),
  });
  return { exporter, client };
}

/** "metric|Name=Value,...|ts" for a received datum, to count deliveries per datum. */
export function datumKey(d: WireDatum): string {
  const dims = (d.Dimensions ?? []).map((x) => `${x.Name}=${x.Value}`).join(',');
  return `${d.MetricName}|${dims}|${Math.round((d.Timestamp ?? 0) * 1000)}`;
}

/** The reference host: 2 disks, 2 interfaces (plus lo), 3 services, every collector on. */
export function referenceHostSeries(): LocalSeries[] {
  const series: LocalSeries[] = [];
  const add = (metric: string, unit: LocalSeries['unit'], labels: Record<string, string> = {}) =>
    series.push({ metric, unit, labels });
  for (const m of [
    'cpu_usage_active',
    'cpu_usage_user',
    'cpu_usage_system',
    'cpu_usage_iowait',
    'cpu_usage_idle',
  ])
    add(m, 'Percent');
  for (const m of ['mem_used_percent', 'mem_available_percent', 'swap_used_percent']) add(m, 'Percent');
  for (const m of ['mem_total', 'mem_used', 'mem_available', 'swap_total']) add(m, 'Bytes');
  for (const m of ['system_load1', 'system_load5', 'system_load15']) add(m, 'None');
  for (const [path, device] of [
    ['/', 'nvme0n1p1'],
    ['/data', 'nvme1n1'],
  ] as const)
    for (const m of ['disk_used_percent', 'disk_inodes_used_percent'])
      add(m, 'Percent', { path, device, fstype: 'ext4' });
  for (const device of ['nvme0n1', 'nvme1n1'])
    for (const m of ['diskio_read_bytes', 'diskio_write_bytes']) add(m, 'Bytes/Second', { device });
  for (const iface of ['eth0', 'eth1', 'lo'])
    for (const m of ['net_bytes_sent', 'net_bytes_recv', 'net_packets_sent', 'net_err_in'])
      add(m, m.includes('bytes') ? 'Bytes/Second' : 'Count/Second', { interface: iface });
  for (const service of ['nginx', 'tomcat', 'admin']) {
    add('probe_up', 'Count', { service });
    add('probe_latency', 'Milliseconds', { service });
  }
  return series;
}
