/**
 * Cost of one full collection cycle as the daemon runs it (collect + one SQLite transaction +
 * bounded retention sweep), and of the retention sweep alone on a store with expired rows.
 */
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createCollectors } from '../agent/collectors/registry.js';
import { Sampler } from '../agent/daemon/sampler.js';
import { openDatabase } from '../agent/store/db.js';
import { RetentionSweeper } from '../agent/store/retention.js';
import { SampleWriter } from '../agent/store/samples.js';
import { summary } from './stats.js';

export async function benchCycle(options: { cycles: number; dir: string }) {
  const db = openDatabase(join(options.dir, 'cycle.db'));
  const writer = new SampleWriter(db);
  const sampler = new Sampler(createCollectors(), 5000);
  const sweeper = new RetentionSweeper(
    db,
    { rawMs: 7 * 86_400_000, minuteMs: 90 * 86_400_000, hourMs: 730 * 86_400_000 },
    { now: Date.now },
  );
  const wall: number[] = [];
  const cpu: number[] = [];
  const loopMax: number[] = [];
  let samplesPerCycle = 0;
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  for (let i = 0; i < options.cycles; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    histogram.reset();
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    const { samples } = await sampler.collect(Date.now());
    writer.write(samples);
    sweeper.sweep(2000);
    const used = process.cpuUsage(cpuStart);
    wall.push(performance.now() - start);
    cpu.push((used.user + used.system) / 1000);
    loopMax.push(Math.max(0, histogram.max / 1e6 - 1));
    samplesPerCycle = samples.length;
  }
  histogram.disable();
  db.close();
  return {
    cycles: options.cycles,
    samplesPerCycle,
    wallMs: summary(wall),
    cpuMs: summary(cpu),
    eventLoopDelayMaxMs: summary(loopMax),
  };
}

/** Retention on a store holding `days` of 10 s samples for `series` series, all past raw retention. */
export function benchRetention(options: { dir: string; series: number; hours: number }) {
  const db = openDatabase(join(options.dir, 'retention.db'));
  const writer = new SampleWriter(db);
  const start = Date.UTC(2026, 0, 1);
  for (let h = 0; h < options.hours; h++) {
    const batch = [];
    for (let t = 0; t < 360; t++) {
      for (let s = 0; s < options.series; s++) {
        batch.push({
          metric: `m${s}`,
          value: t,
          unit: 'None' as const,
          at: start + h * 3_600_000 + t * 10_000,
        });
      }
    }
    writer.write(batch);
  }
  const now = start + options.hours * 3_600_000 + 7 * 86_400_000; // everything raw has expired
  const sweeper = new RetentionSweeper(
    db,
    { rawMs: 7 * 86_400_000, minuteMs: 90 * 86_400_000, hourMs: 730 * 86_400_000 },
    { now: () => now },
  );
  const times: number[] = [];
  let deleted = 0;
  for (;;) {
    const t = performance.now();
    const result = sweeper.sweep(2000);
    times.push(performance.now() - t);
    deleted += result.deleted;
    if (result.complete) break;
  }
  db.close();
  return {
    expiredRows: options.series * options.hours * 360,
    sweeps: times.length,
    deleted,
    sweepMs: summary(times),
  };
}
