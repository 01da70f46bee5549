import type { Collector, Sample } from '../types.js';
import { parseProcStat } from './parse/stat.js';
import { parseUptime } from './parse/uptime.js';
import { DEFAULT_PROC_ROOT, readRootFile } from './proc-files.js';
import { sample } from './sample.js';

export interface SystemCollectorOptions {
  procRoot?: string;
}

/** Uptime (/proc/uptime) and boot time (`btime` in /proc/stat); a drop in uptime means a reboot. */
export class SystemCollector implements Collector {
  readonly name = 'system';
  private readonly procRoot: string;

  constructor(options: SystemCollectorOptions = {}) {
    this.procRoot = options.procRoot ?? DEFAULT_PROC_ROOT;
  }

  async collect(now: number): Promise<Sample[]> {
    const [uptimeText, statText] = await Promise.all([
      readRootFile(this.procRoot, 'uptime'),
      readRootFile(this.procRoot, 'stat'),
    ]);
    const samples = [sample('system_uptime', parseUptime(uptimeText), 'Seconds', now)];
    const { bootTime } = parseProcStat(statText);
    if (bootTime !== undefined) samples.push(sample('system_boot_time', bootTime, 'Seconds', now));
    return samples;
  }
}
