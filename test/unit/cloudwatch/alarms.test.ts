import { readFileSync } from 'node:fs';
import type { MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { describe, expect, it } from 'vitest';
import { type AlarmApi, syncAlarms } from '../../../agent/exporters/cloudwatch/alarm-sync.js';
import { ALARM_PREFIX, alarmDifferences, planAlarms } from '../../../agent/exporters/cloudwatch/alarms.js';

const host = [
  { Name: 'InstanceId', Value: 'i-0abc' },
  { Name: 'InstanceType', Value: 't3.small' },
];
const topic = 'arn:aws:sns:eu-central-1:123456789012:oncall';
const options = {
  namespace: 'Hostwatch',
  hostDimensions: host,
  ec2InstanceId: 'i-0abc',
  hostLabel: 'web-1',
  heartbeat: { enabled: true, evaluationPeriods: 5, datapointsToAlarm: 3, statusCheckAlarm: true },
  topicArn: topic,
};

describe('alarm plan', () => {
  it('alarms on a missing heartbeat with the heartbeat dimensions and pages and resolves through SNS', () => {
    const { wanted, unwanted } = planAlarms(options);
    expect(unwanted).toEqual([]);
    expect(wanted[0]).toMatchObject({
      AlarmName: 'hostwatch-heartbeat-i-0abc',
      Namespace: 'Hostwatch',
      MetricName: 'heartbeat',
      Dimensions: host,
      Statistic: 'Sum',
      Period: 60,
      EvaluationPeriods: 5,
      DatapointsToAlarm: 3,
      Threshold: 1,
      ComparisonOperator: 'LessThanThreshold',
      TreatMissingData: 'breaching',
      AlarmActions: [topic],
      OKActions: [topic],
    });
    expect(wanted[1]).toMatchObject({
      AlarmName: 'hostwatch-status-check-i-0abc',
      Namespace: 'AWS/EC2',
      MetricName: 'StatusCheckFailed',
      Dimensions: [{ Name: 'InstanceId', Value: 'i-0abc' }],
    });
  });

  it('lists alarms switched off for deletion, and has no status check off EC2', () => {
    expect(
      planAlarms({ ...options, heartbeat: { ...options.heartbeat, statusCheckAlarm: false } }).unwanted,
    ).toEqual(['hostwatch-status-check-i-0abc']);
    expect(planAlarms({ ...options, ec2InstanceId: undefined }).wanted.map((a) => a.AlarmName)).toEqual([
      'hostwatch-heartbeat-i-0abc',
    ]);
  });

  it('sees no difference in an alarm as CloudWatch describes it back, and names a changed field', () => {
    const [wanted] = planAlarms(options).wanted;
    if (!wanted) throw new Error('no alarm');
    const described = {
      ...wanted,
      Dimensions: [...(wanted.Dimensions ?? [])].reverse(),
      StateValue: 'OK',
      AlarmArn: 'arn:...',
    } as MetricAlarm;
    expect(alarmDifferences(described, wanted)).toEqual([]);
    expect(alarmDifferences({ ...described, EvaluationPeriods: 3, OKActions: [] }, wanted)).toEqual([
      'OKActions',
      'EvaluationPeriods',
    ]);
  });
});

describe('alarm sync', () => {
  function memoryApi(): AlarmApi & { store: Map<string, MetricAlarm>; puts: number; deletes: number } {
    const store = new Map<string, MetricAlarm>();
    const api = {
      store,
      puts: 0,
      deletes: 0,
      describe: async (names: string[]) =>
        names.flatMap((n) => (store.has(n) ? [store.get(n) as MetricAlarm] : [])),
      put: async (input: MetricAlarm) => {
        api.puts += 1;
        store.set(input.AlarmName as string, { ...input });
      },
      delete: async (names: string[]) => {
        api.deletes += 1;
        for (const n of names) store.delete(n);
      },
    };
    return api;
  }

  it('creates, then leaves unchanged alarms alone, then updates and deletes', async () => {
    const api = memoryApi();
    expect(await syncAlarms(api, planAlarms(options))).toMatchObject({
      created: ['hostwatch-heartbeat-i-0abc', 'hostwatch-status-check-i-0abc'],
    });
    expect(await syncAlarms(api, planAlarms(options))).toMatchObject({
      created: [],
      updated: [],
      unchanged: expect.any(Array),
    });
    expect(api.puts).toBe(2);
    const changed = {
      ...options,
      heartbeat: { ...options.heartbeat, datapointsToAlarm: 5, statusCheckAlarm: false },
    };
    const result = await syncAlarms(api, planAlarms(changed));
    expect(result.updated).toEqual([{ name: 'hostwatch-heartbeat-i-0abc', fields: ['DatapointsToAlarm'] }]);
    expect(result.deleted).toEqual(['hostwatch-status-check-i-0abc']);
    expect([...api.store.keys()]).toEqual(['hostwatch-heartbeat-i-0abc']);
  });
});

describe('systemd/iam-policy.json', () => {
  it('allows exactly what the exporter calls: PutMetricData in the default namespace, our alarms by prefix', () => {
    const policy = JSON.parse(
      readFileSync(new URL('../../../systemd/iam-policy.json', import.meta.url), 'utf8'),
    );
    const statements = policy.Statement as Array<{
      Action: string | string[];
      Resource: string;
      Condition?: unknown;
    }>;
    const put = statements.find((s) => s.Action === 'cloudwatch:PutMetricData');
    expect(put?.Condition).toEqual({ StringEquals: { 'cloudwatch:namespace': 'Hostwatch' } });
    const alarms = statements.find(
      (s) => Array.isArray(s.Action) && s.Action.includes('cloudwatch:PutMetricAlarm'),
    );
    expect(alarms?.Action).toEqual([
      'cloudwatch:DescribeAlarms',
      'cloudwatch:PutMetricAlarm',
      'cloudwatch:DeleteAlarms',
    ]);
    expect(alarms?.Resource).toBe(`arn:aws:cloudwatch:*:*:alarm:${ALARM_PREFIX}*`);
  });
});
