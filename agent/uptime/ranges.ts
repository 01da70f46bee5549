/**
 * Calendar windows in a time zone: ISO weeks (Monday 00:00 local to next Monday 00:00 local), local days and
 * months, and the names people type ("last week", "2026-W13", "yesterday").
 */
import { parseDuration } from '../config/duration.js';
import {
  addDays,
  addMonths,
  type CivilDate,
  daysFromCivil,
  formatCivilDate,
  isoWeekday,
  isValidCivilDate,
} from './civil.js';
import { civilDateOf, civilDayRange, startOfCivilDay } from './timezones.js';
import type { ParseResult, TimeRange } from './types.js';

export interface IsoWeek {
  /** ISO week-numbering year (2027-01-01 belongs to 2026-W53). */
  year: number;
  /** 1-53 */
  week: number;
}

/** A resolved window with a short label for humans: '2026-W13', '2026-03-29', '2026-03', 'last 24h'. */
export interface NamedWindow extends TimeRange {
  label: string;
}

export function isoWeekOfDate(date: CivilDate): IsoWeek {
  // The ISO week belongs to the year of its Thursday.
  const thursday = addDays(date, 4 - isoWeekday(date));
  const ordinal = daysFromCivil(thursday) - daysFromCivil({ year: thursday.year, month: 1, day: 1 });
  return { year: thursday.year, week: Math.floor(ordinal / 7) + 1 };
}

/** The ISO week of instant `ms` as seen on the wall calendar in `timeZone`. */
export function isoWeekOf(ms: number, timeZone: string): IsoWeek {
  return isoWeekOfDate(civilDateOf(ms, timeZone));
}

/** 52 or 53: the week of 28 December is always the last one of its ISO year. */
export function isoWeeksInYear(year: number): number {
  return isoWeekOfDate({ year, month: 12, day: 28 }).week;
}

/** Monday of ISO week `week` of `year` (week 1 is the week holding 4 January). */
export function mondayOfIsoWeek(year: number, week: number): CivilDate {
  const january4 = { year, month: 1, day: 4 };
  return addDays(january4, 1 - isoWeekday(january4) + (week - 1) * 7);
}

/** Monday 00:00 local to the next Monday 00:00 local: 167 h or 169 h when a DST change falls inside. */
export function isoWeekRange(year: number, week: number, timeZone: string): TimeRange {
  if (!Number.isInteger(week) || week < 1 || week > isoWeeksInYear(year)) {
    throw new RangeError(`week ${week} does not exist in ${year} (it has ${isoWeeksInYear(year)} ISO weeks)`);
  }
  const monday = mondayOfIsoWeek(year, week);
  return { from: startOfCivilDay(monday, timeZone), to: startOfCivilDay(addDays(monday, 7), timeZone) };
}

export function formatIsoWeek({ year, week }: IsoWeek): string {
  return `${String(year).padStart(4, '0')}-W${String(week).padStart(2, '0')}`;
}

/** 'YYYY-Www' (also 'YYYYWww', lower case w), checked against the number of weeks in that year. */
export function parseIsoWeek(text: string): ParseResult<IsoWeek> {
  const match = /^(\d{4})-?W(\d{1,2})$/i.exec(text.trim());
  if (!match) return { ok: false, error: `expected an ISO week such as "2026-W13", got "${text}"` };
  const year = Number(match[1]);
  const week = Number(match[2]);
  const weeks = isoWeeksInYear(year);
  if (week < 1 || week > weeks) {
    return { ok: false, error: `week ${week} does not exist in ${year}: it has weeks 1 to ${weeks}` };
  }
  return { ok: true, value: { year, week } };
}

export function isoWeekWindow(isoWeek: IsoWeek, timeZone: string): NamedWindow {
  return { ...isoWeekRange(isoWeek.year, isoWeek.week, timeZone), label: formatIsoWeek(isoWeek) };
}

/** The ISO week containing `now` ('this'), or the one before it ('last'). */
export function weekWindow(which: 'this' | 'last', now: number, timeZone: string): NamedWindow {
  const today = civilDateOf(now, timeZone);
  const day = which === 'this' ? today : addDays(today, -7);
  return isoWeekWindow(isoWeekOfDate(day), timeZone);
}

export function dayWindow(date: CivilDate, timeZone: string): NamedWindow {
  return { ...civilDayRange(date, timeZone), label: formatCivilDate(date) };
}

/** Today or yesterday on the local calendar: 23 h or 25 h on DST change days. */
export function relativeDayWindow(which: 'today' | 'yesterday', now: number, timeZone: string): NamedWindow {
  const today = civilDateOf(now, timeZone);
  return dayWindow(which === 'today' ? today : addDays(today, -1), timeZone);
}

export function monthWindow(year: number, month: number, timeZone: string): NamedWindow {
  const first = { year, month, day: 1 };
  return {
    from: startOfCivilDay(first, timeZone),
    to: startOfCivilDay(addMonths(first, 1), timeZone),
    label: formatCivilDate(first).slice(0, 7),
  };
}

export function relativeMonthWindow(which: 'this' | 'last', now: number, timeZone: string): NamedWindow {
  const { year, month } = addMonths(civilDateOf(now, timeZone), which === 'this' ? 0 : -1);
  return monthWindow(year, month, timeZone);
}

const WINDOW_HELP =
  'today, yesterday, this week, last week, this month, last month, 2026-W13, 2026-03-29, 2026-03 or a duration such as 24h or 7d';

/**
 * A window named the way people ask for it. Durations ('24h', 'last 7d') end at `now`;
 * calendar windows may reach past `now` (uptime never counts the future).
 */
export function resolveWindow(text: string, now: number, timeZone: string): ParseResult<NamedWindow> {
  const normalized = text
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');
  switch (normalized) {
    case 'today':
    case 'yesterday':
      return { ok: true, value: relativeDayWindow(normalized, now, timeZone) };
    case 'this week':
    case 'week':
      return { ok: true, value: weekWindow('this', now, timeZone) };
    case 'last week':
      return { ok: true, value: weekWindow('last', now, timeZone) };
    case 'this month':
    case 'month':
      return { ok: true, value: relativeMonthWindow('this', now, timeZone) };
    case 'last month':
      return { ok: true, value: relativeMonthWindow('last', now, timeZone) };
  }
  const trimmed = text.trim();
  if (/^\d{4}-?w\d{1,2}$/i.test(trimmed)) {
    const week = parseIsoWeek(trimmed);
    return week.ok ? { ok: true, value: isoWeekWindow(week.value, timeZone) } : week;
  }
  const dateMatch = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(trimmed);
  if (dateMatch) {
    const date = { year: Number(dateMatch[1]), month: Number(dateMatch[2]), day: Number(dateMatch[3] ?? 1) };
    if (!isValidCivilDate(date)) return { ok: false, error: `"${trimmed}" is not a calendar date` };
    return {
      ok: true,
      value:
        dateMatch[3] === undefined ? monthWindow(date.year, date.month, timeZone) : dayWindow(date, timeZone),
    };
  }
  const durationText = normalized.replace(/^(last|past) /, '');
  const span = parseDuration(durationText);
  if (span !== undefined && span > 0)
    return { ok: true, value: { from: now - span, to: now, label: `last ${durationText}` } };
  return { ok: false, error: `unknown window "${text}"; try ${WINDOW_HELP}` };
}
