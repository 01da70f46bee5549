/**
 * Turns what the agent sees into observations of alerts: probe events (service-down from the debounced
 * state, plus the probe metrics), metric samples (threshold rules), and, in the periodic pass, forecasts
 * over stored samples and SLO burn rates.
 */
import type { Config } from '../agent/config/schema.js';
import type { ProbeEvent } from '../agent/daemon/events.js';
import { probeSamples } from '../agent/daemon/probe-loop.js';
import type { Db } from '../agent/store/db.js';
import type { Sample } from '../agent/types.js';
import { type AlertIdentity, identityFor } from './alert-identity.js';
import { evaluateBurn, tierWindows } from './burn-rate.js';
import { evaluateForecast } from './forecast.js';
import { measureBurnRates, recentSeries } from './readers.js';
import { type AlertRule, compare, matchesLabels, serviceOfLabels, targetOfLabels } from './rules.js';
import type { Observation } from './types.js';

export interface AlertInput {
  identity: AlertIdentity;
  obs: Observation;
}

export interface InputContext {
  host: string;
  rules: readonly AlertRule[];
  /** Configured services (service-down and burn-rate targets; the host is not one). */
  services: ReadonlySet<string>;
}

const fmt = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(1));

/** Threshold rules over samples: each matching series is its own alert. */
export function sampleInputs(samples: readonly Sample[], ctx: InputContext): AlertInput[] {
  const inputs: AlertInput[] = [];
  for (const rule of ctx.rules) {
    if (rule.kind !== 'threshold') continue;
    for (const sample of samples) {
      if (sample.metric !== rule.metric || !matchesLabels(sample.labels, rule.labels)) continue;
      const target = targetOfLabels(sample.labels);
      inputs.push({
        identity: identityFor(ctx.host, rule, target, serviceOfLabels(sample.labels)),
        obs: {
          at: sample.at,
          bad: compare(sample.value, rule.op, rule.threshold),
          value: sample.value,
          detail: `${sample.metric}${target ? ` (${target})` : ''} is ${fmt(sample.value)}, threshold ${rule.op} ${rule.threshold}`,
        },
      });
    }
  }
  return inputs;
}

/**
 * Service-down from the debounced state (the fast path: the probe that confirms "down" pages), the raw
 * result for flap detection, plus threshold rules over the probe's own metrics.
 */
export function probeInputs(event: ProbeEvent, ctx: InputContext): AlertInput[] {
  const inputs: AlertInput[] = [];
  const rule = ctx.rules.find((r) => r.kind === 'service-down');
  const known = event.state !== 'unknown' && event.state !== 'maintenance';
  if (rule && ctx.services.has(event.service) && known) {
    const status = event.observation.status;
    inputs.push({
      identity: identityFor(ctx.host, rule, event.service, event.service),
      obs: {
        at: event.at,
        bad: event.state === 'down',
        raw: status === 'unknown' ? event.state === 'down' : status === 'failed',
        since: event.since,
        detail: event.observation.detail,
      },
    });
  }
  return [...inputs, ...sampleInputs(probeSamples(event.service, event.observation, event.at), ctx)];
}

/** Forecast rules over the stored samples of their lookback. */
export function forecastInputs(db: Db, ctx: InputContext, now: number): AlertInput[] {
  const inputs: AlertInput[] = [];
  for (const rule of ctx.rules) {
    if (rule.kind !== 'forecast') continue;
    for (const series of recentSeries(db, rule.metric, rule.labels, now, rule.lookbackMs)) {
      const result = evaluateForecast({
        points: series.points,
        now,
        op: rule.op,
        threshold: rule.threshold,
        horizonMs: rule.horizonMs,
      });
      if (!result) continue;
      const target = targetOfLabels(series.labels);
      inputs.push({
        identity: identityFor(ctx.host, rule, target, serviceOfLabels(series.labels)),
        obs: {
          at: now,
          bad: result.bad,
          value: result.predicted,
          detail: `${rule.metric}${target ? ` (${target})` : ''}: ${result.detail}`,
        },
      });
    }
  }
  return inputs;
}

/** Burn-rate rules, per configured service, from the shared history code. */
export function burnInputs(db: Db, config: Config, ctx: InputContext, now: number): AlertInput[] {
  const rules = ctx.rules.filter(
    (r): r is Extract<AlertRule, { kind: 'burn-rate' }> => r.kind === 'burn-rate',
  );
  if (rules.length === 0 || ctx.services.size === 0) return [];
  const windows = tierWindows(rules.flatMap((r) => r.tiers));
  const rates = measureBurnRates(db, config, [...ctx.services], windows, now);
  const inputs: AlertInput[] = [];
  for (const rule of rules) {
    for (const [service, perWindow] of rates) {
      const decision = evaluateBurn(perWindow, rule.tiers);
      inputs.push({
        identity: identityFor(ctx.host, rule, service, service),
        obs: {
          at: now,
          bad: decision.bad,
          ...(decision.value !== null ? { value: decision.value } : {}),
          detail: `${service}: ${decision.detail}`,
        },
      });
    }
  }
  return inputs;
}
