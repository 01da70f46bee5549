import { existsSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, pragmaValue } from '../../agent/store/db.js';
import { cleanEnv, type DaemonHandle, runCli, startDaemon, tempDir } from '../helpers/cli.js';

const daemons: DaemonHandle[] = [];
afterAll(async () => {
  await Promise.all(daemons.map((d) => d.stop('SIGKILL')));
});

function writeConfig(dir: string, body: string): string {
  const path = join(dir, 'hostwatch.yaml');
  writeFileSync(path, body);
  return path;
}

/** Pushes `bytes` through a loopback TCP connection. */
async function loopbackTransfer(bytes: number): Promise<void> {
  const server = createServer((socket) => socket.resume());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      const chunk = Buffer.alloc(1 << 20);
      let sent = 0;
      const pump = () => {
        while (sent < bytes) {
          sent += chunk.length;
          if (!socket.write(chunk)) return socket.once('drain', pump);
        }
        socket.end(resolve);
      };
      pump();
    });
    socket.on('error', reject);
  });
  await new Promise((resolve) => server.close(resolve));
}

describe('the daemon on a temp data dir', () => {
  const dir = tempDir();
  const dataDir = join(dir, 'data');
  const config = writeConfig(dir, 'metrics: { interval: 1s }\nlog: { level: debug }\n');
  let daemon: DaemonHandle;

  it('samples into SQLite and logs one debug line per cycle', async () => {
    daemon = startDaemon(['--config', config, '--data-dir', dataDir]);
    daemons.push(daemon);
    await daemon.waitForLog((l) => l.msg === 'hostwatch starting');
    await daemon.waitForLog(() => daemon.logs.filter((l) => l.msg === 'cycle').length >= 3);
    // The newest cycle: the first one may share a starved CPU with the start-up of other tests' servers.
    const cycle = daemon.logs.filter((l) => l.msg === 'cycle').at(-1) as Record<string, unknown>;
    expect(cycle.level).toBe('debug');
    expect(cycle.failed).toEqual([]);
    expect(existsSync(join(dataDir, 'hostwatch.db'))).toBe(true);
    const db = openDatabase(join(dataDir, 'hostwatch.db'), { readonly: true });
    const metrics = (db.prepare('SELECT DISTINCT metric FROM series').all() as Array<{ metric: string }>).map(
      (r) => r.metric,
    );
    db.close();
    for (const name of [
      'cpu_usage_active',
      'mem_used_percent',
      'disk_used_percent',
      'net_bytes_recv',
      'system_load1',
      'system_uptime',
    ]) {
      expect(metrics).toContain(name);
    }
  });

  it('says which far-side features are off and why', async () => {
    const off = await daemon.waitForLog((l) => l.msg === 'cloudwatch: off');
    expect(String(off.reason)).toMatch(/not on EC2/);
    expect(String(daemon.logs.find((l) => l.msg === 'discord: off')?.reason)).toMatch(/DISCORD_TOKEN/);
    expect(String(daemon.logs.find((l) => l.msg === 'sns-paging: off')?.reason)).toMatch(/topicArn/);
    const report = await daemon.waitForLog((l) => l.msg === 'weekly-report: off');
    expect(String(report.reason)).toMatch(/the Discord bot is off \(no bot token/);
    const status = JSON.parse(
      (await runCli(['status', '--json', '--config', config, '--data-dir', dataDir])).stdout,
    );
    expect(status.components.map((c: { name: string; on: boolean }) => [c.name, c.on])).toEqual([
      ['cloudwatch', false],
      ['sns-paging', false],
      ['discord', false],
      ['weekly-report', false],
    ]);
    expect(status.components[0].reason).toMatch(/not on EC2/);
    expect(status.discord).toBeNull();
  });

  it('turns a loopback transfer into a network rate', async () => {
    await loopbackTransfer(64 << 20);
    const cyclesBefore = daemon.logs.filter((l) => l.msg === 'cycle').length;
    await daemon.waitForLog(() => daemon.logs.filter((l) => l.msg === 'cycle').length >= cyclesBefore + 2);
    const result = await runCli([
      'metrics',
      '--data-dir',
      dataDir,
      '--metric',
      'net_bytes_recv',
      '--since',
      '5m',
      '--json',
    ]);
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.stdout) as {
      series: Array<{ labels: { interface: string }; unit: string; points: Array<{ max: number }> }>;
    };
    const lo = parsed.series.find((s) => s.labels.interface === 'lo');
    expect(lo?.unit).toBe('Bytes/Second');
    // 64 MiB inside one or two 1 s cycles: the peak rate must be in the tens of MiB/s.
    expect(Math.max(...(lo?.points.map((p) => p.max) ?? [0]))).toBeGreaterThan(16 << 20);
  });

  it('answers status --json with identity, collectors and latest figures', async () => {
    const result = await runCli(['status', '--json', '--data-dir', dataDir]);
    expect(result.code).toBe(0);
    const status = JSON.parse(result.stdout);
    expect(status.agent.running).toBe(true);
    expect(status.agent.pid).toBe(daemon.proc.pid);
    expect(status.agent.stale).toBe(false);
    expect(status.host.ec2).toBe(false);
    expect(status.host.hostname).toBeTruthy();
    expect(status.collectors.map((c: { name: string }) => c.name).sort()).toEqual([
      'cpu',
      'disk',
      'diskio',
      'load',
      'memory',
      'net',
      'swap',
      'system',
    ]);
    expect(status.collectors.every((c: { ok: boolean }) => c.ok)).toBe(true);
    const mem = status.metrics.find((m: { metric: string }) => m.metric === 'mem_used_percent');
    expect(mem.value).toBeGreaterThan(0);
    expect(mem.value).toBeLessThan(100);
    expect(status.agent.stats.eventLoopDelayMs.max).toBeGreaterThanOrEqual(0);
    expect(status.agent.stats.rssBytes).toBeGreaterThan(10 << 20);

    const text = await runCli(['status', '--data-dir', dataDir]);
    expect(text.stdout).toMatch(/Agent: +running \(pid \d+\)/);
    expect(text.stdout).toMatch(/not on EC2/);
  });

  it('refuses a second daemon on the same data dir', async () => {
    const second = startDaemon(['--config', config, '--data-dir', dataDir]);
    expect(await second.exited).toBe(75);
    expect(JSON.stringify(second.logs)).toMatch(/already running/);
  });

  it('reloads the config on SIGHUP and keeps the old one when the new one is bad', async () => {
    writeFileSync(config, 'metrics: { interval: 2s }\nlog: { level: debug }\n');
    daemon.proc.kill('SIGHUP');
    await daemon.waitForLog((l) => l.msg === 'config reloaded');
    writeFileSync(config, 'metrics: { interval: soon }\n');
    daemon.proc.kill('SIGHUP');
    const rejected = await daemon.waitForLog(
      (l) => l.msg === 'config reload rejected; keeping the running config',
    );
    expect(rejected.problems).toEqual([
      'metrics.interval: expected a duration such as "10s", "5m" or "1h", got "soon"',
    ]);
    expect(daemon.proc.exitCode).toBeNull();
  });

  it('stops gracefully on SIGTERM: exit 0, DB intact, pid file gone', async () => {
    expect(await daemon.stop('SIGTERM')).toBe(0);
    expect(daemon.logs.at(-1)?.msg).toBe('stopped');
    expect(existsSync(join(dataDir, 'hostwatch.pid'))).toBe(false);
    const db = openDatabase(join(dataDir, 'hostwatch.db'), { readonly: true });
    expect(pragmaValue(db, 'integrity_check')).toBe('ok');
    db.close();
    const status = await runCli(['status', '--json', '--data-dir', dataDir]);
    expect(status.code).toBe(3);
    expect(JSON.parse(status.stdout).agent.running).toBe(false);
  });
});

describe('start-up guard rails', () => {
  it('exits 78 on a bad config before touching the data dir', async () => {
    const dir = tempDir();
    const config = writeConfig(
      dir,
      'services:\n  - name: web\n    checks:\n      - http: { url: localhost }\n',
    );
    const dataDir = join(dir, 'data');
    const daemon = startDaemon(['--config', config, '--data-dir', dataDir]);
    expect(await daemon.exited).toBe(78);
    expect(existsSync(dataDir)).toBe(false);
    const check = await runCli(['check-config', '--config', config]);
    expect(check.code).toBe(78);
    expect(check.stderr).toContain(
      'services[0].checks[0].http.url: expected an http(s) URL, got "localhost"',
    );
  });

  it('is quiet at info level: no per-cycle lines', async () => {
    const dir = tempDir();
    const daemon = startDaemon(['--data-dir', join(dir, 'data')], {
      env: cleanEnv({ HOSTWATCH_LOG_LEVEL: 'info' }),
    });
    daemons.push(daemon);
    await daemon.waitForLog((l) => l.msg === 'sns-paging: off');
    expect(await daemon.stop()).toBe(0);
    expect(daemon.logs.some((l) => l.msg === 'cycle')).toBe(false);
    expect(daemon.logs.every((l) => !l.unparsed)).toBe(true);
  });

  it('explains a missing store and unknown commands', async () => {
    const status = await runCli(['status', '--data-dir', join(tempDir(), 'none')]);
    expect(status.code).toBe(66);
    expect(status.stderr).toMatch(/the agent has not run with this data directory yet/);
    const unknown = await runCli(['frobnicate']);
    expect(unknown.code).toBe(64);
    expect(unknown.stderr).toMatch(/unknown command "frobnicate"/);
    const badFlag = await runCli(['metrics', '--since', 'forever', '--data-dir', tempDir()]);
    expect(badFlag.code).toBe(64);
    expect(badFlag.stderr).toMatch(/--since: expected a duration/);
  });
});
