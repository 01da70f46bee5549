/** Maps (metric, labels) to a compact series id, cached in memory. */
import type { Labels, Unit } from '../types.js';
import type { Db } from './db.js';

export interface SeriesInfo {
  id: number;
  metric: string;
  labels: Labels;
  unit: Unit;
}

/** Labels serialised with sorted keys so {a,b} and {b,a} are one series. */
export function labelsKey(labels: Labels | undefined): string {
  if (!labels) return '{}';
  const sorted: Record<string, string> = {};
  for (const key of Object.keys(labels).sort()) sorted[key] = labels[key] as string;
  return JSON.stringify(sorted);
}

export class SeriesRegistry {
  private readonly cache = new Map<string, number>();

  constructor(private readonly db: Db) {}

  idFor(metric: string, labels: Labels | undefined, unit: Unit): number {
    const key = `${metric}\u0000${labelsKey(labels)}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const row = this.db
      .prepare(
        `INSERT INTO series (metric, labels, unit) VALUES (?, ?, ?)
         ON CONFLICT (metric, labels) DO UPDATE SET unit = excluded.unit RETURNING id`,
      )
      .get(metric, labelsKey(labels), unit) as { id: number };
    this.cache.set(key, row.id);
    return row.id;
  }
}

export function listSeries(db: Db, metric?: string): SeriesInfo[] {
  const rows = (
    metric
      ? db
          .prepare('SELECT id, metric, labels, unit FROM series WHERE metric = ? ORDER BY metric, labels')
          .all(metric)
      : db.prepare('SELECT id, metric, labels, unit FROM series ORDER BY metric, labels').all()
  ) as Array<{ id: number; metric: string; labels: string; unit: Unit }>;
  return rows.map((row) => ({ ...row, labels: JSON.parse(row.labels) as Labels }));
}
