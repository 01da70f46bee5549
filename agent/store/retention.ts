/**
 * Incremental retention: each sweep deletes at most `maxRows` expired rows, walking series
 * round-robin over the primary key, so housekeeping costs a few ms per cycle, never a long lock.
 */
import type { Clock } from '../types.js';
import type { Db } from './db.js';

export interface RetentionPolicy {
  rawMs: number;
  minuteMs: number;
  hourMs: number;
}

interface Target {
  table: 'samples' | 'rollup_minute' | 'rollup_hour';
  column: 'ts' | 'bucket';
  keepMs: number;
}

export interface SweepResult {
  deleted: number;
  /** True when everything expired is gone (nothing left for later sweeps). */
  complete: boolean;
}

export class RetentionSweeper {
  private cursor = 0;
  private readonly targets: Target[];

  constructor(
    private readonly db: Db,
    policy: RetentionPolicy,
    private readonly clock: Clock,
  ) {
    this.targets = [
      { table: 'samples', column: 'ts', keepMs: policy.rawMs },
      { table: 'rollup_minute', column: 'bucket', keepMs: policy.minuteMs },
      { table: 'rollup_hour', column: 'bucket', keepMs: policy.hourMs },
    ];
  }

  sweep(maxRows = 2000): SweepResult {
    const seriesIds = (
      this.db.prepare('SELECT id FROM series ORDER BY id').all() as Array<{ id: number }>
    ).map((r) => r.id);
    const jobs = seriesIds.length * this.targets.length;
    let deleted = 0;
    let cleanInARow = 0;
    const now = this.clock.now();
    while (deleted < maxRows && cleanInARow < jobs) {
      const job = this.cursor % jobs;
      const target = this.targets[job % this.targets.length] as Target;
      const seriesId = seriesIds[Math.floor(job / this.targets.length)] as number;
      const budget = maxRows - deleted;
      const removed = this.db
        .prepare(
          `DELETE FROM ${target.table} WHERE series_id = ? AND ${target.column} IN (
             SELECT ${target.column} FROM ${target.table} WHERE series_id = ? AND ${target.column} < ?
             ORDER BY ${target.column} LIMIT ?)`,
        )
        .run(seriesId, seriesId, now - target.keepMs, budget).changes;
      deleted += removed;
      if (removed < budget) {
        cleanInARow += 1;
        this.cursor += 1;
      } else {
        cleanInARow = 0;
      }
    }
    return { deleted, complete: cleanInARow >= jobs };
  }
}
