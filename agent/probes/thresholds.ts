import type { ObservationStatus } from './service.js';

export type ServiceState = 'up' | 'down' | 'degraded' | 'unknown';

/** The debounced state of a service plus the trailing runs of observations that lead to the next change. */
export interface ServiceStatus {
  state: ServiceState;
  /** Trailing `failed` observations. */
  consecutiveFailures: number;
  /** Trailing passing (`ok` or `slow`) observations. */
  consecutiveSuccesses: number;
  /** Trailing `slow` observations. */
  consecutiveSlow: number;
  /** Trailing `ok` (passing and fast) observations. */
  consecutiveFast: number;
  /** Trailing `unknown` observations; they neither count as failures nor break a run of them. */
  consecutiveUnknown: number;
}

export interface Thresholds {
  /** Consecutive failures before up/degraded -> down, and consecutive slow results before up -> degraded. */
  failureThreshold: number;
  /** Consecutive successes before down -> up, and consecutive fast results before degraded -> up. */
  successThreshold: number;
}

export interface StateTransition extends ServiceStatus {
  changed: boolean;
  /** Why the service is in `state` after this observation, in plain words (for logs, incidents, answers). */
  cause: string;
}

export const initialServiceStatus: ServiceStatus = Object.freeze({
  state: 'unknown',
  consecutiveFailures: 0,
  consecutiveSuccesses: 0,
  consecutiveSlow: 0,
  consecutiveFast: 0,
  consecutiveUnknown: 0,
});

/**
 * Pure debounce, in the manner of Gatus and Uptime Kuma:
 * - from `unknown` (start-up) the first passing result decides at once (ok -> up, slow -> degraded), while
 *   failures must reach failureThreshold before `down`, so a restart never pages on one blip;
 * - up/degraded -> down after failureThreshold consecutive failures;
 * - down -> up (or degraded, if the latest result was slow) after successThreshold consecutive successes;
 * - up -> degraded after failureThreshold consecutive slow results; degraded -> up after successThreshold fast ones;
 * - an `unknown` observation (a check that cannot run here) is neither a failure nor a success and does not
 *   break a run; only failureThreshold unknowns in a row make a known state `unknown`, since it can no longer
 *   be vouched for.
 * Flapping faster than the thresholds therefore never changes the state.
 */
export function nextServiceState(
  prev: ServiceStatus,
  observation: { status: ObservationStatus; detail?: string },
  thresholds: Thresholds,
): StateTransition {
  const failureThreshold = Math.max(1, Math.floor(thresholds.failureThreshold));
  const successThreshold = Math.max(1, Math.floor(thresholds.successThreshold));
  const counters = countObservation(prev, observation.status);
  const why = observation.detail ? `: ${observation.detail}` : '';
  const finish = (state: ServiceState, cause: string): StateTransition => ({
    ...counters,
    state,
    changed: state !== prev.state,
    cause,
  });

  switch (observation.status) {
    case 'unknown': {
      if (prev.state !== 'unknown' && counters.consecutiveUnknown >= failureThreshold) {
        return finish('unknown', `checks could not run ${counters.consecutiveUnknown} times in a row${why}`);
      }
      return finish(prev.state, `check could not run (${counters.consecutiveUnknown} in a row)${why}`);
    }
    case 'failed': {
      const count = `${counters.consecutiveFailures}/${failureThreshold} consecutive failures`;
      if (prev.state !== 'down' && counters.consecutiveFailures >= failureThreshold)
        return finish('down', `${count}${why}`);
      return finish(prev.state, `${count}${why}`);
    }
    case 'ok':
    case 'slow': {
      const slow = observation.status === 'slow';
      const passing = slow ? 'degraded' : 'up';
      if (prev.state === 'unknown') return finish(passing, `first result after start or a gap passed${why}`);
      if (prev.state === 'down') {
        const count = `${counters.consecutiveSuccesses}/${successThreshold} consecutive successes`;
        return finish(counters.consecutiveSuccesses >= successThreshold ? passing : 'down', `${count}${why}`);
      }
      if (prev.state === 'up' && slow) {
        const count = `${counters.consecutiveSlow}/${failureThreshold} consecutive slow results`;
        return finish(counters.consecutiveSlow >= failureThreshold ? 'degraded' : 'up', `${count}${why}`);
      }
      if (prev.state === 'degraded' && !slow) {
        const count = `${counters.consecutiveFast}/${successThreshold} consecutive fast results`;
        return finish(counters.consecutiveFast >= successThreshold ? 'up' : 'degraded', `${count}${why}`);
      }
      return finish(prev.state, `passing${why}`);
    }
  }
}

function countObservation(prev: ServiceStatus, status: ObservationStatus): ServiceStatus {
  const base = { state: prev.state, consecutiveUnknown: 0 };
  switch (status) {
    case 'unknown':
      return { ...prev, consecutiveUnknown: prev.consecutiveUnknown + 1 };
    case 'failed':
      return {
        ...base,
        consecutiveFailures: prev.consecutiveFailures + 1,
        consecutiveSuccesses: 0,
        consecutiveSlow: 0,
        consecutiveFast: 0,
      };
    case 'ok':
      return {
        ...base,
        consecutiveFailures: 0,
        consecutiveSuccesses: prev.consecutiveSuccesses + 1,
        consecutiveSlow: 0,
        consecutiveFast: prev.consecutiveFast + 1,
      };
    case 'slow':
      return {
        ...base,
        consecutiveFailures: 0,
        consecutiveSuccesses: prev.consecutiveSuccesses + 1,
        consecutiveSlow: prev.consecutiveSlow + 1,
        consecutiveFast: 0,
      };
  }
}
