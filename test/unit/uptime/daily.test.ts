import { describe, expect, it } from 'vitest';
import { dailyUptime } from '../../../agent/uptime/daily.js';
import { isoWeekRange } from '../../../agent/uptime/ranges.js';
import type { StateInterval } from '../../../agent/uptime/types.js';

const H = 3_600_000;
const utc = (text: string) => Date.parse(text);
const BERLIN = 'Europe/Berlin';

describe('dailyUptime', () => {
  it('splits the spring-forward week (Berlin 2026-W13) into local days, Sunday being 23 h', () => {
    const week = isoWeekRange(2026, 13, BERLIN);
    const intervals: StateInterval[] = [
      { service: 'nginx', state: 'up', from: week.from - H, to: utc('2026-03-24T22:00:00Z') },
      // Down 23:00 CET Tuesday to 01:00 CET Wednesday: 1 h on each local day.
      { service: 'nginx', state: 'down', from: utc('2026-03-24T22:00:00Z'), to: utc('2026-03-25T00:00:00Z') },
      { service: 'nginx', state: 'up', from: utc('2026-03-25T00:00:00Z'), to: null },
    ];
    const days = dailyUptime({
      ...week,
      service: 'nginx',
      intervals,
      maintenance: [],
      now: week.to + H,
      timeZone: BERLIN,
    });
    expect(days.map((day) => day.date)).toEqual([
      '2026-03-23',
      '2026-03-24',
      '2026-03-25',
      '2026-03-26',
      '2026-03-27',
      '2026-03-28',
      '2026-03-29',
    ]);
    expect(days.map((day) => (day.to - day.from) / H)).toEqual([24, 24, 24, 24, 24, 24, 23]);
    // Tuesday: 23 h up, 1 h down -> 23/24; Wednesday the same.
    expect(days[1]).toMatchObject({ upMs: 23 * H, downMs: 1 * H, outageCount: 1, mttrMs: null });
    expect(days[1]?.uptimePercent).toBeCloseTo((100 * 23) / 24, 10);
    expect(days[2]).toMatchObject({ upMs: 23 * H, downMs: 1 * H, outageCount: 1, mttrMs: 1 * H });
    expect(days[6]).toMatchObject({ upMs: 23 * H, uptimePercent: 100 });
    // The days add up to the 167 h week.
    const total = days.reduce((sum, day) => sum + day.upMs + day.downMs + day.unknownMs, 0);
    expect(total).toBe(167 * H);
  });

  it('has a 25 h Sunday in the fall-back week and null for days after now', () => {
    const week = isoWeekRange(2026, 43, BERLIN);
    const intervals: StateInterval[] = [{ service: 'nginx', state: 'up', from: week.from, to: null }];
    const days = dailyUptime({
      ...week,
      service: 'nginx',
      intervals,
      maintenance: [],
      now: week.to,
      timeZone: BERLIN,
    });
    expect(days[6]).toMatchObject({ date: '2026-10-25', upMs: 25 * H, uptimePercent: 100 });

    // now = Wednesday 12:00 CEST (10:00Z): Wednesday counts 12 h, Thursday to Sunday nothing.
    const now = utc('2026-10-21T10:00:00Z');
    const partial = dailyUptime({
      ...week,
      service: 'nginx',
      intervals,
      maintenance: [],
      now,
      timeZone: BERLIN,
    });
    expect(partial[2]).toMatchObject({ date: '2026-10-21', upMs: 12 * H, measuredTo: now });
    expect(partial.slice(3).map((day) => day.uptimePercent)).toEqual([null, null, null, null]);
    expect(partial[3]).toMatchObject({ unknownMs: 0, countedMs: 0 });
  });

  it('clips the first and last day to a window that starts and ends mid-day', () => {
    // 2026-07-01 10:00Z .. 2026-07-02 10:00Z in UTC: two partial days of 14 h and 10 h
    const days = dailyUptime({
      service: 'nginx',
      from: utc('2026-07-01T10:00:00Z'),
      to: utc('2026-07-02T10:00:00Z'),
      now: utc('2026-08-01T00:00:00Z'),
      intervals: [],
      maintenance: [],
      timeZone: 'UTC',
    });
    expect(days.map((day) => [day.date, day.unknownMs / H, day.uptimePercent])).toEqual([
      ['2026-07-01', 14, null],
      ['2026-07-02', 10, null],
    ]);
  });
});
