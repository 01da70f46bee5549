import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CpuCollector } from '../../../agent/collectors/cpu.js';
import { LoadCollector } from '../../../agent/collectors/load.js';
import { MemoryCollector } from '../../../agent/collectors/memory.js';
import { SwapCollector } from '../../../agent/collectors/swap.js';
import { SystemCollector } from '../../../agent/collectors/system.js';
import type { Sample } from '../../../agent/types.js';
import { ChangingProcRoot, capturedAt, procFixture } from './fixtures.js';

const KIB = 1024;

function byMetric(samples: Sample[]): Record<string, Sample> {
  return Object.fromEntries(samples.map((s) => [s.metric, s]));
}

describe('CpuCollector', () => {
  let proc: ChangingProcRoot;
  let cpu: CpuCollector;
  beforeEach(() => {
    proc = new ChangingProcRoot();
    cpu = new CpuCollector({ procRoot: proc.root });
  });
  afterEach(() => proc.remove());

  const at = (capture: string, now = capturedAt(capture)) => {
    proc.show(capture);
    return cpu.collect(now);
  };

  it('returns nothing on the first call: it only stores the baseline', async () => {
    expect(await at('real-t0')).toEqual([]);
  });

  it('reports shares of the real captures CPU time between two calls', async () => {
    await at('real-t0');
    const samples = await at('real-t1');
    expect(samples).toHaveLength(9);
    const m = byMetric(samples);
    // deltas: user 173, system 17, idle 580, iowait 9, softirq 1 -> 780 ticks
    expect(m.cpu_usage_user?.value).toBeCloseTo((173 / 780) * 100, 10);
    expect(m.cpu_usage_idle?.value).toBeCloseTo((580 / 780) * 100, 10);
    expect(m.cpu_usage_active?.value).toBeCloseTo((200 / 780) * 100, 10);
    expect(m.cpu_usage_active).toMatchObject({ unit: 'Percent', at: capturedAt('real-t1') });
    expect(m.cpu_usage_active?.labels).toBeUndefined();
  });

  it('reports steal time and round shares on the EC2-like captures', async () => {
    await at('ec2-t0');
    const m = byMetric(await at('ec2-t1'));
    // deltas: user 600 nice 20 system 200 idle 800 iowait 100 irq 10 softirq 70 steal 200 = 2000
    expect(m.cpu_usage_user?.value).toBeCloseTo(30, 10);
    expect(m.cpu_usage_nice?.value).toBeCloseTo(1, 10);
    expect(m.cpu_usage_system?.value).toBeCloseTo(10, 10);
    expect(m.cpu_usage_idle?.value).toBeCloseTo(40, 10);
    expect(m.cpu_usage_iowait?.value).toBeCloseTo(5, 10);
    expect(m.cpu_usage_irq?.value).toBeCloseTo(0.5, 10);
    expect(m.cpu_usage_softirq?.value).toBeCloseTo(3.5, 10);
    expect(m.cpu_usage_steal?.value).toBeCloseTo(10, 10);
    expect(m.cpu_usage_active?.value).toBeCloseTo(60, 10);
  });

  it('counts a field that went backwards (iowait) as 0 instead of dropping the sample', async () => {
    await at('ec2-t1');
    const m = byMetric(await at('ec2-t2'));
    // deltas: user 100, system 50, idle 40, iowait -10 -> 0, softirq 10 = 200
    expect(m.cpu_usage_iowait?.value).toBe(0);
    expect(m.cpu_usage_user?.value).toBeCloseTo(50, 10);
    expect(m.cpu_usage_active?.value).toBeCloseTo(80, 10);
  });

  it('gives nothing for a step where the counters went backwards (reset), then resumes from the new baseline', async () => {
    await at('ec2-t1', 1000);
    expect(await at('ec2-t0', 2000)).toEqual([]);
    const m = byMetric(await at('ec2-t1', 3000));
    expect(m.cpu_usage_user?.value).toBeCloseTo(30, 10);
  });
});

describe('LoadCollector', () => {
  it('reports the three load averages and the CPU count', async () => {
    const m = byMetric(await new LoadCollector({ procRoot: procFixture('ec2-t0') }).collect(1));
    expect(m.system_load1).toEqual({ metric: 'system_load1', value: 1.52, unit: 'None', at: 1 });
    expect(m.system_load5?.value).toBe(0.87);
    expect(m.system_load15?.value).toBe(0.45);
    expect(m.system_n_cpus).toMatchObject({ value: 2, unit: 'Count' });
  });
});

describe('MemoryCollector and SwapCollector', () => {
  it('report memory of the real capture', async () => {
    const m = byMetric(await new MemoryCollector({ procRoot: procFixture('real-t0') }).collect(7));
    expect(Object.keys(m).sort()).toEqual([
      'mem_available',
      'mem_available_percent',
      'mem_buffered',
      'mem_cached',
      'mem_free',
      'mem_total',
      'mem_used',
      'mem_used_percent',
    ]);
    expect(m.mem_used_percent?.value).toBeCloseTo(((24684084 - 24268656) / 24684084) * 100, 10);
    expect(m.mem_used_percent?.unit).toBe('Percent');
    expect(m.mem_total).toMatchObject({ value: 24684084 * KIB, unit: 'Bytes', at: 7 });
  });

  it('report swap as 0 on the real machine and 25% on the swap host', async () => {
    const none = byMetric(await new SwapCollector({ procRoot: procFixture('real-t0') }).collect(1));
    expect(none.swap_used_percent?.value).toBe(0);
    expect(none.swap_total?.value).toBe(0);
    const some = byMetric(await new SwapCollector({ procRoot: procFixture('ec2-t0') }).collect(1));
    expect(some.swap_used_percent?.value).toBeCloseTo(25, 10);
    expect(some.swap_used).toMatchObject({ value: 524287 * KIB, unit: 'Bytes' });
    expect(some.swap_free?.value).toBe(1572861 * KIB);
  });
});

describe('SystemCollector', () => {
  it('reports uptime and boot time in seconds', async () => {
    const m = byMetric(await new SystemCollector({ procRoot: procFixture('real-t1') }).collect(3));
    expect(m.system_uptime).toEqual({ metric: 'system_uptime', value: 256.79, unit: 'Seconds', at: 3 });
    expect(m.system_boot_time).toEqual({
      metric: 'system_boot_time',
      value: 1795392079,
      unit: 'Seconds',
      at: 3,
    });
  });

  it('throws when the files are missing, so the sampler records the failure', async () => {
    await expect(new SystemCollector({ procRoot: procFixture('does-not-exist') }).collect(1)).rejects.toThrow(
      /ENOENT/,
    );
  });
});
