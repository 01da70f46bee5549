import { describe, expect, it } from 'vitest';
import { DiskCollector, type StatfsFn } from '../../../agent/collectors/disk.js';
import type { StatfsResult } from '../../../agent/collectors/parse/statfs.js';
import { createLogger } from '../../../agent/log.js';
import type { Sample } from '../../../agent/types.js';
import { procFixture } from './fixtures.js';

const ROOT_STATFS: StatfsResult = {
  bsize: 4096,
  blocks: 66053021,
  bfree: 60291255,
  bavail: 20835962,
  files: 16777216,
  ffree: 16361348,
};
const SMALL: StatfsResult = { bsize: 1024, blocks: 1000, bfree: 250, bavail: 250, files: 100, ffree: 90 };

function metricsFor(samples: Sample[], path: string): Record<string, number> {
  return Object.fromEntries(samples.filter((s) => s.labels?.path === path).map((s) => [s.metric, s.value]));
}

describe('DiskCollector', () => {
  it('reports df-style usage for the real root filesystem, labelled like the CloudWatch agent', async () => {
    const asked: string[] = [];
    const statfs: StatfsFn = async (path) => {
      asked.push(path);
      return ROOT_STATFS;
    };
    const samples = await new DiskCollector({ procRoot: procFixture('real-t0'), statfs }).collect(42);
    expect(asked).toEqual(['/']);
    expect(samples.map((s) => s.metric)).toEqual([
      'disk_used_percent',
      'disk_used',
      'disk_free',
      'disk_total',
      'disk_inodes_used_percent',
    ]);
    for (const s of samples) expect(s.labels).toEqual({ path: '/', device: 'vda', fstype: 'ext4' });
    const m = metricsFor(samples, '/');
    expect(m.disk_used).toBe(23600193536);
    expect(m.disk_free).toBe(85344100352);
    expect(m.disk_total).toBe(270553174016);
    expect(m.disk_used_percent).toBeCloseTo((23600193536 / (23600193536 + 85344100352)) * 100, 10);
    expect(samples[0]).toMatchObject({ unit: 'Percent', at: 42 });
    expect(samples[1]?.unit).toBe('Bytes');
  });

  it('queries only real mounts of an EC2-like host, and skips zero-sized filesystems', async () => {
    const asked: string[] = [];
    const statfs: StatfsFn = async (path) => {
      asked.push(path);
      return path === '/boot/efi' ? { ...SMALL, blocks: 0, bfree: 0, bavail: 0 } : SMALL;
    };
    const samples = await new DiskCollector({ procRoot: procFixture('ec2-t0'), statfs }).collect(1);
    expect(asked).toEqual(['/', '/boot/efi', '/data', '/mnt/efs', '/mnt/backup disk', '/mnt/scratch']);
    expect(metricsFor(samples, '/boot/efi')).toEqual({});
    expect(metricsFor(samples, '/data')).toEqual({
      disk_used_percent: 75,
      disk_used: 750 * 1024,
      disk_free: 250 * 1024,
      disk_total: 1000 * 1024,
      disk_inodes_used_percent: 10,
    });
    const efs = samples.find((s) => s.labels?.path === '/mnt/efs');
    expect(efs?.labels).toEqual({
      path: '/mnt/efs',
      device: 'fs-0abc1234.efs.eu-central-1.amazonaws.com:/',
      fstype: 'nfs4',
    });
  });

  it('reports a hung mount after the timeout, keeps the others, and does not query it again while pending', async () => {
    const calls = new Map<string, number>();
    let releaseHung: (result: StatfsResult) => void = () => {};
    const statfs: StatfsFn = (path) => {
      calls.set(path, (calls.get(path) ?? 0) + 1);
      // The first statfs of /mnt/efs hangs like a dead NFS server until the test releases it.
      if (path === '/mnt/efs' && calls.get(path) === 1)
        return new Promise((resolve) => (releaseHung = resolve));
      return Promise.resolve(SMALL);
    };
    const logged: string[] = [];
    const logger = createLogger({ level: 'info', write: (line) => logged.push(line) });
    const disk = new DiskCollector({ procRoot: procFixture('ec2-t0'), statfs, timeoutMs: 20, logger });

    const first = await disk.collect(1);
    expect(metricsFor(first, '/mnt/efs')).toEqual({ disk_unresponsive: 1 });
    expect(first.find((s) => s.metric === 'disk_unresponsive')).toMatchObject({
      unit: 'Count',
      labels: { path: '/mnt/efs', device: 'fs-0abc1234.efs.eu-central-1.amazonaws.com:/', fstype: 'nfs4' },
    });
    expect(metricsFor(first, '/data').disk_used_percent).toBe(75);
    expect(metricsFor(first, '/').disk_used_percent).toBe(75);

    const second = await disk.collect(2);
    expect(calls.get('/mnt/efs')).toBe(1);
    expect(calls.get('/data')).toBe(2);
    expect(metricsFor(second, '/mnt/efs')).toEqual({ disk_unresponsive: 1 });
    expect(logged.filter((line) => line.includes('unresponsive'))).toHaveLength(1);

    releaseHung(SMALL);
    await new Promise((resolve) => setImmediate(resolve));
    const third = await disk.collect(3);
    expect(calls.get('/mnt/efs')).toBe(2);
    expect(metricsFor(third, '/mnt/efs').disk_used_percent).toBe(75);
    expect(logged.some((line) => line.includes('responds again'))).toBe(true);
  });

  it('leaves out a mount whose statfs fails, and still reports the rest', async () => {
    const statfs: StatfsFn = async (path) => {
      if (path === '/data') throw Object.assign(new Error('no such file or directory'), { code: 'ENOENT' });
      return SMALL;
    };
    const logged: string[] = [];
    const logger = createLogger({ level: 'warn', write: (line) => logged.push(line) });
    const samples = await new DiskCollector({ procRoot: procFixture('ec2-t0'), statfs, logger }).collect(1);
    expect(metricsFor(samples, '/data')).toEqual({});
    expect(metricsFor(samples, '/').disk_total).toBe(1024000);
    expect(logged.join('')).toContain('ENOENT');
  });

  it('throws when the mount table cannot be read', async () => {
    await expect(new DiskCollector({ procRoot: procFixture('old-kernel') }).collect(1)).rejects.toThrow(
      /ENOENT/,
    );
  });
});
