/**
 * `hostwatch uptime`, `incidents` and `maintenance` as real processes (the built CLI) over a real SQLite file
 * seeded with hand-made history. Week 2026-W46 is fixed history; the "recent" part is seeded relative to now
 * and measured with windows ending at the CLI's own clock, so only the CLI's start-up latency is inexact.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../agent/store/db.js';
import { MaintenanceStore } from '../../agent/store/maintenance.js';
import { StateIntervalStore } from '../../agent/store/state-intervals.js';
import { cleanEnv, runCli, tempDir } from '../helpers/cli.js';
import type {
  DayJson,
  IncidentJson,
  IncidentsJson,
  MaintenanceJson,
  NextJson,
  ServiceJson,
  UptimeJson,
} from '../helpers/uptime-json.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY; // 604_800_000: 2026-W46 has no DST change in Berlin (CET, UTC+1, all week)

/** Wall time in Berlin during November 2026 (CET = UTC+1) -> epoch ms. */
const berlin = (day: number, hour: number, minute = 0) => Date.UTC(2026, 10, day, hour - 1, minute);
const WEEK_FROM = berlin(9, 0); // Monday 2026-11-09 00:00
const WEEK_TO = berlin(16, 0); // Monday 2026-11-16 00:00

const dir = tempDir();
const dataDir = join(dir, 'data');
const configPath = join(dir, 'hostwatch.yaml');
const env = cleanEnv();
const cli = (...args: string[]) => runCli([...args, '--config', configPath, '--data-dir', dataDir], { env });
async function cliJson<T>(...args: string[]): Promise<T> {
  const result = await cli(...args, '--json');
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as T;
}
const byService = (report: UptimeJson, name: string) =>
  report.services.find((s) => s.service === name) as ServiceJson;

/** Seeding time: the recent history is placed relative to it. */
const NOW = Date.now();

function seed(): void {
  writeFileSync(
    configPath,
    [
      'timezone: Europe/Berlin',
      'services:',
      '  - { name: nginx, checks: [ { tcp: { host: 127.0.0.1, port: 1 } } ] }',
      '  - { name: tomcat, checks: [ { tcp: { host: 127.0.0.1, port: 1 } } ] }',
      'maintenance:',
      '  - { name: weekly patching, cron: "0 3 * * 0", duration: 1h, services: [nginx] }',
      '',
    ].join('\n'),
  );
  const db = openDatabase(join(dataDir, 'hostwatch.db'));
  const intervals = new StateIntervalStore(db);
  const closed = (
    service: string,
    state: 'up' | 'down' | 'degraded',
    from: number,
    to: number,
    cause?: string,
  ) => intervals.insertClosed({ service, state, from, to, ...(cause ? { cause } : {}) });
  // 2026-W46. host: up all week.
  closed('host', 'up', WEEK_FROM, WEEK_TO);
  // nginx: down Tue 10:00-10:10, and flapping Thu 08:00-08:01 + 08:02-08:03 (1 min apart: one incident).
  closed('nginx', 'up', WEEK_FROM, berlin(10, 10));
  closed('nginx', 'down', berlin(10, 10), berlin(10, 10, 10), 'connection refused');
  closed('nginx', 'up', berlin(10, 10, 10), berlin(12, 8));
  closed('nginx', 'down', berlin(12, 8), berlin(12, 8, 1), 'connection refused');
  closed('nginx', 'up', berlin(12, 8, 1), berlin(12, 8, 2));
  closed('nginx', 'down', berlin(12, 8, 2), berlin(12, 8, 3), 'connection refused');
  closed('nginx', 'up', berlin(12, 8, 3), WEEK_TO);
  // tomcat: down Wed 02:10-02:40 inside the Wed 02:00-03:00 maintenance window; no record Fri 12:00-14:00
  // (agent not running); degraded Sat 00:00-00:10.
  closed('tomcat', 'up', WEEK_FROM, berlin(11, 2, 10));
  closed('tomcat', 'down', berlin(11, 2, 10), berlin(11, 2, 40), 'HTTP 503');
  closed('tomcat', 'up', berlin(11, 2, 40), berlin(13, 12));
  closed('tomcat', 'up', berlin(13, 14), berlin(14, 0));
  closed('tomcat', 'degraded', berlin(14, 0), berlin(14, 0, 10), 'slow: 2300ms');
  closed('tomcat', 'up', berlin(14, 0, 10), WEEK_TO);
  const maintenance = new MaintenanceStore(db);
  maintenance.add({
    start: berlin(11, 2),
    end: berlin(11, 3),
    services: ['tomcat'],
    reason: 'tomcat upgrade',
    createdAt: berlin(10, 12),
  });
  // Recent: nginx down since 20 minutes ago and still down (last confirmed a minute ago); an ad hoc
  // window three days ago that is over.
  for (const service of ['host', 'nginx', 'tomcat']) intervals.observe(service, 'up', NOW - 2 * HOUR, null);
  intervals.observe('nginx', 'down', NOW - 20 * MIN, 'connection refused');
  intervals.observe('nginx', 'down', NOW - MIN, 'connection refused');
  for (const service of ['host', 'tomcat']) intervals.observe(service, 'up', NOW - MIN, null);
  maintenance.add({
    start: NOW - 3 * DAY,
    end: NOW - 3 * DAY + HOUR,
    services: 'all',
    reason: 'disk resize',
    createdAt: NOW - 4 * DAY,
  });
  db.close();
  // "The daemon runs": a live pid (this test process) in the data directory's pid file.
  writeFileSync(join(dataDir, 'hostwatch.pid'), `${process.pid}\n`);
}

beforeAll(seed);

describe('hostwatch uptime over a fixed week (2026-W46, Europe/Berlin)', () => {
  it('reports the hand-computed figures as JSON', async () => {
    const report = await cliJson<UptimeJson>('uptime', '--week', '2026-W46');
    expect(report.window).toEqual({
      from: WEEK_FROM,
      to: WEEK_TO,
      fromIso: '2026-11-09T00:00:00+01:00',
      toIso: '2026-11-16T00:00:00+01:00',
      label: '2026-W46',
      timeZone: 'Europe/Berlin',
    });
    expect(report.sloTarget).toBe(99.9);
    expect(report.services.map((s) => s.service)).toEqual(['host', 'nginx', 'tomcat']);

    const host = byService(report, 'host');
    expect(host).toMatchObject({
      uptimePercent: 100,
      upMs: WEEK,
      downMs: 0,
      unknownMs: 0,
      outageCount: 0,
      mttrMs: null,
    });

    // nginx: down 10m + 1m + 1m = 720_000; up = 604_800_000 − 720_000 = 604_080_000; nothing else.
    // The Sunday 03:00 window covers nginx while it is up: up stays up, so maintenance is 0.
    const nginx = byService(report, 'nginx');
    expect(nginx).toMatchObject({
      upMs: 604_080_000,
      downMs: 720_000,
      degradedMs: 0,
      maintenanceMs: 0,
      unknownMs: 0,
      countedMs: WEEK,
      outageCount: 3, // the flap is one incident but two outages
      longestOutageMs: 600_000,
      mttrMs: 240_000, // (600_000 + 60_000 + 60_000) / 3
    });
    expect(nginx.uptimePercent).toBeCloseTo((100 * 604_080_000) / WEEK, 9); // 99.88095…
    // Budget at 99.9%: 0.1% of 604_800_000 = 604_800 ms; spent 720_000 -> overspent by 115_200.
    expect(nginx.budget).toMatchObject({
      budgetMs: 604_800,
      spentMs: 720_000,
      remainingMs: -115_200,
      windowBudgetMs: 604_800,
      windowRemainingMs: -115_200,
      exhausted: true,
    });
    expect(nginx.budget.spentPercent).toBeCloseTo((100 * 720_000) / 604_800, 6); // 119.05
    expect(nginx.daily.map((d) => d.date)).toEqual([
      '2026-11-09',
      '2026-11-10',
      '2026-11-11',
      '2026-11-12',
      '2026-11-13',
      '2026-11-14',
      '2026-11-15',
    ]);
    const tuesday = nginx.daily[1] as DayJson;
    expect(tuesday).toMatchObject({ upMs: DAY - 600_000, downMs: 600_000 });
    expect(tuesday.uptimePercent).toBeCloseTo((100 * (DAY - 600_000)) / DAY, 9); // 99.30556
    expect(nginx.daily[3]).toMatchObject({ downMs: 120_000 });
    expect(nginx.daily[0]).toMatchObject({ uptimePercent: 100, upMs: DAY });

    // tomcat: 30m down inside maintenance -> maintenance 1_800_000, down 0; unknown 2h = 7_200_000;
    // degraded 10m = 600_000 (weight 0.5); up = 604_800_000 − 1_800_000 − 7_200_000 − 600_000 = 595_200_000;
    // counted = 595_200_000 + 0.5 × 600_000 = 595_500_000; uptime = 595_200_000 / 595_500_000 = 99.94962%.
    const tomcat = byService(report, 'tomcat');
    expect(tomcat).toMatchObject({
      upMs: 595_200_000,
      downMs: 0,
      degradedMs: 600_000,
      maintenanceMs: 1_800_000,
      unknownMs: 7_200_000,
      countedMs: 595_500_000,
      outageCount: 0,
      longestOutageMs: 0,
      mttrMs: null,
    });
    expect(tomcat.uptimePercent).toBeCloseTo((100 * 595_200_000) / 595_500_000, 9);
    // Budget: 0.1% of counted = 595_500; spent = 300_000 (half the degraded time); whole week 604_800.
    expect(tomcat.budget).toMatchObject({
      budgetMs: 595_500,
      spentMs: 300_000,
      remainingMs: 295_500,
      windowBudgetMs: 604_800,
      windowRemainingMs: 304_800,
      exhausted: false,
    });
    expect(tomcat.daily[2]).toMatchObject({
      date: '2026-11-11',
      downMs: 0,
      maintenanceMs: 1_800_000,
      uptimePercent: 100,
    });
    expect(tomcat.daily[4]).toMatchObject({
      date: '2026-11-13',
      unknownMs: 7_200_000,
      upMs: DAY - 7_200_000,
    });
    // Saturday: up 86_400_000 − 600_000, counted + 300_000.
    expect(tomcat.daily[5]?.uptimePercent).toBeCloseTo((100 * 85_800_000) / 86_100_000, 9);

    expect(report.maintenance).toEqual([
      {
        id: 'adhoc:1',
        name: 'tomcat upgrade',
        from: berlin(11, 2),
        to: berlin(11, 3),
        fromIso: '2026-11-11T02:00:00+01:00',
        toIso: '2026-11-11T03:00:00+01:00',
        services: ['tomcat'],
        source: 'adhoc',
        reason: 'tomcat upgrade',
      },
      expect.objectContaining({
        name: 'weekly patching',
        from: berlin(15, 3),
        to: berlin(15, 4),
        fromIso: '2026-11-15T03:00:00+01:00',
        services: ['nginx'],
        source: 'config',
      }),
    ]);
  });

  it('gives the same figures for --window 2026-W46 and for --from/--to in local time', async () => {
    const byWeek = await cliJson<UptimeJson>('uptime', '--week', '2026-W46');
    const byWindow = await cliJson<UptimeJson>('uptime', '--window', '2026-W46');
    const byRange = await cliJson<UptimeJson>(
      'uptime',
      '--from',
      '2026-11-09T00:00',
      '--to',
      '2026-11-16T00:00',
    );
    const withOffset = await cliJson<UptimeJson>(
      'uptime',
      '--from',
      '2026-11-08T23:00:00Z',
      '--to',
      '2026-11-16T00:00+01:00',
    );
    expect(byWindow.services).toEqual(byWeek.services);
    expect(byRange.services).toEqual(byWeek.services);
    expect(withOffset.services).toEqual(byWeek.services);
    expect(byRange.window).toMatchObject({
      from: WEEK_FROM,
      to: WEEK_TO,
      label: '2026-11-09 00:00 to 2026-11-16 00:00',
    });
  });

  it('prints a header and one row per service', async () => {
    const { code, stdout } = await cli('uptime', '--week', '2026-W46');
    expect(code).toBe(0);
    expect(stdout).toContain('uptime 2026-W46: 2026-11-09 00:00 to 2026-11-16 00:00 Europe/Berlin');
    expect(stdout).toMatch(
      /^SERVICE\s+UPTIME\s+DOWN\s+DEGRADED\s+MAINTENANCE\s+UNKNOWN\s+OUTAGES\s+LONGEST\s+MTTR\s+BUDGET$/m,
    );
    expect(stdout).toMatch(/^host\s+100%\s+0s\s+0s\s+0s\s+0s\s+0\s+-\s+-\s+0s of 10m 5s spent \(0%\)$/m);
    // 720_000 of 604_800 ms = 119%; 604.8 s prints as 10m 5s.
    expect(stdout).toMatch(
      /^nginx\s+99\.881%\s+12m\s+0s\s+0s\s+0s\s+3\s+10m\s+4m\s+12m of 10m 5s spent \(119%\)$/m,
    );
    expect(stdout).toMatch(
      /^tomcat\s+99\.950%\s+0s\s+10m\s+30m\s+2h\s+0\s+-\s+-\s+5m of 10m 5s spent \(50%\)$/m,
    );
    expect(stdout).toContain(
      'tomcat upgrade (adhoc:1): 2026-11-11 02:00 to 2026-11-11 03:00, services: tomcat',
    );
    expect(stdout).not.toContain('per day');
  });

  it('adds a daily breakdown with --service', async () => {
    const { code, stdout } = await cli('uptime', '--week', '2026-W46', '--service', 'nginx');
    expect(code).toBe(0);
    expect(stdout).not.toMatch(/^tomcat/m);
    expect(stdout).toMatch(/^DATE\s+UPTIME\s+DOWN\s+MAINTENANCE$/m);
    expect(stdout).toMatch(/^2026-11-10\s+99\.306%\s+10m\s+0s$/m); // 100 × 85_800_000 / 86_400_000
    expect(stdout).toMatch(/^2026-11-12\s+99\.861%\s+2m\s+0s$/m); // 100 × 86_280_000 / 86_400_000
    expect(stdout).toMatch(/^2026-11-15\s+100%\s+0s\s+0s$/m);
  });
});

describe('hostwatch incidents', () => {
  const week = ['--from', '2026-11-09T00:00', '--to', '2026-11-16T00:00'];

  it('lists the week incidents newest first, the flap merged and the maintenance outage planned', async () => {
    const { window, incidents } = await cliJson<IncidentsJson>('incidents', ...week);
    expect(window).toMatchObject({ from: WEEK_FROM, to: WEEK_TO, timeZone: 'Europe/Berlin' });
    expect(incidents).toEqual([
      {
        id: `nginx-${berlin(12, 8)}`,
        service: 'nginx',
        start: berlin(12, 8),
        end: berlin(12, 8, 3),
        startIso: '2026-11-12T08:00:00+01:00',
        endIso: '2026-11-12T08:03:00+01:00',
        durationMs: 180_000, // 08:00 to 08:03, the 1-minute gap included
        downMs: 120_000,
        ongoing: false,
        planned: false,
        maintenanceMs: 0,
        outages: 2,
        cause: 'connection refused',
      },
      expect.objectContaining({
        id: `tomcat-${berlin(11, 2, 10)}`,
        durationMs: 1_800_000,
        downMs: 1_800_000,
        maintenanceMs: 1_800_000,
        planned: true,
        outages: 1,
        cause: 'HTTP 503',
      }),
      expect.objectContaining({
        id: `nginx-${berlin(10, 10)}`,
        end: berlin(10, 10, 10),
        durationMs: 600_000,
        planned: false,
      }),
    ]);
  });

  it('agrees with uptime on downtime: unplanned incident downtime = uptime down time, per service', async () => {
    const [{ incidents }, report] = await Promise.all([
      cliJson<IncidentsJson>('incidents', ...week),
      cliJson<UptimeJson>('uptime', ...week),
    ]);
    for (const service of report.services) {
      const unplanned = incidents
        .filter((i) => i.service === service.service)
        .reduce((sum, i) => sum + i.downMs - i.maintenanceMs, 0);
      expect(unplanned, service.service).toBe(service.downMs);
    }
  });

  it('prints a table, and says so when there is nothing', async () => {
    const { code, stdout } = await cli('incidents', ...week);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ID\s+SERVICE\s+START\s+END\s+DURATION\s+PLANNED\s+CAUSE$/m);
    expect(stdout).toMatch(
      /^nginx-\d+\s+nginx\s+2026-11-12 08:00\s+2026-11-12 08:03\s+3m \(2 outages\)\s+no\s+connection refused$/m,
    );
    expect(stdout).toMatch(
      /^tomcat-\d+\s+tomcat\s+2026-11-11 02:10\s+2026-11-11 02:40\s+30m\s+yes\s+HTTP 503$/m,
    );
    const empty = await cli('incidents', '--from', '2026-11-02T00:00', '--to', '2026-11-09T00:00');
    expect(empty.code).toBe(0);
    expect(empty.stdout).toBe('no incidents in 2026-11-02 00:00 to 2026-11-09 00:00 Europe/Berlin\n');
  });

  it('shows the open outage as ongoing while the agent runs (default window: the last 7 days)', async () => {
    const { window, incidents } = await cliJson<IncidentsJson>('incidents', '--service', 'nginx');
    expect(window.label).toBe('last 7d');
    expect(window.to - window.from).toBe(7 * DAY);
    expect(incidents).toHaveLength(1);
    const [ongoing] = incidents as [IncidentJson];
    expect(ongoing).toMatchObject({
      service: 'nginx',
      start: NOW - 20 * MIN,
      end: null,
      endIso: null,
      ongoing: true,
      planned: false,
      cause: 'connection refused',
    });
    expect(ongoing.durationMs).toBeGreaterThanOrEqual(20 * MIN);
    const { stdout } = await cli('incidents');
    expect(stdout).toMatch(/^nginx-\d+\s+nginx\s+\S+ \S+\s+ongoing\s+2\dm/m);
  });
});

describe('hostwatch maintenance', () => {
  const localMinute = (ms: number) =>
    new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'Europe/Berlin',
      dateStyle: 'short',
      timeStyle: 'short',
    }).format(ms);
  let nginxWindowId = '';
  let tomcatWindowId = '';
  let tomcatStart = 0;

  it('says when the next configured window is, before anything is added', async () => {
    const next = await cliJson<NextJson>('maintenance', 'next');
    expect(next.window).toMatchObject({ name: 'weekly patching', source: 'config', services: ['nginx'] });
    expect(next.window?.to).toBeGreaterThan(Date.now());
    expect(next.window?.from).toBeLessThanOrEqual(Date.now() + 7 * DAY);
    const none = await cli('maintenance', 'next', '--service', 'tomcat');
    expect(none).toMatchObject({
      code: 0,
      stdout: 'no planned maintenance for tomcat in the next 90 days\n',
    });
  });

  it('adds a window that started 5 minutes ago, and uptime then counts nginx downtime in it as maintenance', async () => {
    const start = NOW - 5 * MIN;
    const added = await cli(
      'maintenance',
      'add',
      '--start',
      new Date(start).toISOString(),
      '--duration',
      '1h',
      '--reason',
      'kernel patch',
      '--service',
      'nginx',
    );
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    nginxWindowId = /added maintenance window (adhoc:\d+)/.exec(added.stdout)?.[1] ?? '';
    expect(nginxWindowId).toMatch(/^adhoc:\d+$/);

    const report = await cliJson<UptimeJson>('uptime', '--service', 'nginx', '--window', '1h');
    expect(report.window.label).toBe('last 1h');
    expect(report.maintenance.map((m) => m.id)).toContain(nginxWindowId);
    const [nginx] = report.services as [ServiceJson];
    // Up until NOW − 20m, then down; the window starts at NOW − 5m: 15 minutes exactly count as down, the
    // rest (5 minutes plus the time until the CLI's own now, the end of "last 1h") as maintenance.
    expect(nginx.downMs).toBe(15 * MIN);
    expect(nginx.maintenanceMs).toBe(report.window.to - start);
    expect(nginx.upMs).toBe(NOW - 20 * MIN - report.window.from);

    // incidents agrees: the ongoing outage minus its maintenance part is the same 15 minutes.
    const { incidents } = await cliJson<IncidentsJson>('incidents', '--service', 'nginx');
    const [ongoing] = incidents as [IncidentJson];
    expect(ongoing.ongoing).toBe(true);
    expect(ongoing.downMs - ongoing.maintenanceMs).toBe(15 * MIN);
    expect(ongoing.planned).toBe(false);
  });

  it('adds a future window in local time and answers "next" per service', async () => {
    tomcatStart = Math.ceil((NOW + DAY) / MIN) * MIN;
    // Keep clear of the hour that DST may skip or repeat.
    if (localMinute(tomcatStart).includes(' 02:')) tomcatStart += 2 * HOUR;
    const added = await cli(
      'maintenance',
      'add',
      '--start',
      localMinute(tomcatStart).replace(' ', 'T'),
      '--duration',
      '2h',
      '--reason',
      'tomcat 10.1.30',
      '--service',
      'tomcat',
      '--json',
    );
    expect(added.code).toBe(0);
    const window = JSON.parse(added.stdout) as MaintenanceJson;
    expect(window).toMatchObject({
      from: tomcatStart,
      to: tomcatStart + 2 * HOUR,
      services: ['tomcat'],
      source: 'adhoc',
    });
    tomcatWindowId = window.id;

    const next = await cliJson<NextJson>('maintenance', 'next', '--service', 'tomcat');
    expect(next.window?.id).toBe(tomcatWindowId);
    expect(next.active).toBe(false);
    expect(next.startsInMs).toBeGreaterThan(DAY - 5 * MIN);
    const text = await cli('maintenance', 'next', '--service', 'tomcat');
    expect(text.stdout).toMatch(
      /^next planned maintenance for tomcat in 2\dh \d+m|^next planned maintenance for tomcat in 1d/,
    );
    expect(text.stdout).toContain(
      `${localMinute(tomcatStart)} to ${localMinute(tomcatStart + 2 * HOUR)} Europe/Berlin`,
    );

    // Without --service the nginx window is active now and wins.
    const any = await cliJson<NextJson>('maintenance', 'next');
    expect(any).toMatchObject({
      active: true,
      startsInMs: null,
      window: { id: nginxWindowId, status: 'active' },
    });
    const anyText = await cli('maintenance', 'next');
    expect(anyText.stdout).toMatch(/^maintenance active now, ends in 5\dm/);
  });

  it('lists active and upcoming windows from both sources; --all adds recent past ones', async () => {
    const list = await cliJson<{ windows: MaintenanceJson[] }>('maintenance', 'list');
    const ids = list.windows.map((w) => w.id);
    expect(ids).toContain(nginxWindowId);
    expect(ids).toContain(tomcatWindowId);
    expect(list.windows.find((w) => w.id === nginxWindowId)?.status).toBe('active');
    expect(list.windows.find((w) => w.id === tomcatWindowId)?.status).toBe('upcoming');
    const configured = list.windows.filter((w) => w.source === 'config');
    expect(configured.length).toBeGreaterThanOrEqual(4); // a weekly window over 30 days
    expect(configured.every((w) => w.name === 'weekly patching' && w.to > NOW)).toBe(true);
    expect(list.windows.some((w) => w.reason === 'disk resize')).toBe(false);

    const all = await cliJson<{ windows: MaintenanceJson[] }>('maintenance', 'list', '--all');
    expect(all.windows.find((w) => w.reason === 'disk resize')?.status).toBe('past');

    const text = await cli('maintenance', 'list');
    expect(text.stdout).toMatch(
      new RegExp(`^${nginxWindowId}\\s+active now, ends in 5\\dm\\s+.*nginx\\s+adhoc\\s+kernel patch$`, 'm'),
    );
    expect(text.stdout).toMatch(/^config:weekly patching:\S+\s+in \d/m);
  });

  it('removes ad hoc windows only', async () => {
    const removed = await cli('maintenance', 'remove', tomcatWindowId);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain(`removed maintenance window ${tomcatWindowId}`);
    const list = await cliJson<{ windows: MaintenanceJson[] }>('maintenance', 'list');
    expect(list.windows.map((w) => w.id)).not.toContain(tomcatWindowId);

    const again = await cli('maintenance', 'remove', tomcatWindowId);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`no ad hoc window ${tomcatWindowId}`);

    const configured = list.windows.find((w) => w.source === 'config') as MaintenanceJson;
    const config = await cli('maintenance', 'remove', configured.id);
    expect(config.code).toBe(1);
    expect(config.stderr).toContain(`is defined in the config file ${configPath}; edit it there`);

    const pastId = (
      await cliJson<{ windows: MaintenanceJson[] }>('maintenance', 'list', '--all')
    ).windows.find((w) => w.reason === 'disk resize')?.id as string;
    const past = await cli('maintenance', 'remove', pastId);
    expect(past.code).toBe(1);
    expect(past.stderr).toContain('past windows stay in the history');
  });
});

describe('usage errors exit 64 with a message', () => {
  const future = new Date(Date.now() + DAY).toISOString();
  const cases: Array<[string[], RegExp]> = [
    [['uptime', '--week', '2026-W54'], /week 54 does not exist in 2026/],
    [['uptime', '--week', 'next'], /--week: expected an ISO week such as "2026-W13"/],
    [
      ['uptime', '--week', '2026-W46', '--from', '2026-11-09T00:00', '--to', '2026-11-10T00:00'],
      /--week and --from\/--to cannot be combined/,
    ],
    [['uptime', '--from', '2026-11-10T00:00', '--to', '2026-11-09T00:00'], /--from must be before --to/],
    [['uptime', '--from', '2026-11-10T00:00'], /--from and --to go together/],
    [['uptime', '--from', 'yesterday-ish', '--to', '2026-11-09T00:00'], /--from: expected an ISO date-time/],
    [['uptime', '--service', 'nope'], /unknown service "nope"; known: host, nginx, tomcat/],
    [['uptime', '--window', 'fortnight'], /--window: unknown window "fortnight"/],
    [['incidents', '--since', 'soon'], /--since: expected a duration/],
    [['incidents', '--service', 'nope'], /unknown service "nope"/],
    [['maintenance'], /add, list, next or remove/],
    [['maintenance', 'reschedule'], /unknown subcommand "reschedule"/],
    [['maintenance', 'list', '--start', future], /--start does not apply to "maintenance list"/],
    [['maintenance', 'add', '--start', future, '--duration', '1h'], /--reason is required/],
    [['maintenance', 'add', '--duration', '1h', '--reason', 'x'], /--start is required/],
    [
      ['maintenance', 'add', '--start', 'tomorrow', '--duration', '1h', '--reason', 'x'],
      /--start: expected an ISO date-time/,
    ],
    [
      ['maintenance', 'add', '--start', '2026-01-01T00:00', '--duration', '1h', '--reason', 'x'],
      /is in the past/,
    ],
    [
      ['maintenance', 'add', '--start', future, '--duration', '30s', '--reason', 'x'],
      /--duration: expected a duration from 1m to 30d/,
    ],
    [
      ['maintenance', 'add', '--start', future, '--duration', '31d', '--reason', 'x'],
      /--duration: expected a duration from 1m to 30d/,
    ],
    [
      ['maintenance', 'add', '--start', future, '--duration', '1h', '--reason', 'x'.repeat(201)],
      /--reason: at most 200 characters/,
    ],
    [
      ['maintenance', 'add', '--start', future, '--duration', '1h', '--reason', 'x', '--service', 'mysql'],
      /unknown service "mysql"; known: host, nginx, tomcat/,
    ],
    [['maintenance', 'next', '--service', 'mysql'], /unknown service "mysql"/],
    [['maintenance', 'remove', 'soon'], /expected an ad hoc window id such as adhoc:3/],
  ];
  it.each(cases)('%j', async (args, message) => {
    const result = await cli(...args);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain('usage: hostwatch');
    expect(result.code).toBe(64);
    expect(result.stdout).toBe('');
  });
});

describe('windows and the agent', () => {
  it('--week alone is this week and --week last the one before', async () => {
    const thisWeek = await cliJson<UptimeJson>('uptime', '--week');
    const byDefault = await cliJson<UptimeJson>('uptime');
    const lastWeek = await cliJson<UptimeJson>('uptime', '--week', 'last');
    expect(thisWeek.window.label).toMatch(/^\d{4}-W\d{2}$/);
    expect(byDefault.window).toEqual(thisWeek.window);
    expect(thisWeek.window.from).toBeLessThanOrEqual(Date.now());
    expect(thisWeek.window.to).toBeGreaterThan(Date.now());
    expect(lastWeek.window.to).toBe(thisWeek.window.from);
  });

  it('ends open runs at their last record when the agent is not running', async () => {
    rmSync(join(dataDir, 'hostwatch.pid'));
    const { incidents } = await cliJson<IncidentsJson>('incidents', '--service', 'nginx');
    const [last] = incidents as [IncidentJson];
    expect(last).toMatchObject({ start: NOW - 20 * MIN, end: NOW - MIN, ongoing: false, downMs: 19 * MIN });
  });

  it('needs a store for uptime, not for listing the configured windows', async () => {
    const empty = join(tempDir(), 'data');
    const uptime = await runCli(['uptime', '--config', configPath, '--data-dir', empty], { env });
    expect(uptime.code).toBe(66);
    expect(uptime.stderr).toMatch(/no data at/);
    const list = await runCli(
      ['maintenance', 'list', '--config', configPath, '--data-dir', empty, '--json'],
      { env },
    );
    expect(list.code).toBe(0);
    const windows = (JSON.parse(list.stdout) as { windows: MaintenanceJson[] }).windows;
    expect(windows.length).toBeGreaterThanOrEqual(4);
    expect(windows.every((w) => w.source === 'config')).toBe(true);
  });
});
