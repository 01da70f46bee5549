/**
 * "Disk full within 24 h": ordinary least squares over recent samples (what Prometheus's predict_linear
 * does), then the fitted value `horizon` from now compared with the threshold. Pure.
 */
import { type ComparisonOp, compare } from './rules.js';

export interface TimedValue {
  at: number;
  value: number;
}

export interface LinearFit {
  /** Change per millisecond. */
  slope: number;
  /** Fitted value at time `at`. */
  valueAt(at: number): number;
  points: number;
  spanMs: number;
}

export function linearFit(points: readonly TimedValue[]): LinearFit | undefined {
  const n = points.length;
  if (n < 2) return undefined;
  // Centre time on the first point: epoch milliseconds squared lose precision in doubles.
  const t0 = points[0]?.at ?? 0;
  let sumX = 0;
  let sumY = 0;
  for (const p of points) {
    sumX += p.at - t0;
    sumY += p.value;
  }
  const meanX = sumX / n;
  const meanY = sumY / n;
  let sxx = 0;
  let sxy = 0;
  let minAt = Number.POSITIVE_INFINITY;
  let maxAt = Number.NEGATIVE_INFINITY;
  for (const p of points) {
    const dx = p.at - t0 - meanX;
    sxx += dx * dx;
    sxy += dx * (p.value - meanY);
    minAt = Math.min(minAt, p.at);
    maxAt = Math.max(maxAt, p.at);
  }
  if (sxx === 0) return undefined;
  const slope = sxy / sxx;
  return { slope, valueAt: (at) => meanY + slope * (at - t0 - meanX), points: n, spanMs: maxAt - minAt };
}

export interface ForecastInput {
  points: readonly TimedValue[];
  now: number;
  op: ComparisonOp;
  threshold: number;
  horizonMs: number;
  /** Too little history predicts nothing: at least this many points ... */
  minPoints?: number;
  /** ... spanning at least this long. */
  minSpanMs?: number;
}

export interface ForecastResult {
  bad: boolean;
  /** Fitted value at now + horizon. */
  predicted: number;
  /** Time from now until the trend crosses the threshold; undefined when it moves away from it. */
  crossesInMs?: number;
  detail: string;
}

/** undefined when there is not enough history to say anything. */
export function evaluateForecast(input: ForecastInput): ForecastResult | undefined {
  const { points, now, op, threshold, horizonMs } = input;
  if (points.length < (input.minPoints ?? 10)) return undefined;
  const fit = linearFit(points);
  if (!fit || fit.spanMs < (input.minSpanMs ?? 30 * 60_000)) return undefined;
  const current = fit.valueAt(now);
  const predicted = fit.valueAt(now + horizonMs);
  const towards = op === '>' || op === '>=' ? fit.slope > 0 : fit.slope < 0;
  const crossesInMs = towards ? Math.max(0, (threshold - current) / fit.slope) : undefined;
  const bad = towards && compare(predicted, op, threshold);
  const perHour = fit.slope * 3_600_000;
  const trend = `${perHour >= 0 ? '+' : ''}${perHour.toFixed(3)}/h over ${fit.points} samples`;
  const detail =
    crossesInMs === undefined
      ? `trend ${trend}: not moving towards ${threshold}`
      : `trend ${trend}: reaches ${threshold} in about ${(crossesInMs / 3_600_000).toFixed(1)}h (now ${current.toFixed(1)})`;
  return { bad, predicted, ...(crossesInMs !== undefined ? { crossesInMs } : {}), detail };
}
