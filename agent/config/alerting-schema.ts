/**
 * Schema of `alerting`: where pages go (SNS topics), how often alerts repeat, and the rules. Service-down,
 * resource, certificate and SLO burn-rate rules exist by default (alerting/rules.ts); a configured rule with
 * a default's name replaces it, and `disable` turns defaults off.
 */
import { z } from 'zod';
import { describeValue, duration, httpUrl, list, nonEmptyString } from './fields.js';

const SECOND = 1000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** The rules that exist without any config (see alerting/rules.ts for what each one watches). */
const DEFAULT_RULE_NAMES = [
  'service-down',
  'cpu-high',
  'memory-high',
  'disk-full',
  'disk-full-soon',
  'cert-expiry',
  'slo-burn',
  'slo-budget',
] as const;

const topicArn = () =>
  z.string().regex(/^arn:aws[\w-]*:sns:[\w-]+:\d{12}:[\w-]+$/, {
    error: (i) =>
      `expected an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT:NAME), got ${describeValue(i.input)}`,
  });

const percentage = (what: string) =>
  z
    .number({ error: (i) => `expected ${what} (0-100), got ${describeValue(i.input)}` })
    .min(0, { error: (i) => `expected ${what} (0-100), got ${describeValue(i.input)}` })
    .max(100, { error: (i) => `expected ${what} (0-100), got ${describeValue(i.input)}` });

const ruleSchema = z.strictObject({
  name: nonEmptyString('a rule name').regex(/^[\x21-\x7e](?:[\x20-\x7e]{0,62}[\x21-\x7e])?$/, {
    error: (i) =>
      `expected a rule name of 1-64 printable ASCII characters (it becomes part of the alarm name), got ${describeValue(i.input)}`,
  }),
  metric: nonEmptyString('a metric name such as cpu_usage_active'),
  labels: z.record(z.string(), z.string()).optional(),
  op: z.enum(['>', '>=', '<', '<='], {
    error: (i) => `expected one of > >= < <=, got ${describeValue(i.input)}`,
  }),
  threshold: z.number({ error: (i) => `expected a number, got ${describeValue(i.input)}` }),
  /** How long the condition must hold before the alert fires. */
  for: duration({ min: 0, max: 7 * DAY, maxText: '7d' }).optional(),
  /** How long the condition must stay good before the alert resolves. */
  keepFiringFor: duration({ min: 0, max: DAY, maxText: '1d' }).optional(),
  /** Fire when the linear trend over `lookback` crosses the threshold within `horizon` (predict_linear). */
  predict: z
    .strictObject({
      horizon: duration({ min: 60 * SECOND, minText: '1m', max: 30 * DAY, maxText: '30d' }),
      lookback: duration({ min: 10 * 60 * SECOND, minText: '10m', max: 7 * DAY, maxText: '7d' }).default(
        6 * HOUR,
      ),
    })
    .optional(),
  severity: z
    .enum(['critical', 'warning'], {
      error: (i) => `expected critical or warning, got ${describeValue(i.input)}`,
    })
    .default('critical'),
  runbookUrl: httpUrl().optional(),
});

export const alertingSchema = z
  .strictObject({
    sns: z
      .strictObject({
        /** Critical alerts. Unset: the paging component is off. */
        topicArn: topicArn().optional(),
        /** Warning alerts; unset: warnings are recorded (hostwatch alerts) but not published. */
        warningTopicArn: topicArn().optional(),
        /** Default: the region in the topic ARN. */
        region: z.string().optional(),
        /** Default: $AWS_ENDPOINT_URL_SNS, else the regional AWS endpoint. */
        endpoint: httpUrl().optional(),
      })
      .prefault({}),
    repeatInterval: duration({ min: 60 * SECOND, minText: '1m', max: 7 * DAY, maxText: '7d' }).default(
      4 * HOUR,
    ),
    /** How often timers (for, keepFiringFor, repeat, maintenance end), forecasts and burn rates are evaluated. */
    evaluationInterval: duration({ min: SECOND, minText: '1s', max: 5 * 60 * SECOND, maxText: '5m' }).default(
      30 * SECOND,
    ),
    runbookUrl: httpUrl().optional(),
    /** Flap detection as in Icinga 2: weighted share of state changes over the last 21 checks. */
    flapping: z
      .strictObject({
        enabled: z.boolean().default(true),
        high: percentage('a percentage').default(30),
        low: percentage('a percentage').default(25),
      })
      .prefault({})
      .refine((f) => f.low < f.high, { error: 'flapping.low must be below flapping.high' }),
    rules: list(ruleSchema).default([]),
    /** Names of default rules to turn off. */
    disable: list(z.string()).default([]),
  })
  .superRefine((alerting, ctx) => {
    const seen = new Set<string>();
    alerting.rules.forEach((rule, index) => {
      if (seen.has(rule.name))
        ctx.addIssue({
          code: 'custom',
          path: ['rules', index, 'name'],
          message: `duplicate rule name "${rule.name}"`,
        });
      seen.add(rule.name);
    });
    const known = new Set<string>([...DEFAULT_RULE_NAMES, ...seen]);
    alerting.disable.forEach((name, index) => {
      if (!known.has(name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['disable', index],
          message: `unknown rule "${name}"; default rules: ${DEFAULT_RULE_NAMES.join(', ')}`,
        });
      }
    });
  });
