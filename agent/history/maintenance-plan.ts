/**
 * The rules an ad hoc maintenance window must meet, whether planned with `hostwatch maintenance add` or the
 * bot's `/maintenance add`: 1 minute to 30 days long, a start at most 10 minutes ago, not over already, a
 * reason of 1 to 200 characters, and only known services. Pure; each caller words the problems its own way.
 */
import { parseDuration } from '../config/duration.js';

const MINUTE_MS = 60_000;
export const MIN_DURATION_MS = MINUTE_MS;
export const MAX_DURATION_MS = 30 * 86_400_000;
/** A window may start a little in the past ("we started patching five minutes ago"), not more. */
export const PAST_START_TOLERANCE_MS = 10 * MINUTE_MS;
export const MAX_REASON_LENGTH = 200;

export interface MaintenanceRequest {
  /** The start, already read from what was typed. */
  start: number;
  /** As typed: a duration such as 45m or 2h. */
  duration: string;
  /** As the caller normalised it (trimmed). */
  reason: string;
  services: readonly string[] | 'all';
}

export interface PlannedWindow {
  start: number;
  end: number;
  services: string[] | 'all';
  reason: string;
}

/** In the order the rules are checked: the first one broken is reported. */
export type MaintenanceProblem =
  | { kind: 'duration-missing' }
  | { kind: 'duration-out-of-range' }
  | { kind: 'reason-missing' }
  | { kind: 'reason-too-long'; length: number }
  | { kind: 'unknown-services'; unknown: string[] }
  | { kind: 'in-the-past' };

export type MaintenanceCheck =
  | { ok: true; window: PlannedWindow }
  | { ok: false; problem: MaintenanceProblem };

export function checkMaintenanceRequest(
  request: MaintenanceRequest,
  context: { now: number; knownServices: readonly string[] },
): MaintenanceCheck {
  const fail = (problem: MaintenanceProblem): MaintenanceCheck => ({ ok: false, problem });
  const durationText = request.duration.trim();
  if (durationText === '') return fail({ kind: 'duration-missing' });
  const duration = parseDuration(durationText);
  if (duration === undefined || duration < MIN_DURATION_MS || duration > MAX_DURATION_MS)
    return fail({ kind: 'duration-out-of-range' });
  const { reason, services, start } = request;
  if (reason === '') return fail({ kind: 'reason-missing' });
  if (reason.length > MAX_REASON_LENGTH) return fail({ kind: 'reason-too-long', length: reason.length });
  if (services !== 'all') {
    const unknown = services.filter((name) => !context.knownServices.includes(name));
    if (unknown.length > 0) return fail({ kind: 'unknown-services', unknown });
  }
  const end = start + duration;
  if (start < context.now - PAST_START_TOLERANCE_MS || end <= context.now)
    return fail({ kind: 'in-the-past' });
  return { ok: true, window: { start, end, services: services === 'all' ? 'all' : [...services], reason } };
}
