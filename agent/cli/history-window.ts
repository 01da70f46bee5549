/** The time window of `hostwatch uptime` and `hostwatch incidents`, from the flags people type. */
import { parseDuration } from '../config/duration.js';
import {
  isoWeekWindow,
  type NamedWindow,
  parseIsoWeek,
  resolveWindow,
  weekWindow,
} from '../uptime/ranges.js';
import { formatLocal, parseZonedDateTime } from '../uptime/timezones.js';
import { type ParsedValues, UsageError } from './command.js';

export interface WindowFlags {
  week?: string;
  from?: string;
  to?: string;
  window?: string;
  since?: string;
}

export function windowFlags(values: ParsedValues): WindowFlags {
  const flags: WindowFlags = {};
  for (const key of ['week', 'from', 'to', 'window', 'since'] as const) {
    const value = values[key];
    if (typeof value === 'string') flags[key] = value;
  }
  return flags;
}

/**
 * Gives `option` an optional value: when it is last or followed by another option, `fallback` is filled in
 * (`--week` alone means `--week=this`), since node's parseArgs has no optional values.
 */
export function withOptionalValue(args: readonly string[], option: string, fallback: string): string[] {
  const result: string[] = [];
  for (const [index, arg] of args.entries()) {
    if (arg === '--') return [...result, ...args.slice(index)];
    const next = args[index + 1];
    result.push(
      arg === option && (next === undefined || next.startsWith('-')) ? `${option}=${fallback}` : arg,
    );
  }
  return result;
}

function weekFromFlag(text: string, now: number, timeZone: string): NamedWindow {
  const normalized = text.trim().toLowerCase();
  if (normalized === 'this' || normalized === 'last') return weekWindow(normalized, now, timeZone);
  const week = parseIsoWeek(text);
  if (!week.ok) throw new UsageError(`--week: ${week.error} (or "this" or "last")`);
  return isoWeekWindow(week.value, timeZone);
}

function explicitRange(flags: WindowFlags, timeZone: string): NamedWindow {
  if (flags.from === undefined || flags.to === undefined) {
    throw new UsageError('--from and --to go together: give both (ISO local times such as 2026-11-23T08:00)');
  }
  const from = parseZonedDateTime(flags.from, timeZone);
  if (!from.ok) throw new UsageError(`--from: ${from.error}`);
  const to = parseZonedDateTime(flags.to, timeZone);
  if (!to.ok) throw new UsageError(`--to: ${to.error}`);
  if (from.value >= to.value) {
    throw new UsageError(
      `--from must be before --to (got ${formatLocal(from.value, timeZone)} to ${formatLocal(to.value, timeZone)} ${timeZone})`,
    );
  }
  return { from: from.value, to: to.value, label: localRange(from.value, to.value, timeZone) };
}

/** The window the flags ask for; `fallback` when none was given. At most one way of giving it is allowed. */
export function resolveHistoryWindow(
  flags: WindowFlags,
  now: number,
  timeZone: string,
  fallback: NamedWindow,
): NamedWindow {
  const given = [
    flags.week !== undefined ? '--week' : undefined,
    flags.from !== undefined || flags.to !== undefined ? '--from/--to' : undefined,
    flags.window !== undefined ? '--window' : undefined,
    flags.since !== undefined ? '--since' : undefined,
  ].filter((name) => name !== undefined);
  if (given.length > 1)
    throw new UsageError(`${given.join(' and ')} cannot be combined: give the window one way`);
  if (flags.week !== undefined) return weekFromFlag(flags.week, now, timeZone);
  if (flags.from !== undefined || flags.to !== undefined) return explicitRange(flags, timeZone);
  if (flags.window !== undefined) {
    const window = resolveWindow(flags.window, now, timeZone);
    if (!window.ok) throw new UsageError(`--window: ${window.error}`);
    return window.value;
  }
  if (flags.since !== undefined) {
    const span = parseDuration(flags.since);
    if (span === undefined || span <= 0) {
      throw new UsageError(`--since: expected a duration such as 24h or 7d, got "${flags.since}"`);
    }
    return { from: now - span, to: now, label: `last ${flags.since.trim()}` };
  }
  return fallback;
}

export function localRange(from: number, to: number, timeZone: string): string {
  return `${formatLocal(from, timeZone)} to ${formatLocal(to, timeZone)}`;
}

/** "2026-W46: 2026-11-09 00:00 to 2026-11-16 00:00 Europe/Berlin" (the label is left out when it says the same). */
export function describeWindow(window: NamedWindow, timeZone: string): string {
  const range = `${localRange(window.from, window.to, timeZone)} ${timeZone}`;
  return window.label === localRange(window.from, window.to, timeZone) ? range : `${window.label}: ${range}`;
}
