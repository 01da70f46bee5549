/** Runs the built `hostwatch` CLI (dist/) the way a user would: a real process. */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CLI = join(import.meta.dirname, '../../dist/agent/cli.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A clean environment: no inherited HOSTWATCH_* or AWS settings, IMDS pointed nowhere fast. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(HOSTWATCH_|AWS_|DISCORD_|STATE_DIRECTORY|CREDENTIALS_DIRECTORY)/.test(key)) env[key] = value;
  }
  return { ...env, AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://127.0.0.1:9', ...extra };
}

export function tempDir(prefix = 'hostwatch-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function runCli(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { env: options.env ?? cleanEnv(), cwd: options.cwd ?? tmpdir(), timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

export interface DaemonHandle {
  proc: ChildProcess;
  /** Parsed JSON log lines seen so far. */
  logs: Array<Record<string, unknown>>;
  waitForLog(
    predicate: (line: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
  /** SIGTERM and wait; resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  exited: Promise<number | null>;
}

export function startDaemon(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
): DaemonHandle {
  const proc = spawn(process.execPath, [CLI, 'run', ...args], {
    env: options.env ?? cleanEnv(),
    cwd: options.cwd ?? tmpdir(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Array<Record<string, unknown>> = [];
  const waiters: Array<() => void> = [];
  let buffer = '';
  proc.stdout?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    let newline = buffer.indexOf('\n');
    while (newline >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        logs.push({ msg: line, unparsed: true });
      }
      newline = buffer.indexOf('\n');
    }
    for (const wake of waiters.splice(0)) wake();
  });
  let stderr = '';
  proc.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const waitForLog: DaemonHandle['waitForLog'] = (predicate, timeoutMs = 15_000) =>
    new Promise((resolve, reject) => {
      const deadline = setTimeout(
        () =>
          reject(
            new Error(
              `no matching log line within ${timeoutMs}ms; stderr: ${stderr}; logs: ${JSON.stringify(logs.slice(-5))}`,
            ),
          ),
        timeoutMs,
      );
      const check = () => {
        const found = logs.find(predicate);
        if (found) {
          clearTimeout(deadline);
          resolve(found);
        } else waiters.push(check);
      };
      check();
    });
  return {
    proc,
    logs,
    waitForLog,
    exited,
    stop: async (signal = 'SIGTERM') => {
      if (proc.exitCode === null) proc.kill(signal);
      return exited;
    },
  };
}
