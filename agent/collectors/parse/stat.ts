import { ProcParseError, toCounter } from './errors.js';

/** Cumulative CPU time in USER_HZ ticks, as in the aggregate `cpu` line of /proc/stat. */
export interface CpuTimes {
  user: number;
  nice: number;
  system: number;
  idle: number;
  iowait: number;
  irq: number;
  softirq: number;
  steal: number;
  /** Already included in `user` by the kernel. */
  guest: number;
  /** Already included in `nice` by the kernel. */
  guestNice: number;
}

export interface ProcStat {
  cpu: CpuTimes;
  /** Number of `cpuN` lines: the CPUs online now. */
  cpuCount: number;
  /** Boot time in seconds since the epoch (`btime`), when present. */
  bootTime: number | undefined;
}

const CPU_FIELDS = [
  'user',
  'nice',
  'system',
  'idle',
  'iowait',
  'irq',
  'softirq',
  'steal',
  'guest',
  'guestNice',
] as const;

/** Parses /proc/stat. Fields newer kernels added (steal, guest, guest_nice) default to 0 when absent. */
export function parseProcStat(text: string): ProcStat {
  let cpu: CpuTimes | undefined;
  let cpuCount = 0;
  let bootTime: number | undefined;
  for (const line of text.split('\n')) {
    const parts = line.trim().split(/\s+/);
    const key = parts[0];
    if (key === 'cpu') {
      cpu = parseCpuFields(parts.slice(1));
    } else if (key !== undefined && /^cpu\d+$/.test(key)) {
      cpuCount++;
    } else if (key === 'btime') {
      bootTime = toCounter('/proc/stat', 'btime', parts[1]);
    }
  }
  if (!cpu) throw new ProcParseError('/proc/stat', 'no aggregate "cpu" line');
  return { cpu, cpuCount, bootTime };
}

function parseCpuFields(values: string[]): CpuTimes {
  if (values.length < 4) throw new ProcParseError('/proc/stat', 'the "cpu" line has fewer than 4 fields');
  const times = {} as CpuTimes;
  CPU_FIELDS.forEach((field, index) => {
    const raw = values[index];
    times[field] = raw === undefined ? 0 : toCounter('/proc/stat', `cpu ${field}`, raw);
  });
  return times;
}

export const CPU_TIME_FIELDS: readonly (keyof CpuTimes)[] = CPU_FIELDS;
