import type { Check, CheckKind, CheckOutcome } from './types.js';
import { abortDetail, errorMessage } from './types.js';

/** What one run of all a service's checks saw. `slow` = everything passed but slower than degradedLatencyMs. */
export type ObservationStatus = 'ok' | 'slow' | 'failed' | 'unknown';

export interface CheckResult {
  kind: CheckKind;
  target: string;
  outcome: CheckOutcome;
}

export interface ServiceObservation {
  status: ObservationStatus;
  /** failed: the first failing check's detail, prefixed by its kind ("http: HTTP 502"). */
  detail: string;
  /** The slowest check's latency. */
  latencyMs?: number;
  /** The soonest-expiring certificate among https checks. */
  certDaysLeft?: number;
  checks: CheckResult[];
}

/** A monitored service: all checks must pass for it to be up. */
export interface ServiceDefinition {
  name: string;
  checks: readonly Check[];
  intervalMs: number;
  timeoutMs: number;
  /** Consecutive failures before up -> down. */
  failureThreshold: number;
  /** Consecutive successes before down -> up. */
  successThreshold: number;
  /** Passing but slower than this -> degraded. */
  degradedLatencyMs?: number;
}

export interface RunServiceChecksOptions {
  degradedLatencyMs?: number;
  /** Aborted on agent shutdown; the observation is then `unknown` and never counts as a failure. */
  signal?: AbortSignal;
  /** How long a check that ignores its abort signal is waited for after the timeout. */
  abandonAfterMs?: number;
}

/**
 * Runs all checks concurrently under one AbortController that fires after `timeoutMs`, then combines them.
 * Never rejects. A check that throws counts as failed (a probe bug should be seen, not hidden as unknown).
 */
export async function runServiceChecks(
  checks: readonly Check[],
  timeoutMs: number,
  options: RunServiceChecksOptions = {},
): Promise<ServiceObservation> {
  const parent = options.signal;
  if (parent?.aborted)
    return { status: 'unknown', detail: `checks not run: ${abortDetail(parent)}`, checks: [] };
  const controller = new AbortController();
  const abandon = abandonAfterAbort(controller.signal, options.abandonAfterMs ?? 1000);
  const timer = setTimeout(() => controller.abort(new Error(`timed out after ${timeoutMs}ms`)), timeoutMs);
  const onParentAbort = () => controller.abort(parent?.reason);
  parent?.addEventListener('abort', onParentAbort, { once: true });
  try {
    const outcomes = await Promise.all(
      checks.map((check) => Promise.race([runSafely(check, controller.signal), abandon.promise])),
    );
    const results = checks.map((check, i) => ({
      kind: check.kind,
      target: check.target,
      outcome: outcomes[i] as CheckOutcome,
    }));
    if (parent?.aborted) {
      return { status: 'unknown', detail: `checks interrupted: ${abortDetail(parent)}`, checks: results };
    }
    return combineCheckResults(results, options.degradedLatencyMs);
  } finally {
    clearTimeout(timer);
    abandon.cancel();
    parent?.removeEventListener('abort', onParentAbort);
  }
}

async function runSafely(check: Check, signal: AbortSignal): Promise<CheckOutcome> {
  try {
    return await check.run(signal);
  } catch (error) {
    return { ok: false, detail: `check crashed: ${errorMessage(error)}` };
  }
}

/** Settles `graceMs` after the signal aborts, for checks that do not honour it. */
function abandonAfterAbort(
  signal: AbortSignal,
  graceMs: number,
): { promise: Promise<CheckOutcome>; cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  let onAbort = () => {};
  const promise = new Promise<CheckOutcome>((resolve) => {
    onAbort = () => {
      timer = setTimeout(
        () => resolve({ ok: false, detail: `${abortDetail(signal)} (check did not stop)` }),
        graceMs,
      );
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
  return {
    promise,
    cancel() {
      signal.removeEventListener('abort', onAbort);
      clearTimeout(timer);
    },
  };
}

/**
 * Pure. failed if any check failed; unknown if no check could give a verdict; otherwise ok, or slow when the
 * slowest check exceeded `degradedLatencyMs`. Unknown checks next to passing ones are ignored (e.g. the
 * systemd check of a preset on a host without systemd).
 */
export function combineCheckResults(results: CheckResult[], degradedLatencyMs?: number): ServiceObservation {
  const latencies = results.flatMap((r) => (r.outcome.latencyMs === undefined ? [] : [r.outcome.latencyMs]));
  const certDays = results.flatMap((r) =>
    r.outcome.certDaysLeft === undefined ? [] : [r.outcome.certDaysLeft],
  );
  const observation: ServiceObservation = { status: 'ok', detail: '', checks: results };
  if (latencies.length > 0) observation.latencyMs = Math.max(...latencies);
  if (certDays.length > 0) observation.certDaysLeft = Math.min(...certDays);
  const line = (r: CheckResult) => `${r.kind}: ${r.outcome.detail}`;

  const failed = results.find((r) => !r.outcome.unknown && !r.outcome.ok);
  if (failed) return { ...observation, status: 'failed', detail: line(failed) };
  const passed = results.filter((r) => !r.outcome.unknown && r.outcome.ok);
  if (passed.length === 0) {
    const first = results[0];
    return { ...observation, status: 'unknown', detail: first ? line(first) : 'no checks configured' };
  }
  if (degradedLatencyMs !== undefined && observation.latencyMs !== undefined) {
    const slowest = passed.find((r) => r.outcome.latencyMs === observation.latencyMs);
    if (slowest && observation.latencyMs > degradedLatencyMs) {
      return {
        ...observation,
        status: 'slow',
        detail: `${line(slowest)} (slower than ${degradedLatencyMs}ms)`,
      };
    }
  }
  return { ...observation, detail: passed.map(line).join('; ') };
}
