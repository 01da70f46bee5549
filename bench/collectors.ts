/**
 * Collectors benchmark: our /proc collectors against the systeminformation calls that would do the
 * same job (currentLoad, mem, fsSize, disksIO, networkStats). Per approach and cycle it measures this
 * process's CPU time (process.cpuUsage, user+system), the CPU time of child processes it waited for
 * (cutime+cstime from /proc/self/stat: systeminformation runs `cat`, `df`, `lsblk`...), wall time,
 * and the worst event-loop delay during the cycle (perf_hooks.monitorEventLoopDelay).
 *
 * Cycles are spaced like a sampler's (default 600 ms apart; systeminformation caches results for
 * 200-500 ms, so back-to-back calls would measure its cache).
 *
 * Run alone after `npx tsc -p tsconfig.build.json`: node dist/bench/collectors.js [cycles] [intervalMs]
 */
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import * as si from 'systeminformation';
import { createCollectors } from '../agent/collectors/registry.js';
import type { Collector } from '../agent/types.js';
import { round, summary } from './stats.js';

type Calls = Record<string, () => Promise<unknown>>;

interface Approach {
  name: string;
  calls: Calls;
}

/** USER_HZ: the unit of /proc/self/stat times, 100 on every Linux architecture Node supports. */
const USER_HZ = 100;
const LOOP_RESOLUTION_MS = 1;
const WARMUP_CYCLES = 2;
const DEFAULT_INTERVAL_MS = 600;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** CPU ms of terminated, waited-for children (cutime + cstime), 10 ms resolution. */
function childCpuMs(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state) of proc(5); cutime and cstime are fields 16 and 17.
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / USER_HZ;
}

function ownCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

function collectorCalls(collectors: Collector[], groups: Record<string, string[]>): Calls {
  const byName = new Map(collectors.map((c) => [c.name, c]));
  return Object.fromEntries(
    Object.entries(groups).map(([label, names]) => [
      label,
      async () => {
        const now = Date.now();
        for (const name of names) await byName.get(name)?.collect(now);
      },
    ]),
  );
}

function approaches(): Approach[] {
  const ours = createCollectors();
  return [
    {
      name: 'proc collectors (same scope as systeminformation)',
      calls: collectorCalls(ours, {
        cpu: ['cpu'],
        'memory+swap': ['memory', 'swap'],
        disk: ['disk'],
        diskio: ['diskio'],
        net: ['net'],
      }),
    },
    {
      name: 'systeminformation',
      calls: {
        currentLoad: () => si.currentLoad(),
        mem: () => si.mem(),
        fsSize: () => si.fsSize(),
        disksIO: () => si.disksIO(),
        networkStats: () => si.networkStats('*'),
      },
    },
    {
      name: 'proc collectors (all 8)',
      calls: collectorCalls(createCollectors(), {
        all: ['cpu', 'load', 'memory', 'swap', 'disk', 'diskio', 'net', 'system'],
      }),
    },
  ];
}

interface CycleFigures {
  wallMs: number;
  cpuMs: number;
  childCpuMs: number;
  loopDelayMs: number;
  perCall: Record<string, { wallMs: number; cpuMs: number }>;
}

async function runCycle(calls: Calls): Promise<CycleFigures> {
  const histogram = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  histogram.enable();
  const perCall: CycleFigures['perCall'] = {};
  const child0 = childCpuMs();
  const cpu0 = ownCpuMs();
  const wall0 = performance.now();
  for (const [name, call] of Object.entries(calls)) {
    const callCpu0 = ownCpuMs();
    const callWall0 = performance.now();
    await call();
    perCall[name] = { wallMs: performance.now() - callWall0, cpuMs: ownCpuMs() - callCpu0 };
  }
  const wallMs = performance.now() - wall0;
  const cpuMs = ownCpuMs() - cpu0;
  // Let the delay timer fire once more so a block at the very end of the cycle is recorded.
  await sleep(LOOP_RESOLUTION_MS * 3);
  histogram.disable();
  // The histogram records intervals between timer ticks; the delay is what exceeds the resolution.
  const loopDelayMs = Math.max(0, histogram.max / 1e6 - LOOP_RESOLUTION_MS);
  return { wallMs, cpuMs, childCpuMs: childCpuMs() - child0, loopDelayMs, perCall };
}

async function benchApproach(
  approach: Approach,
  cycles: number,
  intervalMs: number,
): Promise<Record<string, unknown>> {
  const figures: CycleFigures[] = [];
  for (let i = 0; i < WARMUP_CYCLES + cycles; i++) {
    await sleep(intervalMs);
    const cycle = await runCycle(approach.calls);
    if (i >= WARMUP_CYCLES) figures.push(cycle);
  }
  const perCall = Object.fromEntries(
    Object.keys(approach.calls).map((name) => [
      name,
      {
        wallMs: summary(figures.map((f) => f.perCall[name]?.wallMs ?? Number.NaN)),
        cpuMs: summary(figures.map((f) => f.perCall[name]?.cpuMs ?? Number.NaN)),
      },
    ]),
  );
  const childTotal = figures.reduce((sum, f) => sum + f.childCpuMs, 0);
  return {
    cycles,
    cycleWallMs: summary(figures.map((f) => f.wallMs)),
    cycleCpuMs: summary(figures.map((f) => f.cpuMs)),
    childProcessCpuMsPerCycle: round(childTotal / cycles),
    eventLoopDelayMs: summary(figures.map((f) => f.loopDelayMs)),
    perCall,
  };
}

/** Benchmarks the approaches one after the other and returns the figures as a plain object. */
export async function benchCollectors(options: {
  cycles: number;
  /** Pause between cycles; systeminformation answers from a cache when called again within 200-500 ms. */
  intervalMs?: number;
}): Promise<Record<string, unknown>> {
  const intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
  const results: Record<string, unknown> = {
    note:
      'per cycle: cpuMs = this process (user+system), childProcessCpuMsPerCycle = waited-for children ' +
      `(10 ms resolution), eventLoopDelayMs = worst delay beyond a ${LOOP_RESOLUTION_MS} ms timer`,
    node: process.version,
    systeminformationVersion: si.version(),
    intervalMs,
  };
  for (const approach of approaches()) {
    results[approach.name] = await benchApproach(approach, options.cycles, intervalMs);
  }
  return results;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const cycles = Number(process.argv[2] ?? 30);
  const intervalMs = Number(process.argv[3] ?? DEFAULT_INTERVAL_MS);
  benchCollectors({ cycles, intervalMs }).then(
    (results) => process.stdout.write(`${JSON.stringify(results, null, 2)}\n`),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
