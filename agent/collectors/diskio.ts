import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Collector, Sample } from '../types.js';
import { compileNamePatterns } from './name-patterns.js';
import {
  DISKSTATS_SECTOR_BYTES,
  type DiskStat,
  looksLikePartition,
  parseDiskstats,
} from './parse/diskstats.js';
import { DEFAULT_PROC_ROOT, DEFAULT_SYS_ROOT, readRootFile } from './proc-files.js';
import { CounterRates } from './rates.js';
import { sample } from './sample.js';

/** Loop devices, RAM disks and compressed RAM swap are not disks anyone pages about. */
export const DEFAULT_EXCLUDED_DEVICES: readonly string[] = ['loop*', 'ram*', 'zram*'];

export interface DiskioCollectorOptions {
  procRoot?: string;
  sysRoot?: string;
  /** Device name patterns to leave out (`*` wildcard); default DEFAULT_EXCLUDED_DEVICES. */
  excludeDevices?: readonly string[];
}

/**
 * Per-second I/O of whole block devices (partitions are left out: their I/O is already in the
 * device's) from /proc/diskstats. Whole devices are the entries of /sys/block; when /sys cannot be
 * read a name rule decides instead.
 *
 * diskio_io_time is milliseconds of busy time (I/O in flight) per second of wall time, unit
 * Milliseconds: 1000 means the device was busy all the time (100% util in iostat terms). This is
 * what CloudWatch's RATE() of the agent's cumulative diskio_io_time shows.
 */
export class DiskioCollector implements Collector {
  readonly name = 'diskio';
  private readonly procRoot: string;
  private readonly sysRoot: string;
  private readonly isExcluded: (device: string) => boolean;
  private readonly counters = new CounterRates();

  constructor(options: DiskioCollectorOptions = {}) {
    this.procRoot = options.procRoot ?? DEFAULT_PROC_ROOT;
    this.sysRoot = options.sysRoot ?? DEFAULT_SYS_ROOT;
    this.isExcluded = compileNamePatterns(options.excludeDevices ?? DEFAULT_EXCLUDED_DEVICES);
  }

  async collect(now: number): Promise<Sample[]> {
    const [text, wholeDevices] = await Promise.all([
      readRootFile(this.procRoot, 'diskstats'),
      this.readWholeDevices(),
    ]);
    const isWhole = (device: string) =>
      wholeDevices ? wholeDevices.has(device) : !looksLikePartition(device);
    const samples: Sample[] = [];
    for (const stat of parseDiskstats(text)) {
      if (this.isExcluded(stat.device) || !isWhole(stat.device)) continue;
      samples.push(...this.deviceSamples(stat, now));
    }
    this.counters.forgetUnseen(now);
    return samples;
  }

  private deviceSamples(stat: DiskStat, now: number): Sample[] {
    const labels = { device: stat.device };
    const rate = (counter: string, value: number) =>
      this.counters.rate(`${stat.device}:${counter}`, value, now);
    const figures: [string, number | undefined, 'Bytes/Second' | 'Count/Second' | 'Milliseconds'][] = [
      ['diskio_read_bytes', rate('read_bytes', stat.sectorsRead * DISKSTATS_SECTOR_BYTES), 'Bytes/Second'],
      [
        'diskio_write_bytes',
        rate('write_bytes', stat.sectorsWritten * DISKSTATS_SECTOR_BYTES),
        'Bytes/Second',
      ],
      ['diskio_reads', rate('reads', stat.readsCompleted), 'Count/Second'],
      ['diskio_writes', rate('writes', stat.writesCompleted), 'Count/Second'],
      ['diskio_io_time', rate('io_time', stat.ioTimeMs), 'Milliseconds'],
    ];
    return figures.flatMap(([metric, value, unit]) =>
      value === undefined ? [] : [sample(metric, value, unit, now, labels)],
    );
  }

  /** Names in /sys/block, or undefined when /sys is not there (containers, odd test roots). */
  private async readWholeDevices(): Promise<Set<string> | undefined> {
    try {
      return new Set(await readdir(join(this.sysRoot, 'block')));
    } catch {
      return undefined;
    }
  }
}
