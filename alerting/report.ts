/**
 * The read side of alerting for `hostwatch alerts` and the `alerting` section of `hostwatch status`: alert
 * states, recent history and the outbox, read from the store. The JSON forms are documented in the README.
 */
import type { Config } from '../agent/config/schema.js';
import { AlertOutboxStore, type OutboxCounts, type OutboxRow } from '../agent/store/alert-outbox.js';
import { type AlertEventRow, AlertStateStore } from '../agent/store/alerts.js';
import { type Db, tableExists } from '../agent/store/db.js';
import type { AlertPhase } from './types.js';

export interface AlertEntry {
  key: string;
  rule: string;
  target: string;
  severity: string;
  phase: AlertPhase;
  /** When the current phase began. */
  since: number;
  /** Start of the incident. */
  startedAt: number | null;
  paged: boolean;
  flapping: boolean;
  /** A maintenance window covers it. */
  silenced: boolean;
  /** Fired inside maintenance; pages when the window ends if still firing. */
  pageDeferred: boolean;
  /** Covered by the service-down alert of the same service: no page this episode. */
  covered: boolean;
  value: number | null;
  detail: string;
  lastNotifiedAt: number | null;
  lastObservedAt: number | null;
}

export interface OutboxEntry {
  id: number;
  key: string;
  kind: string;
  severity: string;
  topicArn: string;
  status: string;
  createdAt: number;
  attempts: number;
  nextAttemptAt: number;
  errorCode: string | null;
  error: string | null;
  /** Parked for a configuration problem: retried on the next restart or reload. */
  retriedOnReload: boolean;
}

export interface AlertCounts {
  firing: number;
  pending: number;
  recovering: number;
  flapping: number;
  silenced: number;
  /** Firing, but covered by the service-down page of the same service (no page of their own). */
  covered: number;
}

export interface AlertsModel {
  generatedAt: number;
  paging: { topicArn: string | null; warningTopicArn: string | null };
  counts: AlertCounts;
  /** Every alert that is not OK, or is flapping. */
  alerts: AlertEntry[];
  history: AlertEventRow[];
  outbox: OutboxCounts & { parkedRows: OutboxEntry[]; pendingRows: OutboxEntry[] };
}

export interface AlertingSummary extends AlertCounts {
  outbox: OutboxCounts;
}

/** The store predates alerting (schema < 4, opened read-only): nothing to show. */
function hasAlertTables(db: Db): boolean {
  return tableExists(db, 'alert_outbox');
}

function activeAlerts(db: Db): AlertEntry[] {
  return new AlertStateStore(db)
    .all()
    .filter(({ state }) => state.phase !== 'ok' || state.flapping)
    .map(({ key, rule, target, severity, state }) => ({
      key,
      rule,
      target,
      severity,
      phase: state.phase,
      since: state.phaseSince,
      startedAt: state.startedAt,
      paged: state.paged,
      flapping: state.flapping,
      silenced: state.silenced,
      pageDeferred: state.deferred,
      covered: state.covered,
      value: state.value,
      detail: state.detail,
      lastNotifiedAt: state.lastNotifiedAt,
      lastObservedAt: state.lastObservedAt,
    }));
}

function countsOf(alerts: readonly AlertEntry[]): AlertCounts {
  return {
    firing: alerts.filter((a) => a.phase === 'firing').length,
    pending: alerts.filter((a) => a.phase === 'pending').length,
    recovering: alerts.filter((a) => a.phase === 'recovering').length,
    flapping: alerts.filter((a) => a.flapping).length,
    silenced: alerts.filter((a) => a.silenced && a.phase !== 'ok').length,
    covered: alerts.filter((a) => a.covered && a.phase !== 'ok').length,
  };
}

const toEntry = (row: OutboxRow): OutboxEntry => ({
  id: row.id,
  key: row.dedupKey,
  kind: row.kind,
  severity: row.severity,
  topicArn: row.topicArn,
  status: row.status,
  createdAt: row.createdAt,
  attempts: row.attempts,
  nextAttemptAt: row.nextAttemptAt,
  errorCode: row.errorCode,
  error: row.error,
  retriedOnReload: row.fixable || row.errorCode === 'Blocked',
});

const EMPTY_COUNTS: OutboxCounts = { pending: 0, parked: 0, oldestPendingAt: null, lastSentAt: null };

export function alertsModel(
  db: Db | undefined,
  config: Config,
  options: { now: number; since: number },
): AlertsModel {
  const paging = {
    topicArn: config.alerting.sns.topicArn ?? null,
    warningTopicArn: config.alerting.sns.warningTopicArn ?? null,
  };
  if (!db || !hasAlertTables(db)) {
    return {
      generatedAt: options.now,
      paging,
      counts: countsOf([]),
      alerts: [],
      history: [],
      outbox: { ...EMPTY_COUNTS, parkedRows: [], pendingRows: [] },
    };
  }
  const alerts = activeAlerts(db);
  const outbox = new AlertOutboxStore(db);
  return {
    generatedAt: options.now,
    paging,
    counts: countsOf(alerts),
    alerts,
    history: new AlertStateStore(db).events({ since: options.since, limit: 100 }),
    outbox: {
      ...outbox.counts(),
      parkedRows: outbox.list({ status: 'parked', limit: 50 }).map(toEntry),
      pendingRows: outbox.list({ status: 'pending', limit: 50 }).map(toEntry),
    },
  };
}

/** The `alerting` section of `hostwatch status`; null when the store has no alerting tables yet. */
export function alertingSummary(db: Db): AlertingSummary | null {
  if (!hasAlertTables(db)) return null;
  return { ...countsOf(activeAlerts(db)), outbox: new AlertOutboxStore(db).counts() };
}
