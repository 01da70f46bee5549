/**
 * Standard 5-field cron (minute hour day-of-month month day-of-week), matched against wall-clock dates.
 *
 * Each field: `*`, numbers, ranges `a-b`, lists `a,b`, steps `*\/n`, `a-b/n`, `a/n` (= a-max/n); month and
 * weekday names (jan, sun); day-of-week 0-7 with 0 and 7 = Sunday; the macros @yearly, @monthly, @weekly,
 * @daily and @hourly. Day rule as in Vixie cron/cronie: when both day fields are restricted, a day matches
 * if either matches; a field beginning with `*` (including `*\/2`) counts as unrestricted.
 */
import { type CivilDate, daysInMonth, isoWeekday } from './civil.js';

export interface CronSchedule {
  readonly expression: string;
  /** Sorted values of each field; dayOfWeek uses 0 = Sunday ... 6 = Saturday. */
  readonly minutes: readonly number[];
  readonly hours: readonly number[];
  readonly daysOfMonth: ReadonlySet<number>;
  readonly months: ReadonlySet<number>;
  readonly daysOfWeek: ReadonlySet<number>;
  readonly dayOfMonthRestricted: boolean;
  readonly dayOfWeekRestricted: boolean;
}

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
}

const FIELDS: readonly FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  {
    name: 'month',
    min: 1,
    max: 12,
    names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'],
  },
  { name: 'day-of-week', min: 0, max: 7, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
];

const MACROS: Readonly<Record<string, string>> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

export class CronError extends Error {
  override name = 'CronError';
}

export function parseCron(expression: string): CronSchedule {
  const trimmed = expression.trim();
  const source = MACROS[trimmed.toLowerCase()] ?? trimmed;
  if (source.startsWith('@')) {
    throw new CronError(
      `unknown macro "${trimmed}"; use 5 fields or one of ${Object.keys(MACROS).join(', ')}`,
    );
  }
  const fields = source.split(/\s+/);
  if (fields.length !== 5) {
    throw new CronError(
      `expected 5 fields (minute hour day-of-month month day-of-week) such as "0 2 * * 0", got ${fields.length}`,
    );
  }
  const values = FIELDS.map((spec, index) => parseField(fields[index] as string, spec));
  const daysOfWeek = new Set((values[4] as number[]).map((day) => day % 7));
  const schedule: CronSchedule = {
    expression: trimmed,
    minutes: values[0] as number[],
    hours: values[1] as number[],
    daysOfMonth: new Set(values[2]),
    months: new Set(values[3]),
    daysOfWeek,
    dayOfMonthRestricted: !(fields[2] as string).startsWith('*'),
    dayOfWeekRestricted: !(fields[4] as string).startsWith('*'),
  };
  if (schedule.dayOfMonthRestricted && !schedule.dayOfWeekRestricted && !anyDayExists(schedule)) {
    throw new CronError(`never matches: none of the selected months has the selected days of the month`);
  }
  return schedule;
}

/** An error message for config validation, or undefined when `expression` is a valid schedule. */
export function validateCron(expression: string): string | undefined {
  try {
    parseCron(expression);
    return undefined;
  } catch (error) {
    if (error instanceof CronError) return `cron "${expression}": ${error.message}`;
    throw error;
  }
}

function parseField(text: string, spec: FieldSpec): number[] {
  const selected = new Set<number>();
  for (const item of text.split(',')) {
    const match = /^(\*|[a-z0-9]+(?:-[a-z0-9]+)?)(?:\/(\d+))?$/i.exec(item);
    if (!match) throw new CronError(`${spec.name} field "${text}": cannot read "${item}"`);
    const [, range, stepText] = match as unknown as [string, string, string | undefined];
    const step = stepText === undefined ? 1 : Number(stepText);
    if (step < 1) throw new CronError(`${spec.name} field "${text}": step must be 1 or more`);
    let low: number;
    let high: number;
    if (range === '*') {
      low = spec.min;
      high = spec.name === 'day-of-week' ? 6 : spec.max;
    } else {
      const [first, last] = range.split('-') as [string, string | undefined];
      low = parseValue(first, spec, text);
      // `a/n` runs from a to the end of the field, as in cronie.
      high = last !== undefined ? parseValue(last, spec, text) : stepText !== undefined ? spec.max : low;
      if (low > high) {
        throw new CronError(`${spec.name} field "${text}": range ${first}-${last} runs backwards`);
      }
    }
    for (let value = low; value <= high; value += step) selected.add(value);
  }
  return [...selected].sort((a, b) => a - b);
}

function parseValue(token: string, spec: FieldSpec, text: string): number {
  const named = spec.names?.indexOf(token.toLowerCase()) ?? -1;
  const value = named >= 0 ? named + spec.min : /^\d+$/.test(token) ? Number(token) : Number.NaN;
  if (Number.isNaN(value)) throw new CronError(`${spec.name} field "${text}": "${token}" is not a number`);
  if (value < spec.min || value > spec.max) {
    throw new CronError(`${spec.name} field "${text}": ${value} is out of range ${spec.min}-${spec.max}`);
  }
  return value;
}

function anyDayExists(schedule: CronSchedule): boolean {
  for (const month of schedule.months) {
    // February counts with 29 days: a schedule for 29 February is rare but valid.
    const longest = month === 2 ? 29 : daysInMonth(2001, month);
    for (const day of schedule.daysOfMonth) if (day <= longest) return true;
  }
  return false;
}

/** Whether cron's day rule selects the local date `date`. */
export function matchesDate(schedule: CronSchedule, date: CivilDate): boolean {
  if (!schedule.months.has(date.month)) return false;
  const domMatches = schedule.daysOfMonth.has(date.day);
  const dowMatches = schedule.daysOfWeek.has(isoWeekday(date) % 7);
  if (schedule.dayOfMonthRestricted && schedule.dayOfWeekRestricted) return domMatches || dowMatches;
  return domMatches && dowMatches;
}
