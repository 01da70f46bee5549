/**
 * `uptime` over one year of synthetic history for 5 services (probes every 10 s, a realistic
 * sprinkle of outages and degraded spells), stored as the daemon stores it: run-length intervals.
 * Figures: query time of the shared report (uptime + budget + daily + incidents) for a week, a
 * month and a year, and the bytes the year of state takes on disk.
 */
import { join } from 'node:path';
import { parseConfigText } from '../agent/config/load.js';
import { incidentsIn, uptimeReport } from '../agent/history/report.js';
import { openDatabase } from '../agent/store/db.js';
import { StateIntervalStore } from '../agent/store/state-intervals.js';
import { summary } from './stats.js';

const DAY = 86_400_000;
export const SERVICES = ['host', 'nginx', 'tomcat', 'api', 'worker'];

/** Deterministic pseudo-random numbers (mulberry32) so every run stores the same history. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function seedYear(store: StateIntervalStore, start: number, end: number): number {
  const next = random(42);
  let rows = 0;
  for (const service of SERVICES) {
    let t = start;
    while (t < end) {
      // Up for 6 h to 4 days, then down 30 s to 45 min (1 in 5: degraded 5 to 60 min instead).
      const upFor = Math.round((6 * 3_600_000 + next() * 90 * 3_600_000) / 10_000) * 10_000;
      const upEnd = Math.min(end, t + upFor);
      store.insertClosed({ service, state: 'up', from: t, to: upEnd });
      rows += 1;
      if (upEnd >= end) break;
      const degraded = next() < 0.2;
      const badFor =
        Math.round(((degraded ? 300_000 : 30_000) + next() * (degraded ? 3_300_000 : 2_670_000)) / 10_000) *
        10_000;
      const badEnd = Math.min(end, upEnd + badFor);
      store.insertClosed({
        service,
        state: degraded ? 'degraded' : 'down',
        from: upEnd,
        to: badEnd,
        cause: degraded ? 'http: slow' : 'http: connect ECONNREFUSED 127.0.0.1:80',
      });
      rows += 1;
      t = badEnd;
    }
  }
  return rows;
}

/** A store in `dir` holding the year before `now`, and a config (Europe/Berlin) naming the 5 services. */
export function yearOfHistory(dir: string, file: string, now: number) {
  const db = openDatabase(join(dir, file));
  const config = parseConfigText(
    `timezone: Europe/Berlin\nservices:\n${SERVICES.slice(1)
      .map((s) => `  - { name: ${s}, checks: [{ tcp: { host: 127.0.0.1, port: 1 } }] }`)
      .join('\n')}\n`,
    'bench',
  );
  const rows = db.transaction(() => seedYear(new StateIntervalStore(db), now - 365 * DAY, now))();
  return { db, config, rows };
}

export function benchUptime(options: { dir: string; repetitions?: number }) {
  const now = Date.UTC(2026, 10, 23, 12);
  const { db, config, rows } = yearOfHistory(options.dir, 'uptime.db', now);
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  const bytes = (
    db.prepare("SELECT sum(pgsize) AS b FROM dbstat WHERE name LIKE 'state_intervals%'").get() as {
      b: number;
    }
  ).b;
  const windows = { week: 7 * DAY, month: 30 * DAY, year: 365 * DAY };
  const figures: Record<string, unknown> = {};
  for (const [name, span] of Object.entries(windows)) {
    const uptimeMs: number[] = [];
    const withDailyMs: number[] = [];
    const incidentsMs: number[] = [];
    let incidents = 0;
    for (let i = 0; i < (options.repetitions ?? 20); i++) {
      const query = { db, config, from: now - span, to: now, now, agentRunning: true };
      let t = performance.now();
      uptimeReport({ ...query, daily: false });
      uptimeMs.push(performance.now() - t);
      t = performance.now();
      uptimeReport(query);
      withDailyMs.push(performance.now() - t);
      t = performance.now();
      incidents = incidentsIn(query).length;
      incidentsMs.push(performance.now() - t);
    }
    figures[name] = {
      uptimeAllServicesMs: summary(uptimeMs),
      withDailyBreakdownMs: summary(withDailyMs),
      incidentsMs: summary(incidentsMs),
      incidents,
    };
  }
  db.close();
  return { services: SERVICES.length, intervalRows: rows, stateBytesOnDisk: bytes, queries: figures };
}
