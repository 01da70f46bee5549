/**
 * The real daemon publishing to the fake CloudWatch through the real SDK (endpoint from
 * AWS_ENDPOINT_URL_CLOUDWATCH, dummy credentials in the child's environment only).
 *
 * The outage test: CloudWatch fails for a stretch covering many flushes, the daemon is restarted in
 * the middle of it, and after recovery every datum has arrived exactly once (at worst one in-flight
 * batch twice) with the values that were sampled: per second against the raw samples and per minute
 * against the minute rollups in SQLite.
 */
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../agent/store/db.js';
import { type FakeCloudwatch, startFakeCloudwatch, type WireDatum } from '../fakes/cloudwatch-server.js';
import { defaultFakeImdsIdentity, type FakeImds, startFakeImds } from '../fakes/imds-server.js';
import { cleanEnv, type DaemonHandle, runCli, startDaemon, tempDir } from '../helpers/cli.js';
import { datumKey } from '../helpers/cloudwatch.js';

const daemons: DaemonHandle[] = [];
const closers: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  await Promise.all(daemons.map((d) => d.stop('SIGKILL')));
  for (const close of closers) await close();
});

const credentials = { AWS_ACCESS_KEY_ID: 'AKIDDAEMONTEST', AWS_SECRET_ACCESS_KEY: 'dummy-secret' };

async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

async function listeningServer(): Promise<{ server: Server; port: number }> {
  const server = createServer((socket) => socket.end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => server.close(resolve)));
  return { server, port: (server.address() as { port: number }).port };
}

interface Stat {
  count: number;
  sum: number;
  min: number;
  max: number;
}
const merge = (a: Stat | undefined, b: Stat): Stat =>
  a
    ? {
        count: a.count + b.count,
        sum: a.sum + b.sum,
        min: Math.min(a.min, b.min),
        max: Math.max(a.max, b.max),
      }
    : b;
const statOf = (d: WireDatum): Stat => {
  const s = d.StatisticValues as NonNullable<WireDatum['StatisticValues']>;
  return { count: s.SampleCount, sum: s.Sum, min: s.Minimum, max: s.Maximum };
};
const expectStat = (actual: Stat | undefined, expected: Stat, where: string) => {
  expect(actual, where).toBeDefined();
  expect({ ...actual, sum: 0 }, where).toEqual({ ...expected, sum: 0 });
  expect(actual?.sum, where).toBeCloseTo(expected.sum, 6);
};

describe('daemon -> CloudWatch (forced on, off EC2)', () => {
  const dir = tempDir();
  const dataDir = join(dir, 'data');
  let fake: FakeCloudwatch;
  let env: NodeJS.ProcessEnv;
  let configPath: string;

  it('survives an outage and a restart, then delivers every datum once with the sampled values', {
    timeout: 240_000,
  }, async () => {
    fake = await startFakeCloudwatch();
    closers.push(() => fake.close());
    const { port } = await listeningServer();
    configPath = join(dir, 'hostwatch.yaml');
    writeFileSync(
      configPath,
      [
        'metrics: { interval: 1s, collectors: [cpu, memory, swap, net] }',
        'services:',
        '  - name: web',
        '    interval: 1s',
        '    timeout: 500ms',
        `    checks: [{ tcp: { host: 127.0.0.1, port: ${port} } }]`,
        'cloudwatch:',
        '  enabled: true',
        '  region: eu-central-1',
        '  flushInterval: 1s',
        '  resolution: 1',
        '',
      ].join('\n'),
    );
    env = cleanEnv({ ...credentials, AWS_ENDPOINT_URL_CLOUDWATCH: fake.url });
    const start = () => {
      const daemon = startDaemon(['--config', configPath, '--data-dir', dataDir], { env });
      daemons.push(daemon);
      return daemon;
    };

    const first = start();
    const on = await first.waitForLog((l) => l.msg === 'cloudwatch: on');
    expect(String(on.reason)).toContain(`${fake.url} (from the environment)`);
    await waitFor('first delivery', () => fake.puts.length > 0, 30_000);

    // Outage: every PutMetricData fails with a 500 for a stretch covering many 1 s flushes.
    fake.setFailure('500');
    const failedBefore = fake.requests.filter((r) => r.status === 500).length;
    await sleep(6000);
    const status = JSON.parse(
      (await runCli(['status', '--json', '--config', configPath, '--data-dir', dataDir], { env })).stdout,
    );
    expect(status.cloudwatch).toMatchObject({
      enabled: true,
      namespace: 'Hostwatch',
      region: 'eu-central-1',
      lastError: { kind: 'retryable', code: 'InternalServiceError' },
    });
    expect(status.cloudwatch.outbox.pending).toBeGreaterThan(0);
    expect(status.cloudwatch.outbox.oldestPendingAgeMs).toBeGreaterThan(1000);

    // Restart in the middle of the outage.
    expect(await first.stop()).toBe(0);
    const second = start();
    await second.waitForLog((l) => l.msg === 'cloudwatch: on');
    await sleep(4000);
    expect(fake.requests.filter((r) => r.status === 500).length - failedBefore).toBeGreaterThanOrEqual(3);

    // Recovery: wait until the outbox is empty and at least one whole minute has been published.
    fake.setFailure(undefined);
    const dbPath = join(dataDir, 'hostwatch.db');
    const firstTs = Math.min(
      ...fake
        .datums()
        .filter((d) => d.MetricName !== 'heartbeat')
        .map((d) => (d.Timestamp ?? 0) * 1000),
    );
    const firstFullMinute = Math.ceil(firstTs / 60_000) * 60_000;
    await waitFor(
      'backlog drained and a whole minute published',
      () => {
        const db = openDatabase(dbPath, { readonly: true });
        try {
          const pending = (
            db.prepare("SELECT count(*) AS n FROM cloudwatch_outbox WHERE state = 'pending'").get() as {
              n: number;
            }
          ).n;
          const cursor = JSON.parse(
            (db.prepare("SELECT value FROM meta WHERE key = 'cloudwatch:cursor'").get() as { value: string })
              .value,
          ) as number;
          return pending === 0 && cursor >= firstFullMinute + 60_000;
        } finally {
          db.close();
        }
      },
      150_000,
    );
    expect(await second.stop()).toBe(0);
    expect(fake.protocolErrors).toEqual([]);

    // Exactly once, or one batch twice at worst.
    const seen = new Map<string, number>();
    fake.puts.forEach((put, index) => {
      for (const d of put.datums) {
        const key = datumKey(d);
        if (seen.has(key)) expect(seen.get(key), `${key} delivered twice by different batches`).toBe(-1);
        seen.set(key, seen.has(key) ? -1 : index);
      }
    });
    const duplicatedPuts = new Set(
      fake.puts.flatMap((p, i) => (p.datums.some((d) => seen.get(datumKey(d)) === -1) ? [i] : [])),
    );
    expect(duplicatedPuts.size).toBeLessThanOrEqual(2); // the original and the resend of one batch

    const db = openDatabase(dbPath, { readonly: true });
    closers.push(async () => db.close());
    const cursor = JSON.parse(
      (db.prepare("SELECT value FROM meta WHERE key = 'cloudwatch:cursor'").get() as { value: string }).value,
    ) as number;
    expect(db.prepare('SELECT state, count(*) AS n FROM cloudwatch_outbox GROUP BY state').all()).toEqual([
      { state: 'sent', n: expect.any(Number) },
    ]);

    const unique = [...new Map(fake.datums().map((d) => [datumKey(d), d])).values()];
    const hostname = (unique.find((d) => d.MetricName === 'heartbeat')?.Dimensions ?? [])[0]?.Value;
    expect(hostname).toBeTruthy();
    for (const [metric, localMetric, labels] of [
      ['cpu_usage_active', 'cpu_usage_active', '{}'],
      ['up', 'probe_up', '{"service":"web"}'],
    ] as const) {
      const received = unique.filter((d) => d.MetricName === metric);
      // Per second: what was sampled from the first published bucket to the cursor.
      const raw = db
        .prepare(
          `SELECT x.ts, x.value FROM samples x JOIN series s ON s.id = x.series_id
            WHERE s.metric = ? AND s.labels = ? AND x.ts >= ? AND x.ts < ? ORDER BY x.ts`,
        )
        .all(localMetric, labels, firstTs, cursor) as Array<{ ts: number; value: number }>;
      // The window spans at least a minute at 1 s, minus the restart's gap and any seconds a
      // starved CI machine skipped: enough to compare, not an exact count.
      expect(raw.length).toBeGreaterThan(40);
      const bySecond = new Map<number, Stat>();
      for (const r of raw) {
        const second = r.ts - (r.ts % 1000);
        bySecond.set(
          second,
          merge(bySecond.get(second), { count: 1, sum: r.value, min: r.value, max: r.value }),
        );
      }
      const receivedBySecond = new Map(received.map((d) => [(d.Timestamp ?? 0) * 1000, statOf(d)]));
      expect([...receivedBySecond.keys()].filter((ts) => ts < cursor).sort()).toEqual(
        [...bySecond.keys()].sort(),
      );
      for (const [second, stat] of bySecond)
        expectStat(receivedBySecond.get(second), stat, `${metric} at ${second}`);

      // Per minute: the published seconds of each whole minute add up to the minute rollup.
      const rollups = db
        .prepare(
          `SELECT r.bucket, r.count, r.sum, r.min, r.max FROM rollup_minute r JOIN series s ON s.id = r.series_id
            WHERE s.metric = ? AND s.labels = ? AND r.bucket >= ? AND r.bucket + 60000 <= ?`,
        )
        .all(localMetric, labels, firstFullMinute, cursor) as Array<{ bucket: number } & Stat>;
      expect(rollups.length).toBeGreaterThanOrEqual(1);
      for (const { bucket, ...rollup } of rollups) {
        let minute: Stat | undefined;
        for (const [ts, stat] of receivedBySecond)
          if (ts >= bucket && ts < bucket + 60_000) minute = merge(minute, stat);
        expectStat(minute, rollup, `${metric} minute ${bucket}`);
      }
    }
    // A heartbeat for every minute the agent sampled in.
    const minutes = new Set(
      (
        db
          .prepare('SELECT DISTINCT ts - ts % 60000 AS m FROM samples WHERE ts >= ? AND ts < ?')
          .all(firstFullMinute, cursor) as Array<{ m: number }>
      ).map((r) => r.m),
    );
    const heartbeats = new Set(
      unique.filter((d) => d.MetricName === 'heartbeat').map((d) => (d.Timestamp ?? 0) * 1000),
    );
    for (const m of minutes) expect(heartbeats.has(m), `heartbeat for ${m}`).toBe(true);
  });

  it('shows the plan and the outbox from the CLI', async () => {
    const plan = await runCli(
      ['cloudwatch', 'plan', '--json', '--config', configPath, '--data-dir', dataDir],
      { env },
    );
    expect(plan.code).toBe(0);
    const parsed = JSON.parse(plan.stdout);
    const metrics = parsed.series.map((s: { metric: string }) => s.metric);
    expect(metrics).toEqual(
      expect.arrayContaining(['cpu_usage_active', 'mem_used_percent', 'up', 'probe_latency', 'heartbeat']),
    );
    expect(
      parsed.series.some((s: { dimensions: Record<string, string> }) => s.dimensions.interface === 'lo'),
    ).toBe(false);
    expect(parsed.series.find((s: { metric: string }) => s.metric === 'up').dimensions.service).toBe('web');
    expect(parsed.costUsdPerMonth.metrics).toBeCloseTo(parsed.series.length * 0.3, 6);
    expect(parsed.requests.perHour).toBe(3600);
    const text = await runCli(['cloudwatch', 'plan', '--config', configPath, '--data-dir', dataDir], { env });
    expect(text.stdout).toMatch(/billable series; 3600 PutMetricData requests an hour/);
    const status = await runCli(
      ['cloudwatch', 'status', '--json', '--config', configPath, '--data-dir', dataDir],
      { env },
    );
    expect(JSON.parse(status.stdout)).toMatchObject({
      outbox: { pending: 0, setAside: 0, tooOld: 0 },
      recentSetAside: [],
    });
  });
});

describe('daemon -> CloudWatch on EC2 (auto), with the dead-host alarms', () => {
  it('turns on with instance credentials, publishes with the instance dimensions and keeps the alarms', {
    timeout: 120_000,
  }, async () => {
    const imds: FakeImds = await startFakeImds();
    closers.push(() => imds.close());
    const fake = await startFakeCloudwatch();
    closers.push(() => fake.close());
    const dir = tempDir();
    const configPath = join(dir, 'hostwatch.yaml');
    writeFileSync(
      configPath,
      [
        'metrics: { interval: 1s, collectors: [cpu, memory] }',
        'cloudwatch:',
        '  flushInterval: 1s',
        '  resolution: 1',
        '  dimensions: [InstanceType, AutoScalingGroupName]',
        `  endpoint: ${fake.url}`,
        '  heartbeatAlarm: { enabled: true, evaluationPeriods: 3, datapointsToAlarm: 2 }',
        'alerting: { sns: { topicArn: "arn:aws:sns:eu-central-1:123456789012:oncall" } }',
        '',
      ].join('\n'),
    );
    const env = cleanEnv({ ...credentials, AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url });
    const daemon = startDaemon(['--config', configPath, '--data-dir', join(dir, 'data')], { env });
    daemons.push(daemon);
    const on = await daemon.waitForLog((l) => l.msg === 'cloudwatch: on');
    expect(String(on.reason)).toContain('eu-central-1 (region from instance metadata)');
    const missing = await daemon.waitForLog((l) =>
      String(l.msg).startsWith('CloudWatch dimensions left out'),
    );
    expect(JSON.stringify(missing.missing)).toMatch(
      /AutoScalingGroupName: not in an Auto Scaling group, or instance metadata tags are off/,
    );
    await waitFor('alarms', () => fake.alarms.size === 2, 30_000);
    const heartbeatAlarm = fake.alarms.get(`hostwatch-heartbeat-${defaultFakeImdsIdentity.instanceId}`);
    expect(heartbeatAlarm).toMatchObject({
      Dimensions: [
        { Name: 'InstanceId', Value: defaultFakeImdsIdentity.instanceId },
        { Name: 'InstanceType', Value: defaultFakeImdsIdentity.instanceType },
      ],
      EvaluationPeriods: 3,
      DatapointsToAlarm: 2,
      TreatMissingData: 'breaching',
      OKActions: ['arn:aws:sns:eu-central-1:123456789012:oncall'],
    });
    expect(fake.alarms.get(`hostwatch-status-check-${defaultFakeImdsIdentity.instanceId}`)).toMatchObject({
      Namespace: 'AWS/EC2',
      MetricName: 'StatusCheckFailed',
    });
    // Every series carries exactly the dimensions the heartbeat alarm watches.
    await waitFor('a datum', () => fake.datums().some((d) => d.MetricName === 'cpu_usage_active'), 30_000);
    const cpu = fake.datums().find((d) => d.MetricName === 'cpu_usage_active');
    expect(cpu?.Dimensions).toEqual(heartbeatAlarm?.Dimensions);
    expect(fake.puts[0]?.accessKeyId).toBe(credentials.AWS_ACCESS_KEY_ID);
    expect(await daemon.stop()).toBe(0);

    // Decommissioning: delete-alarms removes both (the agent is stopped first).
    const removed = await runCli(
      ['cloudwatch', 'delete-alarms', '--json', '--config', configPath, '--data-dir', join(dir, 'data')],
      { env },
    );
    expect(removed.code).toBe(0);
    expect(JSON.parse(removed.stdout).deleted).toHaveLength(2);
    expect(fake.alarms.size).toBe(0);
  });
});
