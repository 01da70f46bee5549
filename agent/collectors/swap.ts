import type { Collector, Sample } from '../types.js';
import { parseMeminfo, swapFromMeminfo } from './parse/meminfo.js';
import { DEFAULT_PROC_ROOT, readRootFile } from './proc-files.js';
import { sample } from './sample.js';

export interface SwapCollectorOptions {
  procRoot?: string;
}

/** Swap from /proc/meminfo; a host without swap reports 0 used and 0 percent rather than nothing. */
export class SwapCollector implements Collector {
  readonly name = 'swap';
  private readonly procRoot: string;

  constructor(options: SwapCollectorOptions = {}) {
    this.procRoot = options.procRoot ?? DEFAULT_PROC_ROOT;
  }

  async collect(now: number): Promise<Sample[]> {
    const swap = swapFromMeminfo(parseMeminfo(await readRootFile(this.procRoot, 'meminfo')));
    return [
      sample('swap_used_percent', swap.usedPercent, 'Percent', now),
      sample('swap_used', swap.used, 'Bytes', now),
      sample('swap_free', swap.free, 'Bytes', now),
      sample('swap_total', swap.total, 'Bytes', now),
    ];
  }
}
