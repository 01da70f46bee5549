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
});
