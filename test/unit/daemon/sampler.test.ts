import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { Sampler } from '../../../agent/daemon/sampler.js';
import type { Collector, Sample } from '../../../agent/types.js';

const ok = (name: string, value: number): Collector => ({
  name,
  collect: async (now) => [{ metric: `${name}_metric`, value, unit: 'None', at: now } satisfies Sample],
});

describe('Sampler', () => {
  it('reports a failing collector and keeps the others', async () => {
    const failing: Collector = {
      name: 'broken',
      collect: async () => {
        throw new Error('cannot read /proc/broken');
      },
    };
    const result = await new Sampler([ok('a', 1), failing, ok('b', 2)], 1000).collect(1_000);
    expect(result.samples.map((s) => s.metric)).toEqual(['a_metric', 'b_metric']);
    expect(result.runs.map((r) => [r.name, r.ok, r.error])).toEqual([
      ['a', true, undefined],
      ['broken', false, 'cannot read /proc/broken'],
      ['b', true, undefined],
    ]);
  });

  it('times out a hung collector and skips it while it is still busy', async () => {
    let release: (samples: Sample[]) => void = () => {};
    const hung: Collector = { name: 'hung', collect: () => new Promise((resolve) => (release = resolve)) };
    const sampler = new Sampler([hung, ok('a', 1)], 50);
    const first = await sampler.collect(1_000);
    expect(first.runs.find((r) => r.name === 'hung')?.error).toBe('timed out after 50ms');
    expect(first.samples).toHaveLength(1);
    const second = await sampler.collect(2_000);
    expect(second.runs.find((r) => r.name === 'hung')?.error).toBe(
      'skipped: the previous run has not finished',
    );
    release([]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    // Released: the next cycle runs it again (and it hangs again) instead of skipping it.
    const afterRelease = await sampler.collect(4_000);
    expect(afterRelease.runs.find((r) => r.name === 'hung')?.error).toBe('timed out after 50ms');
  });

  it('does not blame a collector for an event loop stalled past its timeout', async () => {
    // Real file I/O completes in the poll phase, after the (late) timer phase: without the grace
    // period the stalled loop would fire the timeout first and report a healthy collector as hung.
    const io: Collector = {
      name: 'io',
      collect: async (now) => [
        {
          metric: 'io_bytes',
          value: (await readFile('/proc/self/stat', 'utf8')).length,
          unit: 'None',
          at: now,
        },
      ],
    };
    const pending = new Sampler([io], 50).collect(1_000);
    const stallUntil = performance.now() + 250;
    while (performance.now() < stallUntil) {
      // busy: the event loop cannot turn
    }
    const result = await pending;
    expect(result.runs[0]).toMatchObject({ name: 'io', ok: true, samples: 1 });
  });
});
