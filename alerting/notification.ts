/**
 * A notification as stored in the outbox: the facts of one page, reminder, resolve or flapping note. It is
 * rendered into an SNS message only when sent (pager/format.ts), so a message that waited out an SNS outage
 * can say that it is late.
 */
import type { NoticeKind, Severity } from './types.js';

export type NotificationKind = NoticeKind | 'test-page' | 'test-resolve';

export interface HostFacts {
  /** config host.name, else the hostname. */
  name: string;
  instanceId?: string;
  instanceType?: string;
  availabilityZone?: string;
  region?: string;
}

/** The `Trigger` of a CloudWatch alarm notification, describing the condition in CloudWatch's terms. */
export interface AlarmTrigger {
  MetricName: string;
  Namespace: string;
  Dimensions: Array<{ name: string; value: string }>;
  Period: number;
  EvaluationPeriods: number;
  ComparisonOperator:
    | 'GreaterThanThreshold'
    | 'GreaterThanOrEqualToThreshold'
    | 'LessThanThreshold'
    | 'LessThanOrEqualToThreshold';
  Threshold: number;
}

export interface Notification {
  kind: NotificationKind;
  dedupKey: string;
  severity: Severity;
  rule: string;
  /** Names the alert the same way in every message of an incident: "nginx down on web-1". */
  title: string;
  /** The rule in words: "cpu_usage_active > 90 for 5m". */
  condition: string;
  host: HostFacts;
  /** IANA zone the times are shown in (config timezone). */
  timeZone: string;
  /** When the event happened (page: fired; resolve: resolved). */
  at: number;
  /** Start of the incident. */
  startedAt: number;
  /** resolve: when the condition turned good. */
  endedAt?: number;
  /** The probe detail or the measured value in words. */
  cause: string;
  value: number | null;
  runbookUrl?: string;
  afterMaintenance?: boolean;
  afterFlapping?: boolean;
  flapPercent?: number;
  trigger: AlarmTrigger;
}

/** ALARM for everything but resolves: PagerDuty opens (or keeps) an incident on ALARM and resolves on OK. */
export function alarmState(kind: NotificationKind): 'ALARM' | 'OK' {
  return kind === 'resolve' || kind === 'test-resolve' ? 'OK' : 'ALARM';
}

const OPERATORS = {
  '>': 'GreaterThanThreshold',
  '>=': 'GreaterThanOrEqualToThreshold',
  '<': 'LessThanThreshold',
  '<=': 'LessThanOrEqualToThreshold',
} as const;

export function comparisonOperator(op: keyof typeof OPERATORS): AlarmTrigger['ComparisonOperator'] {
  return OPERATORS[op];
}

/** Caps free text (probe details can be long) so a message always fits SNS's limits with room to spare. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 3)}...`;
}
