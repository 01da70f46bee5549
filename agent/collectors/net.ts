import type { Collector, Sample } from '../types.js';
import { compileNamePatterns } from './name-patterns.js';
import { type NetDevStat, parseNetDev } from './parse/netdev.js';
import { DEFAULT_PROC_ROOT, readRootFile } from './proc-files.js';
import { CounterRates } from './rates.js';
import { sample } from './sample.js';

export interface NetCollectorOptions {
  procRoot?: string;
  /** Interface name patterns to leave out (`*` wildcard, e.g. "veth*"); default: none. */
  excludeInterfaces?: readonly string[];
}

const COUNTERS: readonly [
  metric: string,
  field: keyof Omit<NetDevStat, 'interface'>,
  unit: 'Bytes/Second' | 'Count/Second',
][] = [
  ['net_bytes_sent', 'bytesSent', 'Bytes/Second'],
  ['net_bytes_recv', 'bytesRecv', 'Bytes/Second'],
  ['net_packets_sent', 'packetsSent', 'Count/Second'],
  ['net_packets_recv', 'packetsRecv', 'Count/Second'],
  ['net_err_in', 'errIn', 'Count/Second'],
  ['net_err_out', 'errOut', 'Count/Second'],
  ['net_drop_in', 'dropIn', 'Count/Second'],
  ['net_drop_out', 'dropOut', 'Count/Second'],
];

/** Per-interface traffic per second (including `lo`) from /proc/net/dev. */
export class NetCollector implements Collector {
  readonly name = 'net';
  private readonly procRoot: string;
  private readonly isExcluded: (name: string) => boolean;
  private readonly counters = new CounterRates();

  constructor(options: NetCollectorOptions = {}) {
    this.procRoot = options.procRoot ?? DEFAULT_PROC_ROOT;
    this.isExcluded = compileNamePatterns(options.excludeInterfaces ?? []);
  }

  async collect(now: number): Promise<Sample[]> {
    const samples: Sample[] = [];
    for (const stat of parseNetDev(await readRootFile(this.procRoot, 'net/dev'))) {
      if (this.isExcluded(stat.interface)) continue;
      const labels = { interface: stat.interface };
      for (const [metric, field, unit] of COUNTERS) {
        const value = this.counters.rate(`${stat.interface}:${field}`, stat[field], now);
        if (value !== undefined) samples.push(sample(metric, value, unit, now, labels));
      }
    }
    this.counters.forgetUnseen(now);
    return samples;
  }
}
