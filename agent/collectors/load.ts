import type { Collector, Sample } from '../types.js';
import { parseLoadavg } from './parse/loadavg.js';
import { parseProcStat } from './parse/stat.js';
import { DEFAULT_PROC_ROOT, readRootFile } from './proc-files.js';
import { sample } from './sample.js';

export interface LoadCollectorOptions {
  procRoot?: string;
}

/** Load averages from /proc/loadavg, plus the online CPU count to read them against. */
export class LoadCollector implements Collector {
  readonly name = 'load';
  private readonly procRoot: string;

  constructor(options: LoadCollectorOptions = {}) {
    this.procRoot = options.procRoot ?? DEFAULT_PROC_ROOT;
  }

  async collect(now: number): Promise<Sample[]> {
    const [loadText, statText] = await Promise.all([
      readRootFile(this.procRoot, 'loadavg'),
      readRootFile(this.procRoot, 'stat'),
    ]);
    const load = parseLoadavg(loadText);
    const { cpuCount } = parseProcStat(statText);
    const samples = [
      sample('system_load1', load.load1, 'None', now),
      sample('system_load5', load.load5, 'None', now),
      sample('system_load15', load.load15, 'None', now),
    ];
    if (cpuCount > 0) samples.push(sample('system_n_cpus', cpuCount, 'Count', now));
    return samples;
  }
}
