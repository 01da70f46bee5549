/**
 * Service state history, run-length encoded: observe() extends the open run when the state agrees
 * and closes it / opens a new one when it changes. Uptime for any window is then an interval
 * intersection over a handful of rows.
 */
import type { ServiceState, StateInterval } from '../uptime/types.js';
import type { Db } from './db.js';

export interface StoredInterval {
  id: number;
  service: string;
  state: ServiceState;
  from: number;
  /** Last time the state was confirmed. */
  to: number;
  open: boolean;
  cause: string | null;
}

interface Row {
  id: number;
  service: string;
  state: ServiceState;
  from_ts: number;
  to_ts: number;
  open: number;
  cause: string | null;
}

const toStored = (row: Row): StoredInterval => ({
  id: row.id,
  service: row.service,
  state: row.state,
  from: row.from_ts,
  to: row.to_ts,
  open: row.open === 1,
  cause: row.cause,
});

export class StateIntervalStore {
  constructor(private readonly db: Db) {}

  current(service: string): StoredInterval | undefined {
    const row = this.db
      .prepare('SELECT * FROM state_intervals WHERE service = ? AND open = 1')
      .get(service) as Row | undefined;
    return row ? toStored(row) : undefined;
  }

  /**
   * Records that `service` is in `state` at `at`. When the state changed, the new run starts at
   * `since` (the first observation that led to the change, so debounce does not shift outages)
   * and the previous run ends there. Returns when the (now) open run began.
   */
  observe(
    service: string,
    state: ServiceState,
    at: number,
    cause: string | null,
    since: number = at,
  ): number {
    const open = this.current(service);
    if (open && open.state === state) {
      this.db
        .prepare('UPDATE state_intervals SET to_ts = max(to_ts, ?), cause = coalesce(cause, ?) WHERE id = ?')
        .run(at, cause, open.id);
      return open.from;
    }
    const start = open ? Math.max(open.from, Math.min(since, at)) : Math.min(since, at);
    if (open && start === open.from) {
      // The previous run turned out to last no time at all (its confirming streak predates it).
      this.db.prepare('DELETE FROM state_intervals WHERE id = ?').run(open.id);
    } else if (open) {
      this.db.prepare('UPDATE state_intervals SET to_ts = ?, open = 0 WHERE id = ?').run(start, open.id);
    }
    this.db
      .prepare(
        'INSERT INTO state_intervals (service, state, from_ts, to_ts, open, cause) VALUES (?, ?, ?, ?, 1, ?)',
      )
      .run(service, state, start, Math.max(start, at), cause);
    return start;
  }

  /** Closes every open run at its last confirmation (agent stop, or start-up after a gap). */
  closeAll(): void {
    this.db.prepare('UPDATE state_intervals SET open = 0 WHERE open = 1').run();
  }

  /** Inserts a closed, already-known run (gap reasoning at start-up). */
  insertClosed(interval: {
    service: string;
    state: ServiceState;
    from: number;
    to: number;
    cause?: string;
  }): void {
    if (interval.to <= interval.from) return;
    this.db
      .prepare(
        'INSERT INTO state_intervals (service, state, from_ts, to_ts, open, cause) VALUES (?, ?, ?, ?, 0, ?)',
      )
      .run(interval.service, interval.state, interval.from, interval.to, interval.cause ?? null);
  }

  /** The newest confirmation time of any service: "the last thing the agent recorded". */
  lastRecordAt(): number | undefined {
    const row = this.db.prepare('SELECT max(to_ts) AS t FROM state_intervals').get() as { t: number | null };
    return row.t ?? undefined;
  }

  services(): string[] {
    return (
      this.db.prepare('SELECT DISTINCT service FROM state_intervals ORDER BY service').all() as Array<{
        service: string;
      }>
    ).map((r) => r.service);
  }

  /**
   * Runs overlapping [from, to) for the uptime engine. `openRunsLive`: the agent is running, so each
   * service's open run is still going (`to: null`, the engine ends it at now); otherwise runs end at
   * their last confirmation.
   */
  overlapping(options: {
    from: number;
    to: number;
    service?: string;
    openRunsLive?: boolean;
  }): StateInterval[] {
    const rows = (
      options.service
        ? this.db
            .prepare(
              'SELECT * FROM state_intervals WHERE service = ? AND to_ts >= ? AND from_ts < ? ORDER BY from_ts',
            )
            .all(options.service, options.from, options.to)
        : this.db
            .prepare(
              'SELECT * FROM state_intervals WHERE to_ts >= ? AND from_ts < ? ORDER BY service, from_ts',
            )
            .all(options.from, options.to)
    ) as Row[];
    return rows.map((row) => ({
      service: row.service,
      state: row.state,
      from: row.from_ts,
      to: row.open === 1 && options.openRunsLive ? null : row.to_ts,
      ...(row.cause ? { cause: row.cause } : {}),
    }));
  }
}
