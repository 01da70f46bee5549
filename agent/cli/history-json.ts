/**
 * The documented JSON shapes of `hostwatch uptime`, `incidents` and `maintenance` (README "JSON outputs").
 * Times stay milliseconds since the epoch; each has an ISO twin with the offset of the config's time zone.
 */
import type { ServiceUptime, UptimeReport } from '../history/report.js';
import type { ErrorBudget } from '../uptime/budget.js';
import type { DailyUptime } from '../uptime/daily.js';
import type { Incident } from '../uptime/incidents.js';
import type { NamedWindow } from '../uptime/ranges.js';
import { offsetAt, wallTimeOf } from '../uptime/timezones.js';
import type { MaintenanceWindow } from '../uptime/types.js';

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** ISO 8601 with the local offset in `timeZone`: 2026-11-09T00:00:00+01:00 (milliseconds only when not zero). */
export function isoInZone(ms: number, timeZone: string): string {
  const wall = wallTimeOf(ms, timeZone);
  const offsetMinutes = Math.round(offsetAt(ms, timeZone) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const fraction = wall.millisecond ? `.${pad(wall.millisecond, 3)}` : '';
  return (
    `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}:` +
    `${pad(wall.second)}${fraction}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

export function windowJson(window: NamedWindow, timeZone: string) {
  return {
    from: window.from,
    to: window.to,
    fromIso: isoInZone(window.from, timeZone),
    toIso: isoInZone(window.to, timeZone),
    label: window.label,
    timeZone,
  };
}

export function maintenanceJson(window: MaintenanceWindow, timeZone: string) {
  return {
    id: window.id,
    name: window.name,
    from: window.from,
    to: window.to,
    fromIso: isoInZone(window.from, timeZone),
    toIso: isoInZone(window.to, timeZone),
    services: window.services,
    source: window.source,
    ...(window.reason !== undefined ? { reason: window.reason } : {}),
  };
}

/** Budget figures in whole milliseconds (1 − 99.9/100 is not exactly 0.001 in floating point). */
function budgetJson(budget: ErrorBudget) {
  return {
    budgetMs: Math.round(budget.budgetMs),
    spentMs: Math.round(budget.spentMs),
    remainingMs: Math.round(budget.remainingMs),
    spentPercent: budget.spentPercent,
    windowBudgetMs: Math.round(budget.windowBudgetMs),
    windowRemainingMs: Math.round(budget.windowRemainingMs),
    exhausted: budget.exhausted,
  };
}

function dailyJson(day: DailyUptime) {
  return {
    date: day.date,
    uptimePercent: day.uptimePercent,
    upMs: day.upMs,
    downMs: day.downMs,
    degradedMs: day.degradedMs,
    maintenanceMs: day.maintenanceMs,
    unknownMs: day.unknownMs,
  };
}

function serviceJson({ uptime, budget, daily }: ServiceUptime) {
  return {
    service: uptime.service,
    uptimePercent: uptime.uptimePercent,
    upMs: uptime.upMs,
    downMs: uptime.downMs,
    degradedMs: uptime.degradedMs,
    maintenanceMs: uptime.maintenanceMs,
    unknownMs: uptime.unknownMs,
    countedMs: uptime.countedMs,
    outageCount: uptime.outageCount,
    longestOutageMs: uptime.longestOutageMs,
    mttrMs: uptime.mttrMs,
    budget: budgetJson(budget),
    daily: daily.map(dailyJson),
  };
}

export function uptimeJson(report: UptimeReport, window: NamedWindow) {
  return {
    window: windowJson(window, report.timeZone),
    sloTarget: report.sloTarget,
    services: report.services.map(serviceJson),
    maintenance: report.maintenance.map((m) => maintenanceJson(m, report.timeZone)),
  };
}

export function incidentJson(incident: Incident, timeZone: string) {
  return {
    id: incident.id,
    service: incident.service,
    start: incident.start,
    end: incident.end,
    startIso: isoInZone(incident.start, timeZone),
    endIso: incident.end === null ? null : isoInZone(incident.end, timeZone),
    durationMs: incident.durationMs,
    downMs: incident.downMs,
    ongoing: incident.end === null,
    planned: incident.planned,
    maintenanceMs: incident.maintenanceMs,
    outages: incident.outages,
    cause: incident.cause ?? null,
  };
}
