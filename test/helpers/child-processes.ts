import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A watchdog per server: a shell blocked reading a pipe whose only writer is this test process. However this
 * process ends (vitest kills its workers without an 'exit' event, a crash, SIGKILL), the pipe closes, `read`
 * returns and the shell SIGKILLs the server's process group and deletes its temp dir. A normal stop kills the
 * watchdog instead.
 */
function startReaper(serverGroup: number, tempDir: string): ChildProcess {
  const script = 'read _; kill -KILL -"$1" 2>/dev/null; sleep 1; rm -rf -- "$2"';
  const reaper = spawn('/bin/sh', ['-c', script, 'hostwatch-test-reaper', String(serverGroup), tempDir], {
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  reaper.unref();
  (reaper.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  return reaper;
}

/** Throws a message that says what to install when a server binary is missing (CI treats it as a failure). */
export async function requireExecutable(file: string, installHint: string): Promise<void> {
  try {
    await access(file, constants.X_OK);
  } catch {
    throw new Error(`${file} is missing or not executable: ${installHint}`);
  }
}

export interface TrackedChild {
  child: ChildProcess;
  /** Last output lines, for error messages. */
  output(): string;
  /** Set once the process has exited. */
  exitDescription(): string | undefined;
  exited: Promise<void>;
}

/** Signals the child's whole process group (nginx workers, anything catalina.sh forks), never other processes. */
function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/**
 * Spawns in its own process group so that stopping it also stops its children. `tempDir` (the server's
 * generated prefix) is deleted if this test process dies without stopping the server.
 */
export function spawnTracked(
  file: string,
  args: string[],
  options: SpawnOptions & { tempDir: string },
): TrackedChild {
  const { tempDir, ...spawnOptions } = options;
  const child = spawn(file, args, { ...spawnOptions, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const reaper = child.pid === undefined ? undefined : startReaper(child.pid, tempDir);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-8000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exitDescription: string | undefined;
  const exited = new Promise<void>((resolve) => {
    const done = (description: string) => {
      exitDescription ??= description;
      reaper?.kill('SIGKILL');
      resolve();
    };
    child.once('exit', (code, signal) => done(`exited with ${signal ?? `code ${code}`}`));
    child.once('error', (error) => done(`failed to start: ${error.message}`));
  });
  return { child, output: () => output, exitDescription: () => exitDescription, exited };
}

/**
 * Sends `signal` to the main process (it stops its own children gracefully), then SIGKILLs the whole group if
 * it has not exited within `graceMs`. nginx's master and the JVM only exit after their own children did.
 */
export async function stopTracked(
  tracked: TrackedChild,
  signal: NodeJS.Signals = 'SIGTERM',
  graceMs = 10_000,
) {
  if (tracked.exitDescription() === undefined) {
    tracked.child.kill(signal);
    const timeout = new AbortController();
    const stopped = await Promise.race([
      tracked.exited.then(() => true),
      sleep(graceMs, false, { signal: timeout.signal }).catch(() => false),
    ]);
    timeout.abort();
    if (!stopped) {
      killGroup(tracked.child, 'SIGKILL');
      await tracked.exited;
    }
  }
}
