/** Types shared by the alerting engine, rules, notifications and the pager. */

export type Severity = 'critical' | 'warning';

/** OK -> PENDING (bad, `for` not met) -> FIRING (paged) -> RECOVERING (good, waiting keepFiringFor) -> OK. */
export type AlertPhase = 'ok' | 'pending' | 'firing' | 'recovering';

/** The persisted state of one alert (one rule x one target). Plain JSON: it lives in SQLite. */
export interface AlertState {
  phase: AlertPhase;
  /** When the current phase began. */
  phaseSince: number;
  /** First bad observation of the current episode; null while ok. */
  startedAt: number | null;
  /** Counts episodes (ok -> bad); ties the page, reminders and resolve of one incident together. */
  episode: number;
  /** The page of this episode went to the outbox: only then is a resolve sent. */
  paged: boolean;
  /** Time of the last page or reminder, for the repeat interval. */
  lastNotifiedAt: number | null;
  /** When the last paged episode was resolved (related alerts stay quiet for a while after it). */
  lastResolvedAt: number | null;
  /** Fired while a maintenance window covered it: the page waits for the window's end. */
  deferred: boolean;
  /** Fired while a related alert was already paging (burn rate under service down): never pages this episode. */
  covered: boolean;
  /** A maintenance window covers the alert (as of the last evaluation). */
  silenced: boolean;
  flapping: boolean;
  /** Recent raw check results, oldest first ('1' bad, '0' good), for flap detection. */
  history: string;
  lastBad: boolean | null;
  lastObservedAt: number | null;
  value: number | null;
  detail: string;
}

/** One evaluation of an alert's condition. */
export interface Observation {
  at: number;
  /** The condition the state machine acts on (service-down: the debounced state is down). */
  bad: boolean;
  /** The raw check result for flap detection; default `bad`. */
  raw?: boolean;
  /** When the condition began, when known better than `at` (a debounced state backdated to its first probe). */
  since?: number;
  value?: number;
  detail?: string;
}

/** What surrounds an alert at the time of a step. */
export interface Surroundings {
  /** A maintenance window covers it: keep evaluating, page later. */
  silenced: boolean;
  /** A related alert is already paging for the same cause. */
  inhibited: boolean;
}

export interface EngineParams {
  forMs: number;
  keepFiringForMs: number;
  /** Reminder period while firing; 0 = no reminders. */
  repeatIntervalMs: number;
  flapping: { high: number; low: number } | null;
  /** tick() promotes PENDING to FIRING only when the last observation is at most this old. */
  staleAfterMs: number;
}

export type NoticeKind = 'page' | 'reminder' | 'resolve' | 'flapping-start' | 'flapping-end';

/** Something the engine wants said to the on-call engineer. */
export interface Notice {
  kind: NoticeKind;
  at: number;
  episode: number;
  /** Start of the incident. */
  startedAt: number;
  /** resolve: when the condition turned good. */
  endedAt?: number;
  /** page: the condition began during maintenance and outlasted the window. */
  afterMaintenance?: boolean;
  /** resolve: sent because flapping stopped while the condition was good. */
  afterFlapping?: boolean;
  /** flapping notices: the weighted percent state change. */
  flapPercent?: number;
  value: number | null;
  detail: string;
}

export interface Step {
  state: AlertState;
  notices: Notice[];
}
