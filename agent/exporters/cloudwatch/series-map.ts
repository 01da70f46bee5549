/**
 * Which local series become CloudWatch metrics, under which name, dimensions and unit (pure).
 *
 * - Names follow the CloudWatch agent; probe results are renamed: `probe_up` -> `up`.
 * - Dimensions: the host's (InstanceId, plus InstanceType / AutoScalingGroupName / ImageId when
 *   configured), then the series labels the CloudWatch agent also uses: path, device, interface,
 *   service. Other labels (e.g. a disk's fstype) are dropped: they would only lengthen every datum.
 * - The loopback interface `lo` is not published (Telegraf and the CloudWatch agent skip it too).
 * - Counters are stored locally as per-second rates; CloudWatch gets per-interval sums instead
 *   (Bytes/Second -> Bytes, each sample = rate x the sampling interval), so the Sum statistic of a
 *   minute is the bytes moved in that minute.
 * - `include` (default DEFAULT_INCLUDE) and `exclude` take CloudWatch metric names with `*` wildcards.
 */
import type { StandardUnit } from '@aws-sdk/client-cloudwatch';
import { compileNamePatterns } from '../../collectors/name-patterns.js';
import type { Labels, Unit } from '../../types.js';
import type { Dimension } from './datum.js';

export const HEARTBEAT_METRIC = 'heartbeat';

const RENAMED: Readonly<Record<string, string>> = { probe_up: 'up' };

/**
 * Published when `cloudwatch.include` is not set: the figures fleet dashboards and alarms need,
 * small enough that a host with 2 disks, 2 interfaces and 3 services stays at 20 billable series.
 */
export const DEFAULT_INCLUDE: readonly string[] = [
  'cpu_usage_active',
  'mem_used_percent',
  'swap_used_percent',
  'disk_used_percent',
  'diskio_read_bytes',
  'diskio_write_bytes',
  'net_bytes_sent',
  'net_bytes_recv',
  'up',
  'probe_latency',
  HEARTBEAT_METRIC,
];

const DIMENSION_LABELS: readonly string[] = ['path', 'device', 'interface', 'service'];

const SKIPPED_LABEL_VALUES: Readonly<Record<string, readonly string[]>> = { interface: ['lo'] };

const RATE_UNITS: Readonly<Partial<Record<Unit, StandardUnit>>> = {
  'Bytes/Second': 'Bytes',
  'Count/Second': 'Count',
};

export interface LocalSeries {
  metric: string;
  labels: Labels;
  unit: Unit;
}

export interface CloudwatchSeries {
  metric: string;
  dimensions: Dimension[];
  unit: StandardUnit;
  /** Multiply each sample by this before aggregating (the sampling interval in seconds for counters). */
  scale: number;
}

export interface SeriesMapOptions {
  hostDimensions: readonly Dimension[];
  include?: readonly string[];
  exclude: readonly string[];
  /** The metrics sampling interval; turns per-second counter rates into per-interval amounts. */
  sampleIntervalMs: number;
}

function cloudwatchMetricName(localMetric: string): string {
  return RENAMED[localMetric] ?? localMetric;
}

/** Whether a CloudWatch metric name passes include (default DEFAULT_INCLUDE) and exclude. */
export function metricSelector(
  include: readonly string[] | undefined,
  exclude: readonly string[],
): (metric: string) => boolean {
  const included = compileNamePatterns(include ?? DEFAULT_INCLUDE);
  const excluded = compileNamePatterns(exclude);
  return (metric) => included(metric) && !excluded(metric);
}

/** Builds the mapper once per config; it answers undefined for series that are not published. */
export function seriesMapper(
  options: SeriesMapOptions,
): (local: LocalSeries) => CloudwatchSeries | undefined {
  const selected = metricSelector(options.include, options.exclude);
  return (local) => {
    const metric = cloudwatchMetricName(local.metric);
    if (!selected(metric)) return undefined;
    for (const [label, skipped] of Object.entries(SKIPPED_LABEL_VALUES)) {
      const value = local.labels[label];
      if (value !== undefined && skipped.includes(value)) return undefined;
    }
    const dimensions = [...options.hostDimensions];
    for (const label of DIMENSION_LABELS) {
      const value = local.labels[label];
      if (value !== undefined && value !== '') dimensions.push({ Name: label, Value: value });
    }
    const counterUnit = RATE_UNITS[local.unit];
    if (counterUnit) return { metric, dimensions, unit: counterUnit, scale: options.sampleIntervalMs / 1000 };
    return { metric, dimensions, unit: local.unit, scale: 1 };
  };
}

/** The key that identifies one CloudWatch series (metric plus dimensions in their fixed order). */
export function seriesKey(metric: string, dimensions: readonly Dimension[]): string {
  return `${metric}\u0000${JSON.stringify(dimensions)}`;
}
