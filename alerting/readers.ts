/**
 * What the periodic evaluation reads from the store: recent samples for forecasts, and burn rates for the
 * SLO rules, computed by the shared history layer (agent/history/report.ts, the one place uptime is computed)
 * so a burn-rate alert always agrees with `hostwatch uptime` over the same window.
 */
import type { Config } from '../agent/config/schema.js';
import { uptimeReport } from '../agent/history/report.js';
import type { Db } from '../agent/store/db.js';
import { queryWindow } from '../agent/store/sample-reader.js';
import type { Labels } from '../agent/types.js';
import { burnRate } from './burn-rate.js';
import type { TimedValue } from './forecast.js';
import { matchesLabels } from './rules.js';

export interface SeriesHistory {
  labels: Labels;
  points: TimedValue[];
}

/** Samples of `metric` matching `labels` over [now − lookback, now]: raw up to 6 h, minute averages beyond. */
export function recentSeries(
  db: Db,
  metric: string,
  labels: Labels,
  now: number,
  lookbackMs: number,
): SeriesHistory[] {
  const resolution = lookbackMs <= 6 * 3_600_000 ? 'raw' : 'minute';
  return queryWindow(db, { metric, from: now - lookbackMs, to: now + 1, resolution })
    .filter((series) => matchesLabels(series.labels, labels))
    .map((series) => ({
      labels: series.labels,
      points: series.points.map((p) => ({ at: p.at, value: p.avg })),
    }));
}

/** Burn rate per service per window length (ms); null where nothing was counted. */
export function measureBurnRates(
  db: Db,
  config: Config,
  services: readonly string[],
  windows: readonly number[],
  now: number,
): Map<string, Map<number, number | null>> {
  const rates = new Map<string, Map<number, number | null>>(services.map((s) => [s, new Map()]));
  for (const windowMs of windows) {
    const report = uptimeReport({
      db,
      config,
      from: now - windowMs,
      to: now,
      now,
      agentRunning: true,
      daily: false,
    });
    for (const entry of report.services) {
      const perWindow = rates.get(entry.uptime.service);
      if (!perWindow) continue;
      perWindow.set(
        windowMs,
        burnRate(entry.budget.spentMs, entry.uptime.countedMs, config.slo.target, windowMs),
      );
    }
  }
  return rates;
}
