/**
 * The sampling loop: ticks aligned to the interval, one transaction per cycle (samples, rollups,
 * collector outcomes, self-stats), then a bounded retention sweep.
 */

import type { Logger } from '../log.js';
import { recordCollectorRuns } from '../store/collector-runs.js';
import type { Db } from '../store/db.js';
import { MetaStore } from '../store/meta.js';
import { type RetentionPolicy, RetentionSweeper } from '../store/retention.js';
import { SampleWriter } from '../store/samples.js';
import type { Clock } from '../types.js';
import type { AgentEvents } from './events.js';
import type { Sampler } from './sampler.js';
import { AGENT_META_KEY, type SelfObserver } from './self-stats.js';

export interface MetricsLoopDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  sampler: Sampler;
  observer: SelfObserver;
  intervalMs: number;
  retention: RetentionPolicy;
  /** Rows the retention sweep may delete per cycle. */
  sweepBudget?: number;
  /** Runs inside each cycle's transaction (e.g. confirming that the host is up). */
  onCycle?: (at: number) => void;
  events?: AgentEvents;
}

export class MetricsLoop {
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;
  private stopped = false;
  private readonly writer: SampleWriter;
  private readonly meta: MetaStore;
  private readonly sweeper: RetentionSweeper;

  constructor(private readonly deps: MetricsLoopDeps) {
    this.writer = new SampleWriter(deps.db);
    this.meta = new MetaStore(deps.db);
    this.sweeper = new RetentionSweeper(deps.db, deps.retention, deps.clock);
  }

  start(): void {
    this.stopped = false;
    this.inFlight = this.cycle();
    this.schedule();
  }

  /** Stops ticking and waits for the cycle in flight to commit. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.inFlight;
  }

  private schedule(): void {
    if (this.stopped) return;
    const { intervalMs, clock } = this.deps;
    const delay = intervalMs - (clock.now() % intervalMs);
    this.timer = setTimeout(() => {
      this.inFlight = this.cycle();
      this.schedule();
    }, delay);
  }

  async cycle(): Promise<void> {
    const { clock, logger, sampler, observer, intervalMs } = this.deps;
    const at = clock.now();
    const wallStart = performance.now();
    const cpuStart = process.cpuUsage();
    try {
      const { samples, runs } = await sampler.collect(at);
      const cpu = process.cpuUsage(cpuStart);
      const stats = observer.cycleDone(
        at,
        performance.now() - wallStart,
        (cpu.user + cpu.system) / 1000,
        intervalMs,
      );
      this.writer.write(samples, () => {
        recordCollectorRuns(this.deps.db, runs);
        this.meta.set(AGENT_META_KEY, stats);
        this.deps.onCycle?.(at);
      });
      this.deps.events?.emitCycle({ at, samples });
      const sweep = this.sweeper.sweep(this.deps.sweepBudget ?? 2000);
      for (const run of runs.filter((r) => !r.ok)) {
        logger.warn('collector failed', { collector: run.name, error: run.error });
      }
      if (logger.isEnabled('debug')) {
        logger.debug('cycle', {
          samples: samples.length,
          collectors: runs.length,
          failed: runs.filter((r) => !r.ok).map((r) => r.name),
          cycleMs: stats.lastCycleMs,
          cpuMs: stats.lastCycleCpuMs,
          swept: sweep.deleted,
          eventLoopMaxMs: stats.eventLoopDelayMs.max,
        });
      }
    } catch (error) {
      logger.error('cycle failed', { error });
    }
  }
}
