import type { Collector, Sample } from '../types.js';
import { memoryFromMeminfo, parseMeminfo } from './parse/meminfo.js';
import { DEFAULT_PROC_ROOT, readRootFile } from './proc-files.js';
import { sample } from './sample.js';

export interface MemoryCollectorOptions {
  procRoot?: string;
}

/** Physical memory from /proc/meminfo, CloudWatch-agent style (used = total - available). */
export class MemoryCollector implements Collector {
  readonly name = 'memory';
  private readonly procRoot: string;

  constructor(options: MemoryCollectorOptions = {}) {
    this.procRoot = options.procRoot ?? DEFAULT_PROC_ROOT;
  }

  async collect(now: number): Promise<Sample[]> {
    const mem = memoryFromMeminfo(parseMeminfo(await readRootFile(this.procRoot, 'meminfo')));
    return [
      sample('mem_used_percent', mem.usedPercent, 'Percent', now),
      sample('mem_available_percent', mem.availablePercent, 'Percent', now),
      sample('mem_total', mem.total, 'Bytes', now),
      sample('mem_used', mem.used, 'Bytes', now),
      sample('mem_available', mem.available, 'Bytes', now),
      sample('mem_free', mem.free, 'Bytes', now),
      sample('mem_cached', mem.cached, 'Bytes', now),
      sample('mem_buffered', mem.buffered, 'Bytes', now),
    ];
  }
}
