import { ProcParseError, toCounter } from './errors.js';

/** One interface row of /proc/net/dev, cumulative counters. */
export interface NetDevStat {
  interface: string;
  bytesRecv: number;
  packetsRecv: number;
  errIn: number;
  dropIn: number;
  bytesSent: number;
  packetsSent: number;
  errOut: number;
  dropOut: number;
}

/** Parses /proc/net/dev; the two header lines have no colon-separated interface and are skipped. */
export function parseNetDev(text: string): NetDevStat[] {
  const stats: NetDevStat[] = [];
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 0 || line.includes('|')) continue;
    const name = line.slice(0, colon).trim();
    const f = line
      .slice(colon + 1)
      .trim()
      .split(/\s+/);
    if (f.length < 16) throw new ProcParseError('/proc/net/dev', `short line for ${name}`);
    const num = (index: number, field: string) => toCounter('/proc/net/dev', `${name} ${field}`, f[index]);
    stats.push({
      interface: name,
      bytesRecv: num(0, 'rx bytes'),
      packetsRecv: num(1, 'rx packets'),
      errIn: num(2, 'rx errs'),
      dropIn: num(3, 'rx drop'),
      bytesSent: num(8, 'tx bytes'),
      packetsSent: num(9, 'tx packets'),
      errOut: num(10, 'tx errs'),
      dropOut: num(11, 'tx drop'),
    });
  }
  return stats;
}
