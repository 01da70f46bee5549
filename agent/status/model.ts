/**
 * Everything `hostwatch status` (and later the bot's "tell me about my server") shows, read from
 * the store. The JSON form of this model is a documented, stable output.
 */
import { statSync } from 'node:fs';
import { type AlertingSummary, alertingSummary } from '../../alerting/report.js';
import { type DiscordConnection, readConnection } from '../../bot/connection-status.js';
import { type ComponentDecision, readDecisions } from '../daemon/component-decisions.js';
import { type LastProbe, PROBE_META_PREFIX } from '../daemon/probe-loop.js';
import type { AgentStats } from '../daemon/self-stats.js';
import { type CloudwatchStatus, readCloudwatchStatus } from '../exporters/cloudwatch/status.js';
import type { HostIdentity } from '../identity/types.js';
import { listCollectorRuns } from '../store/collector-runs.js';
import type { Db } from '../store/db.js';
import { MetaStore } from '../store/meta.js';
import { ReportOutbox, type ReportOutboxSummary } from '../store/report-outbox.js';
import { type LatestValue, latestValues } from '../store/sample-reader.js';
import { StateIntervalStore } from '../store/state-intervals.js';
import type { CollectorRun } from '../types.js';
import { CAUSE_AGENT_NOT_RUNNING, HOST_SERVICE } from '../uptime/host-gap.js';
import type { ServiceState } from '../uptime/types.js';

export interface ServiceStatusEntry {
  service: string;
  /** The recorded state; "unknown" when the agent is not running (nobody is watching). */
  state: ServiceState;
  /** When the current state began (ms). */
  since: number | null;
  cause: string | null;
  /** The newest probe; null for the host (confirmed by every collection cycle). */
  lastProbe: LastProbe | null;
}

export const IDENTITY_META_KEY = 'identity';

export interface StatusModel {
  generatedAt: number;
  host: HostIdentity | null;
  agent: {
    running: boolean;
    pid: number | null;
    /** The newest cycle is older than 3 intervals: the daemon is stuck or stopped. */
    stale: boolean;
    stats: AgentStats | null;
    dataDir: string;
    dbBytes: number;
  };
  services: ServiceStatusEntry[];
  collectors: CollectorRun[];
  metrics: LatestValue[];
  /** null when CloudWatch never ran on this store; see agent/exporters/cloudwatch/status.ts. */
  cloudwatch: CloudwatchStatus | null;
  /** Alert counts and the pager outbox; null when the store has no alerting tables yet (alerting/report.ts). */
  alerting: AlertingSummary | null;
  /** The weekly report outbox; null when the store has no report outbox yet (agent/store/report-outbox.ts). */
  report: ReportOutboxSummary | null;
  /** The daemon's latest on/off decision per feature, with its reason; null before the first one. */
  components: ComponentDecision[] | null;
  /** The bot's connection (bot/connection-status.ts); null when the bot is off or never ran. */
  discord: DiscordConnection | null;
}

export interface StatusInputs {
  db: Db;
  dbPath: string;
  dataDir: string;
  now: number;
  runningPid: number | undefined;
  /** Configured service names besides the host. */
  services: readonly string[];
}

function fileBytes(path: string): number {
  let total = 0;
  for (const suffix of ['', '-wal', '-shm']) {
    try {
      total += statSync(path + suffix).size;
    } catch {
      // the WAL and SHM files come and go with checkpoints
    }
  }
  return total;
}

export function buildStatus({ db, dbPath, dataDir, now, runningPid, services }: StatusInputs): StatusModel {
  const meta = new MetaStore(db);
  const stats = meta.get<AgentStats>('agent') ?? null;
  const lastCycleAt = stats?.lastCycleAt;
  // Only values from the most recent few cycles: an old value must not pass for a current one.
  const freshSince = stats ? stats.lastCycleAt - 3 * stats.intervalMs : 0;
  const components = readDecisions(db);
  const botOn = components?.some((c) => c.name === 'discord' && c.on) ?? false;
  return {
    generatedAt: now,
    host: meta.get<HostIdentity>(IDENTITY_META_KEY) ?? null,
    agent: {
      running: runningPid !== undefined,
      pid: runningPid ?? null,
      stale: lastCycleAt === undefined || now - lastCycleAt > 3 * (stats?.intervalMs ?? 10_000),
      stats,
      dataDir,
      dbBytes: fileBytes(dbPath),
    },
    services: serviceEntries(db, meta, [HOST_SERVICE, ...services], runningPid !== undefined),
    collectors: listCollectorRuns(db),
    metrics: latestValues(db, freshSince),
    cloudwatch: readCloudwatchStatus(db, now),
    alerting: alertingSummary(db),
    report: new ReportOutbox(db).summary(),
    components,
    discord: botOn ? readConnection(db) : null,
  };
}

function serviceEntries(
  db: Db,
  meta: MetaStore,
  names: readonly string[],
  running: boolean,
): ServiceStatusEntry[] {
  const intervals = new StateIntervalStore(db);
  return names.map((service) => {
    const open = intervals.current(service);
    const lastProbe = meta.get<LastProbe>(`${PROBE_META_PREFIX}${service}`) ?? null;
    if (!running || !open)
      return {
        service,
        state: 'unknown',
        since: null,
        cause: running ? 'no probe result yet' : CAUSE_AGENT_NOT_RUNNING,
        lastProbe,
      };
    return { service, state: open.state, since: open.from, cause: open.cause, lastProbe };
  });
}
