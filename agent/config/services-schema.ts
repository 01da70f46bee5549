/** Schema of `services`: named targets made of checks that must all pass. */
import { z } from 'zod';
import { describeValue, duration, httpUrl, integer, nonEmptyString } from './fields.js';

const SECOND = 1000;
const HOUR = 3_600_000;

const httpCheck = z.strictObject({
  url: httpUrl(),
  expectStatus: z
    .array(integer(100, 599), {
      error: (i) => `expected a list of HTTP status codes, got ${describeValue(i.input)}`,
    })
    .min(1)
    .optional(),
  expectBody: z.string().optional(),
  insecure: z.boolean().optional(),
});

const tcpCheck = z.strictObject({ host: nonEmptyString('a host name or address'), port: integer(1, 65535) });
const systemdCheck = z.strictObject({ unit: nonEmptyString('a systemd unit name such as nginx.service') });
const processCheck = z.strictObject({
  match: nonEmptyString('a process name, command-line substring or /regex/'),
});

/** One check: exactly one of http, tcp, systemd or process. */
export const checkSchema = z
  .strictObject(
    {
      http: httpCheck.optional(),
      tcp: tcpCheck.optional(),
      systemd: systemdCheck.optional(),
      process: processCheck.optional(),
    },
    { error: (i) => `expected a check (http, tcp, systemd or process), got ${describeValue(i.input)}` },
  )
  .superRefine((check, ctx) => {
    const kinds = Object.keys(check).filter((k) => check[k as keyof typeof check] !== undefined);
    if (kinds.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: `expected exactly one of http, tcp, systemd or process, got ${kinds.length === 0 ? 'none' : kinds.join(' and ')}`,
      });
    }
  });

export const serviceSchema = z
  .strictObject({
    name: z
      .string({ error: (i) => `expected a service name, got ${describeValue(i.input)}` })
      .regex(/^[a-z0-9][a-z0-9_.-]{0,62}$/i, {
        error: (i) =>
          `expected a name of letters, digits, "-", "_" or "." (max 63), got ${describeValue(i.input)}`,
      }),
    preset: z
      .enum(['nginx', 'tomcat'], { error: (i) => `expected nginx or tomcat, got ${describeValue(i.input)}` })
      .optional(),
    /** With a preset: the port or URL the preset probes. */
    port: integer(1, 65535).optional(),
    url: httpUrl().optional(),
    /** With a preset: the systemd unit when the distribution names it differently. */
    unit: nonEmptyString('a systemd unit name such as nginx.service').optional(),
    interval: duration({ min: SECOND, minText: '1s', max: HOUR, maxText: '1h' }).default(30 * SECOND),
    timeout: duration({ min: 100, minText: '100ms', max: 5 * 60 * SECOND, maxText: '5m' }).default(
      5 * SECOND,
    ),
    failureThreshold: integer(1, 100).default(3),
    successThreshold: integer(1, 100).default(2),
    /** Passing but slower than this counts as degraded. */
    degradedLatency: duration({ min: 1, minText: '1ms', max: 5 * 60 * SECOND, maxText: '5m' }).optional(),
    checks: z.array(checkSchema).optional(),
  })
  .superRefine((service, ctx) => {
    if (!service.preset && (!service.checks || service.checks.length === 0)) {
      ctx.addIssue({
        code: 'custom',
        path: ['checks'],
        message: 'expected at least one check (http, tcp, systemd, process) or a preset',
      });
    }
    if (service.name === 'host') {
      ctx.addIssue({
        code: 'custom',
        path: ['name'],
        message: '"host" is built in and always monitored; pick another name',
      });
    }
    if (service.timeout >= service.interval) {
      ctx.addIssue({
        code: 'custom',
        path: ['timeout'],
        message: 'must be shorter than the service interval',
      });
    }
  });

export type ServiceConfig = z.output<typeof serviceSchema>;
export type CheckConfig = z.output<typeof checkSchema>;
