/**
 * One collection cycle: every collector runs concurrently under a timeout; a failing or hung
 * collector is reported and the others carry on. A collector still busy from an earlier cycle
 * is skipped rather than stacked.
 */
import type { Collector, CollectorRun, Sample } from '../types.js';

/** How late a timeout timer may fire before the lateness is blamed on a stalled event loop. */
const STALL_GRACE_MS = 100;

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
      const armed = performance.now();
      const expire = () => {
        // A timer that fires late means the event loop itself was stalled (start-up on a starved
        // CPU): the collector's I/O could not complete either, so it gets one more full period.
        const late = performance.now() - armed - this.timeoutMs;
        if (late > STALL_GRACE_MS && !graced) {
          graced = true;
          timer = setTimeout(expire, this.timeoutMs);
          return;
        }
        reject(new Error(`timed out after ${this.timeoutMs}ms`));
      };
      let graced = false;
      timer = setTimeout(expire, this.timeoutMs);
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
