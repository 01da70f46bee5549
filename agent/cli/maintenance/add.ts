/** `hostwatch maintenance add`: plan an ad hoc window (written to the store the daemon and bot read). */
import {
  checkMaintenanceRequest,
  MAX_REASON_LENGTH,
  type MaintenanceProblem,
} from '../../history/maintenance-plan.js';
import { openDatabase } from '../../store/db.js';
import { MaintenanceStore } from '../../store/maintenance.js';
import { formatLocal, parseZonedDateTime } from '../../uptime/timezones.js';
import { UsageError } from '../command.js';
import { maintenanceJson } from '../history-json.js';
import { localRange } from '../history-window.js';
import { knownServices, type SubcommandInput, servicesText } from './shared.js';

function requiredText(value: unknown, option: string, example: string): string {
  if (typeof value !== 'string' || value.trim() === '')
    throw new UsageError(`${option} is required, e.g. ${example}`);
  return value.trim();
}

/** --service may be repeated or comma-separated; none means all services. */
function serviceNames(value: unknown): string[] | 'all' {
  const names = [
    ...new Set((Array.isArray(value) ? value : []).flatMap((v) => String(v).split(',')).map((s) => s.trim())),
  ].filter(Boolean);
  return names.length === 0 ? 'all' : names;
}

function problemText(
  problem: MaintenanceProblem,
  typed: { duration: string; start: number },
  context: { now: number; timeZone: string; known: readonly string[] },
): string {
  const { now, timeZone, known } = context;
  switch (problem.kind) {
    case 'duration-missing':
      return '--duration is required, e.g. --duration 1h';
    case 'duration-out-of-range':
      return `--duration: expected a duration from 1m to 30d such as 45m or 2h, got "${typed.duration}"`;
    case 'reason-missing':
      return '--reason is required, e.g. --reason "kernel patch"';
    case 'reason-too-long':
      return `--reason: at most ${MAX_REASON_LENGTH} characters, got ${problem.length}`;
    case 'unknown-services':
      return `--service: unknown service ${problem.unknown.map((n) => `"${n}"`).join(', ')}; known: ${known.join(', ')}`;
    case 'in-the-past':
      return (
        `--start ${formatLocal(typed.start, timeZone)} ${timeZone} is in the past (now ${formatLocal(now, timeZone)}); ` +
        'a window may start at most 10 minutes ago and must not be over already'
      );
  }
}

const textOf = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

export function addMaintenance({ values, args, ctx, io, now }: SubcommandInput): number {
  if (args.length > 0)
    throw new UsageError(`unexpected argument "${args[0]}" (quote a --reason with spaces)`);
  const timeZone = ctx.config.timezone;
  const startText = requiredText(
    values.start,
    '--start',
    `--start 2026-11-29T02:00 (local time in ${timeZone})`,
  );
  const start = parseZonedDateTime(startText, timeZone);
  if (!start.ok) throw new UsageError(`--start: ${start.error}`);
  const known = knownServices(ctx.config);
  const duration = textOf(values.duration);
  const checked = checkMaintenanceRequest(
    { start: start.value, duration, reason: textOf(values.reason), services: serviceNames(values.service) },
    { now, knownServices: known },
  );
  if (!checked.ok)
    throw new UsageError(
      problemText(checked.problem, { duration, start: start.value }, { now, timeZone, known }),
    );
  const { end, services, reason } = checked.window;
  const db = openDatabase(ctx.dbPath);
  try {
    const user = io.env.SUDO_USER ?? io.env.USER;
    const window = new MaintenanceStore(db).add({
      start: start.value,
      end,
      services,
      reason,
      createdAt: now,
      createdBy: user ? `cli:${user}` : 'cli',
    });
    if (values.json) io.out(`${JSON.stringify(maintenanceJson(window, timeZone), null, 2)}\n`);
    else
      io.out(
        `added maintenance window ${window.id}: ${localRange(window.from, window.to, timeZone)} ${timeZone}, ` +
          `services: ${servicesText(window.services)}, reason: ${reason}\n`,
      );
    return 0;
  } finally {
    db.close();
  }
}
