/**
 * The uptime engine against real servers: Debian's nginx and Tomcat on loopback ports, probed by
 * the real daemon every second; outages are made by stopping the servers and measured by the test.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, type DaemonHandle, runCli, startDaemon, tempDir } from '../helpers/cli.js';
import { type RunningNginx, startNginx } from '../helpers/nginx.js';
import { type RunningTomcat, startTomcat } from '../helpers/tomcat.js';

const PROBE_INTERVAL_MS = 1000;
/** Checks take a few ms on loopback; this covers their latency and timer jitter on a busy 2-core box. */
const SLACK_MS = 400;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface IncidentJson {
  service: string;
  start: number;
  end: number | null;
  durationMs: number;
  planned: boolean;
  cause: string | null;
}
interface ServiceUptimeJson {
  service: string;
  uptimePercent: number | null;
  upMs: number;
  downMs: number;
  maintenanceMs: number;
  unknownMs: number;
  outageCount: number;
}

describe('uptime with real nginx and Tomcat', () => {
  let nginx: RunningNginx;
  let tomcat: RunningTomcat;
  let daemon: DaemonHandle;
  const dir = tempDir();
  const dataDir = join(dir, 'data');
  const config = join(dir, 'hostwatch.yaml');
  const env = cleanEnv();
  const cli = (...args: string[]) => runCli([...args, '--config', config, '--data-dir', dataDir], { env });
  const stateLog = (service: string, to: string, after: number) => (l: Record<string, unknown>) =>
    l.service === service && l.to === to && Date.parse(String(l.ts)) >= after;

  beforeAll(async () => {
    [nginx, tomcat] = await Promise.all([startNginx(), startTomcat()]);
    writeFileSync(
      config,
      [
        'timezone: Europe/Berlin',
        'uptime: { incidentMergeGap: 1s }',
        'services:',
        `  - { name: nginx, preset: nginx, port: ${nginx.port}, interval: 1s, timeout: 800ms, failureThreshold: 3, successThreshold: 2 }`,
        '  - name: tomcat',
        '    interval: 1s',
        '    timeout: 800ms',
        '    checks:',
        `      - http: { url: "${tomcat.url}", expectBody: "OK" }`,
        `      - tcp: { host: 127.0.0.1, port: ${tomcat.port} }`,
        '',
      ].join('\n'),
    );
    daemon = startDaemon(['--config', config, '--data-dir', dataDir], { env });
    await daemon.waitForLog((l) => l.service === 'nginx' && l.to === 'up');
    await daemon.waitForLog((l) => l.service === 'tomcat' && l.to === 'up', 30_000);
  }, 120_000);

  afterAll(async () => {
    await daemon?.stop();
    await Promise.all([nginx?.close(), tomcat?.close()]);
  });

  async function outage(server: RunningNginx | RunningTomcat, service: string, downForMs: number) {
    const stoppedAt = Date.now();
    await server.stop();
    await sleep(downForMs);
    await server.start(); // resolves once the server answers again
    const backAt = Date.now();
    await daemon.waitForLog(stateLog(service, 'up', backAt - 1000), 15_000);
    return { stoppedAt, backAt, truthMs: backAt - stoppedAt };
  }

  it('measures an nginx outage within one probe interval, as an incident and as uptime', async () => {
    const windowFrom = Date.now();
    const { stoppedAt, truthMs } = await outage(nginx, 'nginx', 5000);
    const down = daemon.logs.find(stateLog('nginx', 'down', stoppedAt - 1000));
    expect(String(down?.cause)).toMatch(/ECONNREFUSED/);

    const incidents = JSON.parse(
      (await cli('incidents', '--since', '10m', '--service', 'nginx', '--json')).stdout,
    ) as { incidents: IncidentJson[] };
    expect(incidents.incidents).toHaveLength(1);
    const incident = incidents.incidents[0] as IncidentJson;
    expect(incident.end).not.toBeNull();
    expect(incident.planned).toBe(false);
    expect(incident.cause).toMatch(/ECONNREFUSED/);
    expect(Math.abs(incident.durationMs - truthMs)).toBeLessThanOrEqual(PROBE_INTERVAL_MS + SLACK_MS);

    const from = new Date(windowFrom).toISOString();
    const to = new Date(Date.now()).toISOString();
    const result = await cli('uptime', '--service', 'nginx', '--from', from, '--to', to, '--json');
    expect(result.code).toBe(0);
    const nginxUptime = (JSON.parse(result.stdout) as { services: ServiceUptimeJson[] })
      .services[0] as ServiceUptimeJson;
    expect(Math.abs(nginxUptime.downMs - truthMs)).toBeLessThanOrEqual(PROBE_INTERVAL_MS + SLACK_MS);
    expect(nginxUptime.outageCount).toBe(1);
    const counted = nginxUptime.upMs + nginxUptime.downMs;
    expect(nginxUptime.uptimePercent).toBeCloseTo((100 * nginxUptime.upMs) / counted, 6);
    expect(nginxUptime.downMs).toBe(incident.durationMs); // one engine: the two views agree
  });

  it('measures a Tomcat outage the same way', async () => {
    const { truthMs, stoppedAt } = await outage(tomcat, 'tomcat', 4000);
    const incidents = JSON.parse(
      (await cli('incidents', '--since', '10m', '--service', 'tomcat', '--json')).stdout,
    ) as { incidents: IncidentJson[] };
    const incident = incidents.incidents.find(
      (i) => i.start >= stoppedAt - PROBE_INTERVAL_MS,
    ) as IncidentJson;
    expect(incident).toBeDefined();
    expect(Math.abs(incident.durationMs - truthMs)).toBeLessThanOrEqual(PROBE_INTERVAL_MS + SLACK_MS);
  });

  it('counts downtime inside a maintenance window as planned, not against uptime', async () => {
    const windowFrom = Date.now();
    const start = new Date(windowFrom)
      .toLocaleString('sv-SE', { timeZone: 'Europe/Berlin' })
      .slice(0, 16)
      .replace(' ', 'T');
    const added = await cli(
      'maintenance',
      'add',
      '--start',
      start,
      '--duration',
      '10m',
      '--reason',
      'nginx upgrade',
      '--service',
      'nginx',
    );
    expect(added.code, added.stderr).toBe(0);
    const { truthMs, stoppedAt } = await outage(nginx, 'nginx', 3000);

    const result = await cli(
      'uptime',
      '--service',
      'nginx',
      '--from',
      new Date(windowFrom).toISOString(),
      '--to',
      new Date().toISOString(),
      '--json',
    );
    const nginxUptime = (JSON.parse(result.stdout) as { services: ServiceUptimeJson[] })
      .services[0] as ServiceUptimeJson;
    expect(nginxUptime.downMs).toBe(0);
    expect(Math.abs(nginxUptime.maintenanceMs - truthMs)).toBeLessThanOrEqual(PROBE_INTERVAL_MS + SLACK_MS);
    expect(nginxUptime.uptimePercent).toBe(100);

    const incidents = JSON.parse(
      (await cli('incidents', '--since', '10m', '--service', 'nginx', '--json')).stdout,
    ) as { incidents: IncidentJson[] };
    const planned = incidents.incidents.find((i) => i.start >= stoppedAt - PROBE_INTERVAL_MS);
    expect(planned?.planned).toBe(true);

    const next = JSON.parse((await cli('maintenance', 'next', '--json')).stdout);
    expect(JSON.stringify(next)).toContain('nginx upgrade');
  });

  it('does not open incidents for a server toggled faster than the thresholds', async () => {
    const before = JSON.parse(
      (await cli('incidents', '--since', '1h', '--service', 'nginx', '--json')).stdout,
    ) as { incidents: IncidentJson[] };
    const flapFrom = Date.now();
    // 1.2 s down, 1.2 s up, six times: never failureThreshold (3) failed probes in a row at 1 s.
    for (let i = 0; i < 6; i++) {
      await nginx.stop();
      await sleep(1200);
      await nginx.start();
      await sleep(1200);
    }
    await sleep(2500);
    const after = JSON.parse(
      (await cli('incidents', '--since', '1h', '--service', 'nginx', '--json')).stdout,
    ) as { incidents: IncidentJson[] };
    expect(after.incidents.length).toBe(before.incidents.length);
    expect(daemon.logs.filter(stateLog('nginx', 'down', flapFrom))).toHaveLength(0);
  });
});
