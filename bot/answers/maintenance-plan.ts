/**
 * `/maintenance add` input -> a window to store, or the problem in words. Pure. The same bounds as
 * `hostwatch maintenance add`: 1 minute to 30 days, a start at most 10 minutes ago, a reason of 200 characters.
 */
import { parseDuration } from '../../agent/config/duration.js';
import { parseZonedDateTime } from '../../agent/uptime/timezones.js';
import { code, echo, type Rich } from './rich.js';

const MINUTE_MS = 60_000;
const MIN_DURATION_MS = MINUTE_MS;
const MAX_DURATION_MS = 30 * 86_400_000;
const PAST_START_TOLERANCE_MS = 10 * MINUTE_MS;
export const MAX_REASON_LENGTH = 200;

export interface PlanInput {
  /** "now", "in 30m" / "30m", or a local ISO time such as 2026-11-29T02:00 (config time zone). */
  start: string;
  duration: string;
  reason: string;
  /** A known service, or nothing / "all" for all services. */
  service?: string | null;
}

export interface PlannedWindow {
  start: number;
  end: number;
  services: string[] | 'all';
  reason: string;
}

export type PlanResult = { ok: true; window: PlannedWindow } | { ok: false; problem: Rich };

function startOf(text: string, now: number, timeZone: string): number | undefined {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === 'now') return now;
  const relative = /^(?:in )?(\d+(?:\.\d+)?(?:ms|s|m|h|d|w))$/.exec(trimmed);
  if (relative) {
    const offset = parseDuration(relative[1] as string);
    return offset === undefined ? undefined : now + offset;
  }
  const parsed = parseZonedDateTime(text, timeZone);
  return parsed.ok ? parsed.value : undefined;
}

export function planMaintenance(
  input: PlanInput,
  context: { now: number; timeZone: string; services: readonly string[] },
): PlanResult {
  const { now, timeZone } = context;
  const start = startOf(input.start, now, timeZone);
  if (start === undefined) {
    return {
      ok: false,
      problem: [
        'I cannot read the start ',
        echo(input.start),
        `: give `,
        code('now'),
        ', ',
        code('in 30m'),
        ' or a local time such as ',
        code('2026-11-29T02:00'),
        ` (${timeZone}).`,
      ],
    };
  }
  const duration = parseDuration(input.duration.trim());
  if (duration === undefined || duration < MIN_DURATION_MS || duration > MAX_DURATION_MS) {
    return {
      ok: false,
      problem: [
        'The duration ',
        echo(input.duration),
        ' must be from 1m to 30d, such as ',
        code('45m'),
        ' or ',
        code('2h'),
        '.',
      ],
    };
  }
  const reason = input.reason.replace(/\s+/g, ' ').trim();
  if (reason === '' || reason.length > MAX_REASON_LENGTH) {
    return { ok: false, problem: [`The reason must be 1 to ${MAX_REASON_LENGTH} characters.`] };
  }
  const service = input.service?.trim();
  if (service && service !== 'all' && !context.services.includes(service)) {
    return {
      ok: false,
      problem: ['I do not know the service ', echo(service), `; known: ${context.services.join(', ')}.`],
    };
  }
  const end = start + duration;
  if (start < now - PAST_START_TOLERANCE_MS || end <= now) {
    return { ok: false, problem: ['That window is in the past: it may start at most 10 minutes ago.'] };
  }
  return {
    ok: true,
    window: { start, end, services: service && service !== 'all' ? [service] : 'all', reason },
  };
}
