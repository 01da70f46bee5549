import { ProcParseError } from './errors.js';

/** /proc/meminfo as a map from key (MemTotal, SwapFree, ...) to bytes (or a plain count for HugePages_*). */
export type Meminfo = ReadonlyMap<string, number>;

export function parseMeminfo(text: string): Meminfo {
  const values = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^([^:\s]+):\s+(\d+)(?:\s+(kB))?\s*$/.exec(line);
    if (!match) continue;
    const value = Number(match[2]);
    values.set(match[1] as string, match[3] ? value * 1024 : value);
  }
  return values;
}

function required(meminfo: Meminfo, key: string): number {
  const value = meminfo.get(key);
  if (value === undefined) throw new ProcParseError('/proc/meminfo', `missing ${key}`);
  return value;
}

export interface MemoryFigures {
  total: number;
  available: number;
  used: number;
  free: number;
  cached: number;
  buffered: number;
  usedPercent: number;
  availablePercent: number;
}

/**
 * Memory figures as the CloudWatch agent reports them: used = total - available, so page cache the
 * kernel can drop is not "used". Cached includes reclaimable slab (as gopsutil and `free` do).
 * Kernels before 3.14 have no MemAvailable: it is estimated as free + buffers + cached there.
 */
export function memoryFromMeminfo(meminfo: Meminfo): MemoryFigures {
  const total = required(meminfo, 'MemTotal');
  const free = required(meminfo, 'MemFree');
  const buffered = meminfo.get('Buffers') ?? 0;
  const cached = (meminfo.get('Cached') ?? 0) + (meminfo.get('SReclaimable') ?? 0);
  const available = Math.min(total, meminfo.get('MemAvailable') ?? free + buffered + cached);
  const used = total - available;
  return {
    total,
    available,
    used,
    free,
    cached,
    buffered,
    usedPercent: total > 0 ? (used / total) * 100 : 0,
    availablePercent: total > 0 ? (available / total) * 100 : 0,
  };
}

export interface SwapFigures {
  total: number;
  free: number;
  used: number;
  /** 0 on a host without swap. */
  usedPercent: number;
}

export function swapFromMeminfo(meminfo: Meminfo): SwapFigures {
  const total = required(meminfo, 'SwapTotal');
  const free = Math.min(total, required(meminfo, 'SwapFree'));
  const used = total - free;
  return { total, free, used, usedPercent: total > 0 ? (used / total) * 100 : 0 };
}
