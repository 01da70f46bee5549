/** The statfs fields the disk collector needs (a subset of node's fs.StatFs). */
export interface StatfsResult {
  bsize: number;
  blocks: number;
  bfree: number;
  bavail: number;
  files: number;
  ffree: number;
}

export interface DiskUsage {
  total: number;
  used: number;
  /** Free for unprivileged users (excludes the root reserve), as df's "Available". */
  free: number;
  usedPercent: number;
  /** Undefined when the filesystem has no fixed inode table (btrfs reports 0 files). */
  inodesUsedPercent: number | undefined;
}

/**
 * Usage as df computes it: used = blocks - bfree, and the percentage is used / (used + avail), so the
 * root-reserved blocks do not make a full disk look 95% used.
 */
export function diskUsageFromStatfs(s: StatfsResult): DiskUsage {
  const used = (s.blocks - s.bfree) * s.bsize;
  const free = s.bavail * s.bsize;
  const inodesUsed = s.files - s.ffree;
  return {
    total: s.blocks * s.bsize,
    used,
    free,
    usedPercent: used + free > 0 ? (used / (used + free)) * 100 : 0,
    inodesUsedPercent: s.files > 0 ? (inodesUsed / s.files) * 100 : undefined,
  };
}
