import { describe, expect, it } from 'vitest';
import { parseCron } from '../../../agent/uptime/cron.js';
import {
  activeMaintenance,
  cronOccurrences,
  expandMaintenance,
  type MaintenanceEntry,
  nextMaintenance,
} from '../../../agent/uptime/maintenance.js';
import type { MaintenanceWindow } from '../../../agent/uptime/types.js';

const H = 3_600_000;
const M = 60_000;
const utc = (text: string) => Date.parse(text);
const iso = (ms: number) => new Date(ms).toISOString();
const BERLIN = 'Europe/Berlin';
const NEW_YORK = 'America/New_York';

describe('cronOccurrences across DST', () => {
  it('moves a 02:30 start on the spring-forward day forward by the gap (Berlin)', () => {
    // 03-28 02:30 CET = 01:30Z; 03-29 02:30 does not exist -> 03:30 CEST = 01:30Z; 03-30 02:30 CEST = 00:30Z
    const starts = cronOccurrences(
      parseCron('30 2 * * *'),
      utc('2026-03-27T23:00:00Z'),
      utc('2026-03-30T22:00:00Z'),
      BERLIN,
    );
    expect(starts.map(iso)).toEqual([
      '2026-03-28T01:30:00.000Z',
      '2026-03-29T01:30:00.000Z',
      '2026-03-30T00:30:00.000Z',
    ]);
  });

  it('starts once, at the first 02:30, on the fall-back day (Berlin)', () => {
    // 02:30 on 2026-10-25 is 00:30Z (CEST) and 01:30Z (CET): only the first
    const starts = cronOccurrences(
      parseCron('30 2 * * *'),
      utc('2026-10-24T22:00:00Z'),
      utc('2026-10-25T23:00:00Z'),
      BERLIN,
    );
    expect(starts.map(iso)).toEqual(['2026-10-25T00:30:00.000Z']);
  });

  it('behaves the same in New York', () => {
    // 2026-03-08 02:30 does not exist -> 03:30 EDT = 07:30Z; 2026-11-01 01:30 first occurs at 05:30Z (EDT)
    expect(
      cronOccurrences(
        parseCron('30 2 8 3 *'),
        utc('2026-03-01T00:00:00Z'),
        utc('2026-04-01T00:00:00Z'),
        NEW_YORK,
      ).map(iso),
    ).toEqual(['2026-03-08T07:30:00.000Z']);
    expect(
      cronOccurrences(
        parseCron('30 1 1 11 *'),
        utc('2026-10-01T00:00:00Z'),
        utc('2026-12-01T00:00:00Z'),
        NEW_YORK,
      ).map(iso),
    ).toEqual(['2026-11-01T05:30:00.000Z']);
  });

  it('does not start twice when a shifted time meets a real one', () => {
    // 02:30 shifts to 03:30 CEST, which "30 3" also selects: one start that day
    const starts = cronOccurrences(
      parseCron('30 2,3 29 3 *'),
      utc('2026-03-28T23:00:00Z'),
      utc('2026-03-29T22:00:00Z'),
      BERLIN,
    );
    expect(starts.map(iso)).toEqual(['2026-03-29T01:30:00.000Z']);
  });

  it('expands a year of a weekly cron: 52 Sundays in 2026', () => {
    // 2026 starts on a Thursday and has 365 days: 53 Thursdays, 52 Sundays.
    const starts = cronOccurrences(
      parseCron('0 2 * * 0'),
      utc('2025-12-31T23:00:00Z'),
      utc('2026-12-31T23:00:00Z'),
      BERLIN,
    );
    expect(starts).toHaveLength(52);
    // Sunday 2026-03-29 02:00 is the first minute of the gap -> 03:00 CEST = 01:00Z; the week after, 00:00Z.
    expect(starts.map(iso)).toContain('2026-03-29T01:00:00.000Z');
    expect(starts.map(iso)).toContain('2026-04-05T00:00:00.000Z');
    expect(starts.map(iso)).toContain('2026-01-04T01:00:00.000Z');
  });
});

const weekly: MaintenanceEntry = {
  name: 'weekly patching',
  cron: '0 2 * * 0',
  duration: H,
  services: ['nginx', 'tomcat'],
};

describe('expandMaintenance', () => {
  it('includes a window that started before `from` and still overlaps', () => {
    // Sunday 2026-01-04 02:00 CET = 01:00Z .. 02:00Z; from = 01:30Z
    const windows = expandMaintenance([weekly], {
      from: utc('2026-01-04T01:30:00Z'),
      to: utc('2026-01-12T00:00:00Z'),
      timeZone: BERLIN,
    });
    expect(windows).toEqual([
      {
        id: 'config:weekly patching:2026-01-04T01:00:00.000Z',
        name: 'weekly patching',
        from: utc('2026-01-04T01:00:00Z'),
        to: utc('2026-01-04T02:00:00Z'),
        services: ['nginx', 'tomcat'],
        source: 'config',
      },
      expect.objectContaining({ from: utc('2026-01-11T01:00:00Z') }),
    ]);
    // A window that ended exactly at `from` does not overlap.
    expect(
      expandMaintenance([weekly], {
        from: utc('2026-01-04T02:00:00Z'),
        to: utc('2026-01-05T00:00:00Z'),
        timeZone: BERLIN,
      }),
    ).toEqual([]);
  });

  it('expands one-off entries (local or with offset) and honours per-entry zones', () => {
    const entries: MaintenanceEntry[] = [
      { name: 'db upgrade', start: '2026-11-29T02:00', duration: 2 * H, reason: 'postgres 17' },
      { name: 'network', start: '2026-11-29T02:00+05:00', duration: 30 * M },
      { name: 'nyc', cron: '0 3 29 11 *', duration: H, timezone: NEW_YORK },
    ];
    const windows = expandMaintenance(entries, {
      from: utc('2026-11-01T00:00:00Z'),
      to: utc('2026-12-01T00:00:00Z'),
      timeZone: BERLIN,
    });
    // network: 02:00+05:00 = 11-28T21:00Z; db: 02:00 CET = 01:00Z; nyc: 03:00 EST = 08:00Z
    expect(
      windows.map((window) => [
        window.name,
        iso(window.from),
        (window.to - window.from) / M,
        window.services,
      ]),
    ).toEqual([
      ['network', '2026-11-28T21:00:00.000Z', 30, 'all'],
      ['db upgrade', '2026-11-29T01:00:00.000Z', 120, 'all'],
      ['nyc', '2026-11-29T08:00:00.000Z', 60, 'all'],
    ]);
    expect(windows[1]?.reason).toBe('postgres 17');
  });

  it('rejects invalid entries', () => {
    const options = { from: 0, to: 1, timeZone: BERLIN };
    expect(() => expandMaintenance([{ name: 'x', cron: '0 2 * *', duration: H }], options)).toThrow(
      'expected 5 fields',
    );
    expect(() => expandMaintenance([{ name: 'x', start: 'soon', duration: H }], options)).toThrow(
      'maintenance "x"',
    );
    expect(() => expandMaintenance([{ name: 'x', cron: '0 2 * * *', duration: 0 }], options)).toThrow(
      'positive',
    );
  });
});

describe('nextMaintenance and activeMaintenance', () => {
  it('finds the next configured window', () => {
    // Wednesday 2026-01-07 -> Sunday 2026-01-11 02:00 CET = 01:00Z
    const next = nextMaintenance({ entries: [weekly], now: utc('2026-01-07T12:00:00Z'), timeZone: BERLIN });
    expect(next && iso(next.from)).toBe('2026-01-11T01:00:00.000Z');
  });

  it('prefers the window active now', () => {
    const now = utc('2026-01-11T01:30:00Z');
    const next = nextMaintenance({ entries: [weekly], now, timeZone: BERLIN });
    expect(next && iso(next.from)).toBe('2026-01-11T01:00:00.000Z');
    const windows = expandMaintenance([weekly], {
      from: now - 7 * 24 * H,
      to: now + 7 * 24 * H,
      timeZone: BERLIN,
    });
    expect(activeMaintenance(windows, now, 'nginx')).toHaveLength(1);
    expect(activeMaintenance(windows, now, 'host')).toEqual([]);
  });

  it('merges ad-hoc windows with configured ones and filters by service', () => {
    const adhoc: MaintenanceWindow = {
      id: 'adhoc-1',
      name: 'disk swap',
      from: utc('2026-01-08T10:00:00Z'),
      to: utc('2026-01-08T11:00:00Z'),
      services: ['host'],
      source: 'adhoc',
      reason: 'replace volume',
    };
    const now = utc('2026-01-07T12:00:00Z');
    expect(nextMaintenance({ entries: [weekly], windows: [adhoc], now, timeZone: BERLIN })?.id).toBe(
      'adhoc-1',
    );
    const forNginx = nextMaintenance({
      entries: [weekly],
      windows: [adhoc],
      now,
      timeZone: BERLIN,
      service: 'nginx',
    });
    expect(forNginx?.name).toBe('weekly patching');
    expect(nextMaintenance({ entries: [weekly], now, timeZone: BERLIN, service: 'host' })).toBeUndefined();
  });

  it('looks years ahead for rare schedules and gives up at the horizon', () => {
    // 29 February: after 2026-03-01 the next one is 2028-02-29 02:00 CET = 01:00Z
    const leap: MaintenanceEntry = { name: 'leap', cron: '0 2 29 2 *', duration: H };
    const now = utc('2026-03-01T00:00:00Z');
    expect(iso(nextMaintenance({ entries: [leap], now, timeZone: BERLIN })?.from ?? 0)).toBe(
      '2028-02-29T01:00:00.000Z',
    );
    expect(
      nextMaintenance({ entries: [leap], now, timeZone: BERLIN, horizonMs: 365 * 24 * H }),
    ).toBeUndefined();
    expect(nextMaintenance({ now, timeZone: BERLIN })).toBeUndefined();
  });
});
