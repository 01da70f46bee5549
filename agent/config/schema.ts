/**
 * The config file contract (see DESIGN.md "The config file"). Key names and meaning are stable;
 * durations are strings with a unit and come out of parsing as milliseconds.
 */
import { z } from 'zod';
import { alertingSchema } from './alerting-schema.js';
import { cloudwatchSchema } from './cloudwatch-schema.js';
import {
  cronExpression,
  describeValue,
  duration,
  httpUrl,
  integer,
  list,
  nonEmptyString,
  onOffAuto,
  snowflake,
  timeZone,
} from './fields.js';
import { serviceSchema } from './services-schema.js';

const SECOND = 1000;
const DAY = 86_400_000;

const retentionSchema = z.strictObject({
  raw: duration({ min: 3_600_000, minText: '1h', max: 400 * DAY, maxText: '400d' }).default(7 * DAY),
  minute: duration({ min: DAY, minText: '1d', max: 5 * 365 * DAY, maxText: '5y' }).default(90 * DAY),
  hour: duration({ min: DAY, minText: '1d', max: 20 * 365 * DAY, maxText: '20y' }).default(2 * 365 * DAY),
});

const metricsSchema = z.strictObject({
  interval: duration({ min: SECOND, minText: '1s', max: 3_600_000, maxText: '1h' }).default(10 * SECOND),
  retention: retentionSchema.prefault({}),
  /** Collector names to run; default all. */
  collectors: list(z.enum(['cpu', 'load', 'memory', 'swap', 'disk', 'diskio', 'net', 'system'])).optional(),
  disk: z
    .strictObject({
      timeout: duration({ min: 100, minText: '100ms', max: 60 * SECOND, maxText: '60s' }).default(2 * SECOND),
      ignoreFsTypes: list(z.string()).optional(),
      ignoreMountPoints: list(z.string()).optional(),
    })
    .prefault({}),
  net: z.strictObject({ excludeInterfaces: list(z.string()).default([]) }).prefault({}),
});

const maintenanceSchema = z
  .strictObject({
    name: nonEmptyString('a name for the window'),
    cron: cronExpression().optional(),
    /** One-off start, ISO 8601 local time in `timezone` (2026-11-29T02:00) or with an offset. */
    start: z
      .string()
      .refine((s) => !Number.isNaN(Date.parse(s.length === 16 ? `${s}:00Z` : s)), {
        error: (i) => `expected an ISO date-time such as "2026-11-29T02:00", got ${describeValue(i.input)}`,
      })
      .optional(),
    duration: duration({ min: 60 * SECOND, minText: '1m', max: 30 * DAY, maxText: '30d' }),
    services: list(z.string()).optional(),
    timezone: timeZone().optional(),
  })
  .superRefine((entry, ctx) => {
    if ((entry.cron === undefined) === (entry.start === undefined)) {
      ctx.addIssue({
        code: 'custom',
        message: 'expected exactly one of cron (recurring) or start (one-off)',
      });
    }
  });

const discordSchema = z.strictObject({
  enabled: onOffAuto().default('auto'),
  guilds: list(snowflake()).default([]),
  channels: list(snowflake()).default([]),
  onCallRole: snowflake().optional(),
  apiBase: httpUrl().default('https://discord.com/api'),
  /** MessageContent is a privileged intent: only ask for it when enabled in the developer portal. */
  messageContent: z.boolean().default(false),
  /** Answer direct messages from members of the configured guilds (off: DMs get a pointer to the channel). */
  allowDMs: z.boolean().default(false),
  /** Questions per user in a sliding window; beyond it the user gets one polite reply per window. */
  rateLimit: z
    .strictObject({
      questions: integer(1, 100).default(5),
      per: duration({ min: SECOND, minText: '1s', max: DAY, maxText: '1d' }).default(60 * SECOND),
    })
    .prefault({}),
  report: z
    .strictObject({ channel: snowflake().optional(), cron: cronExpression().default('0 9 * * 1') })
    .prefault({}),
});

export const configSchema = z
  .strictObject({
    host: z.strictObject({ name: nonEmptyString('a host name').optional() }).prefault({}),
    timezone: timeZone().default('UTC'),
    dataDir: nonEmptyString('a directory path').optional(),
    log: z
      .strictObject({
        level: z
          .enum(['debug', 'info', 'warn', 'error'], {
            error: (i) => `expected debug, info, warn or error, got ${describeValue(i.input)}`,
          })
          .default('info'),
      })
      .prefault({}),
    metrics: metricsSchema.prefault({}),
    services: list(serviceSchema).default([]),
    nginx: z
      .strictObject({ accessLog: z.string().optional(), stubStatus: httpUrl().optional() })
      .prefault({}),
    tomcat: z.strictObject({ manager: z.strictObject({ url: httpUrl() }).optional() }).prefault({}),
    slo: z
      .strictObject({
        target: z
          .number({ error: (i) => `expected a percentage such as 99.9, got ${describeValue(i.input)}` })
          .gt(0, {
            error: (i) => `expected a percentage above 0 and below 100, got ${describeValue(i.input)}`,
          })
          .lt(100, {
            error: (i) => `expected a percentage above 0 and below 100, got ${describeValue(i.input)}`,
          })
          .default(99.9),
      })
      .prefault({}),
    uptime: z
      .strictObject({
        /** Share of degraded time that counts as down (0 = like up, 1 = like down). */
        degradedWeight: z.number().min(0).max(1).default(0.5),
        /** Outages closer than this merge into one incident. */
        incidentMergeGap: duration({ min: 0, max: DAY, maxText: '1d' }).default(2 * 60 * SECOND),
      })
      .prefault({}),
    maintenance: list(maintenanceSchema).default([]),
    cloudwatch: cloudwatchSchema.prefault({}),
    alerting: alertingSchema.prefault({}),
    discord: discordSchema.prefault({}),
  })
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.services.forEach((service, index) => {
      if (seen.has(service.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['services', index, 'name'],
          message: `duplicate service name "${service.name}"`,
        });
      }
      seen.add(service.name);
    });
    const known = new Set(['host', ...seen]);
    config.maintenance.forEach((entry, index) => {
      (entry.services ?? []).forEach((name, j) => {
        if (!known.has(name)) {
          ctx.addIssue({
            code: 'custom',
            path: ['maintenance', index, 'services', j],
            message: `unknown service "${name}"; configured: ${[...known].join(', ')}`,
          });
        }
      });
    });
  });

export type Config = z.output<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;
