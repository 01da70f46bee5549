/**
 * Alert rules: the defaults every host gets, the configured ones (a configured rule with a default's name
 * replaces it), and the pure helpers that match samples and build dedup keys.
 *
 * Defaults (alerting.disable turns any of them off):
 *   service-down    every configured service whose debounced state is down (failureThreshold checks), critical
 *   cpu-high        cpu_usage_active > 90 for 5m, warning
 *   memory-high     mem_used_percent > 90 for 5m, warning
 *   disk-full       disk_used_percent > 90, warning
 *   disk-full-soon  disk_used_percent predicted to reach 100 within 24h (linear trend over 6h), critical
 *   cert-expiry     probe_cert_days_left < 14 (an https check's certificate), warning
 *   slo-burn        weekly SLO burning at 13.44x over 1h and 5m, or 3.5x over 6h and 30m, critical
 *   slo-budget      weekly SLO burning at 1.4x over 1d and 2h (a ticket, not a page), warning
 * The host itself has no service-down alert: a dead host cannot page; CloudWatch's heartbeat alarm does.
 */
import { createHash } from 'node:crypto';
import type { Config } from '../agent/config/schema.js';
import type { Labels } from '../agent/types.js';
import { type BurnTier, PAGE_TIERS, TICKET_TIERS } from './burn-rate.js';
import type { Severity } from './types.js';

export type ComparisonOp = '>' | '>=' | '<' | '<=';

interface RuleBase {
  name: string;
  severity: Severity;
  forMs: number;
  keepFiringForMs: number;
  runbookUrl?: string;
}

export interface ServiceDownRule extends RuleBase {
  kind: 'service-down';
}

export interface ThresholdRule extends RuleBase {
  kind: 'threshold';
  metric: string;
  labels: Labels;
  op: ComparisonOp;
  threshold: number;
}

export interface ForecastRule extends RuleBase {
  kind: 'forecast';
  metric: string;
  labels: Labels;
  op: ComparisonOp;
  threshold: number;
  horizonMs: number;
  lookbackMs: number;
}

export interface BurnRateRule extends RuleBase {
  kind: 'burn-rate';
  tiers: readonly BurnTier[];
}

export type AlertRule = ServiceDownRule | ThresholdRule | ForecastRule | BurnRateRule;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const base = (name: string, severity: Severity, forMs = 0): RuleBase => ({
  name,
  severity,
  forMs,
  keepFiringForMs: 0,
});

export function defaultRules(): AlertRule[] {
  return [
    { ...base('service-down', 'critical'), kind: 'service-down' },
    {
      ...base('cpu-high', 'warning', 5 * MINUTE),
      kind: 'threshold',
      metric: 'cpu_usage_active',
      labels: {},
      op: '>',
      threshold: 90,
    },
    {
      ...base('memory-high', 'warning', 5 * MINUTE),
      kind: 'threshold',
      metric: 'mem_used_percent',
      labels: {},
      op: '>',
      threshold: 90,
    },
    {
      ...base('disk-full', 'warning'),
      kind: 'threshold',
      metric: 'disk_used_percent',
      labels: {},
      op: '>',
      threshold: 90,
    },
    {
      ...base('disk-full-soon', 'critical', 10 * MINUTE),
      kind: 'forecast',
      metric: 'disk_used_percent',
      labels: {},
      op: '>=',
      threshold: 100,
      horizonMs: 24 * HOUR,
      lookbackMs: 6 * HOUR,
    },
    {
      ...base('cert-expiry', 'warning'),
      kind: 'threshold',
      metric: 'probe_cert_days_left',
      labels: {},
      op: '<',
      threshold: 14,
    },
    { ...base('slo-burn', 'critical'), kind: 'burn-rate', tiers: PAGE_TIERS },
    { ...base('slo-budget', 'warning'), kind: 'burn-rate', tiers: TICKET_TIERS },
  ];
}

/** Defaults minus `alerting.disable`, with configured rules replacing same-named defaults or added after them. */
export function rulesFromConfig(config: Config): AlertRule[] {
  const { alerting } = config;
  const configured = new Map<string, AlertRule>();
  for (const rule of alerting.rules) {
    const common = {
      name: rule.name,
      severity: rule.severity,
      forMs: rule.for ?? 0,
      keepFiringForMs: rule.keepFiringFor ?? 0,
      ...(rule.runbookUrl ? { runbookUrl: rule.runbookUrl } : {}),
      metric: rule.metric,
      labels: rule.labels ?? {},
      op: rule.op,
      threshold: rule.threshold,
    };
    configured.set(
      rule.name,
      rule.predict
        ? { ...common, kind: 'forecast', horizonMs: rule.predict.horizon, lookbackMs: rule.predict.lookback }
        : { ...common, kind: 'threshold' },
    );
  }
  const rules: AlertRule[] = [];
  for (const rule of defaultRules()) rules.push(configured.get(rule.name) ?? rule);
  for (const rule of configured.values()) if (!rules.includes(rule)) rules.push(rule);
  const disabled = new Set(alerting.disable);
  return rules.filter((rule) => !disabled.has(rule.name));
}

export function compare(value: number, op: ComparisonOp, threshold: number): boolean {
  switch (op) {
    case '>':
      return value > threshold;
    case '>=':
      return value >= threshold;
    case '<':
      return value < threshold;
    case '<=':
      return value <= threshold;
  }
}

/** Every wanted label is present with the same value. */
export function matchesLabels(labels: Labels | undefined, wanted: Labels): boolean {
  return Object.entries(wanted).every(([key, value]) => labels?.[key] === value);
}

/** Labels that name what a series is about, in order of preference. */
const IDENTITY_LABELS = ['service', 'path', 'device', 'interface'] as const;

/** A short stable name for a series' target: "path=/", "service=nginx"; "" for host-wide series. */
export function targetOfLabels(labels: Labels | undefined): string {
  if (!labels) return '';
  for (const key of IDENTITY_LABELS) {
    const value = labels[key];
    if (value !== undefined) return `${key}=${value}`;
  }
  return Object.keys(labels)
    .sort()
    .map((key) => `${key}=${labels[key]}`)
    .join(',');
}

/** The service a series belongs to, for maintenance windows: its `service` label, else the host. */
export function serviceOfLabels(labels: Labels | undefined): string {
  return labels?.service ?? 'host';
}

const MAX_DEDUP_KEY_LENGTH = 255;

/**
 * host/rule[/target]: identity only (never values or times), printable ASCII, at most 255 characters
 * (the CloudWatch alarm name limit; PagerDuty correlates on it). Longer keys keep a hash of the whole.
 */
export function dedupKey(host: string, rule: string, target: string): string {
  const raw = [host, rule, target].filter((part) => part !== '').join('/');
  const ascii = raw.replace(/[^\x20-\x7e]/g, '_');
  if (ascii.length <= MAX_DEDUP_KEY_LENGTH) return ascii;
  const hash = createHash('sha256').update(raw).digest('hex').slice(0, 12);
  return `${ascii.slice(0, MAX_DEDUP_KEY_LENGTH - hash.length - 1)}~${hash}`;
}

/** "cpu_usage_active > 90 for 5m", "service down (3 failed checks)", ... for messages. */
export function describeRule(rule: AlertRule, formatMs: (ms: number) => string): string {
  const lasting = rule.forMs > 0 ? ` for ${formatMs(rule.forMs)}` : '';
  switch (rule.kind) {
    case 'service-down':
      return 'service down (consecutive failed checks reached failureThreshold)';
    case 'threshold':
      return `${rule.metric} ${rule.op} ${rule.threshold}${lasting}`;
    case 'forecast':
      return `${rule.metric} predicted ${rule.op} ${rule.threshold} within ${formatMs(rule.horizonMs)} (linear trend over ${formatMs(rule.lookbackMs)})${lasting}`;
    case 'burn-rate':
      return `error budget burn rate: ${rule.tiers
        .map((t) => `${t.rate}x over ${formatMs(t.longMs)} and ${formatMs(t.shortMs)}`)
        .join(', or ')}`;
  }
}
