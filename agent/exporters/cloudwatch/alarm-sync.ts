/**
 * Brings the host's alarms in line with the plan, idempotently: DescribeAlarms first, PutMetricAlarm
 * only for a missing or different alarm, DeleteAlarms only for one of ours that is switched off.
 * An unchanged alarm is never rewritten (a rewrite would reset its state history and re-notify).
 */
import {
  type CloudWatchClient,
  DeleteAlarmsCommand,
  DescribeAlarmsCommand,
  type MetricAlarm,
  PutMetricAlarmCommand,
} from '@aws-sdk/client-cloudwatch';
import { type AlarmPlan, alarmDifferences } from './alarms.js';

/** The three calls, so tests and the CLI can use the real client and anything else can stand in. */
export interface AlarmApi {
  describe(names: string[]): Promise<MetricAlarm[]>;
  put(input: AlarmPlan['wanted'][number]): Promise<void>;
  delete(names: string[]): Promise<void>;
}

export interface AlarmSyncResult {
  created: string[];
  updated: Array<{ name: string; fields: string[] }>;
  unchanged: string[];
  deleted: string[];
}

export async function syncAlarms(api: AlarmApi, plan: AlarmPlan): Promise<AlarmSyncResult> {
  const names = [...plan.wanted.map((a) => a.AlarmName as string), ...plan.unwanted];
  const existing = new Map((await api.describe(names)).map((alarm) => [alarm.AlarmName, alarm]));
  const result: AlarmSyncResult = { created: [], updated: [], unchanged: [], deleted: [] };
  for (const wanted of plan.wanted) {
    const name = wanted.AlarmName as string;
    const current = existing.get(name);
    if (!current) {
      await api.put(wanted);
      result.created.push(name);
      continue;
    }
    const fields = alarmDifferences(current, wanted);
    if (fields.length === 0) {
      result.unchanged.push(name);
      continue;
    }
    await api.put(wanted);
    result.updated.push({ name, fields });
  }
  const stale = plan.unwanted.filter((name) => existing.has(name));
  if (stale.length > 0) {
    await api.delete(stale);
    result.deleted.push(...stale);
  }
  return result;
}

export function alarmApiOf(client: CloudWatchClient): AlarmApi {
  return {
    async describe(names) {
      if (names.length === 0) return [];
      const alarms: MetricAlarm[] = [];
      let NextToken: string | undefined;
      do {
        const page = await client.send(
          new DescribeAlarmsCommand({ AlarmNames: names, AlarmTypes: ['MetricAlarm'], NextToken }),
        );
        alarms.push(...(page.MetricAlarms ?? []));
        NextToken = page.NextToken;
      } while (NextToken);
      return alarms;
    },
    async put(input) {
      await client.send(new PutMetricAlarmCommand(input));
    },
    async delete(names) {
      await client.send(new DeleteAlarmsCommand({ AlarmNames: names }));
    },
  };
}
