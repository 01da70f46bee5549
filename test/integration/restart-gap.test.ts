/** The agent's own absence is unknown time, never downtime: stop the daemon, wait, start it again. */
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanEnv, runCli, startDaemon, tempDir } from '../helpers/cli.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a stopped agent', () => {
  let server: Server;
  afterAll(() => new Promise((resolve) => server?.close(resolve)));

  it('leaves a gap of unknown time in uptime, and no incident', async () => {
    server = createServer((socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const dir = tempDir();
    const config = join(dir, 'hostwatch.yaml');
    writeFileSync(
      config,
      `metrics: { interval: 1s }\nservices:\n  - { name: api, interval: 1s, timeout: 500ms, checks: [{ tcp: { host: 127.0.0.1, port: ${port} } }] }\n`,
    );
    const args = ['--config', config, '--data-dir', join(dir, 'data')];
    const env = cleanEnv();
    const from = Date.now();

    const first = startDaemon(args, { env });
    await first.waitForLog((l) => l.service === 'api' && l.to === 'up');
    await sleep(2000);
    expect(await first.stop()).toBe(0);
    const stoppedAt = Date.now();
    await sleep(4000);
    const restartedAt = Date.now();
    const second = startDaemon(args, { env });
    await second.waitForLog((l) => l.msg === 'agent was not running; the gap is recorded as unknown');
    await second.waitForLog((l) => l.service === 'api' && l.to === 'up');
    await sleep(2000);

    const result = await runCli(
      ['uptime', ...args, '--from', new Date(from).toISOString(), '--to', new Date().toISOString(), '--json'],
      { env },
    );
    await second.stop();
    const services = JSON.parse(result.stdout).services as Array<{
      service: string;
      downMs: number;
      unknownMs: number;
      uptimePercent: number;
    }>;
    for (const name of ['host', 'api']) {
      const s = services.find((x) => x.service === name);
      expect(s?.downMs).toBe(0);
      expect(s?.uptimePercent).toBe(100);
      // The 4 s gap (plus start-up until the first record) is unknown, give or take a second.
      expect(s?.unknownMs).toBeGreaterThanOrEqual(restartedAt - stoppedAt - 1000);
      expect(s?.unknownMs).toBeLessThanOrEqual(restartedAt - stoppedAt + 3000);
    }
    const incidents = JSON.parse(
      (await runCli(['incidents', ...args, '--since', '5m', '--json'], { env })).stdout,
    );
    expect(incidents.incidents).toEqual([]);
  });
});
