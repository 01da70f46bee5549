import type { Collector, Sample } from '../types.js';
import { cpuUsagePercent } from './parse/cpu-usage.js';
import { CPU_TIME_FIELDS, type CpuTimes, parseProcStat } from './parse/stat.js';
import { DEFAULT_PROC_ROOT, readRootFile } from './proc-files.js';
import { CounterRates } from './rates.js';
import { sample } from './sample.js';

export interface CpuCollectorOptions {
  procRoot?: string;
}

/**
 * Whole-machine CPU usage in percent between two calls, from the `cpu` line of /proc/stat.
 * The first call after start only stores the baseline and returns no samples.
 */
export class CpuCollector implements Collector {
  readonly name = 'cpu';
  private readonly procRoot: string;
  private readonly counters = new CounterRates();

  constructor(options: CpuCollectorOptions = {}) {
    this.procRoot = options.procRoot ?? DEFAULT_PROC_ROOT;
  }

  async collect(now: number): Promise<Sample[]> {
    const { cpu } = parseProcStat(await readRootFile(this.procRoot, 'stat'));
    const total =
      cpu.user + cpu.nice + cpu.system + cpu.idle + cpu.iowait + cpu.irq + cpu.softirq + cpu.steal;
    const totalDelta = this.counters.delta('total', total, now);
    const delta = {} as CpuTimes;
    for (const field of CPU_TIME_FIELDS) {
      // proc(5): iowait (and on some kernels idle) can briefly go backwards; such a field counts as 0
      // for this step instead of dropping the whole sample, as long as the total moved forward.
      delta[field] = this.counters.delta(field, cpu[field], now)?.delta ?? 0;
    }
    if (!totalDelta) return [];
    const usage = cpuUsagePercent(delta);
    if (!usage) return [];
    return [
      sample('cpu_usage_active', usage.active, 'Percent', now),
      sample('cpu_usage_user', usage.user, 'Percent', now),
      sample('cpu_usage_system', usage.system, 'Percent', now),
      sample('cpu_usage_iowait', usage.iowait, 'Percent', now),
      sample('cpu_usage_steal', usage.steal, 'Percent', now),
      sample('cpu_usage_idle', usage.idle, 'Percent', now),
      sample('cpu_usage_nice', usage.nice, 'Percent', now),
      sample('cpu_usage_irq', usage.irq, 'Percent', now),
      sample('cpu_usage_softirq', usage.softirq, 'Percent', now),
    ];
  }
}
