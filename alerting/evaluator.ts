/**
 * Runs the rules: turns probe events, metric cycles and the periodic evaluation into observations, steps
 * each alert's state machine, and commits the new state, its history and any notifications (outbox rows)
 * in one transaction. States are loaded from SQLite at start, so a restart in any state neither repeats a
 * page nor loses a resolve.
 */
import type { Config } from '../agent/config/schema.js';
import type { CycleEvent, ProbeEvent } from '../agent/daemon/events.js';
import { maintenanceWindows } from '../agent/history/windows.js';
import type { Logger } from '../agent/log.js';
import { AlertOutboxStore } from '../agent/store/alert-outbox.js';
import { AlertStateStore } from '../agent/store/alerts.js';
import type { Db } from '../agent/store/db.js';
import type { Clock } from '../agent/types.js';
import { activeMaintenance } from '../agent/uptime/maintenance.js';
import type { MaintenanceWindow } from '../agent/uptime/types.js';
import { type AlertIdentity, identityFor, notificationFor, serviceOfTarget } from './alert-identity.js';
import { initialAlertState, isOpenIncident, observe, tick } from './engine.js';
import { historyEvents, persistWorthy, retireNotice } from './history.js';
import { burnInputs, forecastInputs, type InputContext, probeInputs, sampleInputs } from './inputs.js';
import type { HostFacts } from './notification.js';
import type { AlertRule } from './rules.js';
import type { AlertState, EngineParams, Notice, Observation, Step, Surroundings } from './types.js';

export interface EvaluatorDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  config: Config;
  host: HostFacts;
  rules: readonly AlertRule[];
  topics: { critical?: string; warning?: string };
  /** Maintenance windows overlapping [from, to); default: config and ad hoc windows from the store. */
  maintenance?: (from: number, to: number) => readonly MaintenanceWindow[];
  /** Rows were added to the outbox. */
  onEnqueued?: () => void;
}

interface LiveAlert {
  identity: AlertIdentity;
  state: AlertState;
  savedAt: number;
  saved: AlertState | undefined;
}

const KEEP_HISTORY_MS = 90 * 86_400_000;
const KEEP_SENT_MS = 30 * 86_400_000;
const PRUNE_EVERY_MS = 3_600_000;
/** Maintenance windows are re-read at most this often (ad hoc ones can be added by the CLI at any time). */
const WINDOW_CACHE_MS = 1000;

export class AlertEvaluator {
  private readonly alerts = new Map<string, LiveAlert>();
  private readonly states: AlertStateStore;
  private readonly outbox: AlertOutboxStore;
  private readonly services: Set<string>;
  private readonly staleAfterMs: number;
  private readonly inputs: InputContext;
  private windows: { at: number; list: readonly MaintenanceWindow[] } | undefined;
  private lastPruneAt = 0;

  constructor(private readonly deps: EvaluatorDeps) {
    this.states = new AlertStateStore(deps.db);
    this.outbox = new AlertOutboxStore(deps.db);
    this.services = new Set(deps.config.services.map((s) => s.name));
    const slowest = Math.max(
      deps.config.metrics.interval,
      deps.config.alerting.evaluationInterval,
      ...deps.config.services.map((s) => s.interval),
    );
    this.staleAfterMs = 3 * slowest;
    this.inputs = { host: deps.host.name, rules: deps.rules, services: this.services };
    this.load(deps.clock.now());
  }

  private get host(): string {
    return this.deps.host.name;
  }

  /** Loads stored states; alerts whose rule or service left the config are retired (resolved if paged). */
  private load(now: number): void {
    for (const stored of this.states.all()) {
      const rule = this.deps.rules.find((r) => r.name === stored.rule);
      const gone = !rule || (rule.kind === 'service-down' && !this.services.has(stored.target));
      if (gone) {
        this.retire(stored.key, stored.rule, stored.target, stored.severity, stored.state, now);
        continue;
      }
      const identity: AlertIdentity = {
        key: stored.key,
        rule,
        target: stored.target,
        service: serviceOfTarget(rule, stored.target),
      };
      this.alerts.set(stored.key, {
        identity,
        state: stored.state,
        savedAt: stored.updatedAt,
        saved: stored.state,
      });
    }
  }

  private retire(
    key: string,
    ruleName: string,
    target: string,
    severity: string,
    state: AlertState,
    now: number,
  ): void {
    const notice = isOpenIncident(state) ? retireNotice(state, now) : undefined;
    const rule: AlertRule = {
      kind: 'threshold',
      name: ruleName,
      severity: severity === 'warning' ? 'warning' : 'critical',
      forMs: 0,
      keepFiringForMs: 0,
      metric: ruleName,
      labels: {},
      op: '>',
      threshold: 0,
    };
    const identity: AlertIdentity = { key, rule, target, service: serviceOfTarget(rule, target) };
    let enqueued = false;
    this.deps.db.transaction(() => {
      this.states.delete(key);
      this.states.addEvent({
        key,
        rule: ruleName,
        target,
        severity,
        at: now,
        kind: 'retired',
        detail: 'no longer in the config',
      });
      if (notice) enqueued = this.enqueue(identity, notice, now);
    })();
    this.deps.logger.info('alert retired: its rule or service is no longer configured', {
      key,
      resolved: notice !== undefined,
    });
    if (enqueued) this.deps.onEnqueued?.();
  }

  /** Every probe: service-down (the fast path: the probe that confirms "down" pages) and probe metrics. */
  handleProbe(event: ProbeEvent): void {
    for (const input of probeInputs(event, this.inputs)) this.observe(input.identity, input.obs);
  }

  handleCycle(event: CycleEvent): void {
    for (const input of sampleInputs(event.samples, this.inputs)) this.observe(input.identity, input.obs);
  }

  /** The periodic pass: forecasts, burn rates, then every alert's timers. */
  evaluate(now: number = this.deps.clock.now()): void {
    const periodic = [
      ...forecastInputs(this.deps.db, this.inputs, now),
      ...burnInputs(this.deps.db, this.deps.config, this.inputs, now),
    ];
    for (const input of periodic) this.observe(input.identity, input.obs);
    for (const live of [...this.alerts.values()]) {
      this.apply(live.identity, now, (prev, around, params) => tick(prev, now, around, params));
    }
    if (now - this.lastPruneAt >= PRUNE_EVERY_MS) {
      this.lastPruneAt = now;
      this.states.pruneEvents(now - KEEP_HISTORY_MS);
      this.outbox.prune(now - KEEP_SENT_MS);
    }
  }

  private observe(identity: AlertIdentity, obs: Observation): void {
    this.apply(identity, obs.at, (prev, around, params) => observe(prev, obs, around, params));
  }

  private apply(
    identity: AlertIdentity,
    now: number,
    step: (prev: AlertState, around: Surroundings, params: EngineParams) => Step,
  ): void {
    const live = this.alerts.get(identity.key) ?? {
      identity,
      state: initialAlertState(now),
      savedAt: 0,
      saved: undefined,
    };
    const { state, notices } = step(live.state, this.surroundings(identity, now), this.params(identity.rule));
    const events = historyEvents(live.state, state, notices);
    this.alerts.set(identity.key, { ...live, identity, state });
    if (notices.length === 0 && events.length === 0 && !persistWorthy(live.saved, state, now - live.savedAt))
      return;
    const { rule, key, target } = identity;
    let enqueued = false;
    this.deps.db.transaction(() => {
      this.states.save({ key, rule: rule.name, target, severity: rule.severity, state, updatedAt: now });
      for (const event of events) this.addHistoryEvent(identity, now, event.kind, event.detail);
      for (const notice of notices) enqueued = this.enqueue(identity, notice, now) || enqueued;
    })();
    this.alerts.set(identity.key, { identity, state, savedAt: now, saved: state });
    for (const notice of notices) {
      this.deps.logger.info(`alert ${notice.kind}`, { key, severity: rule.severity, detail: notice.detail });
    }
    if (enqueued) this.deps.onEnqueued?.();
  }

  /** One line of the alert's history (inside the caller's transaction). */
  private addHistoryEvent(identity: AlertIdentity, at: number, kind: string, detail: string): void {
    const { rule, key, target } = identity;
    this.states.addEvent({ key, rule: rule.name, target, severity: rule.severity, at, kind, detail });
  }

  /** Inside a transaction: the notification row, or a history note when the severity has no topic. */
  private enqueue(identity: AlertIdentity, notice: Notice, now: number): boolean {
    const { rule, key } = identity;
    const topicArn = rule.severity === 'critical' ? this.deps.topics.critical : this.deps.topics.warning;
    if (!topicArn) {
      const detail = `${notice.kind}: no alerting.sns.warningTopicArn for ${rule.severity} alerts`;
      this.addHistoryEvent(identity, now, 'not-published', detail);
      return false;
    }
    const notification = notificationFor(identity, notice, {
      config: this.deps.config,
      host: this.deps.host,
    });
    this.outbox.enqueue({
      dedupKey: key,
      episode: notice.episode,
      kind: notice.kind,
      severity: rule.severity,
      topicArn,
      payload: JSON.stringify(notification),
      createdAt: now,
    });
    return true;
  }

  private maintenanceAt(now: number): readonly MaintenanceWindow[] {
    if (!this.windows || now - this.windows.at >= WINDOW_CACHE_MS || now < this.windows.at) {
      const read =
        this.deps.maintenance ??
        ((from: number, to: number) => maintenanceWindows(this.deps.db, this.deps.config, from, to));
      this.windows = { at: now, list: read(now - WINDOW_CACHE_MS, now + WINDOW_CACHE_MS + 1) };
    }
    return this.windows.list;
  }

  private surroundings(identity: AlertIdentity, now: number): Surroundings {
    const silenced = activeMaintenance(this.maintenanceAt(now), now, identity.service).length > 0;
    return { silenced, inhibited: identity.rule.kind === 'burn-rate' && this.outageExplains(identity, now) };
  }

  /**
   * A burn-rate alert says nothing new while the same service's service-down alert is firing, or soon after
   * it resolved (its short windows still hold that outage): the on-call engineer was already paged for it.
   */
  private outageExplains(identity: AlertIdentity, now: number): boolean {
    if (identity.rule.kind !== 'burn-rate') return false;
    const downRule = this.deps.rules.find((r) => r.kind === 'service-down');
    if (!downRule) return false;
    const down = this.alerts.get(
      identityFor(this.host, downRule, identity.target, identity.target).key,
    )?.state;
    if (!down) return false;
    if (down.phase === 'firing' || down.phase === 'recovering') return true;
    const quietMs = Math.max(...identity.rule.tiers.map((t) => t.shortMs));
    return down.lastResolvedAt !== null && now - down.lastResolvedAt < quietMs;
  }

  private params(rule: AlertRule): EngineParams {
    const { alerting } = this.deps.config;
    return {
      forMs: rule.forMs,
      keepFiringForMs: rule.keepFiringForMs,
      repeatIntervalMs: alerting.repeatInterval,
      flapping: alerting.flapping.enabled
        ? { high: alerting.flapping.high, low: alerting.flapping.low }
        : null,
      staleAfterMs: this.staleAfterMs,
    };
  }

  /** Current states, for tests and diagnostics. */
  snapshot(): Array<{ key: string; state: AlertState }> {
    return [...this.alerts.values()].map((live) => ({ key: live.identity.key, state: live.state }));
  }
}
