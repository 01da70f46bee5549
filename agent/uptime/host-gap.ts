/**
 * What to record for the time the agent was not running (between the last record before a stop and the
 * agent's start now). Two rules:
 * - a host reboot is never hidden: when the kernel booted after the last record, the host was down from
 *   that record to the boot (we cannot tell when in between it went down, so the whole stretch counts);
 * - the agent's own absence is never service downtime: services are `unknown` for the whole gap (cause
 *   "host rebooted" up to the boot, "agent not running" after it), and so is the host whenever we have no
 *   evidence (no reboot at all, or between the boot and the agent's start).
 * Callers close the intervals left open at `lastRecordAt` before inserting these.
 */
import type { StateInterval } from './types.js';

export const HOST_SERVICE = 'host';
export const CAUSE_REBOOT = 'host rebooted';
export const CAUSE_AGENT_NOT_RUNNING = 'agent not running';

export interface GapInput {
  /** End of the last recorded state (ms); undefined on the very first start: nothing to fill. */
  lastRecordAt: number | undefined;
  /** Kernel boot time (ms), e.g. from /proc/stat btime; undefined when unknown. */
  bootTimeMs: number | undefined;
  agentStartAt: number;
  /** Monitored services other than the host. */
  services: readonly string[];
  hostService?: string;
}

export interface GapClassification {
  rebooted: boolean;
  /** Closed intervals to insert, host first. */
  intervals: StateInterval[];
}

export function classifyGap(input: GapInput): GapClassification {
  const { lastRecordAt, bootTimeMs, agentStartAt } = input;
  const host = input.hostService ?? HOST_SERVICE;
  if (lastRecordAt === undefined || agentStartAt <= lastRecordAt) return { rebooted: false, intervals: [] };
  const services = input.services.filter((service) => service !== host);
  const unknown = (service: string, from: number): StateInterval => ({
    service,
    state: 'unknown',
    from,
    to: agentStartAt,
    cause: CAUSE_AGENT_NOT_RUNNING,
  });
  const rebooted = bootTimeMs !== undefined && bootTimeMs > lastRecordAt;
  if (!rebooted) {
    return { rebooted, intervals: [host, ...services].map((service) => unknown(service, lastRecordAt)) };
  }
  // A boot time after the agent's start is clock trouble; keep the down stretch inside the gap.
  const bootAt = Math.min(bootTimeMs, agentStartAt);
  const intervals: StateInterval[] = [
    { service: host, state: 'down', from: lastRecordAt, to: bootAt, cause: CAUSE_REBOOT },
  ];
  if (bootAt < agentStartAt) intervals.push(unknown(host, bootAt));
  for (const service of services) {
    if (bootAt > lastRecordAt) {
      intervals.push({ service, state: 'unknown', from: lastRecordAt, to: bootAt, cause: CAUSE_REBOOT });
    }
    if (bootAt < agentStartAt) intervals.push(unknown(service, bootAt));
  }
  return { rebooted, intervals };
}
