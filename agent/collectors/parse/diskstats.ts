import { ProcParseError, toCounter } from './errors.js';

/** One line of /proc/diskstats, cumulative since boot (or since the device appeared). */
export interface DiskStat {
  major: number;
  minor: number;
  device: string;
  readsCompleted: number;
  /** 512-byte sectors, whatever the device's real sector size (see Documentation/admin-guide/iostats). */
  sectorsRead: number;
  writesCompleted: number;
  sectorsWritten: number;
  /** Milliseconds during which the device had I/O in flight. */
  ioTimeMs: number;
}

/** Bytes per /proc/diskstats sector: always 512, independent of the device. */
export const DISKSTATS_SECTOR_BYTES = 512;

/** Parses /proc/diskstats (14, 18 or 20 columns depending on the kernel). */
export function parseDiskstats(text: string): DiskStat[] {
  const stats: DiskStat[] = [];
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 14) {
      if (line.trim() !== '')
        throw new ProcParseError('/proc/diskstats', `short line ${JSON.stringify(line)}`);
      continue;
    }
    const device = f[2] as string;
    const num = (index: number, field: string) =>
      toCounter('/proc/diskstats', `${device} ${field}`, f[index]);
    stats.push({
      major: num(0, 'major'),
      minor: num(1, 'minor'),
      device,
      readsCompleted: num(3, 'reads completed'),
      sectorsRead: num(5, 'sectors read'),
      writesCompleted: num(7, 'writes completed'),
      sectorsWritten: num(9, 'sectors written'),
      ioTimeMs: num(12, 'io time'),
    });
  }
  return stats;
}

/**
 * Name-only guess whether a block device is a partition, for when /sys/block cannot be read:
 * sda1, vda2, xvda1, hdb3 (letters then digits) and nvme0n1p1, mmcblk0p2 (p then digits).
 * Whole devices such as nvme0n1, dm-0, md0 and sr0 are not partitions.
 */
export function looksLikePartition(device: string): boolean {
  return /^(?:[shv]d|xvd)[a-z]+\d+$/.test(device) || /^(?:nvme\d+n\d+|mmcblk\d+)p\d+$/.test(device);
}
