/**
 * History around last week on the real clock (Europe/Berlin), written with the agent stopped, so every run
 * ends at its last record: nginx down 10 + 3 minutes a minute apart (one incident, two outages) and 45 minutes
 * three days later (58 minutes in all); tomcat down 30 minutes.
 */
import { join } from 'node:path';
import { DB_FILE_NAME, openDatabase } from '../../agent/store/db.js';
import { StateIntervalStore } from '../../agent/store/state-intervals.js';
import { weekWindow } from '../../agent/uptime/ranges.js';

export const MIN = 60_000;
export const DAY = 86_400_000;

export function seedLastWeek(dataDir: string): void {
  const last = weekWindow('last', Date.now(), 'Europe/Berlin');
  const db = openDatabase(join(dataDir, DB_FILE_NAME));
  const store = new StateIntervalStore(db);
  const start = last.from - DAY;
  const end = Math.min(Date.now() - MIN, last.to + DAY);
  store.insertClosed({ service: 'host', state: 'up', from: start, to: end });
  const outages: Record<string, Array<[number, number]>> = {
    nginx: [
      [last.from + DAY, 10 * MIN],
      [last.from + DAY + 11 * MIN, 3 * MIN],
      [last.from + 4 * DAY, 45 * MIN],
    ],
    tomcat: [[last.from + 2 * DAY + 7 * 3_600_000, 30 * MIN]],
  };
  for (const [service, spans] of Object.entries(outages)) {
    let t = start;
    for (const [from, length] of spans) {
      store.insertClosed({ service, state: 'up', from: t, to: from });
      store.insertClosed({
        service,
        state: 'down',
        from,
        to: from + length,
        cause: 'tcp: connect ECONNREFUSED',
      });
      t = from + length;
    }
    store.insertClosed({ service, state: 'up', from: t, to: end });
  }
  db.close();
}
