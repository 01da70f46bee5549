/** Reads samples back: latest value per series, and points over a window at a chosen resolution. */
import type { Labels, Unit } from '../types.js';
import type { Db } from './db.js';
import { type Resolution, ROLLUP_TABLES } from './samples.js';
import { listSeries } from './series.js';

export interface LatestValue {
  metric: string;
  labels: Labels;
  unit: Unit;
  value: number;
  at: number;
}

export interface Point {
  at: number;
  min: number;
  max: number;
  avg: number;
  count: number;
}

export interface SeriesPoints {
  metric: string;
  labels: Labels;
  unit: Unit;
  points: Point[];
}

export interface WindowQuery {
  from: number;
  to: number;
  metric?: string;
  resolution: Resolution;
}

/** The newest raw value of every series seen since `since`. */
export function latestValues(db: Db, since: number): LatestValue[] {
  const rows = db
    .prepare(
      `SELECT s.metric, s.labels, s.unit, x.ts AS at, x.value
         FROM series s
         JOIN samples x ON x.series_id = s.id
        WHERE x.ts = (SELECT max(ts) FROM samples WHERE series_id = s.id) AND x.ts >= ?
        ORDER BY s.metric, s.labels`,
    )
    .all(since) as Array<{ metric: string; labels: string; unit: Unit; at: number; value: number }>;
  return rows.map((row) => ({ ...row, labels: JSON.parse(row.labels) as Labels }));
}

/** Picks the finest resolution that the retention still holds and that keeps answers small. */
export function chooseResolution(
  spanMs: number,
  ageOfFromMs: number,
  retention: { rawMs: number; minuteMs: number },
): Resolution {
  if (spanMs <= 6 * 3_600_000 && ageOfFromMs <= retention.rawMs) return 'raw';
  if (spanMs <= 7 * 86_400_000 && ageOfFromMs <= retention.minuteMs) return 'minute';
  return 'hour';
}

export function queryWindow(db: Db, query: WindowQuery): SeriesPoints[] {
  const result: SeriesPoints[] = [];
  for (const series of listSeries(db, query.metric)) {
    const points =
      query.resolution === 'raw'
        ? (db
            .prepare(
              `SELECT ts AS at, value AS min, value AS max, value AS avg, 1 AS count
                 FROM samples WHERE series_id = ? AND ts >= ? AND ts < ? ORDER BY ts`,
            )
            .all(series.id, query.from, query.to) as Point[])
        : (db
            .prepare(
              `SELECT bucket AS at, min, max, sum / count AS avg, count
                 FROM ${ROLLUP_TABLES[query.resolution]} WHERE series_id = ? AND bucket >= ? AND bucket < ? ORDER BY bucket`,
            )
            .all(series.id, query.from, query.to) as Point[]);
    if (points.length > 0)
      result.push({ metric: series.metric, labels: series.labels, unit: series.unit, points });
  }
  return result;
}
