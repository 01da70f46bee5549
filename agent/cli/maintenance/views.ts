/** `hostwatch maintenance list` and `hostwatch maintenance next`: read-only views of planned windows. */
import { nextPlannedMaintenance, plannedMaintenance } from '../../history/windows.js';
import { formatLocal } from '../../uptime/timezones.js';
import type { MaintenanceWindow } from '../../uptime/types.js';
import { rejectPositionals, UsageError } from '../command.js';
import { withOptionalStore } from '../context.js';
import { table } from '../format.js';
import { isoInZone, maintenanceJson } from '../history-json.js';
import { localRange } from '../history-window.js';
import { DAY_MS, knownServices, type SubcommandInput, servicesText, statusOf, whenText } from './shared.js';

const LIST_HORIZON_DAYS = 30;
const NEXT_HORIZON_DAYS = 90;

export function listMaintenance({ values, args, ctx, io, now }: SubcommandInput): number {
  rejectPositionals(args);
  const timeZone = ctx.config.timezone;
  const windows = withOptionalStore(ctx, (db) =>
    plannedMaintenance(db, ctx.config, {
      now,
      horizonMs: LIST_HORIZON_DAYS * DAY_MS,
      ...(values.all ? { pastMs: LIST_HORIZON_DAYS * DAY_MS } : {}),
    }),
  );
  if (values.json) {
    const body = {
      now,
      nowIso: isoInZone(now, timeZone),
      timeZone,
      windows: windows.map((w) => ({ ...maintenanceJson(w, timeZone), status: statusOf(w, now) })),
    };
    io.out(`${JSON.stringify(body, null, 2)}\n`);
    return 0;
  }
  if (windows.length === 0) {
    io.out(`no planned maintenance in the next ${LIST_HORIZON_DAYS} days\n`);
    return 0;
  }
  const rows = [['ID', 'WHEN', 'START', 'END', 'SERVICES', 'SOURCE', 'NAME']];
  for (const w of windows) {
    rows.push([
      w.id,
      whenText(w, now),
      formatLocal(w.from, timeZone),
      formatLocal(w.to, timeZone),
      servicesText(w.services),
      w.source,
      w.name,
    ]);
  }
  io.out(
    `maintenance windows (times in ${timeZone}; config windows for the next ${LIST_HORIZON_DAYS} days)\n\n${table(rows)}\n`,
  );
  return 0;
}

function describeNext(window: MaintenanceWindow, timeZone: string): string {
  const reason = window.reason !== undefined && window.reason !== window.name ? ` (${window.reason})` : '';
  return (
    `${window.name}${reason}, ${localRange(window.from, window.to, timeZone)} ${timeZone}, ` +
    `services: ${servicesText(window.services)} [${window.id}]`
  );
}

export function nextMaintenanceView({ values, args, ctx, io, now }: SubcommandInput): number {
  rejectPositionals(args);
  const timeZone = ctx.config.timezone;
  const services = (values.service as string[] | undefined) ?? [];
  if (services.length > 1) throw new UsageError('next takes at most one --service');
  const [service] = services;
  const known = knownServices(ctx.config);
  if (service !== undefined && !known.includes(service)) {
    throw new UsageError(`unknown service "${service}"; known: ${known.join(', ')}`);
  }
  const window = withOptionalStore(ctx, (db) =>
    nextPlannedMaintenance(db, ctx.config, {
      now,
      horizonMs: NEXT_HORIZON_DAYS * DAY_MS,
      ...(service !== undefined ? { service } : {}),
    }),
  );
  const active = window !== undefined && window.from <= now;
  if (values.json) {
    const body = {
      now,
      nowIso: isoInZone(now, timeZone),
      timeZone,
      service: service ?? null,
      window: window ? { ...maintenanceJson(window, timeZone), status: statusOf(window, now) } : null,
      active,
      startsInMs: window && !active ? window.from - now : null,
      endsInMs: window ? window.to - now : null,
    };
    io.out(`${JSON.stringify(body, null, 2)}\n`);
    return 0;
  }
  const scope = service !== undefined ? ` for ${service}` : '';
  if (!window) {
    io.out(`no planned maintenance${scope} in the next ${NEXT_HORIZON_DAYS} days\n`);
    return 0;
  }
  const lead = active
    ? `maintenance${scope} ${whenText(window, now)}`
    : `next planned maintenance${scope} ${whenText(window, now)}`;
  io.out(`${lead}: ${describeNext(window, timeZone)}\n`);
  return 0;
}
