import { describe, expect, it } from 'vitest';
import {
  DEFAULT_IGNORE_FS_TYPES,
  DEFAULT_IGNORE_MOUNT_POINTS,
  parseMounts,
  selectRealMounts,
} from '../../../agent/collectors/parse/mounts.js';
import { diskUsageFromStatfs } from '../../../agent/collectors/parse/statfs.js';
import { readProcFixture } from './fixtures.js';

const defaults = { ignoreFsTypes: DEFAULT_IGNORE_FS_TYPES, ignoreMountPoints: DEFAULT_IGNORE_MOUNT_POINTS };

describe('parseMounts', () => {
  it('reads the real capture', () => {
    const mounts = parseMounts(readProcFixture('real-t0', 'self/mounts'));
    expect(mounts).toHaveLength(19);
    expect(mounts[5]).toEqual({
      device: '/dev/vda',
      mountPoint: '/',
      fsType: 'ext4',
      options: 'rw,relatime,discard,resv_strict,resuid=65534,resgid=65534',
    });
  });

  it('decodes octal escapes in mount points', () => {
    const [mount] = parseMounts('/dev/xvdf /mnt/backup\\040disk\\134x ext4 rw 0 0\n');
    expect(mount?.mountPoint).toBe('/mnt/backup disk\\x');
  });
});

describe('selectRealMounts', () => {
  it('keeps only the root filesystem of the real machine (pseudo filesystems and repeats dropped)', () => {
    const selected = selectRealMounts(parseMounts(readProcFixture('real-t0', 'self/mounts')), defaults);
    expect(selected.map((m) => [m.mountPoint, m.device, m.fsType])).toEqual([['/', '/dev/vda', 'ext4']]);
  });

  it('filters pseudo filesystems, container mounts, bind mounts and overmounts on an EC2-like host', () => {
    const selected = selectRealMounts(parseMounts(readProcFixture('ec2-t0', 'self/mounts')), defaults);
    expect(selected.map((m) => [m.mountPoint, m.device, m.fsType])).toEqual([
      ['/', '/dev/nvme0n1p1', 'xfs'],
      ['/boot/efi', '/dev/nvme0n1p128', 'vfat'],
      ['/data', '/dev/nvme1n1', 'ext4'],
      ['/mnt/efs', 'fs-0abc1234.efs.eu-central-1.amazonaws.com:/', 'nfs4'],
      ['/mnt/backup disk', '/dev/xvdf', 'ext4'],
      ['/mnt/scratch', '/dev/nvme3n1', 'xfs'],
    ]);
  });

  it('honours a custom ignore list; "/" ignores only the root itself', () => {
    const mounts = parseMounts(readProcFixture('ec2-t0', 'self/mounts'));
    const selected = selectRealMounts(mounts, {
      ignoreFsTypes: [...DEFAULT_IGNORE_FS_TYPES, 'nfs4', 'vfat'],
      ignoreMountPoints: ['/', '/mnt/backup disk/'],
    });
    // With / ignored, its device is next seen at /var/lib/docker (no longer in the ignore list).
    expect(selected.map((m) => m.mountPoint)).toEqual(['/data', '/var/lib/docker', '/mnt/scratch']);
  });

  it('with empty ignore lists keeps pseudo filesystems but still drops duplicate devices', () => {
    const selected = selectRealMounts(parseMounts(readProcFixture('real-t0', 'self/mounts')), {
      ignoreFsTypes: [],
      ignoreMountPoints: [],
    });
    expect(selected.map((m) => m.fsType)).toContain('proc');
    // "cgroup" is the source of nine mounts and "tmpfs"/"devpts" of several: each counted once
    expect(selected.filter((m) => m.device === 'cgroup')).toHaveLength(1);
  });
});

describe('diskUsageFromStatfs', () => {
  it('matches df for the real root filesystem (hand-checked against `df -B1 /`)', () => {
    // stat -f /: block size 4096, blocks 66053021, free 60291255, available 20835962,
    // inodes 16777216, free inodes 16361348. df: used 23600193536, avail 85344100352, 22%.
    const usage = diskUsageFromStatfs({
      bsize: 4096,
      blocks: 66053021,
      bfree: 60291255,
      bavail: 20835962,
      files: 16777216,
      ffree: 16361348,
    });
    expect(usage.total).toBe(270553174016);
    expect(usage.used).toBe(23600193536);
    expect(usage.free).toBe(85344100352);
    expect(usage.usedPercent).toBeCloseTo((23600193536 / (23600193536 + 85344100352)) * 100, 10);
    expect(Math.ceil(usage.usedPercent)).toBe(22);
    expect(usage.inodesUsedPercent).toBeCloseTo(((16777216 - 16361348) / 16777216) * 100, 10);
  });

  it('has no inode percentage when the filesystem reports no inodes (btrfs)', () => {
    const usage = diskUsageFromStatfs({
      bsize: 4096,
      blocks: 100,
      bfree: 50,
      bavail: 50,
      files: 0,
      ffree: 0,
    });
    expect(usage.inodesUsedPercent).toBeUndefined();
    expect(usage.usedPercent).toBe(50);
  });
});
