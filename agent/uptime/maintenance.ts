/**
 * Planned maintenance: configured entries (recurring cron or one-off start) expanded into concrete windows,
 * plus the questions asked of windows ("is one active?", "when is the next one?").
 *
 * Cron entries run in their time zone. A start time that does not exist (spring forward: 02:30 on the last
 * Sunday of March in Berlin) moves forward by the length of the gap, to 03:30 CEST, so a window never silently
 * disappears; a start time that occurs twice (fall back) starts once, at its first occurrence.
 */
import { addDays, civilToUtcMs, compareCivil } from './civil.js';
import { type CronSchedule, matchesDate, parseCron } from './cron.js';
import { coversService } from './timeline.js';
import { civilDateOf, constantOffsetOfDay, parseZonedDateTime, zonedToEpoch } from './timezones.js';
import type { MaintenanceWindow } from './types.js';

/** One `maintenance:` entry of the config: exactly one of `cron` or `start`. */
export interface MaintenanceEntry {
  name: string;
  /** Recurring: 5-field cron in `timezone`. */
  cron?: string;
  /** One-off: ISO local time in `timezone` ('2026-11-29T02:00') or with an offset. */
  start?: string;
  /** ms (the config loader has already parsed "1h"). */
  duration: number;
  /** Default: all services. */
  services?: string[];
  /** Default: the zone passed to the expanding function (the config's top-level `timezone`). */
  timezone?: string;
  reason?: string;
}

/** Start instants of `schedule` in [from, to), ascending, wall times read in `timeZone`. */
export function cronOccurrences(
  schedule: CronSchedule,
  from: number,
  to: number,
  timeZone: string,
): number[] {
  if (to <= from) return [];
  const starts = new Set<number>();
  const lastDate = civilDateOf(to - 1, timeZone);
  for (let date = civilDateOf(from, timeZone); compareCivil(date, lastDate) <= 0; date = addDays(date, 1)) {
    if (!matchesDate(schedule, date)) continue;
    // Ask Intl once per matching day unless a DST change is near; then resolve each time on its own.
    const offset = constantOffsetOfDay(date, timeZone);
    for (const hour of schedule.hours) {
      for (const minute of schedule.minutes) {
        const start =
          offset !== undefined
            ? civilToUtcMs(date, hour, minute) - offset
            : zonedToEpoch({ ...date, hour, minute }, timeZone);
        if (start >= from && start < to) starts.add(start);
      }
    }
  }
  return [...starts].sort((a, b) => a - b);
}

export interface ExpandOptions {
  from: number;
  to: number;
  /** Zone for entries without their own `timezone`. */
  timeZone: string;
}

/** Windows of the configured entries overlapping [from, to), ordered by start. Throws on an invalid entry. */
export function expandMaintenance(
  entries: readonly MaintenanceEntry[],
  options: ExpandOptions,
): MaintenanceWindow[] {
  const windows: MaintenanceWindow[] = [];
  for (const entry of entries) {
    if (!(entry.duration > 0)) throw new RangeError(`maintenance "${entry.name}": duration must be positive`);
    const timeZone = entry.timezone ?? options.timeZone;
    for (const start of entryStarts(entry, options.from - entry.duration + 1, options.to, timeZone)) {
      windows.push(toWindow(entry, start));
    }
  }
  return windows.sort((a, b) => a.from - b.from || a.name.localeCompare(b.name));
}

function entryStarts(entry: MaintenanceEntry, from: number, to: number, timeZone: string): number[] {
  if (entry.cron !== undefined) return cronOccurrences(parseCron(entry.cron), from, to, timeZone);
  if (entry.start === undefined) throw new RangeError(`maintenance "${entry.name}": needs cron or start`);
  const start = parseZonedDateTime(entry.start, timeZone);
  if (!start.ok) throw new RangeError(`maintenance "${entry.name}": ${start.error}`);
  return start.value >= from && start.value < to ? [start.value] : [];
}

function toWindow(entry: MaintenanceEntry, start: number): MaintenanceWindow {
  const window: MaintenanceWindow = {
    id: `config:${entry.name}:${new Date(start).toISOString()}`,
    name: entry.name,
    from: start,
    to: start + entry.duration,
    services: entry.services ?? 'all',
    source: 'config',
  };
  if (entry.reason !== undefined) window.reason = entry.reason;
  return window;
}

/** Windows active at `at` (from <= at < to), optionally only those covering `service`. */
export function activeMaintenance(
  windows: readonly MaintenanceWindow[],
  at: number,
  service?: string,
): MaintenanceWindow[] {
  return windows.filter(
    (window) =>
      window.from <= at && at < window.to && (service === undefined || coversService(window, service)),
  );
}

export interface NextMaintenanceInput {
  /** Configured entries, expanded as needed. */
  entries?: readonly MaintenanceEntry[];
  /** Concrete windows, e.g. ad-hoc ones from the store. */
  windows?: readonly MaintenanceWindow[];
  now: number;
  timeZone: string;
  service?: string;
  /** How far ahead to look for configured entries; default 8 years (a 29 February schedule fits). */
  horizonMs?: number;
}

const DAY_MS = 86_400_000;

/** The window active now (the earliest-started one if several), else the next to start; undefined if none. */
export function nextMaintenance(input: NextMaintenanceInput): MaintenanceWindow | undefined {
  const { now, service } = input;
  const horizon = now + (input.horizonMs ?? 8 * 366 * DAY_MS);
  const relevant = (window: MaintenanceWindow) =>
    window.to > now && (service === undefined || coversService(window, service));
  let candidates = (input.windows ?? []).filter(relevant);
  const entries = (input.entries ?? []).filter(
    (entry) => service === undefined || entry.services === undefined || entry.services.includes(service),
  );
  // Look ahead in doubling steps: the common weekly case costs a week of expansion, not eight years.
  for (let span = 7 * DAY_MS; entries.length > 0; span *= 2) {
    const to = Math.min(now + span, horizon);
    const expanded = expandMaintenance(entries, { from: now, to, timeZone: input.timeZone }).filter(relevant);
    if (expanded.length > 0 || to >= horizon) {
      candidates = candidates.concat(expanded);
      break;
    }
  }
  return earliest(candidates.filter((window) => window.from <= now)) ?? earliest(candidates);
}

function earliest(windows: readonly MaintenanceWindow[]): MaintenanceWindow | undefined {
  let best: MaintenanceWindow | undefined;
  for (const window of windows) if (!best || window.from < best.from) best = window;
  return best;
}
