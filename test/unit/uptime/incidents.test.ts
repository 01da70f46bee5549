import { describe, expect, it } from 'vitest';
import { deriveIncidents } from '../../../agent/uptime/incidents.js';
import type { ServiceState, StateInterval } from '../../../agent/uptime/types.js';

const M = 60_000;
const T0 = Date.UTC(2026, 0, 5);
const at = (minutes: number) => T0 + minutes * M;

function interval(
  service: string,
  state: ServiceState,
  fromMin: number,
  toMin: number | null,
  cause?: string,
): StateInterval {
  const result: StateInterval = { service, state, from: at(fromMin), to: toMin === null ? null : at(toMin) };
  if (cause !== undefined) result.cause = cause;
  return result;
}

// nginx: down 60..70 (http 502), up, down 72..80 (timeout), up, down 180..185 (http 502), up
// tomcat: up, down 540.. still open
const history: StateInterval[] = [
  interval('nginx', 'up', 0, 60),
  interval('nginx', 'down', 60, 70, 'http 502'),
  interval('nginx', 'up', 70, 72),
  interval('nginx', 'down', 72, 80, 'timeout'),
  interval('nginx', 'up', 80, 180),
  interval('nginx', 'down', 180, 185, 'http 502'),
  interval('nginx', 'up', 185, null),
  interval('tomcat', 'up', 0, 540),
  interval('tomcat', 'down', 540, null, 'connection refused'),
];
const now = at(600);

describe('deriveIncidents', () => {
  it('merges outages closer than mergeGapMs and keeps the first cause', () => {
    const incidents = deriveIncidents(history, { mergeGapMs: 5 * M, now });
    // 60..70 and 72..80 are 2 min apart -> one incident 60..80: span 20 min, 18 min down
    expect(incidents[0]).toEqual({
      id: `nginx-${at(60)}`,
      service: 'nginx',
      start: at(60),
      end: at(80),
      durationMs: 20 * M,
      downMs: 18 * M,
      outages: 2,
      cause: 'http 502',
      maintenanceMs: 0,
      planned: false,
    });
    expect(incidents[1]).toMatchObject({ id: `nginx-${at(180)}`, durationMs: 5 * M, outages: 1 });
    expect(incidents).toHaveLength(3);
  });

  it('reports an ongoing incident with end null and duration until now', () => {
    const [ongoing] = deriveIncidents(history, { mergeGapMs: 5 * M, now, service: 'tomcat' });
    // down since 540 min, now 600 min -> 60 min so far
    expect(ongoing).toMatchObject({ service: 'tomcat', end: null, durationMs: 60 * M, downMs: 60 * M });
    expect(ongoing?.cause).toBe('connection refused');
  });

  it('does not merge outages exactly mergeGapMs apart, and always merges touching ones', () => {
    // gap 70..72 is 2 min: with mergeGapMs = 2 min it is not "closer than" -> two incidents
    expect(deriveIncidents(history, { mergeGapMs: 2 * M, now, service: 'nginx' })).toHaveLength(3);
    const touching = [interval('db', 'down', 0, 10, 'a'), interval('db', 'down', 10, 20, 'b')];
    expect(deriveIncidents(touching, { mergeGapMs: 0, now })).toMatchObject([
      { start: at(0), end: at(20), outages: 2, cause: 'a' },
    ]);
  });

  it('keeps incidents overlapping the window only', () => {
    const inWindow = deriveIncidents(history, { mergeGapMs: 5 * M, now, from: at(100), to: at(550) });
    expect(inWindow.map((incident) => incident.id)).toEqual([`nginx-${at(180)}`, `tomcat-${at(540)}`]);
    // An incident ending exactly at `from` does not overlap [from, to).
    expect(deriveIncidents(history, { mergeGapMs: 5 * M, now, from: at(185), to: at(500) })).toEqual([]);
  });

  it('marks down time inside maintenance as planned', () => {
    const incidents = deriveIncidents(history, {
      mergeGapMs: 5 * M,
      now,
      service: 'nginx',
      maintenance: [
        // covers 60..75: 10 min of the first outage and 3 min of the second -> 13 of 18 min
        { id: 'a', name: 'deploy', from: at(55), to: at(75), services: ['nginx'], source: 'adhoc' },
        // covers the whole third outage (two overlapping windows, counted once)
        { id: 'b', name: 'patch', from: at(170), to: at(183), services: 'all', source: 'config' },
        { id: 'c', name: 'patch', from: at(182), to: at(190), services: 'all', source: 'config' },
      ],
    });
    expect(incidents[0]).toMatchObject({ maintenanceMs: 13 * M, planned: false });
    expect(incidents[1]).toMatchObject({ maintenanceMs: 5 * M, planned: true });
  });

  it('has nothing to report for a history without down time', () => {
    expect(deriveIncidents([interval('nginx', 'up', 0, null)], { mergeGapMs: 0, now })).toEqual([]);
    expect(() => deriveIncidents(history, { mergeGapMs: -1, now })).toThrow('mergeGapMs');
  });
});
