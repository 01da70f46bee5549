import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DiskioCollector } from '../../../agent/collectors/diskio.js';
import { NetCollector } from '../../../agent/collectors/net.js';
import type { Collector, Sample } from '../../../agent/types.js';
import { ChangingProcRoot, capturedAt, sysFixture } from './fixtures.js';

/** value of metric for the series whose single label equals `id` */
function pick(samples: Sample[], metric: string, id: string): Sample | undefined {
  return samples.find((s) => s.metric === metric && Object.values(s.labels ?? {})[0] === id);
}

function seriesIds(samples: Sample[]): string[] {
  return [...new Set(samples.map((s) => Object.values(s.labels ?? {})[0] as string))];
}

let proc: ChangingProcRoot;
beforeEach(() => {
  proc = new ChangingProcRoot();
});
afterEach(() => proc.remove());

function collectAt(collector: Collector, capture: string, now = capturedAt(capture)): Promise<Sample[]> {
  proc.show(capture);
  return collector.collect(now);
}

describe('DiskioCollector', () => {
  it('gives no rates on the first call', async () => {
    const diskio = new DiskioCollector({ procRoot: proc.root, sysRoot: sysFixture('real') });
    expect(await collectAt(diskio, 'real-t0')).toEqual([]);
  });

  it('reports rates for vda between the two real captures, skipping loop and zram', async () => {
    const diskio = new DiskioCollector({ procRoot: proc.root, sysRoot: sysFixture('real') });
    await collectAt(diskio, 'real-t0');
    const samples = await collectAt(diskio, 'real-t1');
    expect(seriesIds(samples)).toEqual(['vda']);
    const seconds = (1795392336343 - 1795392332449) / 1000; // 3.894
    // vda t0: reads 12659, sectors read 1461098, writes 2960, sectors written 1193472, io_time 2228
    // vda t1: reads 12738, sectors read 1593834, writes 3071, sectors written 1325368, io_time 2328
    expect(pick(samples, 'diskio_read_bytes', 'vda')?.value).toBeCloseTo(
      ((1593834 - 1461098) * 512) / seconds,
      6,
    );
    expect(pick(samples, 'diskio_write_bytes', 'vda')?.value).toBeCloseTo(
      ((1325368 - 1193472) * 512) / seconds,
      6,
    );
    expect(pick(samples, 'diskio_reads', 'vda')?.value).toBeCloseTo((12738 - 12659) / seconds, 10);
    expect(pick(samples, 'diskio_writes', 'vda')?.value).toBeCloseTo((3071 - 2960) / seconds, 10);
    expect(pick(samples, 'diskio_io_time', 'vda')?.value).toBeCloseTo((2328 - 2228) / seconds, 10);
    expect(pick(samples, 'diskio_read_bytes', 'vda')).toMatchObject({
      unit: 'Bytes/Second',
      labels: { device: 'vda' },
      at: capturedAt('real-t1'),
    });
    expect(pick(samples, 'diskio_reads', 'vda')?.unit).toBe('Count/Second');
    expect(pick(samples, 'diskio_io_time', 'vda')?.unit).toBe('Milliseconds');
  });

  it('uses /sys/block to tell whole devices from partitions', async () => {
    const diskio = new DiskioCollector({ procRoot: proc.root, sysRoot: sysFixture('ec2') });
    await collectAt(diskio, 'ec2-t0');
    const samples = await collectAt(diskio, 'ec2-t1');
    expect(seriesIds(samples)).toEqual(['nvme0n1', 'nvme1n1', 'xvdf', 'dm-0']);
    // nvme0n1 over 10 s: +20480 sectors read, +40960 written, +500 reads, +1000 writes, +2500 ms busy
    expect(pick(samples, 'diskio_read_bytes', 'nvme0n1')?.value).toBe(1048576);
    expect(pick(samples, 'diskio_write_bytes', 'nvme0n1')?.value).toBe(2097152);
    expect(pick(samples, 'diskio_reads', 'nvme0n1')?.value).toBe(50);
    expect(pick(samples, 'diskio_writes', 'nvme0n1')?.value).toBe(100);
    expect(pick(samples, 'diskio_io_time', 'nvme0n1')?.value).toBe(250);
    expect(pick(samples, 'diskio_read_bytes', 'xvdf')?.value).toBe(0);
  });

  it('falls back to the partition name rule without /sys, and honours a custom exclude list', async () => {
    const diskio = new DiskioCollector({
      procRoot: proc.root,
      sysRoot: sysFixture('does-not-exist'),
      excludeDevices: ['dm-*'],
    });
    await collectAt(diskio, 'ec2-t0');
    expect(seriesIds(await collectAt(diskio, 'ec2-t1'))).toEqual(['nvme0n1', 'nvme1n1', 'xvdf', 'loop0']);
  });

  it('drops a device whose counters restarted for one step, and keeps the others', async () => {
    const diskio = new DiskioCollector({ procRoot: proc.root, sysRoot: sysFixture('ec2') });
    await collectAt(diskio, 'ec2-t0');
    await collectAt(diskio, 'ec2-t1');
    const samples = await collectAt(diskio, 'ec2-t2');
    expect(seriesIds(samples)).toEqual(['nvme0n1', 'xvdf', 'dm-0']);
    expect(pick(samples, 'diskio_writes', 'nvme0n1')?.value).toBe(100);
    // the re-attached nvme1n1 counts from its new baseline on the next step
    const next = await collectAt(diskio, 'ec2-t2', capturedAt('ec2-t2') + 10_000);
    expect(pick(next, 'diskio_reads', 'nvme1n1')?.value).toBe(0);
  });
});

describe('NetCollector', () => {
  it('gives no rates on the first call', async () => {
    expect(await collectAt(new NetCollector({ procRoot: proc.root }), 'real-t0')).toEqual([]);
  });

  it('reports the loopback traffic between the real captures, lo included', async () => {
    const net = new NetCollector({ procRoot: proc.root });
    await collectAt(net, 'real-t0');
    const samples = await collectAt(net, 'real-t1');
    expect(seriesIds(samples)).toEqual(['lo', 'ifb0', 'ifb1', 'eth0']);
    const seconds = 3.894;
    // lo t0: 3193 bytes, 29 packets each way; t1: 33602205 bytes, 886 packets each way
    expect(pick(samples, 'net_bytes_recv', 'lo')?.value).toBeCloseTo((33602205 - 3193) / seconds, 6);
    expect(pick(samples, 'net_bytes_sent', 'lo')?.value).toBeCloseTo((33602205 - 3193) / seconds, 6);
    expect(pick(samples, 'net_packets_recv', 'lo')?.value).toBeCloseTo((886 - 29) / seconds, 10);
    expect(pick(samples, 'net_bytes_recv', 'eth0')?.value).toBe(0);
    expect(pick(samples, 'net_bytes_sent', 'lo')).toMatchObject({
      unit: 'Bytes/Second',
      labels: { interface: 'lo' },
    });
    expect(pick(samples, 'net_drop_in', 'lo')?.unit).toBe('Count/Second');
    expect(samples).toHaveLength(4 * 8);
  });

  it('reports all eight counters per second on the EC2-like captures', async () => {
    const net = new NetCollector({ procRoot: proc.root });
    await collectAt(net, 'ec2-t0');
    const samples = await collectAt(net, 'ec2-t1');
    const ens5 = Object.fromEntries(
      samples.filter((s) => s.labels?.interface === 'ens5').map((s) => [s.metric, s.value]),
    );
    expect(ens5).toEqual({
      net_bytes_recv: 1250000,
      net_bytes_sent: 250000,
      net_packets_recv: 1000,
      net_packets_sent: 500,
      net_err_in: 0,
      net_err_out: 0.1,
      net_drop_in: 2,
      net_drop_out: 0,
    });
  });

  it('excludes interfaces by pattern', async () => {
    const net = new NetCollector({ procRoot: proc.root, excludeInterfaces: ['docker0', 'veth*'] });
    await collectAt(net, 'ec2-t0');
    expect(seriesIds(await collectAt(net, 'ec2-t1'))).toEqual(['lo', 'ens5']);
  });

  it('skips one step for an interface whose counters restarted, and forgets vanished interfaces', async () => {
    const net = new NetCollector({ procRoot: proc.root });
    await collectAt(net, 'ec2-t0');
    await collectAt(net, 'ec2-t1');
    const samples = await collectAt(net, 'ec2-t2');
    expect(seriesIds(samples)).toEqual(['lo', 'docker0']);
    expect(pick(samples, 'net_bytes_recv', 'lo')?.value).toBe(10000);
    const next = await collectAt(net, 'ec2-t2', capturedAt('ec2-t2') + 10_000);
    expect(seriesIds(next)).toEqual(['lo', 'ens5', 'docker0']);
  });
});
