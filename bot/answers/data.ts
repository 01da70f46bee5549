/**
 * What the answer engine may read, as one injected interface. The store-backed implementation goes through
 * the same shared layers as the CLI (agent/history/report.ts, agent/status/model.ts, agent/history/windows.ts),
 * so the bot's numbers are `hostwatch uptime` / `hostwatch incidents` numbers.
 */
import { hostname as osHostname } from 'node:os';
import type { Config } from '../../agent/config/schema.js';
import { incidentsIn, servicesInScope, type UptimeReport, uptimeReport } from '../../agent/history/report.js';
import { nextPlannedMaintenance, plannedMaintenance } from '../../agent/history/windows.js';
import type { HostIdentity } from '../../agent/identity/types.js';
import { buildStatus, IDENTITY_META_KEY, type StatusModel } from '../../agent/status/model.js';
import type { Db } from '../../agent/store/db.js';
import { MetaStore } from '../../agent/store/meta.js';
import { StateIntervalStore } from '../../agent/store/state-intervals.js';
import type { Incident } from '../../agent/uptime/incidents.js';
import type { NamedWindow } from '../../agent/uptime/ranges.js';
import type { MaintenanceWindow, TimeRange } from '../../agent/uptime/types.js';
import type { WeeklyReport } from '../report/content.js';
import { readWeeklyReport } from '../report/gather.js';

export interface AnswerData {
  readonly config: Config;
  /** The host the answers speak for. */
  readonly hostName: string;
  /** host, the configured services, then any other with history. */
  services(): string[];
  uptime(window: TimeRange, now: number, service?: string): UptimeReport;
  incidents(window: TimeRange, now: number, service?: string): Incident[];
  status(now: number): StatusModel;
  /** Active and upcoming windows within `horizonMs`. */
  plannedMaintenance(now: number, horizonMs: number): MaintenanceWindow[];
  /** The active window, else the next within `horizonMs`. */
  nextMaintenance(now: number, horizonMs: number, service?: string): MaintenanceWindow | undefined;
  /** The weekly report of one ISO week (bot/report). */
  weeklyReport(week: NamedWindow, now: number): WeeklyReport;
}

/** config host.name, else the identity's hostname (IMDS local-hostname on EC2), else the OS hostname. */
export function hostNameOf(
  config: Config,
  identity: Pick<HostIdentity, 'hostname'> | null | undefined,
): string {
  return config.host.name ?? identity?.hostname ?? osHostname();
}

export interface StoreDataOptions {
  db: Db;
  config: Config;
  dataDir: string;
  dbPath: string;
  /** The daemon's pid when it runs (the bot: its own pid), else undefined: open runs then end at their last record. */
  runningPid: number | undefined;
  /** Known identity; read from the store when not given. */
  identity?: HostIdentity | null;
}

export function storeAnswerData(options: StoreDataOptions): AnswerData {
  const { db, config, runningPid } = options;
  const agentRunning = runningPid !== undefined;
  const identity = options.identity ?? new MetaStore(db).get<HostIdentity>(IDENTITY_META_KEY) ?? null;
  const configured = config.services.map((service) => service.name);
  const query = (window: TimeRange, now: number, service: string | undefined) => ({
    db,
    config,
    from: window.from,
    to: window.to,
    now,
    agentRunning,
    daily: false,
    ...(service !== undefined ? { service } : {}),
  });
  const hostName = hostNameOf(config, identity);
  return {
    config,
    hostName,
    services: () => servicesInScope(config, new StateIntervalStore(db).services()),
    uptime: (window, now, service) => uptimeReport(query(window, now, service)),
    incidents: (window, now, service) => incidentsIn(query(window, now, service)),
    status: (now) =>
      buildStatus({
        db,
        dbPath: options.dbPath,
        dataDir: options.dataDir,
        now,
        runningPid,
        services: configured,
      }),
    plannedMaintenance: (now, horizonMs) => plannedMaintenance(db, config, { now, horizonMs }),
    nextMaintenance: (now, horizonMs, service) =>
      nextPlannedMaintenance(db, config, { now, horizonMs, ...(service !== undefined ? { service } : {}) }),
    weeklyReport: (week, now) => readWeeklyReport({ db, config, host: hostName, agentRunning }, week, now),
  };
}
