/** Shared types of the uptime engine. Everything in agent/uptime is pure: no I/O, time is passed in. */

export type ServiceState = 'up' | 'down' | 'degraded' | 'unknown' | 'maintenance';

/**
 * One run of a single state for one service (run-length encoded history).
 * Intervals of a service do not overlap; where they do (an open row left behind by a crash), the later
 * start wins and the earlier interval is cut there. Time covered by no interval is unknown.
 */
export interface StateInterval {
  service: string;
  state: ServiceState;
  /** ms since epoch, inclusive */
  from: number;
  /** ms since epoch, exclusive; null = still open, ends at `now` */
  to: number | null;
  cause?: string;
}

export interface MaintenanceWindow {
  id: string;
  name: string;
  /** ms since epoch, inclusive */
  from: number;
  /** ms since epoch, exclusive */
  to: number;
  services: string[] | 'all';
  source: 'config' | 'adhoc';
  reason?: string;
}

/** A half-open span of time [from, to) in ms since epoch. */
export interface TimeRange {
  from: number;
  to: number;
}

/** Parse outcome for user-typed text: the value, or a plain message saying what was expected. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** A piece of the effective timeline: interval states after gap filling and the maintenance overlay. */
export interface Segment {
  from: number;
  to: number;
  state: ServiceState;
  cause?: string;
}

export interface UptimeResult {
  service: string;
  /** The requested window [from, to). */
  from: number;
  to: number;
  /** min(to, now): time after `now` is not counted at all. */
  measuredTo: number;
  upMs: number;
  downMs: number;
  degradedMs: number;
  /** Non-up time inside a maintenance window covering the service, plus recorded `maintenance` state. */
  maintenanceMs: number;
  /** Time with no record, or recorded as `unknown`, outside maintenance. */
  unknownMs: number;
  /** Share of degraded time that counts against uptime (0 = ignored, 1 = counts as down). */
  degradedWeight: number;
  /** The denominator: upMs + downMs + degradedMs × degradedWeight. */
  countedMs: number;
  /** 100 × upMs / countedMs; null when nothing was counted ("no data", never shown as 100%). */
  uptimePercent: number | null;
  longestOutageMs: number;
  /** Maximal runs of counted down time in the window (down cut by maintenance counts as two). */
  outageCount: number;
  /** Mean length of the outages that recovered inside the window; null when none did. */
  mttrMs: number | null;
}
