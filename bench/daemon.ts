/**
 * The real daemon at defaults (10 s interval) for a while: RSS at the end and its average CPU use
 * (utime+stime from /proc/<pid>/stat) after start-up settled, as a share of one core.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const USER_HZ = 100;
const CLI = join(import.meta.dirname, '../agent/cli.js');

function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / USER_HZ; // utime, stime
}

function rssBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? 0) * 1024;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function benchDaemon(options: {
  dir: string;
  seconds: number;
  settleSeconds?: number;
  nodeArgs?: string[];
}) {
  const settle = options.settleSeconds ?? 15;
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), CLI, 'run', '--data-dir', join(options.dir, 'daemon')],
    {
      stdio: 'ignore',
      env: {
        ...process.env,
        AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://127.0.0.1:9',
        HOSTWATCH_LOG_LEVEL: 'info',
      },
    },
  );
  const pid = child.pid as number;
  try {
    await sleep(settle * 1000);
    const cpuStart = cpuSeconds(pid);
    const rssSamples: number[] = [];
    const steps = Math.max(1, Math.round((options.seconds - settle) / 5));
    for (let i = 0; i < steps; i++) {
      await sleep(((options.seconds - settle) * 1000) / steps);
      rssSamples.push(rssBytes(pid));
    }
    const cpuUsed = cpuSeconds(pid) - cpuStart;
    const mib = (n: number) => Math.round((n / 1048576) * 10) / 10;
    return {
      nodeArgs: options.nodeArgs ?? [],
      seconds: options.seconds,
      rssMiBAtEnd: mib(rssSamples.at(-1) ?? 0),
      rssMiBMax: mib(Math.max(...rssSamples)),
      cpuPercentOfOneCore: Math.round((cpuUsed / (options.seconds - settle)) * 100 * 1000) / 1000,
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}
