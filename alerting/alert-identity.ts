/**
 * Who an alert is (rule x target, the dedup key, the service whose maintenance silences it) and how its
 * notices become notifications: title, condition, cause and the CloudWatch-style trigger. Pure.
 */

import { formatDuration } from '../agent/config/duration.js';
import type { Config } from '../agent/config/schema.js';
import { HOST_SERVICE } from '../agent/history/report.js';
import {
  type AlarmTrigger,
  clip,
  comparisonOperator,
  type HostFacts,
  type Notification,
} from './notification.js';
import { type AlertRule, dedupKey, describeRule } from './rules.js';
import type { Notice } from './types.js';

export const NAMESPACE = 'Hostwatch';

export interface AlertIdentity {
  key: string;
  rule: AlertRule;
  /** "" (host-wide), a service name, or "path=/"-style series identity. */
  target: string;
  /** Maintenance windows covering this service silence the alert. */
  service: string;
}

export function identityFor(host: string, rule: AlertRule, target: string, service: string): AlertIdentity {
  return { key: dedupKey(host, rule.name, target), rule, target, service };
}

/** The service a stored alert belongs to, from its rule kind and target. */
export function serviceOfTarget(rule: AlertRule, target: string): string {
  if (rule.kind === 'service-down' || rule.kind === 'burn-rate') return target;
  return target.startsWith('service=') ? target.slice('service='.length) : HOST_SERVICE;
}

function titleOf(identity: AlertIdentity, host: string): string {
  const { rule, target } = identity;
  switch (rule.kind) {
    case 'service-down':
      return `${target} down on ${host}`;
    case 'burn-rate':
      return rule.severity === 'critical'
        ? `${target} burning its error budget on ${host}`
        : `${target} error budget at risk on ${host}`;
    default:
      return target ? `${rule.name} (${target}) on ${host}` : `${rule.name} on ${host}`;
  }
}

const seconds = (ms: number) => Math.max(1, Math.round(ms / 1000));

function triggerOf(identity: AlertIdentity, host: string, config: Config): AlarmTrigger {
  const { rule, target, service } = identity;
  const dimensions = [{ name: 'Host', value: host }];
  const serviceConfig = config.services.find((s) => s.name === service);
  switch (rule.kind) {
    case 'service-down':
      return {
        MetricName: 'probe_up',
        Namespace: NAMESPACE,
        Dimensions: [...dimensions, { name: 'Service', value: target }],
        Period: seconds(serviceConfig?.interval ?? 30_000),
        EvaluationPeriods: serviceConfig?.failureThreshold ?? 3,
        ComparisonOperator: 'LessThanThreshold',
        Threshold: 1,
      };
    case 'burn-rate':
      return {
        MetricName: 'slo_burn_rate',
        Namespace: NAMESPACE,
        Dimensions: [...dimensions, { name: 'Service', value: target }],
        Period: seconds(rule.tiers[0]?.shortMs ?? 300_000),
        EvaluationPeriods: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        Threshold: rule.tiers[0]?.rate ?? 1,
      };
    default: {
      const period = serviceConfig ? serviceConfig.interval : config.metrics.interval;
      const labels = target ? target.split(',').map((pair) => pair.split('=')) : [];
      return {
        MetricName: rule.metric,
        Namespace: NAMESPACE,
        Dimensions: [
          ...dimensions,
          ...labels.map(([name, ...value]) => ({ name: name ?? '', value: value.join('=') })),
        ],
        Period: seconds(rule.kind === 'forecast' ? config.alerting.evaluationInterval : period),
        EvaluationPeriods: Math.max(1, Math.ceil(rule.forMs / period)),
        ComparisonOperator: comparisonOperator(rule.op),
        Threshold: rule.threshold,
      };
    }
  }
}

export interface NotificationContext {
  config: Config;
  host: HostFacts;
}

export function notificationFor(
  identity: AlertIdentity,
  notice: Notice,
  ctx: NotificationContext,
): Notification {
  const { rule } = identity;
  const runbookUrl = rule.runbookUrl ?? ctx.config.alerting.runbookUrl;
  return {
    kind: notice.kind,
    dedupKey: identity.key,
    severity: rule.severity,
    rule: rule.name,
    title: clip(titleOf(identity, ctx.host.name), 200),
    condition: clip(describeRule(rule, formatDuration), 500),
    host: ctx.host,
    timeZone: ctx.config.timezone,
    at: notice.at,
    startedAt: notice.startedAt,
    ...(notice.endedAt !== undefined ? { endedAt: notice.endedAt } : {}),
    cause: clip(notice.detail || 'no detail recorded', 1000),
    value: notice.value,
    ...(runbookUrl ? { runbookUrl } : {}),
    ...(notice.afterMaintenance ? { afterMaintenance: true } : {}),
    ...(notice.afterFlapping ? { afterFlapping: true } : {}),
    ...(notice.flapPercent !== undefined ? { flapPercent: notice.flapPercent } : {}),
    trigger: triggerOf(identity, ctx.host.name, ctx.config),
  };
}

/** The host's facts for messages: config host.name, else the identity's hostname; EC2 details when known. */
export function hostFacts(
  config: Config,
  identity: {
    hostname: string;
    instanceId?: string;
    instanceType?: string;
    availabilityZone?: string;
    region?: string;
  },
): HostFacts {
  return {
    name: config.host.name ?? identity.hostname,
    ...(identity.instanceId ? { instanceId: identity.instanceId } : {}),
    ...(identity.instanceType ? { instanceType: identity.instanceType } : {}),
    ...(identity.availabilityZone ? { availabilityZone: identity.availabilityZone } : {}),
    ...(identity.region ? { region: identity.region } : {}),
  };
}
