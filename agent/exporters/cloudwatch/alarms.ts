/**
 * The per-host alarms the agent keeps in CloudWatch (pure: what they should look like, and whether
 * an existing one differs).
 *
 * - heartbeat: Sum of `heartbeat` per minute < 1 in N of M minutes, missing data breaching. The agent
 *   cannot page when its host is dead, so CloudWatch does. The on-call SNS topic is in both
 *   AlarmActions and OKActions, so PagerDuty & co. also resolve it.
 * - status-check (EC2 only): AWS/EC2 StatusCheckFailed >= 1 for 2 minutes, so "host dead" and
 *   "agent dead" can be told apart.
 * All names start with ALARM_PREFIX; the IAM policy in systemd/iam-policy.json is scoped to it.
 */
import type { MetricAlarm, PutMetricAlarmInput } from '@aws-sdk/client-cloudwatch';
import type { Dimension } from './datum.js';
import { HEARTBEAT_METRIC } from './series-map.js';

export const ALARM_PREFIX = 'hostwatch-';

export interface AlarmOptions {
  namespace: string;
  /** Exactly the heartbeat datum's dimensions: an alarm only sees a metric with the same set. */
  hostDimensions: readonly Dimension[];
  /** The EC2 instance id; undefined off EC2 (no status-check alarm then). */
  ec2InstanceId: string | undefined;
  hostLabel: string;
  heartbeat: {
    enabled: boolean;
    evaluationPeriods: number;
    datapointsToAlarm: number;
    statusCheckAlarm: boolean;
  };
  /** SNS topic for AlarmActions and OKActions; undefined: the alarms only change state. */
  topicArn: string | undefined;
}

export function alarmNames(instanceId: string): { heartbeat: string; statusCheck: string } {
  return {
    heartbeat: `${ALARM_PREFIX}heartbeat-${instanceId}`,
    statusCheck: `${ALARM_PREFIX}status-check-${instanceId}`,
  };
}

export interface AlarmPlan {
  /** Alarms that should exist, exactly like this. */
  wanted: PutMetricAlarmInput[];
  /** Our alarms that should not exist (turned off in the config). */
  unwanted: string[];
}

const DECOMMISSION =
  'Before terminating this host, delete this alarm (hostwatch cloudwatch delete-alarms), or it pages.';

export function planAlarms(options: AlarmOptions): AlarmPlan {
  const instanceDimension = options.hostDimensions.find((d) => d.Name === 'InstanceId');
  const names = alarmNames(instanceDimension?.Value ?? options.hostLabel);
  const actions = options.topicArn ? [options.topicArn] : [];
  const wanted: PutMetricAlarmInput[] = [];
  const unwanted: string[] = [];
  const hb = options.heartbeat;
  if (hb.enabled) {
    wanted.push({
      AlarmName: names.heartbeat,
      AlarmDescription: `hostwatch on ${options.hostLabel} stopped sending its heartbeat: the host or the agent is down. ${DECOMMISSION}`,
      ActionsEnabled: true,
      AlarmActions: actions,
      OKActions: actions,
      Namespace: options.namespace,
      MetricName: HEARTBEAT_METRIC,
      Dimensions: options.hostDimensions.map((d) => ({ ...d })),
      Statistic: 'Sum',
      Period: 60,
      EvaluationPeriods: hb.evaluationPeriods,
      DatapointsToAlarm: hb.datapointsToAlarm,
      Threshold: 1,
      ComparisonOperator: 'LessThanThreshold',
      TreatMissingData: 'breaching',
    });
  } else unwanted.push(names.heartbeat);
  if (hb.enabled && hb.statusCheckAlarm && options.ec2InstanceId) {
    wanted.push({
      AlarmName: names.statusCheck,
      AlarmDescription: `EC2 status check failing for ${options.hostLabel} (${options.ec2InstanceId}): the instance or its host is impaired. ${DECOMMISSION}`,
      ActionsEnabled: true,
      AlarmActions: actions,
      OKActions: actions,
      Namespace: 'AWS/EC2',
      MetricName: 'StatusCheckFailed',
      Dimensions: [{ Name: 'InstanceId', Value: options.ec2InstanceId }],
      Statistic: 'Maximum',
      Period: 60,
      EvaluationPeriods: 2,
      DatapointsToAlarm: 2,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'missing',
    });
  } else unwanted.push(names.statusCheck);
  return { wanted, unwanted };
}

const sortedStrings = (list: readonly string[] | undefined) => [...(list ?? [])].sort();
const dimensionSet = (list: ReadonlyArray<{ Name?: string; Value?: string }> | undefined) =>
  (list ?? []).map((d) => `${d.Name}=${d.Value}`).sort();

/** The fields of `wanted` that `existing` does not match (empty: nothing to rewrite). */
export function alarmDifferences(existing: MetricAlarm, wanted: PutMetricAlarmInput): string[] {
  const checks: Array<[string, unknown, unknown]> = [
    ['AlarmDescription', existing.AlarmDescription ?? '', wanted.AlarmDescription ?? ''],
    ['ActionsEnabled', existing.ActionsEnabled ?? true, wanted.ActionsEnabled ?? true],
    ['AlarmActions', sortedStrings(existing.AlarmActions), sortedStrings(wanted.AlarmActions)],
    ['OKActions', sortedStrings(existing.OKActions), sortedStrings(wanted.OKActions)],
    [
      'InsufficientDataActions',
      sortedStrings(existing.InsufficientDataActions),
      sortedStrings(wanted.InsufficientDataActions),
    ],
    ['Namespace', existing.Namespace, wanted.Namespace],
    ['MetricName', existing.MetricName, wanted.MetricName],
    ['Dimensions', dimensionSet(existing.Dimensions), dimensionSet(wanted.Dimensions)],
    ['Statistic', existing.Statistic, wanted.Statistic],
    ['Period', existing.Period, wanted.Period],
    ['EvaluationPeriods', existing.EvaluationPeriods, wanted.EvaluationPeriods],
    ['DatapointsToAlarm', existing.DatapointsToAlarm ?? existing.EvaluationPeriods, wanted.DatapointsToAlarm],
    ['Threshold', existing.Threshold, wanted.Threshold],
    ['ComparisonOperator', existing.ComparisonOperator, wanted.ComparisonOperator],
    ['TreatMissingData', existing.TreatMissingData ?? 'missing', wanted.TreatMissingData ?? 'missing'],
  ];
  return checks.filter(([, a, b]) => JSON.stringify(a) !== JSON.stringify(b)).map(([field]) => field);
}
