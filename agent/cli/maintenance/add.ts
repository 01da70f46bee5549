/** `hostwatch maintenance add`: plan an ad hoc window (written to the store the daemon and bot read). */
import { parseDuration } from '../../config/duration.js';
import { openDatabase } from '../../store/db.js';
import { MaintenanceStore } from '../../store/maintenance.js';
import { formatLocal, parseZonedDateTime } from '../../uptime/timezones.js';
import { UsageError } from '../command.js';
import { maintenanceJson } from '../history-json.js';
import { localRange } from '../history-window.js';
import { DAY_MS, knownServices, type SubcommandInput, servicesText } from './shared.js';

const MIN_DURATION_MS = 60_000;
const MAX_DURATION_MS = 30 * DAY_MS;
const MAX_REASON_LENGTH = 200;
/** A window may start a little in the past ("we started patching five minutes ago"), not more. */
const PAST_START_TOLERANCE_MS = 10 * 60_000;

function requiredText(value: unknown, option: string, example: string): string {
  if (typeof value !== 'string' || value.trim() === '')
    throw new UsageError(`${option} is required, e.g. ${example}`);
  return value.trim();
}

function parseServices(value: unknown, known: readonly string[]): string[] | 'all' {
  const names = [
    ...new Set((Array.isArray(value) ? value : []).flatMap((v) => String(v).split(',')).map((s) => s.trim())),
  ].filter(Boolean);
  if (names.length === 0) return 'all';
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new UsageError(
      `--service: unknown service ${unknown.map((n) => `"${n}"`).join(', ')}; known: ${known.join(', ')}`,
    );
  }
  return names;
}

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
  const durationText = requiredText(values.duration, '--duration', '--duration 1h');
  const duration = parseDuration(durationText);
  if (duration === undefined || duration < MIN_DURATION_MS || duration > MAX_DURATION_MS) {
    throw new UsageError(
      `--duration: expected a duration from 1m to 30d such as 45m or 2h, got "${durationText}"`,
    );
  }
  const reason = requiredText(values.reason, '--reason', '--reason "kernel patch"');
  if (reason.length > MAX_REASON_LENGTH) {
    throw new UsageError(`--reason: at most ${MAX_REASON_LENGTH} characters, got ${reason.length}`);
  }
  const services = parseServices(values.service, knownServices(ctx.config));
  const end = start.value + duration;
  if (start.value < now - PAST_START_TOLERANCE_MS || end <= now) {
    throw new UsageError(
      `--start ${formatLocal(start.value, timeZone)} ${timeZone} is in the past (now ${formatLocal(now, timeZone)}); ` +
        'a window may start at most 10 minutes ago and must not be over already',
    );
  }
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
