/**
 * One collection cycle: every collector runs concurrently under a timeout; a failing or hung
 * collector is reported and the others carry on. A collector still busy from an earlier cycle
 * is skipped rather than stacked.
 */
import type { Collector, CollectorRun, Sample } from '../types.js';

export interface CycleResult {
  samples: Sample[];
  runs: CollectorRun[];
}

export class Sampler {
  private readonly busy = new Set<string>();

  constructor(
    private readonly collectors: readonly Collector[],
    private readonly timeoutMs: number,
  ) {}

  async collect(now: number): Promise<CycleResult> {
    const outcomes = await Promise.all(this.collectors.map((collector) => this.runOne(collector, now)));
    return {
      samples: outcomes.flatMap((outcome) => outcome.samples),
      runs: outcomes.map((outcome) => outcome.run),
    };
  }

  private async runOne(collector: Collector, now: number): Promise<{ samples: Sample[]; run: CollectorRun }> {
    const started = performance.now();
    const finish = (samples: Sample[], error?: string) => ({
      samples,
      run: {
        name: collector.name,
        ok: error === undefined,
        durationMs: Math.round((performance.now() - started) * 1000) / 1000,
        samples: samples.length,
        ...(error === undefined ? {} : { error }),
        at: now,
      },
    });
    if (this.busy.has(collector.name)) return finish([], 'skipped: the previous run has not finished');
    this.busy.add(collector.name);
    const work = collector.collect(now).finally(() => this.busy.delete(collector.name));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${this.timeoutMs}ms`)), this.timeoutMs);
    });
    try {
      return finish(await Promise.race([work, timeout]));
    } catch (error) {
      work.catch(() => {}); // a late rejection of a timed-out run is already reported
      return finish([], (error as Error).message);
    } finally {
      clearTimeout(timer);
    }
  }
}
