/** Alert states (the engine's state per alert, as JSON) and the alert history shown by `hostwatch alerts`. */
import type { AlertState } from '../../alerting/types.js';
import type { Db } from './db.js';

export interface StoredAlert {
  key: string;
  rule: string;
  target: string;
  severity: string;
  state: AlertState;
  updatedAt: number;
}

export interface AlertEventRow {
  id: number;
  key: string;
  rule: string;
  target: string;
  severity: string;
  at: number;
  kind: string;
  detail: string | null;
}

export type NewAlertEvent = Omit<AlertEventRow, 'id'>;

export class AlertStateStore {
  constructor(private readonly db: Db) {}

  all(): StoredAlert[] {
    const rows = this.db.prepare('SELECT * FROM alert_state ORDER BY key').all() as Array<{
      key: string;
      rule: string;
      target: string;
      severity: string;
      state: string;
      updated_at: number;
    }>;
    return rows.map((row) => ({
      key: row.key,
      rule: row.rule,
      target: row.target,
      severity: row.severity,
      state: JSON.parse(row.state) as AlertState,
      updatedAt: row.updated_at,
    }));
  }

  save(alert: StoredAlert): void {
    this.db
      .prepare(
        `INSERT INTO alert_state (key, rule, target, severity, state, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET rule = excluded.rule, target = excluded.target,
           severity = excluded.severity, state = excluded.state, updated_at = excluded.updated_at`,
      )
      .run(alert.key, alert.rule, alert.target, alert.severity, JSON.stringify(alert.state), alert.updatedAt);
  }

  delete(key: string): void {
    this.db.prepare('DELETE FROM alert_state WHERE key = ?').run(key);
  }

  addEvent(event: NewAlertEvent): void {
    this.db
      .prepare(
        'INSERT INTO alert_events (key, rule, target, severity, at, kind, detail) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(event.key, event.rule, event.target, event.severity, event.at, event.kind, event.detail);
  }

  /** Newest first. */
  events(options: { since?: number; limit?: number } = {}): AlertEventRow[] {
    return this.db
      .prepare('SELECT * FROM alert_events WHERE at >= ? ORDER BY at DESC, id DESC LIMIT ?')
      .all(options.since ?? 0, options.limit ?? 50) as AlertEventRow[];
  }

  pruneEvents(before: number): number {
    return this.db.prepare('DELETE FROM alert_events WHERE at < ?').run(before).changes;
  }
}
