/**
 * At start-up: account for the time the agent was not running. A gap spanning a reboot is host
 * downtime (last record -> boot); the agent's own absence is unknown, never service downtime.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseProcStat } from '../collectors/parse/stat.js';
import type { Logger } from '../log.js';
import type { Db } from '../store/db.js';
import { StateIntervalStore } from '../store/state-intervals.js';
import { classifyGap } from '../uptime/host-gap.js';

/** Kernel boot time in ms from /proc/stat `btime`; undefined when it cannot be read. */
export function readBootTimeMs(procRoot = '/proc'): number | undefined {
  try {
    const seconds = parseProcStat(readFileSync(join(procRoot, 'stat'), 'utf8')).bootTime;
    return seconds === undefined ? undefined : seconds * 1000;
  } catch {
    return undefined;
  }
}

export function recordStartupGap(
  db: Db,
  logger: Logger,
  input: { agentStartAt: number; bootTimeMs: number | undefined; services: readonly string[] },
): { rebooted: boolean; lastRecordAt: number | undefined } {
  const store = new StateIntervalStore(db);
  const lastRecordAt = store.lastRecordAt();
  const { rebooted, intervals } = classifyGap({ lastRecordAt, ...input });
  db.transaction(() => {
    store.closeAll();
    for (const interval of intervals) {
      store.insertClosed({ ...interval, to: interval.to ?? input.agentStartAt });
    }
  })();
  if (rebooted && lastRecordAt !== undefined && input.bootTimeMs !== undefined) {
    logger.warn('host was rebooted while the agent was not running; recorded as host downtime', {
      lastRecord: new Date(lastRecordAt).toISOString(),
      boot: new Date(input.bootTimeMs).toISOString(),
      downMs: input.bootTimeMs - lastRecordAt,
    });
  } else if (lastRecordAt !== undefined) {
    logger.info('agent was not running; the gap is recorded as unknown', {
      lastRecord: new Date(lastRecordAt).toISOString(),
      gapMs: input.agentStartAt - lastRecordAt,
    });
  }
  return { rebooted, lastRecordAt };
}
