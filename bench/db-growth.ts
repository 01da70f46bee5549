/**
 * Bytes per day at defaults: one simulated day of real collector output (the samples of one live
 * cycle, replayed every 10 s with a moving clock) written exactly as the daemon writes them,
 * then measured per table with SQLite's dbstat and projected over the default retention.
 */
import { join } from 'node:path';
import { createCollectors } from '../agent/collectors/registry.js';
import { Sampler } from '../agent/daemon/sampler.js';
import { openDatabase } from '../agent/store/db.js';
import { SampleWriter } from '../agent/store/samples.js';
import type { Sample } from '../agent/types.js';

const DAY = 86_400_000;

export async function benchDbGrowth(options: { dir: string; intervalMs?: number }) {
  const interval = options.intervalMs ?? 10_000;
  const sampler = new Sampler(createCollectors(), 5000);
  await sampler.collect(Date.now()); // baseline for rates
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const { samples } = await sampler.collect(Date.now());
  const db = openDatabase(join(options.dir, 'growth.db'));
  const writer = new SampleWriter(db);
  const start = Date.UTC(2026, 0, 5);
  const cycles = DAY / interval;
  for (let i = 0; i < cycles; i++) {
    const at = start + i * interval;
    writer.write(samples.map((s): Sample => ({ ...s, at, value: s.value * (1 + (i % 7) / 100) })));
  }
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  const perTable = db
    .prepare(
      "SELECT name, sum(pgsize) AS bytes FROM dbstat WHERE name IN ('samples', 'rollup_minute', 'rollup_hour') GROUP BY name",
    )
    .all() as Array<{ name: string; bytes: number }>;
  db.close();
  const bytes = Object.fromEntries(perTable.map((r) => [r.name, r.bytes]));
  const raw = bytes.samples ?? 0;
  const minute = bytes.rollup_minute ?? 0;
  const hour = bytes.rollup_hour ?? 0;
  const mib = (n: number) => Math.round((n / 1048576) * 10) / 10;
  return {
    series: samples.length,
    measuredBytesPerDay: { raw, minute, hour, total: raw + minute + hour },
    projectedSteadyStateMiB: {
      raw7d: mib(raw * 7),
      minute90d: mib(minute * 90),
      hour2y: mib(hour * 730),
      total: mib(raw * 7 + minute * 90 + hour * 730),
    },
  };
}
