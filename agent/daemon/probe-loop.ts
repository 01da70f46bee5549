/**
 * Runs each service's checks on its own interval, debounces the outcomes into states and records
 * them: run-length state intervals plus raw probe samples (up, latency, certificate days).
 */
import type { Logger } from '../log.js';
import { runServiceChecks, type ServiceDefinition, type ServiceObservation } from '../probes/service.js';
import { initialTracked, type TrackedService, track } from '../probes/tracker.js';
import type { Db } from '../store/db.js';
import { MetaStore } from '../store/meta.js';
import { SampleWriter } from '../store/samples.js';
import { StateIntervalStore } from '../store/state-intervals.js';
import type { Clock, Sample } from '../types.js';
import type { AgentEvents } from './events.js';

export const PROBE_META_PREFIX = 'probe:';

/** The latest observation of a service, kept in meta for `hostwatch status`. */
export interface LastProbe {
  service: string;
  state: string;
  since: number;
  observed: ServiceObservation['status'];
  detail: string;
  latencyMs?: number;
  certDaysLeft?: number;
  at: number;
}

export interface ProbeLoopDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  services: readonly ServiceDefinition[];
  /** Debounce state carried over a config reload, so a reload never splits an outage. */
  carried?: ReadonlyMap<string, TrackedService>;
  events?: AgentEvents;
}

export function probeSamples(service: string, observation: ServiceObservation, at: number): Sample[] {
  const labels = { service };
  const samples: Sample[] = [];
  if (observation.status !== 'unknown') {
    samples.push({
      metric: 'probe_up',
      labels,
      value: observation.status === 'failed' ? 0 : 1,
      unit: 'Count',
      at,
    });
  }
  if (observation.latencyMs !== undefined)
    samples.push({ metric: 'probe_latency', labels, value: observation.latencyMs, unit: 'Milliseconds', at });
  if (observation.certDaysLeft !== undefined)
    samples.push({
      metric: 'probe_cert_days_left',
      labels,
      value: observation.certDaysLeft,
      unit: 'Count',
      at,
    });
  return samples;
}

export class ProbeLoop {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly tracked = new Map<string, TrackedService>();
  private readonly abort = new AbortController();
  private readonly intervals: StateIntervalStore;
  private readonly writer: SampleWriter;
  private readonly meta: MetaStore;

  constructor(private readonly deps: ProbeLoopDeps) {
    this.intervals = new StateIntervalStore(deps.db);
    this.writer = new SampleWriter(deps.db);
    this.meta = new MetaStore(deps.db);
    for (const service of deps.services)
      this.tracked.set(service.name, deps.carried?.get(service.name) ?? initialTracked);
  }

  start(): void {
    for (const service of this.deps.services) this.schedule(service, this.deps.clock.now());
  }

  /** Stops scheduling, interrupts running checks (their outcome is discarded) and waits for them. */
  async stop(): Promise<ReadonlyMap<string, TrackedService>> {
    this.abort.abort(new Error('agent stopping'));
    for (const timer of this.timers.values()) clearTimeout(timer);
    await Promise.all(this.inFlight);
    return this.tracked;
  }

  private schedule(service: ServiceDefinition, due: number): void {
    if (this.abort.signal.aborted) return;
    const delay = Math.max(0, due - this.deps.clock.now());
    this.timers.set(
      service.name,
      setTimeout(() => {
        const run = this.probe(service).finally(() => this.inFlight.delete(run));
        this.inFlight.add(run);
        // Fixed rate from the scheduled time; a late timer does not drift the cadence.
        this.schedule(service, Math.max(due + service.intervalMs, this.deps.clock.now()));
      }, delay),
    );
  }

  async probe(service: ServiceDefinition): Promise<void> {
    const at = this.deps.clock.now();
    const observation = await runServiceChecks(service.checks, service.timeoutMs, {
      signal: this.abort.signal,
      ...(service.degradedLatencyMs ? { degradedLatencyMs: service.degradedLatencyMs } : {}),
    });
    if (this.abort.signal.aborted) return;
    const previous = this.tracked.get(service.name) ?? initialTracked;
    const result = track(previous, observation, at, service);
    this.tracked.set(service.name, result.tracked);
    const state = result.transition.state;
    const cause = state === 'up' ? null : result.transition.cause;
    let since = result.since;
    try {
      this.writer.write(probeSamples(service.name, observation, at), () => {
        since = this.intervals.observe(service.name, state, at, cause, result.since);
        const last: LastProbe = {
          service: service.name,
          state,
          since,
          observed: observation.status,
          detail: observation.detail,
          ...(observation.latencyMs !== undefined ? { latencyMs: observation.latencyMs } : {}),
          ...(observation.certDaysLeft !== undefined ? { certDaysLeft: observation.certDaysLeft } : {}),
          at,
        };
        this.meta.set(`${PROBE_META_PREFIX}${service.name}`, last);
      });
    } catch (error) {
      this.deps.logger.error('recording a probe failed', { service: service.name, error });
      return;
    }
    const event = {
      service: service.name,
      at,
      observation,
      state,
      since,
    };
    this.deps.events?.emitProbe(event);
    if (result.transition.changed) {
      this.announce(service.name, previous, state, result.since, result.transition.cause);
      this.deps.events?.emitServiceState({
        ...event,
        previous: previous.status.state,
        cause: result.transition.cause,
      });
    }
  }

  private announce(
    service: string,
    previous: TrackedService,
    state: string,
    since: number,
    cause: string,
  ): void {
    const fields = {
      service,
      from: previous.status.state,
      to: state,
      since: new Date(since).toISOString(),
      cause,
    };
    if (state === 'down') this.deps.logger.warn('service down', fields);
    else if (state === 'degraded') this.deps.logger.warn('service degraded', fields);
    else this.deps.logger.info(`service ${state}`, fields);
  }
}
