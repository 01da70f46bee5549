/**
 * The alert state machine, pure and clock-injected: (state, observation | now) -> (state, notices).
 *
 *   OK --bad--> PENDING --bad for `for`--> FIRING (page) --good--> RECOVERING --good for keepFiringFor--> OK (resolve)
 *                  \--good--> OK                        RECOVERING --bad--> FIRING (no second page)
 *
 * - A resolve is emitted only for an episode whose page was emitted.
 * - Maintenance (`silenced`) never stops evaluation: an alert that fires inside a window is held as FIRING
 *   with its page deferred; still firing when the window ends, it pages then. A page already sent stays
 *   open and its resolve is still sent; reminders wait for the window to end.
 * - `inhibited` (a related alert already paging for the same cause): the episode fires but never pages.
 * - Flapping (flapping.ts): while an incident is open and its check flaps, the incident is held open (no
 *   resolve/re-page cycles) with one "flapping" notice; when flapping stops, either a resolve (good by then)
 *   or one "stopped flapping, still failing" notice.
 * - Reminders (tick): every repeat interval while FIRING, paged and not in maintenance.
 */
import { nextFlapping, percentStateChange, pushResult } from './flapping.js';
import type {
  AlertState,
  EngineParams,
  Notice,
  NoticeKind,
  Observation,
  Step,
  Surroundings,
} from './types.js';

export function initialAlertState(now: number): AlertState {
  return {
    phase: 'ok',
    phaseSince: now,
    startedAt: null,
    episode: 0,
    paged: false,
    lastNotifiedAt: null,
    lastResolvedAt: null,
    deferred: false,
    covered: false,
    silenced: false,
    flapping: false,
    history: '',
    lastBad: null,
    lastObservedAt: null,
    value: null,
    detail: '',
  };
}

/** An incident the on-call engineer knows about: paged and not yet resolved. */
export function isOpenIncident(state: AlertState): boolean {
  return state.paged && (state.phase === 'firing' || state.phase === 'recovering');
}

function notice(state: AlertState, kind: NoticeKind, at: number, extra: Partial<Notice> = {}): Notice {
  return {
    kind,
    at,
    episode: state.episode,
    startedAt: state.startedAt ?? at,
    value: state.value,
    detail: state.detail,
    ...extra,
  };
}

function fire(state: AlertState, at: number): AlertState {
  return { ...state, phase: 'firing', phaseSince: at };
}

function resolve(
  state: AlertState,
  endedAt: number,
  at: number,
  notices: Notice[],
  extra: Partial<Notice> = {},
): AlertState {
  if (state.paged) notices.push(notice(state, 'resolve', at, { endedAt, ...extra }));
  return {
    ...state,
    lastResolvedAt: state.paged ? at : state.lastResolvedAt,
    phase: 'ok',
    phaseSince: at,
    startedAt: null,
    paged: false,
    deferred: false,
    covered: false,
    lastNotifiedAt: null,
  };
}

/** Pages a FIRING episode that has not paged yet, unless maintenance defers or inhibition covers it. */
function maybePage(state: AlertState, at: number, around: Surroundings, notices: Notice[]): AlertState {
  if (state.phase !== 'firing' || state.paged || state.covered) return state;
  if (around.inhibited) return { ...state, covered: true };
  if (around.silenced) return { ...state, deferred: true };
  notices.push(notice(state, 'page', at, state.deferred ? { afterMaintenance: true } : {}));
  return { ...state, paged: true, deferred: false, lastNotifiedAt: at };
}

function onBad(state: AlertState, obs: Observation, params: EngineParams): AlertState {
  switch (state.phase) {
    case 'ok': {
      const startedAt = Math.min(obs.since ?? obs.at, obs.at);
      const next: AlertState = {
        ...state,
        episode: state.episode + 1,
        startedAt,
        paged: false,
        deferred: false,
        covered: false,
        lastNotifiedAt: null,
      };
      return obs.at - startedAt >= params.forMs
        ? fire(next, obs.at)
        : { ...next, phase: 'pending', phaseSince: obs.at };
    }
    case 'pending':
      return obs.at - (state.startedAt ?? obs.at) >= params.forMs ? fire(state, obs.at) : state;
    case 'recovering':
      return fire(state, obs.at);
    case 'firing':
      return state;
  }
}

function onGood(state: AlertState, obs: Observation, params: EngineParams, notices: Notice[]): AlertState {
  switch (state.phase) {
    case 'ok':
      return state;
    case 'pending':
      return { ...state, phase: 'ok', phaseSince: obs.at, startedAt: null };
    case 'firing': {
      const goodSince = Math.min(obs.since ?? obs.at, obs.at);
      if (obs.at - goodSince >= params.keepFiringForMs) return resolve(state, goodSince, obs.at, notices);
      return { ...state, phase: 'recovering', phaseSince: goodSince };
    }
    case 'recovering':
      return obs.at - state.phaseSince >= params.keepFiringForMs
        ? resolve(state, state.phaseSince, obs.at, notices)
        : state;
  }
}

/** One evaluation of the condition. */
export function observe(
  prev: AlertState,
  obs: Observation,
  around: Surroundings,
  params: EngineParams,
): Step {
  const notices: Notice[] = [];
  const history = pushResult(prev.history, obs.raw ?? obs.bad);
  const percent = percentStateChange(history);
  const flapping = params.flapping ? nextFlapping(prev.flapping, percent, params.flapping) : false;
  let state: AlertState = {
    ...prev,
    history,
    flapping,
    silenced: around.silenced,
    lastBad: obs.bad,
    lastObservedAt: obs.at,
    value: obs.value ?? null,
    detail: obs.detail ?? '',
  };
  const open = isOpenIncident(prev);
  if (open && flapping) {
    // Held open: whatever this result says, the incident stays FIRING until the check settles.
    state = prev.phase === 'firing' ? state : fire(state, obs.at);
    if (!prev.flapping) notices.push(notice(state, 'flapping-start', obs.at, { flapPercent: percent }));
    return { state, notices };
  }
  if (open && prev.flapping) {
    // Flapping just stopped: one message, either "recovered" or "still failing".
    if (!obs.bad) {
      state = resolve(state, Math.min(obs.since ?? obs.at, obs.at), obs.at, notices, {
        afterFlapping: true,
        flapPercent: percent,
      });
      return { state, notices };
    }
    state = prev.phase === 'firing' ? state : fire(state, obs.at);
    notices.push(notice(state, 'flapping-end', obs.at, { flapPercent: percent }));
    return { state, notices };
  }
  state = obs.bad ? onBad(state, obs, params) : onGood(state, obs, params, notices);
  state = maybePage(state, obs.at, around, notices);
  return { state, notices };
}

/** Timers: keepFiringFor elapsed, `for` elapsed between observations, maintenance ended, reminders. */
export function tick(prev: AlertState, now: number, around: Surroundings, params: EngineParams): Step {
  const notices: Notice[] = [];
  let state: AlertState = { ...prev, silenced: around.silenced };
  if (state.phase === 'recovering' && now - state.phaseSince >= params.keepFiringForMs) {
    state = resolve(state, state.phaseSince, now, notices);
  }
  if (
    state.phase === 'pending' &&
    state.lastBad === true &&
    state.startedAt !== null &&
    now - state.startedAt >= params.forMs &&
    state.lastObservedAt !== null &&
    now - state.lastObservedAt <= params.staleAfterMs
  ) {
    state = fire(state, now);
  }
  state = maybePage(state, now, around, notices);
  if (
    state.phase === 'firing' &&
    state.paged &&
    !around.silenced &&
    params.repeatIntervalMs > 0 &&
    state.lastNotifiedAt !== null &&
    now - state.lastNotifiedAt >= params.repeatIntervalMs &&
    // "Still firing" only when it was seen failing recently (not right after a restart, before any check).
    state.lastObservedAt !== null &&
    now - state.lastObservedAt <= params.staleAfterMs
  ) {
    notices.push(notice(state, 'reminder', now));
    state = { ...state, lastNotifiedAt: now };
  }
  return { state, notices };
}
