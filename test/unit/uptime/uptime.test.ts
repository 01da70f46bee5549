import { describe, expect, it } from 'vitest';
import { effectiveTimeline } from '../../../agent/uptime/timeline.js';
import type { MaintenanceWindow, ServiceState, StateInterval } from '../../../agent/uptime/types.js';
import { computeUptime } from '../../../agent/uptime/uptime.js';

const H = 3_600_000;
const M = 60_000;
const T0 = Date.UTC(2026, 0, 5); // Monday 2026-01-05 00:00Z; hours below are offsets from it
const at = (hours: number) => T0 + hours * H;

function interval(
  state: ServiceState,
  fromHours: number,
  toHours: number | null,
  cause?: string,
): StateInterval {
  const result: StateInterval = {
    service: 'nginx',
    state,
    from: at(fromHours),
    to: toHours === null ? null : at(toHours),
  };
  if (cause !== undefined) result.cause = cause;
  return result;
}

function maintenance(
  fromHours: number,
  toHours: number,
  services: string[] | 'all',
  id = 'w',
): MaintenanceWindow {
  return { id, name: id, from: at(fromHours), to: at(toHours), services, source: 'adhoc' };
}

const window10h = { service: 'nginx', from: at(0), to: at(10), now: at(100), maintenance: [] };

describe('computeUptime', () => {
  it('reports no data, not 100%, for an empty history', () => {
    const result = computeUptime({ ...window10h, intervals: [] });
    expect(result.uptimePercent).toBeNull();
    expect(result.countedMs).toBe(0);
    expect(result.unknownMs).toBe(10 * H);
    expect(result.mttrMs).toBeNull();
    expect(result.outageCount).toBe(0);
  });

  it('computes up / (up + down)', () => {
    // up 8 h, down 1 h, up 1 h -> 9 / 10 = 90%
    const result = computeUptime({
      ...window10h,
      intervals: [interval('up', 0, 8), interval('down', 8, 9), interval('up', 9, 10)],
    });
    expect(result).toMatchObject({ upMs: 9 * H, downMs: 1 * H, unknownMs: 0, uptimePercent: 90 });
  });

  it('clips intervals that the window cuts', () => {
    // up -5..3 h counts 0..3 (3 h), down 3..4 (1 h), up 4..20 counts 4..10 (6 h): 9 / 10 = 90%
    const result = computeUptime({
      ...window10h,
      intervals: [interval('up', -5, 3), interval('down', 3, 4), interval('up', 4, 20)],
    });
    expect(result).toMatchObject({ upMs: 9 * H, downMs: 1 * H, uptimePercent: 90, measuredTo: at(10) });
  });

  it('does not count the future part of the window', () => {
    // window 0..10 h, now = 5 h, open up interval since -1 h: counted 0..5 h, all up
    const result = computeUptime({ ...window10h, now: at(5), intervals: [interval('up', -1, null)] });
    expect(result).toMatchObject({ upMs: 5 * H, unknownMs: 0, measuredTo: at(5), uptimePercent: 100 });
  });

  it('counts gaps as unknown and leaves them out of the denominator', () => {
    // up 0..4, nothing 4..6, up 6..10 -> up 8 h, unknown 2 h, uptime 8 / 8 = 100%
    const result = computeUptime({ ...window10h, intervals: [interval('up', 0, 4), interval('up', 6, 10)] });
    expect(result).toMatchObject({ upMs: 8 * H, unknownMs: 2 * H, uptimePercent: 100 });
  });

  it('lets a later record cut an interval left open (crash)', () => {
    // up 0..null is cut at 4 h by down 4..5; nothing after 5 h -> unknown 5..10
    const result = computeUptime({
      ...window10h,
      intervals: [interval('down', 4, 5), interval('up', 0, null)],
    });
    expect(result).toMatchObject({ upMs: 4 * H, downMs: 1 * H, unknownMs: 5 * H, uptimePercent: 80 });
  });

  it('ignores other services and their maintenance', () => {
    const result = computeUptime({
      ...window10h,
      intervals: [interval('up', 0, 10), { service: 'tomcat', state: 'down', from: at(0), to: at(10) }],
      maintenance: [maintenance(0, 10, ['tomcat'])],
    });
    expect(result).toMatchObject({ upMs: 10 * H, downMs: 0, maintenanceMs: 0, uptimePercent: 100 });
  });

  it('overlays overlapping maintenance windows without double counting', () => {
    // down 2..6; windows covering nginx: A 1..4 (all), B 3..5 (nginx) -> union 1..5; C 0..10 is tomcat only.
    // down inside the union: 2..5 = 3 h maintenance (4 h if the 3..4 overlap counted twice);
    // down outside: 5..6 = 1 h; up 0..2 + 6..10 = 6 h (up inside a window stays up).
    // uptime = 6 / (6 + 1) = 85.714%
    const result = computeUptime({
      ...window10h,
      intervals: [interval('up', 0, 2), interval('down', 2, 6), interval('up', 6, 10)],
      maintenance: [
        maintenance(1, 4, 'all', 'A'),
        maintenance(3, 5, ['nginx'], 'B'),
        maintenance(0, 10, ['tomcat'], 'C'),
      ],
    });
    expect(result).toMatchObject({ upMs: 6 * H, downMs: 1 * H, maintenanceMs: 3 * H, unknownMs: 0 });
    expect(result.uptimePercent).toBeCloseTo((100 * 6) / 7, 10);
    expect(result).toMatchObject({ outageCount: 1, longestOutageMs: 1 * H, mttrMs: 1 * H });
  });

  it('counts unknown time and recorded maintenance state inside windows as maintenance', () => {
    // up 0..3, (gap 3..5 inside window 2..6), maintenance state 5..7, up 7..10
    // maintenance = 3..5 (gap in window) + 5..7 (recorded) = 4 h; unknown 0; up 6 h
    const result = computeUptime({
      ...window10h,
      intervals: [interval('up', 0, 3), interval('maintenance', 5, 7), interval('up', 7, 10)],
      maintenance: [maintenance(2, 6, 'all')],
    });
    expect(result).toMatchObject({ upMs: 6 * H, maintenanceMs: 4 * H, unknownMs: 0, uptimePercent: 100 });
  });

  it('weights degraded time as the issue defines: up / (up + down + degraded × weight)', () => {
    // up 6 h, down 1 h, degraded 2 h, unknown 1 h
    const intervals = [interval('up', 0, 6), interval('down', 6, 7), interval('degraded', 7, 9)];
    // weight 0.5: 6 / (6 + 1 + 1) = 75%
    expect(computeUptime({ ...window10h, intervals })).toMatchObject({
      degradedMs: 2 * H,
      unknownMs: 1 * H,
      countedMs: 8 * H,
      uptimePercent: 75,
    });
    // weight 0: degraded left out -> 6 / 7
    expect(computeUptime({ ...window10h, intervals, degradedWeight: 0 }).uptimePercent).toBeCloseTo(
      600 / 7,
      10,
    );
    // weight 1: degraded counts as down -> 6 / 9
    expect(computeUptime({ ...window10h, intervals, degradedWeight: 1 }).uptimePercent).toBeCloseTo(
      600 / 9,
      10,
    );
    expect(() => computeUptime({ ...window10h, intervals, degradedWeight: 1.5 })).toThrow('between 0 and 1');
  });

  it('reports outages, the longest, and MTTR of recovered ones only', () => {
    // down 1..2 (60 m), down 5..5.5 (30 m), down 9.. ongoing (now = 10 h, window to 12 h)
    // outages 3, longest 60 m, MTTR = (60 + 30) / 2 = 45 m (the ongoing one has not recovered)
    const result = computeUptime({
      ...window10h,
      to: at(12),
      now: at(10),
      intervals: [
        interval('up', 0, 1),
        interval('down', 1, 2),
        interval('up', 2, 5),
        interval('down', 5, 5.5),
        interval('up', 5.5, 9),
        interval('down', 9, null),
      ],
    });
    expect(result).toMatchObject({
      outageCount: 3,
      longestOutageMs: 60 * M,
      mttrMs: 45 * M,
      downMs: 150 * M,
    });
  });

  it('merges touching down intervals into one outage', () => {
    // down 1..2 (cause a) and 2..4 (cause b) are one 3 h outage
    const result = computeUptime({
      ...window10h,
      intervals: [
        interval('up', 0, 1),
        interval('down', 1, 2, 'a'),
        interval('down', 2, 4, 'b'),
        interval('up', 4, 10),
      ],
    });
    expect(result).toMatchObject({ outageCount: 1, longestOutageMs: 3 * H });
  });

  it('returns an empty measurement for a window entirely in the future', () => {
    const result = computeUptime({ ...window10h, now: at(-1), intervals: [interval('up', -5, null)] });
    expect(result).toMatchObject({ measuredTo: at(0), upMs: 0, unknownMs: 0, uptimePercent: null });
    expect(() => computeUptime({ ...window10h, from: at(10), to: at(0), intervals: [] })).toThrow(
      'starts after',
    );
  });
});

describe('effectiveTimeline', () => {
  it('covers the window exactly, in order, gaps as unknown and maintenance overlaid', () => {
    const segments = effectiveTimeline({
      service: 'nginx',
      from: at(0),
      to: at(10),
      now: at(100),
      intervals: [interval('up', -1, 2), interval('down', 2, 6, 'http 502'), interval('up', 8, 20)],
      maintenance: [maintenance(5, 7, 'all')],
    });
    expect(segments.map((s) => [s.state, (s.from - T0) / H, (s.to - T0) / H, s.cause])).toEqual([
      ['up', 0, 2, undefined],
      ['down', 2, 5, 'http 502'],
      ['maintenance', 5, 7, undefined],
      ['unknown', 7, 8, undefined],
      ['up', 8, 10, undefined],
    ]);
  });
});
