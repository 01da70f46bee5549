/**
 * The effective timeline of one service over a window: recorded intervals clipped to the window, gaps filled
 * with `unknown`, and the maintenance overlay applied. Uptime, daily breakdowns and charts all read from it.
 */
import type { MaintenanceWindow, Segment, ServiceState, StateInterval, TimeRange } from './types.js';

/** A recorded interval with its end settled (open intervals end at `now` or where the next one starts). */
export interface ClosedInterval {
  state: ServiceState;
  from: number;
  to: number;
  cause?: string;
  /** Recorded as open (to = null) and not cut by a later record: it is still running at `now`. */
  open?: true;
}

/**
 * The intervals of `service`, sorted, closed and made non-overlapping: an open interval ends at `now`;
 * an interval still running when a later one starts is cut there (the later record wins); nothing extends
 * past `now`. Zero-length results are dropped.
 */
export function normalizeIntervals(
  intervals: readonly StateInterval[],
  service: string,
  now: number,
): ClosedInterval[] {
  const own = intervals.filter((interval) => interval.service === service).sort((a, b) => a.from - b.from);
  const closed: ClosedInterval[] = [];
  own.forEach((interval, index) => {
    const next = own[index + 1];
    const to = Math.min(interval.to ?? now, next ? next.from : Number.POSITIVE_INFINITY, now);
    if (to <= interval.from) return;
    const piece: ClosedInterval = { state: interval.state, from: interval.from, to };
    if (interval.cause !== undefined) piece.cause = interval.cause;
    if (interval.to === null && !next) piece.open = true;
    closed.push(piece);
  });
  return closed;
}

export function coversService(window: MaintenanceWindow, service: string): boolean {
  return window.services === 'all' || window.services.includes(service);
}

/** Sorted, non-overlapping union of ranges, clipped to [from, to): overlapping windows never count twice. */
export function mergeRanges(ranges: readonly TimeRange[], from: number, to: number): TimeRange[] {
  const clipped = ranges
    .map((range) => ({ from: Math.max(range.from, from), to: Math.min(range.to, to) }))
    .filter((range) => range.to > range.from)
    .sort((a, b) => a.from - b.from);
  const merged: TimeRange[] = [];
  for (const range of clipped) {
    const last = merged[merged.length - 1];
    if (last && range.from <= last.to) last.to = Math.max(last.to, range.to);
    else merged.push({ ...range });
  }
  return merged;
}

export interface TimelineInput {
  intervals: readonly StateInterval[];
  maintenance: readonly MaintenanceWindow[];
  service: string;
  from: number;
  to: number;
  now: number;
}

/**
 * Segments covering exactly [from, min(to, now)), in order, adjacent equal states merged (the first cause
 * is kept). Non-up time inside a maintenance window covering the service becomes `maintenance`; up stays up.
 */
export function effectiveTimeline({
  intervals,
  maintenance,
  service,
  from,
  to,
  now,
}: TimelineInput): Segment[] {
  if (from > to) throw new RangeError(`window starts after it ends (${from} > ${to})`);
  const end = Math.min(to, now);
  if (end <= from) return [];
  const recorded = withGapsAsUnknown(normalizeIntervals(intervals, service, now), from, end);
  const windows = mergeRanges(
    maintenance.filter((window) => coversService(window, service)),
    from,
    end,
  );
  return mergeAdjacent(overlayMaintenance(recorded, windows));
}

function withGapsAsUnknown(intervals: readonly ClosedInterval[], from: number, end: number): Segment[] {
  const segments: Segment[] = [];
  let cursor = from;
  for (const interval of intervals) {
    if (interval.to <= from) continue;
    if (interval.from >= end) break;
    const start = Math.max(interval.from, from);
    if (start > cursor) segments.push({ from: cursor, to: start, state: 'unknown' });
    const piece: Segment = { from: start, to: Math.min(interval.to, end), state: interval.state };
    if (interval.cause !== undefined) piece.cause = interval.cause;
    segments.push(piece);
    cursor = piece.to;
  }
  if (cursor < end) segments.push({ from: cursor, to: end, state: 'unknown' });
  return segments;
}

function overlayMaintenance(segments: readonly Segment[], windows: readonly TimeRange[]): Segment[] {
  if (windows.length === 0) return [...segments];
  const result: Segment[] = [];
  let first = 0; // first window that may still overlap the current segment
  for (const segment of segments) {
    if (segment.state === 'up' || segment.state === 'maintenance') {
      result.push(segment);
      continue;
    }
    while (first < windows.length && (windows[first] as TimeRange).to <= segment.from) first++;
    let cursor = segment.from;
    for (let i = first; i < windows.length; i++) {
      const window = windows[i] as TimeRange;
      if (window.from >= segment.to) break;
      const start = Math.max(window.from, cursor);
      const stop = Math.min(window.to, segment.to);
      if (start > cursor) result.push({ ...segment, from: cursor, to: start });
      result.push({ from: start, to: stop, state: 'maintenance' });
      cursor = stop;
    }
    if (cursor < segment.to) result.push({ ...segment, from: cursor, to: segment.to });
  }
  return result;
}

function mergeAdjacent(segments: readonly Segment[]): Segment[] {
  const merged: Segment[] = [];
  for (const segment of segments) {
    const last = merged[merged.length - 1];
    if (last && last.state === segment.state && last.to === segment.from) {
      last.to = segment.to;
      if (last.cause === undefined && segment.cause !== undefined) last.cause = segment.cause;
    } else {
      merged.push({ ...segment });
    }
  }
  return merged;
}

/** The part of `segments` inside [from, to), clipped. Segments must be sorted. */
export function sliceSegments(segments: readonly Segment[], from: number, to: number): Segment[] {
  // Binary search for the first segment ending after `from`, so slicing a long history per day stays cheap.
  let low = 0;
  let high = segments.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((segments[mid] as Segment).to <= from) low = mid + 1;
    else high = mid;
  }
  const slice: Segment[] = [];
  for (let i = low; i < segments.length; i++) {
    const segment = segments[i] as Segment;
    if (segment.from >= to) break;
    slice.push({ ...segment, from: Math.max(segment.from, from), to: Math.min(segment.to, to) });
  }
  return slice;
}
