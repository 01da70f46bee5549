/** One writer per data directory: a pid file taken exclusively, stale ones (dead pid) reclaimed. */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const PID_FILE = 'hostwatch.pid';

export class LockError extends Error {
  readonly code = 'DATA_DIR_LOCKED';
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid of a live daemon on this data dir, if any. */
export function runningDaemonPid(dataDir: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(join(dataDir, PID_FILE), 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 && isProcessAlive(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

export function acquireLock(dataDir: string): { release(): void } {
  const path = join(dataDir, PID_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, `${process.pid}\n`, { flag: 'wx' });
      return {
        release: () => {
          if (runningDaemonPid(dataDir) === process.pid) rmSync(path, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = runningDaemonPid(dataDir);
      if (holder !== undefined && holder !== process.pid) {
        throw new LockError(
          `another hostwatch (pid ${holder}) is already running on ${dataDir}; stop it or use another --data-dir`,
        );
      }
      rmSync(path, { force: true }); // stale: left by a crash or kill -9
    }
  }
  throw new LockError(`could not take ${path}`);
}
