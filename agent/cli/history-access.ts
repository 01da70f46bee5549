/** Read access to the uptime history for CLI commands. */
import { runningDaemonPid } from '../daemon/lock.js';
import { UnknownServiceError } from '../history/report.js';
import type { Db } from '../store/db.js';
import { UsageError } from './command.js';
import { type CliContext, openReadOnly } from './context.js';

/**
 * Runs `read` on the store opened read-only. `agentRunning` (a live daemon holds the data directory) decides
 * whether open runs continue up to now. An unknown --service becomes a usage error.
 */
export function withHistory<T>(ctx: CliContext, read: (db: Db, agentRunning: boolean) => T): T {
  const db = openReadOnly(ctx);
  try {
    return read(db, runningDaemonPid(ctx.dataDir) !== undefined);
  } catch (error) {
    if (error instanceof UnknownServiceError) throw new UsageError(error.message);
    throw error;
  } finally {
    db.close();
  }
}

export function rejectPositionals(positionals: readonly string[]): void {
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
}
