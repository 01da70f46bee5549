/** `hostwatch cloudwatch plan`: the series the agent would publish and what they cost a month. */
import { collectorsFor } from '../../daemon/daemon.js';
import { buildPlan, type CloudwatchPlan, HOURS_PER_MONTH } from '../../exporters/cloudwatch/plan.js';
import type { LocalSeries } from '../../exporters/cloudwatch/series-map.js';
import { hostDimensions, publishesHeartbeat, seriesMapperFor } from '../../exporters/cloudwatch/settings.js';
import { silentLogger } from '../../log.js';
import { seriesSeenSince } from '../../store/cloudwatch-outbox.js';
import type { Sample } from '../../types.js';
import type { CliIo } from '../command.js';
import { type CliContext, withOptionalStore } from '../context.js';
import { table } from '../format.js';
import { localHostIdentity, readStoredHost, type StoredHost } from './stored-host.js';

type SeriesSource = 'store' | 'collectors';

interface PlanInputs extends StoredHost {
  series: LocalSeries[];
  source: SeriesSource;
}

/** Series seen in the last hour of the local store; before the agent ever ran, two collector passes. */
async function gatherInputs(ctx: CliContext, now: number): Promise<PlanInputs> {
  const stored = withOptionalStore(ctx, (db) =>
    db ? { series: seriesSeenSince(db, now - 3_600_000), ...readStoredHost(db) } : undefined,
  );
  if (stored && stored.series.length > 0) return { ...stored, source: 'store' };
  const collectors = collectorsFor(ctx.config, silentLogger);
  const samples: Sample[] = [];
  for (const pass of [0, 1]) {
    // Rates need two readings; the first pass only sets baselines.
    if (pass === 1) await new Promise((resolve) => setTimeout(resolve, 1100));
    for (const collector of collectors) {
      const found = await collector.collect(Date.now()).catch(() => [] as Sample[]);
      if (pass === 1) samples.push(...found);
    }
  }
  const seen = new Map<string, LocalSeries>();
  for (const s of samples)
    seen.set(`${s.metric}${JSON.stringify(s.labels ?? {})}`, {
      metric: s.metric,
      labels: s.labels ?? {},
      unit: s.unit,
    });
  return {
    series: [...seen.values()],
    source: 'collectors',
    identity: undefined,
    recordedDimensions: undefined,
  };
}

/** Probe series of every configured service, whether or not it has been probed yet. */
function withServices(series: LocalSeries[], services: readonly string[]): LocalSeries[] {
  const all = [...series];
  for (const service of services) {
    for (const [metric, unit] of [
      ['probe_up', 'Count'],
      ['probe_latency', 'Milliseconds'],
    ] as const) {
      if (!all.some((s) => s.metric === metric && s.labels.service === service))
        all.push({ metric, labels: { service }, unit });
    }
  }
  return all;
}

async function computePlan(
  ctx: CliContext,
  now: number,
): Promise<CloudwatchPlan & { source: SeriesSource; notes: string[] }> {
  const { config } = ctx;
  const inputs = await gatherInputs(ctx, now);
  const identity = inputs.identity ?? localHostIdentity(now);
  const notes: string[] = [];
  let dimensions = inputs.recordedDimensions;
  if (!dimensions) {
    const host = hostDimensions(config, identity, { reason: 'looked up by the running agent on EC2' });
    dimensions = host.dimensions;
    notes.push(...host.missing.map((m) => `dimension ${m}`));
  }
  const alarm = config.cloudwatch.heartbeatAlarm;
  const alarms = alarm.enabled ? 1 + (alarm.statusCheckAlarm && identity.ec2 ? 1 : 0) : 0;
  const plan = buildPlan({
    namespace: config.cloudwatch.namespace,
    resolutionSeconds: config.cloudwatch.resolution,
    flushIntervalMs: config.cloudwatch.flushInterval,
    localSeries: withServices(
      inputs.series,
      config.services.map((s) => s.name),
    ),
    mapSeries: seriesMapperFor(config, dimensions),
    heartbeatDimensions: publishesHeartbeat(config) ? dimensions : undefined,
    alarms,
  });
  if (inputs.source === 'collectors')
    notes.push('the agent has not stored anything here yet: series come from one pass of the collectors now');
  return { ...plan, source: inputs.source, notes };
}

const usd = (value: number) => `$${value.toFixed(2)}`;

function renderPlan(plan: CloudwatchPlan & { source: SeriesSource; notes: string[] }): string {
  const flush = plan.flushIntervalMs / 1000;
  const lines = [
    `CloudWatch plan: namespace ${plan.namespace}, ${plan.resolutionSeconds} s resolution, a flush every ${flush} s` +
      ` (series ${plan.source === 'store' ? 'seen in the last hour' : 'from the collectors now'})`,
    '',
    table([
      ['METRIC', 'DIMENSIONS', 'UNIT'],
      ...plan.series.map((s) => [
        s.metric,
        Object.entries(s.dimensions)
          .map(([k, v]) => `${k}=${v}`)
          .join(','),
        s.unit + (s.storageResolution === 1 ? ' (high resolution)' : ''),
      ]),
    ]),
    '',
    `${plan.series.length} billable series; ${plan.requests.perHour} PutMetricData requests an hour (${plan.requests.perMonth.toLocaleString('en-US')} a month of ${HOURS_PER_MONTH} h), ${plan.requests.datumsPerHour} datums an hour`,
    `Estimated cost a month: metrics ${plan.series.length} x ${usd(plan.prices.perMetricMonth)} = ${usd(plan.costUsdPerMonth.metrics)}; ` +
      `requests ${usd(plan.costUsdPerMonth.requests)} (${usd(plan.prices.per1000Requests)} per 1000); ` +
      `alarms ${plan.alarms} x ${usd(plan.prices.perAlarmMonth)} = ${usd(plan.costUsdPerMonth.alarms)}; total ${usd(plan.costUsdPerMonth.total)}`,
    `Not published: ${plan.notPublished} local series (not in cloudwatch.include, in cloudwatch.exclude, or loopback)`,
    ...plan.notes.map((note) => `Note: ${note}`),
  ];
  return `${lines.join('\n')}\n`;
}

export async function planView(ctx: CliContext, io: CliIo, json: boolean, now: number): Promise<number> {
  const plan = await computePlan(ctx, now);
  io.out(json ? `${JSON.stringify(plan, null, 2)}\n` : renderPlan(plan));
  return 0;
}
