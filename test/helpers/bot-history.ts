/**
 * A small, hand-checkable history for the bot's tests (times UTC; Europe/Berlin is UTC+1 in November):
 *   now            Wed 2026-11-18 12:00Z; this ISO week (2026-W47) began Mon 2026-11-16 00:00 Berlin = 11-15 23:00Z
 *   host           up all along (open run)
 *   nginx          down 11-17 01:00Z-01:10Z (connection refused) and 05:00Z-05:02Z, up since 05:02Z
 *   tomcat         down 11-10 10:00Z-10:30Z (last week), up since
 *   maintenance    ad hoc "kernel patch" for nginx, 11-18 20:00Z-21:00Z
 */
import { join } from 'node:path';
import { parseConfigText } from '../../agent/config/load.js';
import type { Config } from '../../agent/config/schema.js';
import type { HostIdentity } from '../../agent/identity/types.js';
import { IDENTITY_META_KEY } from '../../agent/status/model.js';
import { DB_FILE_NAME, type Db, openDatabase } from '../../agent/store/db.js';
import { MaintenanceStore } from '../../agent/store/maintenance.js';
import { MetaStore } from '../../agent/store/meta.js';
import { SampleWriter } from '../../agent/store/samples.js';
import { StateIntervalStore } from '../../agent/store/state-intervals.js';
import type { Sample } from '../../agent/types.js';
import { defaultFakeImdsIdentity } from '../fakes/imds-server.js';

export const NOW = Date.UTC(2026, 10, 18, 12, 0);
export const WEEK_START = Date.UTC(2026, 10, 15, 23, 0);
export const LAST_WEEK_START = WEEK_START - 7 * 86_400_000;
export const YESTERDAY = { from: Date.UTC(2026, 10, 16, 23, 0), to: Date.UTC(2026, 10, 17, 23, 0) };
export const NGINX_DOWN = [
  { from: Date.UTC(2026, 10, 17, 1, 0), to: Date.UTC(2026, 10, 17, 1, 10) },
  { from: Date.UTC(2026, 10, 17, 5, 0), to: Date.UTC(2026, 10, 17, 5, 2) },
];
export const TOMCAT_DOWN = { from: Date.UTC(2026, 10, 10, 10, 0), to: Date.UTC(2026, 10, 10, 10, 30) };
export const MAINTENANCE = { start: Date.UTC(2026, 10, 18, 20, 0), end: Date.UTC(2026, 10, 18, 21, 0) };
export const CAUSE = 'http: connect ECONNREFUSED 127.0.0.1:8080';
/** The local days (Berlin) of 2026-W47. */
export const W47_DATES = ['16', '17', '18', '19', '20', '21', '22'].map((day) => `2026-11-${day}`);

export const BOT_CONFIG_YAML = [
  'host: { name: web-1 }',
  'timezone: Europe/Berlin',
  'services:',
  '  - { name: nginx, checks: [{ tcp: { host: 127.0.0.1, port: 1 } }] }',
  '  - { name: tomcat, checks: [{ tcp: { host: 127.0.0.1, port: 1 } }] }',
  '',
].join('\n');

export function botConfig(extra = ''): Config {
  return parseConfigText(BOT_CONFIG_YAML + extra, 'test');
}

/** What the agent resolves from the fake IMDS's default instance. */
const { accountId: _account, localHostname, publicIpv4, ...instance } = defaultFakeImdsIdentity;
export const EC2_IDENTITY: HostIdentity = {
  ...instance,
  ...(publicIpv4 ? { publicIpv4 } : {}),
  hostname: localHostname,
  ec2: true,
  source: 'imds',
  localAddresses: ['10.0.1.23'],
  resolvedAt: NOW,
};

/** Writes the history above into `db`; the open runs were last confirmed 10 s before `now`. */
export function seedBotHistory(db: Db, now = NOW, identity: HostIdentity = EC2_IDENTITY): void {
  const intervals = new StateIntervalStore(db);
  const start = LAST_WEEK_START;
  db.transaction(() => {
    intervals.observe('host', 'up', start, null);
    intervals.observe('host', 'up', now - 10_000, null);
    const [first, second] = NGINX_DOWN as [(typeof NGINX_DOWN)[0], (typeof NGINX_DOWN)[0]];
    intervals.insertClosed({ service: 'nginx', state: 'up', from: start, to: first.from });
    intervals.insertClosed({ service: 'nginx', state: 'down', from: first.from, to: first.to, cause: CAUSE });
    intervals.insertClosed({ service: 'nginx', state: 'up', from: first.to, to: second.from });
    intervals.insertClosed({
      service: 'nginx',
      state: 'down',
      from: second.from,
      to: second.to,
      cause: CAUSE,
    });
    intervals.observe('nginx', 'up', second.to, null);
    intervals.observe('nginx', 'up', now - 10_000, null);
    intervals.insertClosed({ service: 'tomcat', state: 'up', from: start, to: TOMCAT_DOWN.from });
    intervals.insertClosed({
      service: 'tomcat',
      state: 'down',
      from: TOMCAT_DOWN.from,
      to: TOMCAT_DOWN.to,
      cause: 'tcp: timeout',
    });
    intervals.observe('tomcat', 'up', TOMCAT_DOWN.to, null);
    intervals.observe('tomcat', 'up', now - 10_000, null);
    new MaintenanceStore(db).add({
      start: MAINTENANCE.start,
      end: MAINTENANCE.end,
      services: ['nginx'],
      reason: 'kernel patch',
      createdAt: now - 3_600_000,
    });
    const meta = new MetaStore(db);
    meta.set(IDENTITY_META_KEY, identity);
    // A fresh cycle: the figures below count as current.
    meta.set('agent', { lastCycleAt: now - 5_000, intervalMs: 10_000 });
    const sample = (
      metric: string,
      value: number,
      unit: Sample['unit'],
      labels?: Record<string, string>,
    ): Sample => ({
      metric,
      value,
      unit,
      at: now - 5_000,
      ...(labels ? { labels } : {}),
    });
    new SampleWriter(db).write([
      sample('cpu_usage_active', 12.5, 'Percent'),
      sample('mem_used_percent', 41, 'Percent'),
      sample('mem_total', 4 * 1024 ** 3, 'Bytes'),
      sample('system_load1', 0.25, 'None'),
      sample('system_load5', 0.2, 'None'),
      sample('system_load15', 0.1, 'None'),
      sample('system_uptime', 3 * 86_400, 'Seconds'),
      sample('disk_used_percent', 63.2, 'Percent', { path: '/', device: '/dev/nvme0n1p1', fstype: 'ext4' }),
      sample('disk_total', 20 * 1024 ** 3, 'Bytes', { path: '/', device: '/dev/nvme0n1p1', fstype: 'ext4' }),
      sample('disk_used_percent', 5, 'Percent', { path: '/data', device: '/dev/nvme1n1', fstype: 'xfs' }),
      sample('disk_total', 100 * 1024 ** 3, 'Bytes', {
        path: '/data',
        device: '/dev/nvme1n1',
        fstype: 'xfs',
      }),
      sample('net_bytes_recv', 2048, 'Bytes/Second', { interface: 'eth0' }),
      sample('net_bytes_sent', 512, 'Bytes/Second', { interface: 'eth0' }),
      sample('net_bytes_recv', 100, 'Bytes/Second', { interface: 'lo' }),
    ]);
  })();
}

/** A fresh store with the history above, in its own temp dir. */
export function seededStore(dir: string, now = NOW, identity: HostIdentity = EC2_IDENTITY) {
  const dbPath = join(dir, DB_FILE_NAME);
  const db = openDatabase(dbPath);
  seedBotHistory(db, now, identity);
  return { db, dbPath, dataDir: dir };
}
