/** `hostwatch maintenance remove ID`: cancel an ad hoc window (config windows live in the config file). */
import { existsSync } from 'node:fs';
import { openDatabase } from '../../store/db.js';
import { MaintenanceStore, parseAdhocId } from '../../store/maintenance.js';
import { formatLocal } from '../../uptime/timezones.js';
import { UsageError } from '../command.js';
import { localRange } from '../history-window.js';
import type { SubcommandInput } from './shared.js';

export function removeMaintenance({ args, ctx, io, now }: SubcommandInput): number {
  const [idText, ...extra] = args;
  if (idText === undefined)
    throw new UsageError('remove needs a window id such as adhoc:3 (see "hostwatch maintenance list")');
  if (extra.length > 0) throw new UsageError(`remove takes one id, got also "${extra[0]}"`);
  if (idText.startsWith('config:') || ctx.config.maintenance.some((entry) => entry.name === idText)) {
    io.err(
      `hostwatch maintenance: "${idText}" is defined in the config file ${ctx.configSource}; edit it there\n`,
    );
    return 1;
  }
  const id = parseAdhocId(idText);
  if (id === undefined) throw new UsageError(`expected an ad hoc window id such as adhoc:3, got "${idText}"`);
  const notFound = () => {
    io.err(`hostwatch maintenance: no ad hoc window adhoc:${id} (see "hostwatch maintenance list --all")\n`);
    return 1;
  };
  if (!existsSync(ctx.dbPath)) return notFound();
  const db = openDatabase(ctx.dbPath);
  try {
    const store = new MaintenanceStore(db);
    const window = store.live(id);
    if (!window) return notFound();
    const timeZone = ctx.config.timezone;
    if (window.to <= now) {
      // Reports may already have been sent with this window excluded: past figures must not change.
      io.err(
        `hostwatch maintenance: ${window.id} ended at ${formatLocal(window.to, timeZone)} ${timeZone}; ` +
          'past windows stay in the history\n',
      );
      return 1;
    }
    if (!store.remove(id, now)) return notFound();
    io.out(
      `removed maintenance window ${window.id} (${localRange(window.from, window.to, timeZone)} ${timeZone}: ${window.name})\n`,
    );
    return 0;
  } finally {
    db.close();
  }
}
