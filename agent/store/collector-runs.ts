/** The latest outcome of each collector, for `hostwatch status`. */
import type { CollectorRun } from '../types.js';
import type { Db } from './db.js';

export function recordCollectorRuns(db: Db, runs: readonly CollectorRun[]): void {
  const upsert = db.prepare(
    `INSERT INTO collector_runs (name, ok, duration_ms, samples, error, at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET ok = excluded.ok, duration_ms = excluded.duration_ms,
       samples = excluded.samples, error = excluded.error, at = excluded.at`,
  );
  for (const run of runs)
    upsert.run(run.name, run.ok ? 1 : 0, run.durationMs, run.samples, run.error ?? null, run.at);
}

export function listCollectorRuns(db: Db): CollectorRun[] {
  const rows = db
    .prepare('SELECT name, ok, duration_ms, samples, error, at FROM collector_runs ORDER BY name')
    .all() as Array<{
    name: string;
    ok: number;
    duration_ms: number;
    samples: number;
    error: string | null;
    at: number;
  }>;
  return rows.map((row) => ({
    name: row.name,
    ok: row.ok === 1,
    durationMs: row.duration_ms,
    samples: row.samples,
    ...(row.error ? { error: row.error } : {}),
    at: row.at,
  }));
}
