import type { CpuTimes } from './stat.js';

export interface CpuUsagePercent {
  active: number;
  user: number;
  system: number;
  iowait: number;
  steal: number;
  idle: number;
  nice: number;
  irq: number;
  softirq: number;
}

/**
 * Turns CPU time spent during an interval (per-field deltas) into percentages of the whole machine,
 * the way Telegraf's cpu plugin (and so the CloudWatch agent) does: guest time is not added again
 * (the kernel already counts it in user/nice), and "active" is everything but idle, so iowait counts
 * as active. Returns undefined when no time passed.
 */
export function cpuUsagePercent(delta: CpuTimes): CpuUsagePercent | undefined {
  const total =
    delta.user +
    delta.nice +
    delta.system +
    delta.idle +
    delta.iowait +
    delta.irq +
    delta.softirq +
    delta.steal;
  if (total <= 0) return undefined;
  const pct = (ticks: number) => (ticks / total) * 100;
  return {
    active: pct(total - delta.idle),
    user: pct(delta.user),
    system: pct(delta.system),
    iowait: pct(delta.iowait),
    steal: pct(delta.steal),
    idle: pct(delta.idle),
    nice: pct(delta.nice),
    irq: pct(delta.irq),
    softirq: pct(delta.softirq),
  };
}
