/**
 * Everything `hostwatch status` (and later the bot's "tell me about my server") shows, read from
 * the store. The JSON form of this model is a documented, stable output.
 */
import { statSync } from 'node:fs';
import type { AgentStats } from '../daemon/self-stats.js';
import type { HostIdentity } from '../identity/types.js';
import { listCollectorRuns } from '../store/collector-runs.js';
import type { Db } from '../store/db.js';
import { MetaStore } from '../store/meta.js';
import { type LatestValue, latestValues } from '../store/sample-reader.js';
import type { CollectorRun } from '../types.js';

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
  collectors: CollectorRun[];
  metrics: LatestValue[];
}

export interface StatusInputs {
  db: Db;
  dbPath: string;
  dataDir: string;
  now: number;
  runningPid: number | undefined;
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

export function buildStatus({ db, dbPath, dataDir, now, runningPid }: StatusInputs): StatusModel {
  const meta = new MetaStore(db);
  const stats = meta.get<AgentStats>('agent') ?? null;
  const lastCycleAt = stats?.lastCycleAt;
  // Only values from the most recent few cycles: an old value must not pass for a current one.
  const freshSince = stats ? stats.lastCycleAt - 3 * stats.intervalMs : 0;
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
    collectors: listCollectorRuns(db),
    metrics: latestValues(db, freshSince),
  };
}
