/** Ad hoc maintenance windows planned from the CLI or the bot (config windows come from the config). */
import type { MaintenanceWindow } from '../uptime/types.js';
import type { Db } from './db.js';

export interface NewMaintenance {
  start: number;
  end: number;
  services: string[] | 'all';
  reason: string;
  createdAt: number;
  createdBy?: string;
}

interface Row {
  id: number;
  start_ts: number;
  end_ts: number;
  services: string;
  reason: string;
}

const toWindow = (row: Row): MaintenanceWindow => ({
  id: `adhoc:${row.id}`,
  name: row.reason,
  from: row.start_ts,
  to: row.end_ts,
  services: JSON.parse(row.services) as string[] | 'all',
  source: 'adhoc',
  reason: row.reason,
});

export class MaintenanceStore {
  constructor(private readonly db: Db) {}

  add(window: NewMaintenance): MaintenanceWindow {
    const result = this.db
      .prepare(
        'INSERT INTO maintenance_windows (start_ts, end_ts, services, reason, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(
        window.start,
        window.end,
        JSON.stringify(window.services),
        window.reason,
        window.createdAt,
        window.createdBy ?? null,
      );
    return toWindow({
      id: Number(result.lastInsertRowid),
      start_ts: window.start,
      end_ts: window.end,
      services: JSON.stringify(window.services),
      reason: window.reason,
    });
  }

  /** Marks a window removed (kept for history); false when no such live window exists. */
  remove(id: number, at: number): boolean {
    return (
      this.db
        .prepare('UPDATE maintenance_windows SET removed_at = ? WHERE id = ? AND removed_at IS NULL')
        .run(at, id).changes === 1
    );
  }

  /** One live (not removed) window by its ad hoc id. */
  live(id: number): MaintenanceWindow | undefined {
    const row = this.db
      .prepare(
        'SELECT id, start_ts, end_ts, services, reason FROM maintenance_windows WHERE id = ? AND removed_at IS NULL',
      )
      .get(id) as Row | undefined;
    return row ? toWindow(row) : undefined;
  }

  /** Live windows overlapping [from, to). */
  overlapping(from: number, to: number): MaintenanceWindow[] {
    const rows = this.db
      .prepare(
        'SELECT id, start_ts, end_ts, services, reason FROM maintenance_windows WHERE removed_at IS NULL AND end_ts > ? AND start_ts < ? ORDER BY start_ts',
      )
      .all(from, to) as Row[];
    return rows.map(toWindow);
  }
}

/** "adhoc:12" or "12" -> 12; undefined when it is not an ad hoc window id. */
export function parseAdhocId(text: string): number | undefined {
  const match = /^(?:adhoc:)?(\d+)$/.exec(text.trim());
  return match ? Number(match[1]) : undefined;
}
