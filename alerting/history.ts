/** What of an alert step is worth recording: history lines for `hostwatch alerts`, and when to save state. Pure. */
import { formatDuration } from '../agent/config/duration.js';
import type { AlertState, Notice } from './types.js';

export interface HistoryEvent {
  kind: string;
  detail: string;
}

/** Phase changes, maintenance/inhibition holds, flapping changes and every notification. */
export function historyEvents(
  prev: AlertState,
  next: AlertState,
  notices: readonly Notice[],
): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  if (prev.phase !== next.phase) events.push({ kind: next.phase, detail: next.detail });
  if (!prev.deferred && next.deferred)
    events.push({
      kind: 'silenced',
      detail: 'fired during maintenance: the page waits for the window to end',
    });
  if (!prev.covered && next.covered)
    events.push({ kind: 'covered', detail: 'the service-down alert already paged for this' });
  const noticed = new Set(notices.map((n) => n.kind));
  if (!prev.flapping && next.flapping && !noticed.has('flapping-start'))
    events.push({ kind: 'flapping-start', detail: 'no open incident: nothing sent' });
  if (prev.flapping && !next.flapping && !noticed.has('flapping-end') && !noticed.has('resolve'))
    events.push({ kind: 'flapping-end', detail: 'no open incident: nothing sent' });
  for (const notice of notices) {
    const detail =
      notice.kind === 'resolve'
        ? `after ${formatDuration(Math.max(0, (notice.endedAt ?? notice.at) - notice.startedAt))}`
        : notice.afterMaintenance
          ? `after maintenance: ${notice.detail}`
          : notice.detail;
    events.push({ kind: notice.kind, detail });
  }
  return events;
}

const SAVE_AT_LEAST_EVERY_MS = 60_000;

/** Save when anything that drives decisions changed, and otherwise at most once a minute. */
export function persistWorthy(saved: AlertState | undefined, next: AlertState, sinceSaveMs: number): boolean {
  if (!saved) return true;
  const keys: Array<keyof AlertState> = [
    'phase',
    'phaseSince',
    'startedAt',
    'episode',
    'paged',
    'lastNotifiedAt',
    'lastResolvedAt',
    'deferred',
    'covered',
    'silenced',
    'flapping',
    'history',
    'lastBad',
  ];
  return keys.some((key) => saved[key] !== next[key]) || sinceSaveMs >= SAVE_AT_LEAST_EVERY_MS;
}

/** The resolve sent for an open incident whose rule or service was removed from the config. */
export function retireNotice(state: AlertState, now: number): Notice {
  return {
    kind: 'resolve',
    at: now,
    episode: state.episode,
    startedAt: state.startedAt ?? now,
    endedAt: now,
    value: state.value,
    detail: 'no longer monitored: the rule or service was removed from the config',
  };
}
