/**
 * Time-weighted uptime of one service over a window, as defined in the issue:
 *
 *   uptime = up / (up + down + degraded × degradedWeight)
 *
 * - degradedWeight (0..1, default 0.5) is the share of degraded time that counts against the service:
 *   0 leaves degraded time out entirely (like maintenance), 1 counts it as down.
 * - Maintenance and unknown time (no record, or the agent not running) are left out of the denominator and
 *   reported separately. Time after `now` is not counted at all.
 * - The same denominator is the "counted" time of the error budget, so uptime = 1 − spent / counted.
 * - Nothing counted -> uptimePercent is null ("no data"), never 100.
 */
import { effectiveTimeline, type TimelineInput } from './timeline.js';
import type { Segment, TimeRange, UptimeResult } from './types.js';

export const DEFAULT_DEGRADED_WEIGHT = 0.5;

export interface UptimeInput extends TimelineInput {
  degradedWeight?: number;
}

export function computeUptime(input: UptimeInput): UptimeResult {
  const degradedWeight = checkDegradedWeight(input.degradedWeight ?? DEFAULT_DEGRADED_WEIGHT);
  const segments = effectiveTimeline(input);
  return summarizeSegments(segments, {
    service: input.service,
    from: input.from,
    to: input.to,
    now: input.now,
    degradedWeight,
  });
}

export interface SummaryWindow {
  service: string;
  from: number;
  to: number;
  now: number;
  degradedWeight: number;
}

/**
 * Totals over effective-timeline segments already clipped to [from, min(to, now)).
 * An outage is a maximal run of counted down time; it has recovered when it ends before the measured end.
 */
export function summarizeSegments(segments: readonly Segment[], window: SummaryWindow): UptimeResult {
  const { service, from, to, now, degradedWeight } = window;
  const measuredTo = Math.max(from, Math.min(to, now));
  const totals = { up: 0, down: 0, degraded: 0, maintenance: 0, unknown: 0 };
  for (const segment of segments) totals[segment.state] += segment.to - segment.from;
  const outages = downRuns(segments);
  const recovered = outages.filter((run) => run.to < measuredTo);
  const recoveredMs = recovered.reduce((sum, run) => sum + (run.to - run.from), 0);
  const countedMs = totals.up + totals.down + totals.degraded * degradedWeight;
  return {
    service,
    from,
    to,
    measuredTo,
    upMs: totals.up,
    downMs: totals.down,
    degradedMs: totals.degraded,
    maintenanceMs: totals.maintenance,
    unknownMs: totals.unknown,
    degradedWeight,
    countedMs,
    uptimePercent: countedMs > 0 ? (100 * totals.up) / countedMs : null,
    longestOutageMs: outages.reduce((longest, run) => Math.max(longest, run.to - run.from), 0),
    outageCount: outages.length,
    mttrMs: recovered.length > 0 ? recoveredMs / recovered.length : null,
  };
}

/** Maximal runs of down time; touching down segments (e.g. from unmerged slices) form one run. */
function downRuns(segments: readonly Segment[]): TimeRange[] {
  const runs: TimeRange[] = [];
  for (const segment of segments) {
    if (segment.state !== 'down') continue;
    const last = runs[runs.length - 1];
    if (last && last.to === segment.from) last.to = segment.to;
    else runs.push({ from: segment.from, to: segment.to });
  }
  return runs;
}

export function checkDegradedWeight(weight: number): number {
  if (!(weight >= 0 && weight <= 1))
    throw new RangeError(`degradedWeight must be between 0 and 1, got ${weight}`);
  return weight;
}
