/**
 * `/maintenance add` input -> a window to store, or the problem in words. Pure. The rules are the ones
 * `hostwatch maintenance add` applies (agent/history/maintenance-plan.ts); this reads the start and words problems.
 */
import { parseDuration } from '../../agent/config/duration.js';
import {
  checkMaintenanceRequest,
  MAX_REASON_LENGTH,
  type MaintenanceProblem,
  type PlannedWindow,
} from '../../agent/history/maintenance-plan.js';
import { parseZonedDateTime } from '../../agent/uptime/timezones.js';
import { code, echo, type Rich } from './rich.js';

export interface PlanInput {
  /** "now", "in 30m" / "30m", or a local ISO time such as 2026-11-29T02:00 (config time zone). */
  start: string;
  duration: string;
  reason: string;
  /** A known service, or nothing / "all" for all services. */
  service?: string | null;
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
  const service = input.service?.trim();
  const checked = checkMaintenanceRequest(
    {
      start,
      duration: input.duration,
      reason: input.reason.replace(/\s+/g, ' ').trim(),
      services: service && service !== 'all' ? [service] : 'all',
    },
    { now, knownServices: context.services },
  );
  return checked.ok ? checked : { ok: false, problem: problemText(checked.problem, input, context.services) };
}

function problemText(problem: MaintenanceProblem, input: PlanInput, known: readonly string[]): Rich {
  switch (problem.kind) {
    case 'duration-missing':
    case 'duration-out-of-range':
      return [
        'The duration ',
        echo(input.duration),
        ' must be from 1m to 30d, such as ',
        code('45m'),
        ' or ',
        code('2h'),
        '.',
      ];
    case 'reason-missing':
    case 'reason-too-long':
      return [`The reason must be 1 to ${MAX_REASON_LENGTH} characters.`];
    case 'unknown-services':
      return [
        'I do not know the service ',
        echo(problem.unknown[0] as string),
        `; known: ${known.join(', ')}.`,
      ];
    case 'in-the-past':
      return ['That window is in the past: it may start at most 10 minutes ago.'];
  }
}
