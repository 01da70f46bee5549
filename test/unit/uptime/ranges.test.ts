import { describe, expect, it } from 'vitest';
import {
  isoWeekOf,
  isoWeekRange,
  isoWeeksInYear,
  parseIsoWeek,
  relativeDayWindow,
  relativeMonthWindow,
  resolveWindow,
  weekWindow,
} from '../../../agent/uptime/ranges.js';

const H = 3_600_000;
const utc = (text: string) => Date.parse(text);
const BERLIN = 'Europe/Berlin';
const NEW_YORK = 'America/New_York';

describe('ISO weeks', () => {
  it('counts 53 weeks in years starting on a Thursday (or a Wednesday in leap years)', () => {
    // 2026-01-01 Thursday -> 53; 2025-01-01 Wednesday, not leap -> 52; 2020-01-01 Wednesday, leap -> 53
    expect(isoWeeksInYear(2026)).toBe(53);
    expect(isoWeeksInYear(2025)).toBe(52);
    expect(isoWeeksInYear(2020)).toBe(53);
    expect(isoWeeksInYear(2027)).toBe(52);
  });

  it('puts days near new year into the right ISO year', () => {
    // 2027-01-01 is a Friday: its Thursday is 2026-12-31, so it belongs to 2026-W53.
    expect(isoWeekOf(utc('2027-01-01T12:00:00Z'), 'UTC')).toEqual({ year: 2026, week: 53 });
    // 2025-12-29 is the Monday of the week holding 2026-01-01 (a Thursday) -> 2026-W01.
    expect(isoWeekOf(utc('2025-12-29T12:00:00Z'), 'UTC')).toEqual({ year: 2026, week: 1 });
    expect(isoWeekOf(utc('2027-01-04T00:00:00Z'), 'UTC')).toEqual({ year: 2027, week: 1 });
  });

  it('reads the week on the wall calendar of the zone', () => {
    // 2026-03-22T23:30Z is Sunday 23:30 in UTC (W12) but Monday 00:30 CET in Berlin (W13).
    expect(isoWeekOf(utc('2026-03-22T23:30:00Z'), 'UTC')).toEqual({ year: 2026, week: 12 });
    expect(isoWeekOf(utc('2026-03-22T23:30:00Z'), BERLIN)).toEqual({ year: 2026, week: 13 });
  });

  it('gives week 53 of 2026 from Monday 2026-12-28 to Monday 2027-01-04', () => {
    expect(isoWeekRange(2026, 53, 'UTC')).toEqual({
      from: utc('2026-12-28T00:00:00Z'),
      to: utc('2027-01-04T00:00:00Z'),
    });
    expect(() => isoWeekRange(2025, 53, 'UTC')).toThrow('week 53 does not exist in 2025');
  });

  it('is 167 h long across spring-forward and 169 h across fall-back (Berlin)', () => {
    // W13 = Mon 03-23 .. Mon 03-30: 00:00 CET (+1) = 03-22T23:00Z to 00:00 CEST (+2) = 03-29T22:00Z
    const spring = isoWeekRange(2026, 13, BERLIN);
    expect(spring).toEqual({ from: utc('2026-03-22T23:00:00Z'), to: utc('2026-03-29T22:00:00Z') });
    expect(spring.to - spring.from).toBe(167 * H);
    // W43 = Mon 10-19 .. Mon 10-26: 00:00 CEST = 10-18T22:00Z to 00:00 CET = 10-25T23:00Z
    const fall = isoWeekRange(2026, 43, BERLIN);
    expect(fall).toEqual({ from: utc('2026-10-18T22:00:00Z'), to: utc('2026-10-25T23:00:00Z') });
    expect(fall.to - fall.from).toBe(169 * H);
    // A week without a change is 168 h.
    const plain = isoWeekRange(2026, 20, BERLIN);
    expect(plain.to - plain.from).toBe(168 * H);
  });

  it('is 167 h / 169 h in New York too (changes on 2026-03-08 and 2026-11-01)', () => {
    // W10 = Mon 03-02 00:00 EST (-5) = 05:00Z to Mon 03-09 00:00 EDT (-4) = 04:00Z
    expect(isoWeekRange(2026, 10, NEW_YORK)).toEqual({
      from: utc('2026-03-02T05:00:00Z'),
      to: utc('2026-03-09T04:00:00Z'),
    });
    // W44 = Mon 10-26 00:00 EDT = 04:00Z to Mon 11-02 00:00 EST = 05:00Z -> 169 h
    const fall = isoWeekRange(2026, 44, NEW_YORK);
    expect(fall.from).toBe(utc('2026-10-26T04:00:00Z'));
    expect(fall.to - fall.from).toBe(169 * H);
  });
});

describe('parseIsoWeek', () => {
  it('accepts YYYY-Www and YYYYWww', () => {
    expect(parseIsoWeek('2026-W13')).toEqual({ ok: true, value: { year: 2026, week: 13 } });
    expect(parseIsoWeek(' 2026w05 ')).toEqual({ ok: true, value: { year: 2026, week: 5 } });
    expect(parseIsoWeek('2026-W53')).toEqual({ ok: true, value: { year: 2026, week: 53 } });
  });

  it('says what is wrong', () => {
    expect(parseIsoWeek('2025-W53')).toEqual({
      ok: false,
      error: 'week 53 does not exist in 2025: it has weeks 1 to 52',
    });
    expect(parseIsoWeek('2026-W54')).toEqual({
      ok: false,
      error: 'week 54 does not exist in 2026: it has weeks 1 to 53',
    });
    expect(parseIsoWeek('2026-W00')).toMatchObject({
      ok: false,
      error: expect.stringContaining('week 0 does not exist'),
    });
    for (const text of ['2026-13', '26-W13', '2026-W', '', 'last week', '2026-W123']) {
      expect(parseIsoWeek(text)).toEqual({
        ok: false,
        error: `expected an ISO week such as "2026-W13", got "${text}"`,
      });
    }
  });
});

describe('windows relative to now', () => {
  // Monday 2026-03-30 00:30 CEST in Berlin = 2026-03-29T22:30Z (still Sunday in UTC).
  const now = utc('2026-03-29T22:30:00Z');

  it('finds this and last week in the zone', () => {
    expect(weekWindow('this', now, BERLIN)).toMatchObject({
      label: '2026-W14',
      from: utc('2026-03-29T22:00:00Z'),
    });
    const last = weekWindow('last', now, BERLIN);
    expect(last).toEqual({
      label: '2026-W13',
      from: utc('2026-03-22T23:00:00Z'),
      to: utc('2026-03-29T22:00:00Z'),
    });
    expect(weekWindow('this', now, 'UTC').label).toBe('2026-W13');
  });

  it('finds today and yesterday (a 23 h day)', () => {
    expect(relativeDayWindow('yesterday', now, BERLIN)).toEqual({
      label: '2026-03-29',
      from: utc('2026-03-28T23:00:00Z'),
      to: utc('2026-03-29T22:00:00Z'),
    });
    expect(relativeDayWindow('today', now, BERLIN)).toEqual({
      label: '2026-03-30',
      from: utc('2026-03-29T22:00:00Z'),
      to: utc('2026-03-30T22:00:00Z'),
    });
  });

  it('finds this and last month', () => {
    // March 2026 in Berlin: 03-01 00:00 CET = 02-28T23:00Z to 04-01 00:00 CEST = 03-31T22:00Z (31 d - 1 h)
    expect(relativeMonthWindow('this', utc('2026-03-15T12:00:00Z'), BERLIN)).toEqual({
      label: '2026-03',
      from: utc('2026-02-28T23:00:00Z'),
      to: utc('2026-03-31T22:00:00Z'),
    });
    expect(relativeMonthWindow('last', utc('2026-01-10T12:00:00Z'), BERLIN)).toEqual({
      label: '2025-12',
      from: utc('2025-11-30T23:00:00Z'),
      to: utc('2025-12-31T23:00:00Z'),
    });
  });

  it('resolves what people type', () => {
    expect(resolveWindow('Last-Week', now, BERLIN)).toMatchObject({ ok: true, value: { label: '2026-W13' } });
    expect(resolveWindow('this week', now, BERLIN)).toMatchObject({ ok: true, value: { label: '2026-W14' } });
    expect(resolveWindow('yesterday', now, BERLIN)).toMatchObject({
      ok: true,
      value: { label: '2026-03-29' },
    });
    expect(resolveWindow('2026-W43', now, BERLIN)).toMatchObject({ ok: true, value: { label: '2026-W43' } });
    expect(resolveWindow('2026-03-29', now, BERLIN)).toMatchObject({
      ok: true,
      value: { from: utc('2026-03-28T23:00:00Z'), to: utc('2026-03-29T22:00:00Z') },
    });
    expect(resolveWindow('2026-02', now, BERLIN)).toMatchObject({ ok: true, value: { label: '2026-02' } });
    expect(resolveWindow('24h', now, BERLIN)).toEqual({
      ok: true,
      value: { from: now - 24 * H, to: now, label: 'last 24h' },
    });
    expect(resolveWindow('last 7d', now, BERLIN)).toMatchObject({
      ok: true,
      value: { from: now - 7 * 24 * H },
    });
  });

  it('explains windows it cannot resolve', () => {
    expect(resolveWindow('2025-W53', now, BERLIN)).toEqual({
      ok: false,
      error: 'week 53 does not exist in 2025: it has weeks 1 to 52',
    });
    expect(resolveWindow('2026-02-30', now, BERLIN)).toEqual({
      ok: false,
      error: '"2026-02-30" is not a calendar date',
    });
    expect(resolveWindow('fortnight', now, BERLIN)).toMatchObject({
      ok: false,
      error: expect.stringContaining('unknown window "fortnight"; try today, yesterday'),
    });
  });
});
