import { describe, expect, it } from 'vitest';
import { createCollectors } from '../../../agent/collectors/registry.js';
import type { Sample } from '../../../agent/types.js';

const PERCENT_LIMIT = 100 + 1e-9;

function checkSane(sample: Sample): void {
  expect(Number.isFinite(sample.value), sample.metric).toBe(true);
  expect(sample.value, sample.metric).toBeGreaterThanOrEqual(0);
  if (sample.unit === 'Percent') expect(sample.value, sample.metric).toBeLessThanOrEqual(PERCENT_LIMIT);
}

describe('collectors against the live /proc and /sys', () => {
  it('every collector reports sane values on this machine', async () => {
    const collectors = createCollectors();
    const first = Date.now();
    for (const collector of collectors) await collector.collect(first);
    // Let the counters move so the rate collectors have a second point.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const now = first + 300;
    const byCollector: Record<string, Sample[]> = {};
    for (const collector of collectors) byCollector[collector.name] = await collector.collect(now);
    for (const samples of Object.values(byCollector)) samples.forEach(checkSane);

    const metric = (name: string) =>
      Object.values(byCollector)
        .flat()
        .find((s) => s.metric === name);
    expect(byCollector.cpu).toHaveLength(9);
    expect(metric('cpu_usage_active')?.value).toBeCloseTo(100 - (metric('cpu_usage_idle')?.value ?? 0), 6);
    expect(metric('mem_total')?.value).toBeGreaterThan(0);
    expect(metric('mem_used_percent')?.value).toBeGreaterThan(0);
    expect(metric('system_uptime')?.value).toBeGreaterThan(0);
    expect(metric('system_boot_time')?.value).toBeLessThan(Date.now() / 1000);
    expect(metric('system_n_cpus')?.value).toBeGreaterThanOrEqual(1);
    expect(byCollector.net?.some((s) => s.labels?.interface === 'lo')).toBe(true);
    const rootDisk = byCollector.disk?.find((s) => s.metric === 'disk_total' && s.labels?.path === '/');
    expect(rootDisk?.value).toBeGreaterThan(0);
    for (const s of byCollector.diskio ?? []) expect(s.labels?.device).not.toMatch(/^(loop|ram|zram)/);
    for (const s of byCollector.diskio ?? []) {
      if (s.metric === 'diskio_io_time') expect(s.value).toBeLessThanOrEqual(1000 * 1.05);
    }
  });
});
