/** Alarm sync with the real SDK client against the fake CloudWatch: idempotent, and it heals drift. */

import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlarmKeeper } from '../../agent/exporters/cloudwatch/alarm-keeper.js';
import { alarmApiOf } from '../../agent/exporters/cloudwatch/alarm-sync.js';
import { planAlarms } from '../../agent/exporters/cloudwatch/alarms.js';
import { createCloudwatchClient } from '../../agent/exporters/cloudwatch/client.js';
import { readCloudwatchStatus } from '../../agent/exporters/cloudwatch/status.js';
import { silentLogger } from '../../agent/log.js';
import type { Db } from '../../agent/store/db.js';
import { type FakeCloudwatch, startFakeCloudwatch } from '../fakes/cloudwatch-server.js';
import {
  DUMMY_CREDENTIALS,
  freshStore,
  HOST_DIMENSIONS,
  inertTimers,
  ManualClock,
} from '../helpers/cloudwatch.js';

const topic = 'arn:aws:sns:eu-central-1:123456789012:oncall';
const options = {
  namespace: 'Hostwatch',
  hostDimensions: HOST_DIMENSIONS,
  ec2InstanceId: 'i-0123456789abcdef0',
  hostLabel: 'web-1',
  heartbeat: { enabled: true, evaluationPeriods: 5, datapointsToAlarm: 3, statusCheckAlarm: true },
  topicArn: topic,
};

describe('alarm sync against the fake', () => {
  let fake: FakeCloudwatch;
  let client: CloudWatchClient;
  let db: Db;
  const clock = new ManualClock(Date.UTC(2026, 10, 23, 10));
  beforeAll(async () => {
    fake = await startFakeCloudwatch();
    client = createCloudwatchClient({
      region: 'eu-central-1',
      endpoint: fake.url,
      credentials: DUMMY_CREDENTIALS,
    });
    db = freshStore();
  });
  afterAll(async () => {
    client.destroy();
    db.close();
    await fake.close();
  });
  const keeper = (plan = planAlarms(options)) =>
    new AlarmKeeper({ api: alarmApiOf(client), plan, db, clock, logger: silentLogger, timers: inertTimers });

  it('creates both alarms, then a second sync describes and writes nothing', async () => {
    const first = await keeper().syncOnce();
    expect(first.result?.created).toEqual([
      'hostwatch-heartbeat-i-0123456789abcdef0',
      'hostwatch-status-check-i-0123456789abcdef0',
    ]);
    expect(fake.alarms.get('hostwatch-heartbeat-i-0123456789abcdef0')).toMatchObject({
      MetricName: 'heartbeat',
      TreatMissingData: 'breaching',
      AlarmActions: [topic],
      OKActions: [topic],
      Dimensions: HOST_DIMENSIONS,
    });
    expect(fake.calls('PutMetricAlarm')).toBe(2);

    const second = await keeper().syncOnce();
    expect(second.result).toMatchObject({ created: [], updated: [], deleted: [] });
    expect(second.result?.unchanged).toHaveLength(2);
    expect(fake.calls('PutMetricAlarm')).toBe(2);
    expect(fake.calls('DescribeAlarms')).toBe(2);
  });

  it('puts back an alarm edited by hand and deletes one switched off', async () => {
    const heartbeat = fake.alarms.get('hostwatch-heartbeat-i-0123456789abcdef0') as Record<string, unknown>;
    heartbeat.OKActions = [];
    const plan = planAlarms({ ...options, heartbeat: { ...options.heartbeat, statusCheckAlarm: false } });
    const record = await keeper(plan).syncOnce();
    expect(record.result?.updated).toEqual([
      { name: 'hostwatch-heartbeat-i-0123456789abcdef0', fields: ['OKActions'] },
    ]);
    expect(record.result?.deleted).toEqual(['hostwatch-status-check-i-0123456789abcdef0']);
    expect([...fake.alarms.keys()]).toEqual(['hostwatch-heartbeat-i-0123456789abcdef0']);
    expect(fake.calls('PutMetricAlarm')).toBe(3);
  });

  it('records a failed sync for status', async () => {
    fake.setFailure('500', { allOperations: true });
    const record = await keeper().syncOnce();
    fake.setFailure(undefined);
    expect(record).toMatchObject({ ok: false, error: expect.stringMatching(/^InternalServiceError/) });
    db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('cloudwatch', ?)").run(
      JSON.stringify({
        enabled: true,
        reason: 'test',
        decidedAt: 0,
        lastFlushAt: null,
        lastSuccessAt: null,
        lastError: null,
        consecutiveFailures: 0,
        nextRetryAt: null,
        requests: 0,
        datumsSent: 0,
      }),
    );
    expect(readCloudwatchStatus(db, clock.now())?.alarms).toMatchObject({ ok: false });
  });
});
