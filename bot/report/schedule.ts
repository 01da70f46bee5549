/** When the weekly report is due and which week it covers. Pure: the cron matcher and the clock are passed in. */

import type { CronSchedule } from '../../agent/uptime/cron.js';
import { cronOccurrences } from '../../agent/uptime/maintenance.js';
import { isoWeekWindow, type NamedWindow, parseIsoWeek, weekWindow } from '../../agent/uptime/ranges.js';

const WEEK_MS = 7 * 86_400_000;

/** A report made at `at` covers the last whole ISO week before it, in the config's time zone. */
export function reportWeekFor(at: number, timeZone: string): NamedWindow {
  return weekWindow('last', at, timeZone);
}

/** The week a queued row names ('2026-W47'), in `timeZone`. */
export function weekOfLabel(label: string, timeZone: string): NamedWindow {
  const week = parseIsoWeek(label);
  if (!week.ok) throw new Error(`report outbox: ${week.error}`);
  return isoWeekWindow(week.value, timeZone);
}

/**
 * The schedule's latest occurrence after `since` (when the report was first switched on) and at most a week
 * before `now`: a report the agent missed while it was stopped. undefined when none was missed.
 */
export function missedOccurrence(
  schedule: CronSchedule,
  since: number,
  now: number,
  timeZone: string,
): number | undefined {
  const from = Math.max(since + 1, now - WEEK_MS);
  return cronOccurrences(schedule, from, now + 1, timeZone).at(-1);
}
