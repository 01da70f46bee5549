import { describe, expect, it } from 'vitest';
import { addMonths, civilFromDays, daysFromCivil, isoWeekday } from '../../../agent/uptime/civil.js';
import {
  civilDayRange,
  formatLocal,
  instantsForWallTime,
  isValidTimeZone,
  offsetAt,
  parseZonedDateTime,
  startOfDay,
  wallTimeOf,
  zonedToEpoch,
} from '../../../agent/uptime/timezones.js';

const H = 3_600_000;
const utc = (text: string) => Date.parse(text);
const BERLIN = 'Europe/Berlin';
const NEW_YORK = 'America/New_York';

describe('civil calendar arithmetic', () => {
  it('round-trips day numbers and knows weekdays', () => {
    expect(daysFromCivil({ year: 1970, month: 1, day: 1 })).toBe(0);
    expect(civilFromDays(daysFromCivil({ year: 2028, month: 2, day: 29 }))).toEqual({
      year: 2028,
      month: 2,
      day: 29,
    });
    // 2026-01-01 is a Thursday; 2026-03-29 a Sunday.
    expect(isoWeekday({ year: 2026, month: 1, day: 1 })).toBe(4);
    expect(isoWeekday({ year: 2026, month: 3, day: 29 })).toBe(7);
    expect(addMonths({ year: 2026, month: 1, day: 31 }, -1)).toEqual({ year: 2025, month: 12, day: 1 });
  });
});

describe('instant <-> wall time', () => {
  it('reads wall time and offset on both sides of the Berlin spring-forward (2026-03-29 01:00Z)', () => {
    expect(wallTimeOf(utc('2026-03-29T00:59:59Z'), BERLIN)).toMatchObject({
      hour: 1,
      minute: 59,
      second: 59,
    });
    expect(wallTimeOf(utc('2026-03-29T01:00:00Z'), BERLIN)).toMatchObject({ hour: 3, minute: 0, weekday: 7 });
    expect(offsetAt(utc('2026-03-29T00:59:00Z'), BERLIN)).toBe(1 * H);
    expect(offsetAt(utc('2026-03-29T01:00:00Z'), BERLIN)).toBe(2 * H);
  });

  it('finds no instant in a gap, two in an overlap', () => {
    expect(instantsForWallTime({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, BERLIN)).toEqual([]);
    // 02:30 on 2026-10-25 happens at 00:30Z (CEST, +2) and again at 01:30Z (CET, +1).
    expect(instantsForWallTime({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, BERLIN)).toEqual([
      utc('2026-10-25T00:30:00Z'),
      utc('2026-10-25T01:30:00Z'),
    ]);
    expect(instantsForWallTime({ year: 2026, month: 7, day: 1, hour: 12 }, BERLIN)).toEqual([
      utc('2026-07-01T10:00:00Z'),
    ]);
  });

  it('resolves gap and overlap wall times like Temporal', () => {
    const gap = { year: 2026, month: 3, day: 29, hour: 2, minute: 30 };
    // compatible/later: read with the pre-transition offset +1 -> 01:30Z = 03:30 CEST (moved forward by the 1 h gap)
    expect(zonedToEpoch(gap, BERLIN)).toBe(utc('2026-03-29T01:30:00Z'));
    expect(zonedToEpoch(gap, BERLIN, 'later')).toBe(utc('2026-03-29T01:30:00Z'));
    // earlier: read with the post-transition offset +2 -> 00:30Z = 01:30 CET
    expect(zonedToEpoch(gap, BERLIN, 'earlier')).toBe(utc('2026-03-29T00:30:00Z'));
    expect(() => zonedToEpoch(gap, BERLIN, 'reject')).toThrow(
      '2026-03-29 02:30 does not exist in Europe/Berlin',
    );
    const overlap = { year: 2026, month: 11, day: 1, hour: 1, minute: 30 };
    // New York falls back at 06:00Z: 01:30 EDT (-4) = 05:30Z, then 01:30 EST (-5) = 06:30Z
    expect(zonedToEpoch(overlap, NEW_YORK)).toBe(utc('2026-11-01T05:30:00Z'));
    expect(zonedToEpoch(overlap, NEW_YORK, 'later')).toBe(utc('2026-11-01T06:30:00Z'));
    expect(() => zonedToEpoch(overlap, NEW_YORK, 'reject')).toThrow('is ambiguous');
  });

  it('has 23 h and 25 h days at the DST changes', () => {
    // Berlin 2026-03-29: 00:00 CET = 03-28T23:00Z to 03-30 00:00 CEST = 03-29T22:00Z -> 23 h
    expect(civilDayRange({ year: 2026, month: 3, day: 29 }, BERLIN)).toEqual({
      from: utc('2026-03-28T23:00:00Z'),
      to: utc('2026-03-29T22:00:00Z'),
    });
    // Berlin 2026-10-25: 00:00 CEST = 10-24T22:00Z to 10-26 00:00 CET = 10-25T23:00Z -> 25 h
    const fall = civilDayRange({ year: 2026, month: 10, day: 25 }, BERLIN);
    expect(fall.to - fall.from).toBe(25 * H);
    // New York 2026-03-08: 00:00 EST = 05:00Z to 03-09 00:00 EDT = 04:00Z -> 23 h
    const spring = civilDayRange({ year: 2026, month: 3, day: 8 }, NEW_YORK);
    expect(spring.to - spring.from).toBe(23 * H);
    expect(startOfDay(utc('2026-03-29T21:59:00Z'), BERLIN)).toBe(utc('2026-03-28T23:00:00Z'));
  });

  it('knows valid zones and formats local time', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(formatLocal(utc('2026-03-29T01:30:00Z'), BERLIN)).toBe('2026-03-29 03:30');
  });
});

describe('parseZonedDateTime', () => {
  it('reads local time in the zone, or honours Z and offsets', () => {
    // 02:00 CET (+1) on 2026-11-29 = 01:00Z
    expect(parseZonedDateTime('2026-11-29T02:00', BERLIN)).toEqual({
      ok: true,
      value: utc('2026-11-29T01:00:00Z'),
    });
    expect(parseZonedDateTime('2026-11-29 02:00:30', BERLIN)).toEqual({
      ok: true,
      value: utc('2026-11-29T01:00:30Z'),
    });
    expect(parseZonedDateTime('2026-11-29', BERLIN)).toEqual({
      ok: true,
      value: utc('2026-11-28T23:00:00Z'),
    });
    expect(parseZonedDateTime('2026-11-29T02:00Z', BERLIN)).toEqual({
      ok: true,
      value: utc('2026-11-29T02:00:00Z'),
    });
    expect(parseZonedDateTime('2026-11-29T02:00+05:30', BERLIN)).toEqual({
      ok: true,
      value: utc('2026-11-28T20:30:00Z'),
    });
    // A wall time in the spring-forward gap moves forward: 02:30 -> 03:30 CEST = 01:30Z
    expect(parseZonedDateTime('2026-03-29T02:30', BERLIN)).toEqual({
      ok: true,
      value: utc('2026-03-29T01:30:00Z'),
    });
  });

  it('rejects what is not a date-time', () => {
    for (const text of [
      'tomorrow',
      '2026-02-30T02:00',
      '2026-11-29T24:00',
      '2026-11-29T02:00+19:00',
      '29.11.2026',
    ]) {
      const result = parseZonedDateTime(text, BERLIN);
      expect(result.ok, text).toBe(false);
      if (!result.ok) expect(result.error).toContain('expected an ISO date-time');
    }
  });
});
