/**
 * Raw samples and their minute/hour rollups, written in one transaction per cycle so a crash
 * loses at most the cycle in flight and rollups never disagree with what was committed.
 */
import type { Sample } from '../types.js';
import type { Db } from './db.js';
import { SeriesRegistry } from './series.js';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;

export type Resolution = 'raw' | 'minute' | 'hour';

export const ROLLUP_TABLES = { minute: 'rollup_minute', hour: 'rollup_hour' } as const;

export class SampleWriter {
  private readonly series: SeriesRegistry;
  private readonly insertRaw;
  private readonly upsertMinute;
  private readonly upsertHour;
  private readonly writeAll;

  constructor(db: Db) {
    this.series = new SeriesRegistry(db);
    this.insertRaw = db.prepare('INSERT OR REPLACE INTO samples (series_id, ts, value) VALUES (?, ?, ?)');
    const upsert = (table: string) =>
      db.prepare(
        `INSERT INTO ${table} (series_id, bucket, min, max, sum, count) VALUES (@id, @bucket, @v, @v, @v, 1)
         ON CONFLICT (series_id, bucket) DO UPDATE SET
           min = min(min, excluded.min), max = max(max, excluded.max),
           sum = sum + excluded.sum, count = count + 1`,
      );
    this.upsertMinute = upsert(ROLLUP_TABLES.minute);
    this.upsertHour = upsert(ROLLUP_TABLES.hour);
    this.writeAll = db.transaction((samples: readonly Sample[], extra?: () => void) => {
      for (const sample of samples) {
        if (!Number.isFinite(sample.value)) continue;
        const id = this.series.idFor(sample.metric, sample.labels, sample.unit);
        const ts = Math.round(sample.at);
        this.insertRaw.run(id, ts, sample.value);
        this.upsertMinute.run({ id, bucket: ts - (ts % MINUTE_MS), v: sample.value });
        this.upsertHour.run({ id, bucket: ts - (ts % HOUR_MS), v: sample.value });
      }
      extra?.();
    });
  }

  /** Writes samples (non-finite values are dropped) and runs `extra` in the same transaction. */
  write(samples: readonly Sample[], extra?: () => void): void {
    this.writeAll(samples, extra);
  }
}
