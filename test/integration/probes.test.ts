import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpCheck } from '../../agent/probes/http.js';
import { expandPreset } from '../../agent/probes/presets.js';
import { createProcessCheck } from '../../agent/probes/process.js';
import { createCheck } from '../../agent/probes/registry.js';
import { runServiceChecks } from '../../agent/probes/service.js';
import { createSystemdCheck } from '../../agent/probes/systemd.js';
import { createTcpCheck } from '../../agent/probes/tcp.js';
import { type RunningNginx, startNginx } from '../helpers/nginx.js';
import { type RunningTomcat, startTomcat } from '../helpers/tomcat.js';

const run = (check: {
  run(signal: AbortSignal): Promise<import('../../agent/probes/types.js').CheckOutcome>;
}) => check.run(AbortSignal.timeout(10_000));
const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

let nginx: RunningNginx | undefined;
let tomcat: RunningTomcat | undefined;

beforeAll(async () => {
  [nginx, tomcat] = await Promise.all([startNginx(), startTomcat()]);
});

afterAll(async () => {
  await Promise.allSettled([nginx?.close(), tomcat?.close()]);
});

describe('probes against the real nginx', () => {
  const server = () => nginx as RunningNginx;
  // Only this test's nginx: a system nginx may be running on the same host (CI installs the package).
  const ownMaster = () => `/^nginx: master process .*-p ${escapeRegex(server().prefix)}/`;

  it('http passes with a 2xx and reports latency', async () => {
    const outcome = await run(createHttpCheck({ url: server().url }));
    expect(outcome.ok).toBe(true);
    expect(outcome.latencyMs).toBeGreaterThanOrEqual(0);
    expect(outcome.detail).toMatch(/^HTTP 200 in \d+ms$/);
    expect(outcome.certDaysLeft).toBeUndefined();
  });

  it('http finds an expected body and fails on a missing one', async () => {
    const found = await run(createHttpCheck({ url: server().url, expectBody: 'hello from nginx' }));
    expect(found.ok).toBe(true);
    const missing = await run(createHttpCheck({ url: server().url, expectBody: 'Tomcat' }));
    expect(missing).toMatchObject({ ok: false, detail: 'HTTP 200, body does not contain "Tomcat"' });
  });

  it('http fails on a status outside expectStatus', async () => {
    const url = `${server().url}no-such-page`;
    const outcome = await run(createHttpCheck({ url, expectStatus: [200, 301, 302] }));
    expect(outcome).toMatchObject({ ok: false, detail: 'HTTP 404, expected 200, 301, 302' });
    const badGateway = await run(createHttpCheck({ url: `${server().url}broken` }));
    expect(badGateway).toMatchObject({ ok: false, detail: 'HTTP 502, expected 2xx or 3xx' });
  });

  it('http takes a redirect as the answer instead of following it', async () => {
    const outcome = await run(createHttpCheck({ url: `${server().url}moved`, expectStatus: [301] }));
    expect(outcome).toMatchObject({ ok: true });
    expect(outcome.detail).toMatch(/^HTTP 301 in/);
  });

  it('reads stub_status', async () => {
    const outcome = await run(
      createHttpCheck({ url: `${server().url}nginx_status`, expectBody: 'Active connections' }),
    );
    expect(outcome.ok).toBe(true);
  });

  it('tcp connects to the nginx port', async () => {
    const outcome = await run(createTcpCheck({ host: '127.0.0.1', port: server().port }));
    expect(outcome.ok).toBe(true);
    expect(outcome.detail).toMatch(new RegExp(`^connected to 127.0.0.1:${server().port} in \\d+ms$`));
  });

  it('process finds the nginx master process by its rewritten command line', async () => {
    const outcome = await run(createProcessCheck({ match: ownMaster() }));
    expect(outcome.ok).toBe(true);
    expect(outcome.detail).toContain(`(pid ${server().pid()})`);
    expect(await readFile(server().pidFile, 'utf8')).toBe(`${server().pid()}\n`);
  });

  it('the nginx preset passes as a whole while nginx runs', async () => {
    const checks = expandPreset({ preset: 'nginx', port: server().port }).map((spec) => createCheck(spec));
    const observation = await runServiceChecks(checks, 5000);
    const byKind = Object.fromEntries(observation.checks.map((c) => [c.kind, c.outcome]));
    expect(byKind.http?.ok).toBe(true);
    expect(byKind.process?.ok).toBe(true);
    // The systemd part depends on the host: unknown without systemd (ignored), else the unit's real state.
    const systemdFailed = byKind.systemd?.unknown !== true && byKind.systemd?.ok === false;
    expect(observation.status).toBe(systemdFailed ? 'failed' : 'ok');
  });

  it('after nginx stops: connection refused, no process; after start: passing again', async () => {
    const http = createHttpCheck({ url: server().url });
    const tcp = createTcpCheck({ host: '127.0.0.1', port: server().port });
    const processCheck = createProcessCheck({ match: ownMaster() });
    await server().stop();
    expect(await run(http)).toEqual({ ok: false, detail: `connect ECONNREFUSED 127.0.0.1:${server().port}` });
    expect(await run(tcp)).toEqual({ ok: false, detail: `connect ECONNREFUSED 127.0.0.1:${server().port}` });
    expect(await run(processCheck)).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/^no process matches/),
    });
    const observation = await runServiceChecks([http, tcp, processCheck], 5000);
    expect(observation).toMatchObject({
      status: 'failed',
      detail: `http: connect ECONNREFUSED 127.0.0.1:${server().port}`,
    });

    await server().start();
    expect((await run(http)).ok).toBe(true);
    expect((await run(processCheck)).ok).toBe(true);
  });
});

describe('probes against the real Tomcat', () => {
  const server = () => tomcat as RunningTomcat;

  it('http reads the "OK" page', async () => {
    const outcome = await run(createHttpCheck({ url: server().url, expectStatus: [200], expectBody: 'OK' }));
    expect(outcome).toMatchObject({ ok: true });
    expect(outcome.detail).toMatch(/^HTTP 200 in \d+ms$/);
  });

  it('process finds the Tomcat JVM by its main class', async () => {
    const match = `/catalina\\.base=${escapeRegex(server().base)} .*org\\.apache\\.catalina\\.startup\\.Bootstrap/`;
    const outcome = await run(createProcessCheck({ match }));
    expect(outcome.ok).toBe(true);
    expect(outcome.detail).toContain(`(pid ${server().pid()})`);
  });
});

describe('systemd check on this host', () => {
  it('reports unknown without systemd as PID 1, a real verdict with it', async () => {
    const pid1 = (await readFile('/proc/1/comm', 'utf8')).trim();
    const outcome = await run(createSystemdCheck({ unit: 'hostwatch-test-no-such-unit.service' }));
    if (pid1 === 'systemd') {
      expect(outcome).toEqual({ ok: false, detail: 'unit hostwatch-test-no-such-unit.service not found' });
    } else {
      expect(outcome).toMatchObject({ ok: false, unknown: true });
      expect(outcome.detail).toMatch(/systemd is not running on this host|systemctl not found/);
    }
  });
});

describe('the real-server harness', () => {
  it('fails loudly, saying what to install, when a server binary is missing', async () => {
    await expect(startNginx({ bin: '/nonexistent/nginx' })).rejects.toThrow(
      '/nonexistent/nginx is missing or not executable: install the Debian package "nginx"',
    );
    await expect(startTomcat({ catalinaHome: '/nonexistent/tomcat' })).rejects.toThrow(
      'install the Debian package "tomcat10"',
    );
  });
});
