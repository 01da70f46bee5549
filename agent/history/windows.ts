/** Maintenance windows from both sources: the config (expanded) and the store (ad hoc). */
import type { Config } from '../config/schema.js';
import type { Db } from '../store/db.js';
import { MaintenanceStore } from '../store/maintenance.js';
import { expandMaintenance, nextMaintenance } from '../uptime/maintenance.js';
import type { MaintenanceWindow } from '../uptime/types.js';

export function maintenanceWindows(db: Db, config: Config, from: number, to: number): MaintenanceWindow[] {
  const configured = expandMaintenance(config.maintenance, { from, to, timeZone: config.timezone });
  const adhoc = new MaintenanceStore(db).overlapping(from, to);
  return [...configured, ...adhoc].sort((a, b) => a.from - b.from);
}

const FOREVER = Number.MAX_SAFE_INTEGER;

export interface PlannedOptions {
  now: number;
  /** Config windows are expanded up to now + horizonMs; ad hoc ones are listed whatever their start. */
  horizonMs: number;
  /** Also ad hoc windows that ended within this long before now. */
  pastMs?: number;
}

/**
 * Active and upcoming windows (plus recent past ad hoc ones with `pastMs`), ordered by start.
 * `db` is undefined when the store does not exist yet: then only the config's windows exist.
 */
export function plannedMaintenance(
  db: Db | undefined,
  config: Config,
  { now, horizonMs, pastMs = 0 }: PlannedOptions,
): MaintenanceWindow[] {
  const configured = expandMaintenance(config.maintenance, {
    from: now,
    to: now + horizonMs,
    timeZone: config.timezone,
  });
  const adhoc = db ? new MaintenanceStore(db).overlapping(now - pastMs, FOREVER) : [];
  return [...configured, ...adhoc].sort((a, b) => a.from - b.from || a.id.localeCompare(b.id));
}

/** The window active now, else the next one to start within `horizonMs`; undefined when none. */
export function nextPlannedMaintenance(
  db: Db | undefined,
  config: Config,
  options: { now: number; horizonMs: number; service?: string },
): MaintenanceWindow | undefined {
  const { now, horizonMs, service } = options;
  const next = nextMaintenance({
    entries: config.maintenance,
    windows: db ? new MaintenanceStore(db).overlapping(now, now + horizonMs) : [],
    now,
    timeZone: config.timezone,
    horizonMs,
    ...(service !== undefined ? { service } : {}),
  });
  return next && next.from < now + horizonMs ? next : undefined;
}
