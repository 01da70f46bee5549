/** Plain-text rendering of uptime reports and incidents for the terminal. */
import { formatDuration } from '../config/duration.js';
import type { ServiceUptime, UptimeReport } from '../history/report.js';
import type { ErrorBudget } from '../uptime/budget.js';
import type { Incident } from '../uptime/incidents.js';
import type { NamedWindow } from '../uptime/ranges.js';
import { formatLocal } from '../uptime/timezones.js';
import type { MaintenanceWindow } from '../uptime/types.js';
import { table } from './format.js';
import { describeWindow, localRange } from './history-window.js';

/** "99.952%"; never rounds up to 100% (that would hide downtime); "no data" when nothing was counted. */
export function percentText(percent: number | null): string {
  if (percent === null) return 'no data';
  if (percent === 100) return '100%';
  const text = percent.toFixed(3);
  return `${text === '100.000' ? '99.999' : text}%`;
}

export function spanText(ms: number): string {
  return ms <= 0 ? '0s' : formatDuration(ms);
}

/** Against the whole window's budget: "2m 10s of 10m 5s spent (21%)". */
export function budgetText(budget: ErrorBudget): string {
  if (budget.windowBudgetMs <= 0) return `${spanText(budget.spentMs)} spent (no budget)`;
  const percent = Math.round((100 * budget.spentMs) / budget.windowBudgetMs);
  return `${spanText(budget.spentMs)} of ${spanText(budget.windowBudgetMs)} spent (${percent}%)`;
}

function servicesText(services: MaintenanceWindow['services']): string {
  return services === 'all' ? 'all services' : `services: ${services.join(', ')}`;
}

function maintenanceLine(window: MaintenanceWindow, timeZone: string): string {
  return `${window.name} (${window.id}): ${localRange(window.from, window.to, timeZone)}, ${servicesText(window.services)}`;
}

function serviceRow({ uptime, budget }: ServiceUptime): string[] {
  const hadOutage = uptime.outageCount > 0;
  return [
    uptime.service,
    percentText(uptime.uptimePercent),
    spanText(uptime.downMs),
    spanText(uptime.degradedMs),
    spanText(uptime.maintenanceMs),
    spanText(uptime.unknownMs),
    String(uptime.outageCount),
    hadOutage ? spanText(uptime.longestOutageMs) : '-',
    uptime.mttrMs === null ? '-' : spanText(uptime.mttrMs),
    budgetText(budget),
  ];
}

function dailyTable(service: ServiceUptime, now: number): string {
  const rows = [['DATE', 'UPTIME', 'DOWN', 'MAINTENANCE']];
  for (const day of service.daily) {
    const future = day.from >= now;
    rows.push([
      day.date,
      future ? 'not yet' : percentText(day.uptimePercent),
      future ? '-' : spanText(day.downMs),
      future ? '-' : spanText(day.maintenanceMs),
    ]);
  }
  return table(rows);
}

export function renderUptimeText(
  report: UptimeReport,
  window: NamedWindow,
  now: number,
  daily: boolean,
): string {
  const { timeZone } = report;
  const lines = [
    `uptime ${describeWindow(window, timeZone)}${window.to > now ? ` (so far, up to ${formatLocal(now, timeZone)})` : ''}`,
  ];
  const weight = report.services[0]?.uptime.degradedWeight;
  lines.push(
    `SLO target ${report.sloTarget}%${weight !== undefined ? `; degraded time counts ${Math.round(weight * 100)}% against uptime` : ''}`,
  );
  lines.push('');
  lines.push(
    table([
      [
        'SERVICE',
        'UPTIME',
        'DOWN',
        'DEGRADED',
        'MAINTENANCE',
        'UNKNOWN',
        'OUTAGES',
        'LONGEST',
        'MTTR',
        'BUDGET',
      ],
      ...report.services.map(serviceRow),
    ]),
  );
  if (daily) {
    for (const service of report.services)
      lines.push('', `${service.uptime.service} per day:`, dailyTable(service, now));
  }
  if (report.maintenance.length > 0) {
    lines.push('', 'maintenance windows in this period:');
    for (const window of report.maintenance) lines.push(`  ${maintenanceLine(window, timeZone)}`);
  }
  return `${lines.join('\n')}\n`;
}

export function renderIncidentsText(
  incidents: readonly Incident[],
  window: NamedWindow,
  timeZone: string,
): string {
  const header = describeWindow(window, timeZone);
  if (incidents.length === 0) return `no incidents in ${header}\n`;
  const rows = [['ID', 'SERVICE', 'START', 'END', 'DURATION', 'PLANNED', 'CAUSE']];
  for (const incident of incidents) {
    rows.push([
      incident.id,
      incident.service,
      formatLocal(incident.start, timeZone),
      incident.end === null ? 'ongoing' : formatLocal(incident.end, timeZone),
      spanText(incident.durationMs) + (incident.outages > 1 ? ` (${incident.outages} outages)` : ''),
      incident.planned ? 'yes' : 'no',
      incident.cause ?? '-',
    ]);
  }
  const count = `${incidents.length} incident${incidents.length === 1 ? '' : 's'}`;
  return `${count} in ${header}, newest first\n\n${table(rows)}\n`;
}
