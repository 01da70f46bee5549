/**
 * Page latency over repeated real nginx outages: the built daemon probes a real nginx and pages through the
 * real SNS client into the fake SNS of the tests. Per outage:
 *   outage -> page:    nginx stopped (port closed) -> the Publish arrives at SNS
 *   decision -> page:  the probe that confirmed "down" (the daemon's "alert page" log line) -> Publish arrives
 * The first is bounded by failureThreshold x interval plus the phase of the probe timer; the second is the
 * agent's own cost (state machine, SQLite commit, outbox, HTTPS request).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isNginx, type RigOptions, startPagingRig } from '../test/helpers/paging.js';
import { summary } from './stats.js';

const CLI = join(import.meta.dirname, '../agent/cli.js');

interface Settings extends RigOptions {
  label: string;
  intervalMs: number;
  failureThreshold: number;
}

export const FAST: Settings = {
  label: 'fast (1s interval, 3 failures)',
  interval: '1s',
  timeout: '800ms',
  intervalMs: 1000,
  failureThreshold: 3,
};
export const DEFAULTS: Settings = {
  label: 'defaults (30s interval, 3 failures)',
  interval: '30s',
  timeout: '5s',
  intervalMs: 30_000,
  failureThreshold: 3,
};

async function measure(settings: Settings, outages: number) {
  // Outages back to back are flapping by definition (several within 21 checks): flap detection would hold
  // the incident open and rightly send no new page. Latency is measured with it off.
  const rig = await startPagingRig({ ...settings, evaluationInterval: '30s', flapping: false });
  const logs: Array<Record<string, unknown>> = [];
  const child = spawn(process.execPath, [CLI, 'run', ...rig.args], {
    env: rig.env,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let buffer = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
      try {
        logs.push(JSON.parse(buffer.slice(0, nl)) as Record<string, unknown>);
      } catch {
        // not a log line
      }
      buffer = buffer.slice(nl + 1);
    }
  });
  const waitLog = async (predicate: (l: Record<string, unknown>) => boolean, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = logs.find(predicate);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`bench: no matching log line in ${timeoutMs}ms`);
      await sleep(20);
    }
  };
  const outageToPage: number[] = [];
  const decisionToPage: number[] = [];
  const budget = settings.intervalMs * (settings.failureThreshold + 3) + 10_000;
  try {
    await waitLog((l) => l.service === 'nginx' && l.to === 'up', budget);
    for (let i = 0; i < outages; i++) {
      const stoppedAt = Date.now();
      await rig.nginx.stop();
      const page = await rig.sns.waitForPublished(isNginx('page', stoppedAt), budget);
      const decided = await waitLog(
        (l) => l.msg === 'alert page' && Date.parse(String(l.ts)) >= stoppedAt,
        1000,
      );
      outageToPage.push(page.receivedAt - stoppedAt);
      decisionToPage.push(page.receivedAt - Date.parse(String(decided.ts)));
      await rig.nginx.start();
      await rig.sns.waitForPublished(isNginx('resolve', stoppedAt), budget);
      // Let the next outage start at a random phase of the probe timer.
      await sleep(Math.random() * settings.intervalMs);
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await rig.close();
  }
  return {
    settings: settings.label,
    outages,
    boundMs: settings.failureThreshold * settings.intervalMs + 2000,
    outageToPageMs: summary(outageToPage),
    decisionToPageMs: summary(decisionToPage),
  };
}

export async function benchAlerting(options: { fastOutages: number; defaultOutages: number }) {
  const fast = await measure(FAST, options.fastOutages);
  process.stderr.write(`alerting bench, fast settings: ${JSON.stringify(fast)}\n`);
  return [fast, await measure(DEFAULTS, options.defaultOutages)];
}
