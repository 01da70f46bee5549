/**
 * The debounce state machine plus the time each trailing run of observations began, so a confirmed
 * change can be dated to its first observation: an outage confirmed by the 3rd failed probe started
 * at the 1st, and uptime figures are not shifted by the thresholds. Pure.
 */
import type { ObservationStatus } from './service.js';
import {
  initialServiceStatus,
  nextServiceState,
  type ServiceStatus,
  type StateTransition,
  type Thresholds,
} from './thresholds.js';

export interface RunStarts {
  failed?: number;
  passing?: number;
  slow?: number;
  fast?: number;
}

export interface TrackedService {
  status: ServiceStatus;
  runs: RunStarts;
}

export const initialTracked: TrackedService = Object.freeze({ status: initialServiceStatus, runs: {} });

function nextRuns(runs: RunStarts, status: ObservationStatus, at: number): RunStarts {
  switch (status) {
    case 'failed':
      return { failed: runs.failed ?? at };
    case 'ok':
      return { passing: runs.passing ?? at, fast: runs.fast ?? at };
    case 'slow':
      return { passing: runs.passing ?? at, slow: runs.slow ?? at };
    default:
      return runs; // unknown neither counts nor breaks a run
  }
}

export interface TrackResult {
  tracked: TrackedService;
  transition: StateTransition;
  /** When the current state began: the first observation of the run that confirmed it (or `at`). */
  since: number;
}

export function track(
  prev: TrackedService,
  observation: { status: ObservationStatus; detail?: string },
  at: number,
  thresholds: Thresholds,
): TrackResult {
  const transition = nextServiceState(prev.status, observation, thresholds);
  const runs = nextRuns(prev.runs, observation.status, at);
  let since = at;
  if (transition.changed) {
    if (transition.state === 'down') since = runs.failed ?? at;
    else if (transition.state === 'degraded')
      since = prev.status.state === 'down' ? (runs.passing ?? at) : (runs.slow ?? at);
    else if (transition.state === 'up')
      since = prev.status.state === 'down' ? (runs.passing ?? at) : (runs.fast ?? at);
  }
  const { changed: _changed, cause: _cause, ...status } = transition;
  return { tracked: { status, runs }, transition, since };
}
