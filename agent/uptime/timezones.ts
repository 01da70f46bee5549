/**
 * IANA time zones through Intl only: instant -> wall time, wall time -> instant (DST-aware), day ranges.
 */
import {
  addDays,
  type CivilDate,
  civilToUtcMs,
  formatCivilDate,
  isoWeekday,
  isValidCivilDate,
} from './civil.js';
import type { ParseResult, TimeRange } from './types.js';

export interface WallTime extends CivilDate {
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** ISO weekday: 1 = Monday ... 7 = Sunday */
  weekday: number;
}

/** What to do with a wall time that does not exist (spring forward) or exists twice (fall back). Same names as Temporal. */
export type Disambiguation = 'compatible' | 'earlier' | 'later' | 'reject';

const MS_PER_DAY = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock in `timeZone` at instant `ms`. */
export function wallTimeOf(ms: number, timeZone: string): WallTime {
  const wholeSecond = Math.floor(ms / 1000) * 1000;
  const fields: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(wholeSecond)) fields[part.type] = part.value;
  const yearOfEra = Number(fields.year);
  const date: CivilDate = {
    year: fields.era === 'BC' || fields.era === 'B' ? 1 - yearOfEra : yearOfEra,
    month: Number(fields.month),
    day: Number(fields.day),
  };
  return {
    ...date,
    hour: Number(fields.hour) % 24,
    minute: Number(fields.minute),
    second: Number(fields.second),
    millisecond: ms - wholeSecond,
    weekday: isoWeekday(date),
  };
}

/** Offset of local time from UTC at instant `ms`, in ms (Berlin in summer: +7_200_000). */
export function offsetAt(ms: number, timeZone: string): number {
  const wall = wallTimeOf(ms, timeZone);
  return civilToUtcMs(wall, wall.hour, wall.minute, wall.second, wall.millisecond) - ms;
}

export interface WallTimeInput extends CivilDate {
  hour?: number;
  minute?: number;
  second?: number;
  millisecond?: number;
}

/** The wall time read as if it were UTC, and the zone's offsets a day before and after it (equal: no transition). */
function offsetsAround(
  wall: WallTimeInput,
  timeZone: string,
): { wallUtc: number; before: number; after: number } {
  const wallUtc = civilToUtcMs(
    wall,
    wall.hour ?? 0,
    wall.minute ?? 0,
    wall.second ?? 0,
    wall.millisecond ?? 0,
  );
  return {
    wallUtc,
    before: offsetAt(wallUtc - MS_PER_DAY, timeZone),
    after: offsetAt(wallUtc + MS_PER_DAY, timeZone),
  };
}

/**
 * Every instant whose wall clock in `timeZone` reads `wall`, ascending: none in a spring-forward gap,
 * two in a fall-back overlap, one otherwise.
 */
export function instantsForWallTime(wall: WallTimeInput, timeZone: string): number[] {
  const { wallUtc, before, after } = offsetsAround(wall, timeZone);
  if (before === after) return [wallUtc - before];
  const instants: number[] = [];
  for (const offset of [before, after]) {
    const candidate = wallUtc - offset;
    if (offsetAt(candidate, timeZone) === offset) instants.push(candidate);
  }
  return instants.sort((a, b) => a - b);
}

/**
 * The instant at which the wall clock in `timeZone` reads `wall`.
 * 'compatible' (default, like Temporal and JavaScript's Date): a time in a spring-forward gap moves forward by
 * the length of the gap (Berlin 02:30 on the last Sunday of March -> 03:30 CEST); a repeated fall-back time
 * resolves to its first occurrence.
 */
export function zonedToEpoch(
  wall: WallTimeInput,
  timeZone: string,
  disambiguation: Disambiguation = 'compatible',
): number {
  const instants = instantsForWallTime(wall, timeZone);
  const [first] = instants;
  if (instants.length === 1 && first !== undefined) return first;
  if (disambiguation === 'reject') {
    const what = instants.length === 0 ? 'does not exist' : 'is ambiguous';
    throw new RangeError(`${formatWall(wall)} ${what} in ${timeZone}`);
  }
  if (first !== undefined) {
    return disambiguation === 'later' ? (instants[1] as number) : first;
  }
  // Gap: read the wall time with the offset from before the transition (moves forward) or after (moves back).
  const { wallUtc, before, after } = offsetsAround(wall, timeZone);
  return disambiguation === 'earlier' ? wallUtc - after : wallUtc - before;
}

function formatWall(wall: WallTimeInput): string {
  const pad = (value: number | undefined) => String(value ?? 0).padStart(2, '0');
  return `${formatCivilDate(wall)} ${pad(wall.hour)}:${pad(wall.minute)}`;
}

/**
 * The offset that holds for the whole local day `date` (and a margin around it), or undefined when the
 * offset changes near that day. Lets callers convert many wall times of one day without asking Intl each time.
 */
export function constantOffsetOfDay(date: CivilDate, timeZone: string): number | undefined {
  const dayStartUtc = civilToUtcMs(date);
  // No zone is more than 14 h ahead of or 12 h behind UTC, so these instants bracket the local day.
  const before = offsetAt(dayStartUtc - 14 * 3_600_000, timeZone);
  const after = offsetAt(dayStartUtc + MS_PER_DAY + 12 * 3_600_000, timeZone);
  return before === after ? before : undefined;
}

/** The local calendar date of instant `ms` in `timeZone`. */
export function civilDateOf(ms: number, timeZone: string): CivilDate {
  const { year, month, day } = wallTimeOf(ms, timeZone);
  return { year, month, day };
}

/** Start of the local day `date` (local midnight, or the first instant after a midnight DST gap). */
export function startOfCivilDay(date: CivilDate, timeZone: string): number {
  return zonedToEpoch(date, timeZone);
}

/** Start of the local day containing instant `ms`. */
export function startOfDay(ms: number, timeZone: string): number {
  return startOfCivilDay(civilDateOf(ms, timeZone), timeZone);
}

/** The local day `date` as [midnight, next midnight): 23 h or 25 h long on DST change days. */
export function civilDayRange(date: CivilDate, timeZone: string): TimeRange {
  return { from: startOfCivilDay(date, timeZone), to: startOfCivilDay(addDays(date, 1), timeZone) };
}

/** Local 'YYYY-MM-DD HH:mm' of instant `ms`. */
export function formatLocal(ms: number, timeZone: string): string {
  const wall = wallTimeOf(ms, timeZone);
  return formatWall(wall);
}

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * An ISO 8601 date-time: with `Z` or an offset it is absolute; without, it is wall time in `timeZone`
 * ('2026-11-29T02:00', '2026-11-29 02:00', '2026-11-29' = local midnight). Gap times move forward.
 */
export function parseZonedDateTime(text: string, timeZone: string): ParseResult<number> {
  const expected = `expected an ISO date-time such as "2026-11-29T02:00" or "2026-11-29T02:00+01:00", got "${text}"`;
  const match = DATE_TIME.exec(text.trim());
  if (!match) return { ok: false, error: expected };
  const [, y, mo, d, h, mi, s, frac, zone] = match;
  const date: CivilDate = { year: Number(y), month: Number(mo), day: Number(d) };
  const hour = Number(h ?? 0);
  const minute = Number(mi ?? 0);
  const second = Number(s ?? 0);
  const millisecond = Number((frac ?? '').padEnd(3, '0'));
  if (!isValidCivilDate(date))
    return { ok: false, error: `${expected}: ${formatCivilDate(date)} is not a date` };
  if (hour > 23 || minute > 59 || second > 59) return { ok: false, error: `${expected}: time out of range` };
  if (zone === undefined)
    return { ok: true, value: zonedToEpoch({ ...date, hour, minute, second, millisecond }, timeZone) };
  const wallUtc = civilToUtcMs(date, hour, minute, second, millisecond);
  if (zone.toUpperCase() === 'Z') return { ok: true, value: wallUtc };
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0);
  if (offsetMinutes > 18 * 60) return { ok: false, error: `${expected}: offset ${zone} out of range` };
  return { ok: true, value: wallUtc - sign * offsetMinutes * 60_000 };
}
