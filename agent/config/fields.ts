/** Reusable schema pieces whose error messages say what was expected and what was found. */
import cron from 'node-cron';
import { z } from 'zod';
import { DURATION_PATTERN, parseDuration } from './duration.js';

export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

/** A list of `item`; a scalar or mapping in its place is reported as such. */
export const list = <T extends z.ZodType>(item: T) =>
  z.array(item, { error: (i) => `expected a list, got ${describeValue(i.input)}` });

/** A duration string (`500ms`, `10s`, `5m`, `1h`, `7d`) parsed to milliseconds, bounded. */
export function duration(options: { min?: number; max?: number; minText?: string; maxText?: string } = {}) {
  const expected = (input: unknown) =>
    `expected a duration such as "10s", "5m" or "1h", got ${describeValue(input)}`;
  return z
    .string({ error: (i) => expected(i.input) })
    .regex(DURATION_PATTERN, { error: (i) => expected(i.input) })
    .transform((text, ctx) => {
      const ms = parseDuration(text);
      if (ms === undefined) {
        ctx.addIssue({ code: 'custom', message: expected(text) });
        return z.NEVER;
      }
      if (options.min !== undefined && ms < options.min) {
        ctx.addIssue({
          code: 'custom',
          message: `must be at least ${options.minText}, got ${describeValue(text)}`,
        });
        return z.NEVER;
      }
      if (options.max !== undefined && ms > options.max) {
        ctx.addIssue({
          code: 'custom',
          message: `must be at most ${options.maxText}, got ${describeValue(text)}`,
        });
        return z.NEVER;
      }
      return ms;
    });
}

export function httpUrl() {
  return z.string({ error: (i) => `expected an http(s) URL, got ${describeValue(i.input)}` }).refine(
    (text) => {
      try {
        const url = new URL(text);
        return url.protocol === 'http:' || url.protocol === 'https:';
      } catch {
        return false;
      }
    },
    { error: (i) => `expected an http(s) URL, got ${describeValue(i.input)}` },
  );
}

export function timeZone() {
  return z
    .string({
      error: (i) => `expected an IANA time zone such as "Europe/Berlin", got ${describeValue(i.input)}`,
    })
    .refine(
      (zone) => {
        try {
          new Intl.DateTimeFormat('en-US', { timeZone: zone });
          return true;
        } catch {
          return false;
        }
      },
      {
        error: (i) =>
          `expected an IANA time zone such as "Europe/Berlin" or "UTC", got ${describeValue(i.input)}`,
      },
    );
}

export function cronExpression() {
  return z
    .string({ error: (i) => `expected a cron expression such as "0 2 * * 0", got ${describeValue(i.input)}` })
    .refine((expr) => expr.trim().split(/\s+/).length === 5 && cron.validate(expr), {
      error: (i) =>
        `expected a 5-field cron expression (minute hour day month weekday) such as "0 2 * * 0", got ${describeValue(i.input)}`,
    });
}

/** Discord ids are snowflakes: digits, kept as strings because they exceed 2^53. */
export function snowflake() {
  return z
    .string({ error: (i) => `expected a Discord id in quotes (digits), got ${describeValue(i.input)}` })
    .regex(/^\d{15,22}$/, {
      error: (i) => `expected a Discord id (15-22 digits), got ${describeValue(i.input)}`,
    });
}

export function nonEmptyString(what: string) {
  return z
    .string({ error: (i) => `expected ${what}, got ${describeValue(i.input)}` })
    .min(1, { error: `expected ${what}, got an empty string` });
}

export function integer(min: number, max: number) {
  return z
    .number({ error: (i) => `expected a whole number from ${min} to ${max}, got ${describeValue(i.input)}` })
    .int({ error: (i) => `expected a whole number from ${min} to ${max}, got ${describeValue(i.input)}` })
    .min(min, {
      error: (i) => `expected a whole number from ${min} to ${max}, got ${describeValue(i.input)}`,
    })
    .max(max, {
      error: (i) => `expected a whole number from ${min} to ${max}, got ${describeValue(i.input)}`,
    });
}

export function onOffAuto() {
  return z.union([z.literal('auto'), z.boolean()], {
    error: (i) => `expected auto, true or false, got ${describeValue(i.input)}`,
  });
}
