/**
 * Incidents derived from down intervals: outages of one service closer together than `mergeGapMs` form one
 * incident (a flapping service is one incident, not twenty). An incident spans its first outage's start to its
 * last outage's end; `durationMs` is that wall span, `downMs` only the time actually down.
 */
import { coversService, mergeRanges, normalizeIntervals } from './timeline.js';
import type { MaintenanceWindow, StateInterval, TimeRange } from './types.js';

export interface Incident {
  /** `${service}-${start}`: stable as long as the history of the first outage is. */
  id: string;
  service: string;
  start: number;
  /** null while the last outage is still open. */
  end: number | null;
  /** Wall span start -> end (or -> now while ongoing), gaps between merged outages included. */
  durationMs: number;
  /** Time actually down within the span. */
  downMs: number;
  /** Number of merged outages. */
  outages: number;
  /** Cause recorded on the first down interval. */
  cause?: string;
  /** Down time inside maintenance windows covering the service. */
  maintenanceMs: number;
  /** All of the down time fell inside maintenance. */
  planned: boolean;
}

export interface IncidentOptions {
  /** Outages separated by less than this are one incident; touching outages always are. */
  mergeGapMs: number;
  now: number;
  /** Keep only incidents overlapping [from, to). Query the store from `from − mergeGapMs` for stable ids. */
  from?: number;
  to?: number;
  /** Only this service; default all services present in `intervals`. */
  service?: string;
  maintenance?: readonly MaintenanceWindow[];
}

/** Incidents ordered by start (then service). */
export function deriveIncidents(intervals: readonly StateInterval[], options: IncidentOptions): Incident[] {
  const { mergeGapMs, now } = options;
  if (!(mergeGapMs >= 0)) throw new RangeError(`mergeGapMs must be zero or more, got ${mergeGapMs}`);
  const services =
    options.service !== undefined ? [options.service] : [...new Set(intervals.map((i) => i.service))];
  const incidents: Incident[] = [];
  for (const service of services) {
    const windows = mergeRanges(
      (options.maintenance ?? []).filter((window) => coversService(window, service)),
      Number.NEGATIVE_INFINITY,
      Number.POSITIVE_INFINITY,
    );
    let current: Incident | undefined;
    for (const piece of normalizeIntervals(intervals, service, now)) {
      if (piece.state !== 'down') continue;
      const end = piece.open ? null : piece.to;
      const gap = current?.end != null ? piece.from - current.end : undefined;
      const inMaintenance = overlapMs(piece, windows);
      if (current && gap !== undefined && (gap <= 0 || gap < mergeGapMs)) {
        current.end = end;
        current.outages++;
        current.downMs += piece.to - piece.from;
        current.maintenanceMs += inMaintenance;
      } else {
        current = {
          id: `${service}-${piece.from}`,
          service,
          start: piece.from,
          end,
          durationMs: 0,
          downMs: piece.to - piece.from,
          outages: 1,
          maintenanceMs: inMaintenance,
          planned: false,
        };
        if (piece.cause !== undefined) current.cause = piece.cause;
        incidents.push(current);
      }
    }
  }
  for (const incident of incidents) {
    incident.durationMs = (incident.end ?? now) - incident.start;
    incident.planned = incident.downMs > 0 && incident.maintenanceMs >= incident.downMs;
  }
  const from = options.from ?? Number.NEGATIVE_INFINITY;
  const to = options.to ?? Number.POSITIVE_INFINITY;
  return incidents
    .filter((incident) => incident.start < to && (incident.end ?? now) > from)
    .sort((a, b) => a.start - b.start || a.service.localeCompare(b.service));
}

function overlapMs(range: TimeRange, windows: readonly TimeRange[]): number {
  let total = 0;
  for (const window of windows) {
    if (window.from >= range.to) break;
    total += Math.max(0, Math.min(window.to, range.to) - Math.max(window.from, range.from));
  }
  return total;
}
