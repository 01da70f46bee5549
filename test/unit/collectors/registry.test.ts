import { describe, expect, it } from 'vitest';
import {
  COLLECTOR_NAMES,
  CollectorRegistry,
  createCollectors,
  defaultCollectorRegistry,
} from '../../../agent/collectors/registry.js';
import { procFixture } from './fixtures.js';

describe('collector registry', () => {
  it('builds the default set in a fixed order', () => {
    expect(COLLECTOR_NAMES).toEqual(['cpu', 'load', 'memory', 'swap', 'disk', 'diskio', 'net', 'system']);
    expect(createCollectors().map((c) => c.name)).toEqual([...COLLECTOR_NAMES]);
  });

  it('builds only the enabled collectors, and rejects unknown names', () => {
    expect(createCollectors({ enabled: ['net', 'cpu'] }).map((c) => c.name)).toEqual(['cpu', 'net']);
    expect(() => createCollectors({ enabled: ['cpu', 'gpu'] })).toThrow(
      /unknown collector "gpu"; known: cpu, load/,
    );
  });

  it('rejects a second collector with the same name', () => {
    const registry = defaultCollectorRegistry();
    expect(() =>
      registry.register({ name: 'cpu', create: () => ({ name: 'cpu', collect: async () => [] }) }),
    ).toThrow(/"cpu" is registered twice/);
    const fresh = new CollectorRegistry().register({
      name: 'x',
      create: () => ({ name: 'x', collect: async () => [] }),
    });
    expect(() =>
      fresh.register({ name: 'x', create: () => ({ name: 'x', collect: async () => [] }) }),
    ).toThrow();
  });

  it('rejects a factory whose collector carries another name', () => {
    const registry = new CollectorRegistry().register({
      name: 'a',
      create: () => ({ name: 'b', collect: async () => [] }),
    });
    expect(() => registry.create()).toThrow(/factory "a" built a collector named "b"/);
  });

  it('passes procRoot and per-collector options through', async () => {
    const [memory] = createCollectors({ procRoot: procFixture('ec2-t0'), enabled: ['memory'] });
    const used = (await memory?.collect(1))?.find((s) => s.metric === 'mem_used_percent');
    expect(used?.value).toBeCloseTo(75, 10);

    const asked: string[] = [];
    const [disk] = createCollectors(
      { procRoot: procFixture('ec2-t0'), enabled: ['disk'], disk: { ignoreMountPoints: ['/mnt'] } },
      {
        statfs: async (path) => {
          asked.push(path);
          return { bsize: 1, blocks: 1, bfree: 1, bavail: 1, files: 0, ffree: 0 };
        },
      },
    );
    await disk?.collect(1);
    // /var/lib/docker is no longer ignored, but its device was already counted at /
    expect(asked).toEqual(['/', '/boot/efi', '/data']);
  });
});
