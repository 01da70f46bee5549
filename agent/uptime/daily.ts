/**
 * Uptime per local calendar day over a window (the bars of the weekly report). Days follow the wall
 * calendar in `timeZone`, so DST change days are 23 h or 25 h long.
 */
import { addDays, compareCivil, formatCivilDate } from './civil.js';
import { effectiveTimeline, sliceSegments } from './timeline.js';
import { civilDateOf, startOfCivilDay } from './timezones.js';
import type { UptimeResult } from './types.js';
import {
  checkDegradedWeight,
  DEFAULT_DEGRADED_WEIGHT,
  summarizeSegments,
  type UptimeInput,
} from './uptime.js';

export interface DailyUptime extends UptimeResult {
  /** Local date, YYYY-MM-DD. `from`/`to` are that day's part of the window. */
  date: string;
}

export interface DailyInput extends UptimeInput {
  timeZone: string;
}

/**
 * One entry per local day overlapping [from, to), first and last days clipped to the window.
 * Days after `now` are present with nothing counted (uptimePercent null).
 */
export function dailyUptime(input: DailyInput): DailyUptime[] {
  const { from, to, now, service, timeZone } = input;
  const degradedWeight = checkDegradedWeight(input.degradedWeight ?? DEFAULT_DEGRADED_WEIGHT);
  const segments = effectiveTimeline(input);
  const days: DailyUptime[] = [];
  if (to <= from) return days;
  const lastDate = civilDateOf(to - 1, timeZone);
  for (let date = civilDateOf(from, timeZone); compareCivil(date, lastDate) <= 0; date = addDays(date, 1)) {
    const dayFrom = Math.max(from, startOfCivilDay(date, timeZone));
    const dayTo = Math.min(to, startOfCivilDay(addDays(date, 1), timeZone));
    if (dayTo <= dayFrom) continue;
    const summary = summarizeSegments(sliceSegments(segments, dayFrom, Math.min(dayTo, now)), {
      service,
      from: dayFrom,
      to: dayTo,
      now,
      degradedWeight,
    });
    days.push({ date: formatCivilDate(date), ...summary });
  }
  return days;
}
