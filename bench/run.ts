/**
 * `npm run bench`: prints the performance figures the README reports.
 * BENCH_DAEMON_SECONDS (default 300) sets how long the real daemon runs for the RSS/CPU figure.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchAlerting } from './alerting.js';
import { benchCloudwatch } from './cloudwatch.js';
import { benchCollectors } from './collectors.js';
import { benchCycle, benchRetention } from './cycle.js';
import { benchDaemon } from './daemon.js';
import { benchDbGrowth } from './db-growth.js';
import { benchDiscord } from './discord.js';
import { benchReport } from './report.js';
import { benchUptime } from './uptime.js';

const dir = mkdtempSync(join(tmpdir(), 'hostwatch-bench-'));
const print = (name: string, figures: unknown) =>
  process.stdout.write(`\n## ${name}\n${JSON.stringify(figures, null, 2)}\n`);
const only = process.argv.slice(2);
const wanted = (name: string) => only.length === 0 || only.includes(name);

try {
  if (wanted('cycle'))
    print(
      'collection cycle (collect + write + retention sweep), 60 cycles',
      await benchCycle({ cycles: 60, dir }),
    );
  if (wanted('collectors'))
    print('/proc collectors vs systeminformation, per cycle', await benchCollectors({ cycles: 30 }));
  if (wanted('retention'))
    print(
      'retention sweep on 24 h of expired raw rows x 60 series',
      benchRetention({ dir, series: 60, hours: 24 }),
    );
  if (wanted('db')) print('database bytes per day at defaults (10 s interval)', await benchDbGrowth({ dir }));
  if (wanted('uptime'))
    print('uptime over one year of history, 5 services (median of 20 runs)', benchUptime({ dir }));
  if (wanted('report'))
    print(
      'weekly report over one year of history, 5 services: read, chart, PNG, message (median of 20 runs)',
      await benchReport({ dir }),
    );
  if (wanted('alerting'))
    print(
      'page latency over real nginx outages (fake SNS, real SDK), fast and default settings',
      await benchAlerting({ fastOutages: 10, defaultOutages: 3 }),
    );
  if (wanted('cloudwatch'))
    print(
      'CloudWatch at defaults (simulated clock, fake CloudWatch, real SDK): calls, series, 24 h backlog drain',
      await benchCloudwatch({ dir }),
    );
  if (wanted('discord'))
    print(
      'discord bot in the daemon: answer latency (MESSAGE_CREATE -> POST) with a year of history, extra RSS',
      await benchDiscord({ dir }),
    );
  if (wanted('daemon')) {
    const seconds = Number(process.env.BENCH_DAEMON_SECONDS ?? 300);
    print(`daemon at defaults for ${seconds} s`, await benchDaemon({ dir, seconds }));
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
