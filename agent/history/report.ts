/**
 * The one place that turns stored history into uptime figures and incidents, so `hostwatch uptime`,
 * `hostwatch incidents`, the bot and the weekly report always agree for the same window.
 */
import type { Config } from '../config/schema.js';
import type { Db } from '../store/db.js';
import { StateIntervalStore } from '../store/state-intervals.js';
import { type ErrorBudget, errorBudget } from '../uptime/budget.js';
import { type DailyUptime, dailyUptime } from '../uptime/daily.js';
import { HOST_SERVICE } from '../uptime/host-gap.js';
import { deriveIncidents, type Incident } from '../uptime/incidents.js';
import type { MaintenanceWindow, UptimeResult } from '../uptime/types.js';
import { computeUptime } from '../uptime/uptime.js';
import { maintenanceWindows } from './windows.js';

export { HOST_SERVICE };

export interface HistoryQuery {
  db: Db;
  config: Config;
  from: number;
  to: number;
  now: number;
  /** The agent is running: open runs continue up to now. */
  agentRunning: boolean;
  service?: string;
  /** Per-day breakdown in the config time zone (default true); costs one pass per day. */
  daily?: boolean;
}

export interface ServiceUptime {
  uptime: UptimeResult;
  budget: ErrorBudget;
  daily: DailyUptime[];
}

export interface UptimeReport {
  from: number;
  to: number;
  timeZone: string;
  sloTarget: number;
  services: ServiceUptime[];
  maintenance: MaintenanceWindow[];
}

/** host, then configured services, then any other service that has history in the window. */
export function servicesInScope(config: Config, recorded: readonly string[], only?: string): string[] {
  if (only) return [only];
  const names = [HOST_SERVICE, ...config.services.map((s) => s.name)];
  for (const name of recorded) if (!names.includes(name)) names.push(name);
  return names;
}

export class UnknownServiceError extends Error {
  readonly code = 'UNKNOWN_SERVICE';
}

export function checkService(config: Config, recorded: readonly string[], service: string | undefined): void {
  if (service === undefined) return;
  const known = servicesInScope(config, recorded);
  if (!known.includes(service))
    throw new UnknownServiceError(`unknown service "${service}"; known: ${known.join(', ')}`);
}

/**
 * While the agent runs, each service's open run is still going: `to: null` makes the engine end it at `now`
 * and report an open outage as an ongoing incident. (With the agent stopped, a run ends at its last confirmation.)
 */
function loadIntervals(query: HistoryQuery, from: number) {
  const store = new StateIntervalStore(query.db);
  const intervals = store.overlapping({
    from,
    to: query.to,
    openRunsLive: query.agentRunning,
    ...(query.service ? { service: query.service } : {}),
  });
  return { store, intervals };
}

export function uptimeReport(query: HistoryQuery): UptimeReport {
  const { config, from, to, now } = query;
  const { store, intervals } = loadIntervals(query, from);
  const recorded = store.services();
  checkService(config, recorded, query.service);
  const maintenance = maintenanceWindows(query.db, config, from, to);
  const degradedWeight = config.uptime.degradedWeight;
  const services = servicesInScope(config, recorded, query.service).map((service) => {
    const input = {
      intervals: intervals.filter((i) => i.service === service),
      maintenance,
      service,
      from,
      to,
      now,
      degradedWeight,
    };
    const uptime = computeUptime(input);
    const daily = query.daily === false ? [] : dailyUptime({ ...input, timeZone: config.timezone });
    return { uptime, budget: errorBudget(uptime, config.slo.target), daily };
  });
  return { from, to, timeZone: config.timezone, sloTarget: config.slo.target, services, maintenance };
}

/** Incidents overlapping [from, to), newest first; intervals are read from before `from` so ids stay stable. */
export function incidentsIn(query: HistoryQuery): Incident[] {
  const mergeGapMs = query.config.uptime.incidentMergeGap;
  const { store, intervals } = loadIntervals(query, query.from - mergeGapMs);
  checkService(query.config, store.services(), query.service);
  const maintenance = maintenanceWindows(query.db, query.config, query.from - mergeGapMs, query.to);
  return deriveIncidents(intervals, {
    mergeGapMs,
    now: query.now,
    from: query.from,
    to: query.to,
    maintenance,
    ...(query.service ? { service: query.service } : {}),
  }).sort((a, b) => b.start - a.start);
}
