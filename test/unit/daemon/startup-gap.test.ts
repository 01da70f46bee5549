import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBootTimeMs, recordStartupGap } from '../../../agent/daemon/startup-gap.js';
import { silentLogger } from '../../../agent/log.js';
import { openDatabase } from '../../../agent/store/db.js';
import { StateIntervalStore } from '../../../agent/store/state-intervals.js';
import { tempDir } from '../../helpers/cli.js';

const T = Date.UTC(2026, 10, 23, 10, 0, 0);
const MIN = 60_000;

function seeded() {
  const db = openDatabase(join(tempDir(), 'hostwatch.db'));
  const store = new StateIntervalStore(db);
  store.observe('host', 'up', T, null);
  store.observe('host', 'up', T + 10 * MIN, null);
  store.observe('nginx', 'up', T, null);
  store.observe('nginx', 'up', T + 10 * MIN, null);
  return { db, store };
}

const rows = (store: StateIntervalStore) =>
  store
    .overlapping({ from: 0, to: T + 1000 * MIN })
    .map((i) => [i.service, i.state, (i.from - T) / MIN, ((i.to ?? 0) - T) / MIN, i.cause ?? null]);

describe('start-up after a gap', () => {
  it('records a reboot as host downtime up to the boot, and the rest as unknown', () => {
    const { db, store } = seeded();
    // Last record at +10 min, kernel booted at +14 min, agent started at +15 min.
    const result = recordStartupGap(db, silentLogger, {
      agentStartAt: T + 15 * MIN,
      bootTimeMs: T + 14 * MIN,
      services: ['nginx'],
    });
    expect(result).toEqual({ rebooted: true, lastRecordAt: T + 10 * MIN });
    expect(store.current('host')).toBeUndefined(); // every open run was closed
    expect(rows(store)).toEqual([
      ['host', 'up', 0, 10, null],
      ['host', 'down', 10, 14, 'host rebooted'],
      ['host', 'unknown', 14, 15, 'agent not running'],
      ['nginx', 'up', 0, 10, null],
      ['nginx', 'unknown', 10, 14, 'host rebooted'],
      ['nginx', 'unknown', 14, 15, 'agent not running'],
    ]);
  });

  it('records an agent stop without a reboot as unknown, never as downtime', () => {
    const { db, store } = seeded();
    const result = recordStartupGap(db, silentLogger, {
      agentStartAt: T + 15 * MIN,
      bootTimeMs: T - 60 * MIN,
      services: ['nginx'],
    });
    expect(result.rebooted).toBe(false);
    const states = rows(store).filter((r) => (r[2] as number) >= 10);
    expect(states.every((r) => r[1] === 'unknown')).toBe(true);
    expect(states.map((r) => r[0]).sort()).toEqual(['host', 'nginx']);
  });

  it('reads the kernel boot time from /proc/stat', () => {
    const boot = readBootTimeMs();
    expect(boot).toBeGreaterThan(Date.UTC(2020, 0, 1));
    expect(boot).toBeLessThan(Date.now());
    expect(readBootTimeMs('/nonexistent')).toBeUndefined();
  });
});
