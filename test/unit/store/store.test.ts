import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase, pragmaValue, schemaVersion } from '../../../agent/store/db.js';
import { migrations } from '../../../agent/store/migrations.js';
import { RetentionSweeper } from '../../../agent/store/retention.js';
import { chooseResolution, latestValues, queryWindow } from '../../../agent/store/sample-reader.js';
import { HOUR_MS, MINUTE_MS, SampleWriter } from '../../../agent/store/samples.js';
import type { Sample } from '../../../agent/types.js';
import { tempDir } from '../../helpers/cli.js';

const T0 = Date.UTC(2026, 10, 23, 10, 0, 0); // an hour boundary
const open: Db[] = [];
function freshDb(): Db {
  const db = openDatabase(join(tempDir(), 'hostwatch.db'));
  open.push(db);
  return db;
}
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
});

const cpu = (at: number, value: number): Sample => ({
  metric: 'cpu_usage_active',
  value,
  unit: 'Percent',
  at,
});
const disk = (at: number, path: string, value: number): Sample => ({
  metric: 'disk_used_percent',
  labels: { path },
  value,
  unit: 'Percent',
  at,
});

describe('database', () => {
  it('applies migrations once, in WAL mode, and refuses a newer schema', () => {
    const dir = tempDir();
    const path = join(dir, 'hostwatch.db');
    const db = openDatabase(path);
    expect(schemaVersion(db)).toBe(migrations.at(-1)?.version);
    expect(pragmaValue(db, 'journal_mode')).toBe('wal');
    expect(pragmaValue(db, 'busy_timeout')).toBe(5000);
    db.exec('PRAGMA user_version = 999');
    db.close();
    expect(() => openDatabase(path)).toThrow(/newer than this hostwatch/);
    expect(() => openDatabase(path, { readonly: true })).toThrow(/Upgrade hostwatch/);
  });

  it('reopening an up-to-date database changes nothing', () => {
    const dir = tempDir();
    const path = join(dir, 'hostwatch.db');
    const first = openDatabase(path);
    new SampleWriter(first).write([cpu(T0, 5)]);
    first.close();
    const second = openDatabase(path);
    open.push(second);
    expect(latestValues(second, 0)).toHaveLength(1);
  });
});

describe('samples and rollups', () => {
  it('keeps raw values and exact minute/hour min/max/avg/count', () => {
    const db = freshDb();
    const writer = new SampleWriter(db);
    // Two minutes of 10 s samples: minute 0 holds 0..50, minute 1 holds 60..110.
    writer.write(Array.from({ length: 12 }, (_, i) => cpu(T0 + i * 10_000, i * 10)));
    const minute = queryWindow(db, { from: T0, to: T0 + HOUR_MS, resolution: 'minute' })[0]?.points;
    expect(minute).toEqual([
      { at: T0, min: 0, max: 50, avg: 25, count: 6 },
      { at: T0 + MINUTE_MS, min: 60, max: 110, avg: 85, count: 6 },
    ]);
    const hour = queryWindow(db, { from: T0, to: T0 + HOUR_MS, resolution: 'hour' })[0]?.points;
    expect(hour).toEqual([{ at: T0, min: 0, max: 110, avg: 55, count: 12 }]);
    const raw = queryWindow(db, { from: T0 + 15_000, to: T0 + 35_000, resolution: 'raw' })[0]?.points;
    expect(raw?.map((p) => p.avg)).toEqual([20, 30]);
  });

  it('keeps series apart by labels, whatever their key order', () => {
    const db = freshDb();
    const writer = new SampleWriter(db);
    writer.write([disk(T0, '/', 40), disk(T0, '/data', 70)]);
    writer.write([{ metric: 'x', labels: { a: '1', b: '2' }, value: 1, unit: 'None', at: T0 }]);
    writer.write([{ metric: 'x', labels: { b: '2', a: '1' }, value: 2, unit: 'None', at: T0 + 1000 }]);
    const latest = latestValues(db, 0);
    expect(
      latest.filter((v) => v.metric === 'disk_used_percent').map((v) => [v.labels.path, v.value]),
    ).toEqual([
      ['/', 40],
      ['/data', 70],
    ]);
    expect(latest.filter((v) => v.metric === 'x')).toEqual([
      { metric: 'x', labels: { a: '1', b: '2' }, unit: 'None', value: 2, at: T0 + 1000 },
    ]);
  });

  it('drops non-finite values instead of storing them', () => {
    const db = freshDb();
    new SampleWriter(db).write([cpu(T0, Number.NaN), cpu(T0 + 1, Number.POSITIVE_INFINITY), cpu(T0 + 2, 3)]);
    expect(queryWindow(db, { from: 0, to: T0 + HOUR_MS, resolution: 'raw' })[0]?.points).toHaveLength(1);
  });

  it('rolls back the whole cycle when the extra work in the transaction fails', () => {
    const db = freshDb();
    const writer = new SampleWriter(db);
    expect(() =>
      writer.write([cpu(T0, 1)], () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(latestValues(db, 0)).toEqual([]);
    expect(queryWindow(db, { from: 0, to: T0 + HOUR_MS, resolution: 'minute' })).toEqual([]);
  });

  it('picks the finest resolution the window and retention allow', () => {
    const retention = { rawMs: 7 * 86_400_000, minuteMs: 90 * 86_400_000 };
    expect(chooseResolution(HOUR_MS, HOUR_MS, retention)).toBe('raw');
    expect(chooseResolution(2 * 86_400_000, 2 * 86_400_000, retention)).toBe('minute');
    expect(chooseResolution(30 * 86_400_000, 30 * 86_400_000, retention)).toBe('hour');
    expect(chooseResolution(HOUR_MS, 8 * 86_400_000, retention)).toBe('minute');
  });
});

describe('retention', () => {
  it('deletes only what is past each tier, bounded per sweep, until complete', () => {
    const db = freshDb();
    const writer = new SampleWriter(db);
    const DAY = 86_400_000;
    // One sample per hour for 10 days, two series.
    const samples: Sample[] = [];
    for (let h = 0; h < 240; h++) samples.push(cpu(T0 + h * HOUR_MS, h), disk(T0 + h * HOUR_MS, '/', h));
    writer.write(samples);
    let now = T0 + 10 * DAY;
    const sweeper = new RetentionSweeper(
      db,
      { rawMs: 7 * DAY, minuteMs: 8 * DAY, hourMs: 9 * DAY },
      { now: () => now },
    );
    const counts = () =>
      ['samples', 'rollup_minute', 'rollup_hour'].map(
        (t) => (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n,
      );
    expect(counts()).toEqual([480, 480, 480]);

    const first = sweeper.sweep(50);
    expect(first).toEqual({ deleted: 50, complete: false });
    let total = first.deleted;
    for (let i = 0; i < 100; i++) {
      const result = sweeper.sweep(50);
      total += result.deleted;
      if (result.complete) break;
    }
    // Expired per series: raw keeps the last 7 days (168 h) -> 72 gone; minute 8 d -> 48; hour 9 d -> 24.
    expect(counts()).toEqual([480 - 144, 480 - 96, 480 - 48]);
    expect(total).toBe(144 + 96 + 48);
    const oldestRaw = (db.prepare('SELECT min(ts) AS t FROM samples').get() as { t: number }).t;
    expect(oldestRaw).toBe(now - 7 * DAY);

    now += HOUR_MS;
    expect(sweeper.sweep(1000)).toEqual({ deleted: 6, complete: true });
  });
});
