/**
 * History around last week on the real clock (Europe/Berlin), written with the agent stopped, so every run
 * ends at its last record: nginx down 10 + 3 minutes a minute apart (one incident, two outages) and 45 minutes
 * three days later (58 minutes in all); tomcat down 30 minutes.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll } from 'vitest';
import { DB_FILE_NAME, openDatabase } from '../../agent/store/db.js';
import { StateIntervalStore } from '../../agent/store/state-intervals.js';
import { weekWindow } from '../../agent/uptime/ranges.js';
import { BOT_CONFIG_YAML } from './bot-history.js';
import { cleanEnv, runCli, tempDir } from './cli.js';

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

/**
 * A data directory with that history and the bot tests' config (web-1, Europe/Berlin, nginx and tomcat),
 * seeded before the file's tests; `cli` runs `hostwatch` on them.
 */
export function useLastWeekCli() {
  const dir = tempDir();
  const dataDir = join(dir, 'data');
  const config = join(dir, 'hostwatch.yaml');
  beforeAll(() => {
    writeFileSync(config, BOT_CONFIG_YAML);
    seedLastWeek(dataDir);
  });
  const cli = (...args: string[]) =>
    runCli([...args, '--config', config, '--data-dir', dataDir], { env: cleanEnv() });
  return { dir, dataDir, config, cli };
}
