/** Human-readable `hostwatch status`. */

import type { DiscordConnection } from '../../bot/connection-status.js';
import { alertingStatusLine } from '../cli/alerting-status.js';
import { cloudwatchStatusLines } from '../cli/cloudwatch/status-view.js';
import { formatBytes, formatValue, isoSeconds, table } from '../cli/format.js';
import { formatDuration } from '../config/duration.js';
import type { ComponentDecision } from '../daemon/component-decisions.js';
import type { ReportOutboxSummary } from '../store/report-outbox.js';
import type { LatestValue } from '../store/sample-reader.js';
import type { StatusModel } from './model.js';

function pick(
  metrics: readonly LatestValue[],
  metric: string,
  labels: Record<string, string> = {},
): LatestValue | undefined {
  return metrics.find(
    (m) => m.metric === metric && Object.entries(labels).every(([k, v]) => m.labels[k] === v),
  );
}

function value(metrics: readonly LatestValue[], metric: string, labels: Record<string, string> = {}): string {
  const found = pick(metrics, metric, labels);
  return found ? formatValue(found.value, found.unit) : 'n/a';
}

function labelValues(metrics: readonly LatestValue[], metric: string, label: string): string[] {
  return [...new Set(metrics.filter((m) => m.metric === metric).map((m) => m.labels[label] ?? ''))].filter(
    Boolean,
  );
}

function identityLines(model: StatusModel): string[] {
  const host = model.host;
  if (!host) return ['Identity: not known yet (the agent has not finished its first identity lookup)'];
  if (host.ec2) {
    return [
      `Host:     ${host.hostname}  EC2 ${host.instanceId} (${host.instanceType}) in ${host.availabilityZone}, ${host.region}`,
      `          AMI ${host.amiId}; private ${host.privateIpv4 ?? 'n/a'}; public ${host.publicIpv4 ?? 'none'}`,
    ];
  }
  return [
    `Host:     ${host.hostname}  (not on EC2: ${host.reason ?? 'no instance metadata'})`,
    `          addresses ${host.localAddresses.join(', ') || 'none'}`,
  ];
}

function agentLine(model: StatusModel): string {
  const { agent } = model;
  const stats = agent.stats;
  const state = agent.running ? `running (pid ${agent.pid})` : 'NOT running';
  if (!stats) return `Agent:    ${state}; no cycle recorded yet`;
  const age = formatDuration(Math.max(0, model.generatedAt - stats.lastCycleAt));
  const stale = agent.stale ? ' (STALE: no recent cycle)' : '';
  return `Agent:    ${state}, hostwatch ${stats.version} on Node ${stats.nodeVersion}; last cycle ${age} ago${stale}`;
}

export function renderStatusText(model: StatusModel): string {
  const m = model.metrics;
  const lines = [...identityLines(model), agentLine(model)];
  lines.push(
    `CPU:      ${value(m, 'cpu_usage_active')} active (user ${value(m, 'cpu_usage_user')}, system ${value(m, 'cpu_usage_system')}, iowait ${value(m, 'cpu_usage_iowait')}, steal ${value(m, 'cpu_usage_steal')})`,
    `Load:     ${value(m, 'system_load1')} ${value(m, 'system_load5')} ${value(m, 'system_load15')}`,
    `Memory:   ${value(m, 'mem_used_percent')} used of ${value(m, 'mem_total')} (available ${value(m, 'mem_available')})`,
    `Swap:     ${value(m, 'swap_used_percent')} used of ${value(m, 'swap_total')}`,
  );
  if (model.services.length) {
    lines.push(
      '',
      table([
        ['SERVICE', 'STATE', 'SINCE', 'LAST PROBE'],
        ...model.services.map((s) => [
          s.service,
          s.state.toUpperCase(),
          s.since === null
            ? '-'
            : `${isoSeconds(s.since)} (${formatDuration(Math.max(0, model.generatedAt - s.since))})`,
          s.lastProbe ? s.lastProbe.detail : (s.cause ?? ''),
        ]),
      ]),
    );
  }
  const uptime = pick(m, 'system_uptime');
  if (uptime) lines.push(`Uptime:   ${formatDuration(uptime.value * 1000)}`);
  const disks = labelValues(m, 'disk_used_percent', 'path');
  if (disks.length) {
    lines.push(
      '',
      table([
        ['MOUNT', 'USED', 'SIZE', 'FREE'],
        ...disks.map((path) => [
          path,
          value(m, 'disk_used_percent', { path }),
          value(m, 'disk_total', { path }),
          value(m, 'disk_free', { path }),
        ]),
      ]),
    );
  }
  const devices = labelValues(m, 'diskio_read_bytes', 'device');
  if (devices.length) {
    lines.push(
      '',
      table([
        ['DEVICE', 'READ', 'WRITE', 'READS', 'WRITES'],
        ...devices.map((device) => [
          device,
          value(m, 'diskio_read_bytes', { device }),
          value(m, 'diskio_write_bytes', { device }),
          value(m, 'diskio_reads', { device }),
          value(m, 'diskio_writes', { device }),
        ]),
      ]),
    );
  }
  const interfaces = labelValues(m, 'net_bytes_recv', 'interface');
  if (interfaces.length) {
    lines.push(
      '',
      table([
        ['INTERFACE', 'IN', 'OUT', 'PKTS IN', 'PKTS OUT', 'ERR IN/OUT', 'DROP IN/OUT'],
        ...interfaces.map((iface) => {
          const l = { interface: iface };
          return [
            iface,
            value(m, 'net_bytes_recv', l),
            value(m, 'net_bytes_sent', l),
            value(m, 'net_packets_recv', l),
            value(m, 'net_packets_sent', l),
            `${value(m, 'net_err_in', l)} / ${value(m, 'net_err_out', l)}`,
            `${value(m, 'net_drop_in', l)} / ${value(m, 'net_drop_out', l)}`,
          ];
        }),
      ]),
    );
  }
  if (model.collectors.length) {
    lines.push(
      '',
      table([
        ['COLLECTOR', 'STATE', 'DURATION', 'SAMPLES', 'ERROR'],
        ...model.collectors.map((c) => [
          c.name,
          c.ok ? 'ok' : 'FAILED',
          `${c.durationMs.toFixed(2)}ms`,
          String(c.samples),
          c.error ?? '',
        ]),
      ]),
    );
  }
  const stats = model.agent.stats;
  if (stats) {
    lines.push(
      '',
      `Self:     cycle ${stats.lastCycleMs}ms wall, ${stats.lastCycleCpuMs}ms CPU; event-loop delay p99 ${stats.eventLoopDelayMs.p99}ms, max ${stats.eventLoopDelayMs.max}ms (max since start ${stats.eventLoopDelayMs.maxSinceStart}ms)`,
      `          RSS ${formatBytes(stats.rssBytes)}; started ${isoSeconds(stats.startedAt)}; ${stats.cycles} cycles; config ${stats.configSource}`,
    );
  }
  if (model.components) lines.push(featuresLine(model.components));
  if (model.discord) lines.push(discordLine(model.discord));
  if (model.cloudwatch) lines.push(...cloudwatchStatusLines(model.cloudwatch, model.generatedAt));
  if (model.alerting) lines.push(alertingStatusLine(model.alerting));
  if (model.report && model.report.pending + model.report.sent > 0)
    lines.push(reportStatusLine(model.report));
  lines.push(`Store:    ${model.agent.dataDir} (${formatBytes(model.agent.dbBytes)})`);
  return `${lines.join('\n')}\n`;
}

/** "Report:   2026-W47 posted 2026-11-23T08:00:02Z; 1 queued (last error: HTTP 403 ...)" */
function reportStatusLine(report: ReportOutboxSummary): string {
  const last = report.lastSent
    ? `${report.lastSent.week} posted ${isoSeconds(report.lastSent.at)}`
    : 'none posted yet';
  const queued = report.pending > 0 ? `; ${report.pending} queued` : '';
  const error = report.lastError ? ` (last error: ${report.lastError})` : '';
  return `Report:   ${last}${queued}${error}`;
}

/** "Features: cloudwatch off, sns-paging on, discord on, weekly-report on" (the reasons are in --json and the log). */
function featuresLine(components: readonly ComponentDecision[]): string {
  return `Features: ${components.map((c) => `${c.name} ${c.on ? 'on' : 'off'}`).join(', ')}`;
}

function discordLine(connection: DiscordConnection): string {
  const since = `since ${isoSeconds(connection.at)}`;
  switch (connection.state) {
    case 'connected':
      return `Discord:  connected as ${connection.user} (${connection.guilds} server${connection.guilds === 1 ? '' : 's'}) ${since}`;
    case 'connecting':
      return `Discord:  connecting ${since}`;
    case 'retrying':
      return `Discord:  cannot connect (${connection.error}); next attempt ${isoSeconds(connection.nextAttemptAt)}`;
    case 'refused':
      return `Discord:  REFUSED ${since}: ${connection.error}`;
    case 'stopped':
      return `Discord:  stopped ${since}`;
  }
}
