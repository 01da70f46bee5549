/** Schema of `cloudwatch`: custom metrics (agent/exporters/cloudwatch) and the dead-host alarm. */
import { z } from 'zod';
import { describeValue, duration, httpUrl, integer, list, onOffAuto } from './fields.js';

const SECOND = 1000;

/** CloudWatch: 1-255 of [0-9A-Za-z.-_/#:], and the AWS/ prefix is reserved for AWS services. */
const namespace = () =>
  z
    .string({
      error: (i) => `expected a CloudWatch namespace such as "Hostwatch", got ${describeValue(i.input)}`,
    })
    .regex(/^[0-9A-Za-z.\-_/#:]{1,255}$/, {
      error: (i) =>
        `expected 1 to 255 of letters, digits and . - _ / # : (a CloudWatch namespace), got ${describeValue(i.input)}`,
    })
    .refine((text) => !text.startsWith('AWS/'), {
      error: (i) => `the AWS/ prefix is reserved for AWS services, got ${describeValue(i.input)}`,
    });

export const cloudwatchSchema = z.strictObject({
  enabled: onOffAuto().default('auto'),
  namespace: namespace().default('Hostwatch'),
  region: z.string().optional(),
  endpoint: httpUrl().optional(),
  /**
   * How often the outbox is flushed. Every flush with data is one billed PutMetricData request:
   * below 10s only for tests or with high resolution (1s = 3600 requests an hour per host).
   */
  flushInterval: duration({
    min: SECOND,
    minText: '1s',
    max: 15 * 60 * SECOND,
    maxText: '15m',
  }).default(60 * SECOND),
  /** Aggregation period: 60 (standard) or 1/10/30 (high resolution), in seconds. */
  resolution: z
    .union([z.literal(1), z.literal(10), z.literal(30), z.literal(60)], {
      error: (i) => `expected 1, 10, 30 or 60, got ${describeValue(i.input)}`,
    })
    .default(60),
  dimensions: list(
    z.enum(['InstanceType', 'AutoScalingGroupName', 'ImageId'], {
      error: (i) => `expected InstanceType, AutoScalingGroupName or ImageId, got ${describeValue(i.input)}`,
    }),
  ).default([]),
  /** CloudWatch metric names, `*` wildcards; default: a small set (agent/exporters/cloudwatch/series-map.ts). */
  include: list(z.string()).optional(),
  exclude: list(z.string()).default([]),
  heartbeatAlarm: z
    .strictObject({
      enabled: z.boolean().default(false),
      evaluationPeriods: integer(1, 60).default(5),
      datapointsToAlarm: integer(1, 60).default(3),
      statusCheckAlarm: z.boolean().default(true),
    })
    .prefault({})
    .superRefine((alarm, ctx) => {
      if (alarm.datapointsToAlarm > alarm.evaluationPeriods) {
        ctx.addIssue({
          code: 'custom',
          path: ['datapointsToAlarm'],
          message: `must be at most evaluationPeriods (${alarm.evaluationPeriods}), got ${alarm.datapointsToAlarm}`,
        });
      }
    }),
});
