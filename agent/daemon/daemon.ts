/** The running agent: the metrics loop and the probe loop over one store, restartable on reload. */
import { createCollectors } from '../collectors/registry.js';
import type { LoadedConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { HOST_SERVICE } from '../history/report.js';
import type { HostIdentity } from '../identity/types.js';
import type { Logger } from '../log.js';
import type { TrackedService } from '../probes/tracker.js';
import type { Db } from '../store/db.js';
import { StateIntervalStore } from '../store/state-intervals.js';
import type { Clock } from '../types.js';
import { VERSION } from '../version.js';
import { type AgentComponent, type AgentContext, buildComponents } from './component.js';
import { type ComponentDecision, recordDecisions } from './component-decisions.js';
import { componentFactories } from './components.js';
import { AgentEvents } from './events.js';
import { MetricsLoop } from './metrics-loop.js';
import { ProbeLoop } from './probe-loop.js';
import { Sampler } from './sampler.js';
import { SelfObserver } from './self-stats.js';
import { buildServices } from './services.js';

/** The collectors the config asks for (also used by `hostwatch cloudwatch plan` before the agent ran). */
export function collectorsFor(config: Config, logger: Logger) {
  return createCollectors(
    {
      ...(config.metrics.collectors ? { enabled: config.metrics.collectors } : {}),
      disk: {
        timeoutMs: config.metrics.disk.timeout,
        ...(config.metrics.disk.ignoreFsTypes ? { ignoreFsTypes: config.metrics.disk.ignoreFsTypes } : {}),
        ...(config.metrics.disk.ignoreMountPoints
          ? { ignoreMountPoints: config.metrics.disk.ignoreMountPoints }
          : {}),
      },
      net: { excludeInterfaces: config.metrics.net.excludeInterfaces },
    },
    { logger },
  );
}

export class Daemon {
  private metrics: MetricsLoop | undefined;
  private probes: ProbeLoop | undefined;
  private observer: SelfObserver | undefined;
  private carried: ReadonlyMap<string, TrackedService> = new Map();
  private identity: HostIdentity | undefined;
  private running: AgentComponent[] = [];
  readonly events: AgentEvents;

  constructor(
    private loaded: LoadedConfig,
    private readonly db: Db,
    private readonly logger: Logger,
    private readonly clock: Clock,
    private readonly env: NodeJS.ProcessEnv,
    private readonly dataDir: string,
  ) {
    this.events = new AgentEvents((error, event) => logger.error('event listener failed', { event, error }));
  }

  start(): void {
    const { config, source } = this.loaded;
    const startedAt = this.clock.now();
    this.observer = new SelfObserver({
      pid: process.pid,
      version: VERSION,
      nodeVersion: process.version,
      startedAt,
      intervalMs: config.metrics.interval,
      configSource: source,
    });
    const intervals = new StateIntervalStore(this.db);
    this.metrics = new MetricsLoop({
      db: this.db,
      clock: this.clock,
      logger: this.logger.child({ component: 'metrics' }),
      sampler: new Sampler(
        collectorsFor(config, this.logger.child({ component: 'collectors' })),
        Math.max(1000, Math.min(config.metrics.interval, 10_000) - 250),
      ),
      observer: this.observer,
      intervalMs: config.metrics.interval,
      retention: {
        rawMs: config.metrics.retention.raw,
        minuteMs: config.metrics.retention.minute,
        hourMs: config.metrics.retention.hour,
      },
      // The agent runs on the host: every committed cycle confirms the host is up.
      onCycle: (at) => intervals.observe(HOST_SERVICE, 'up', at, null),
      events: this.events,
    });
    this.probes = new ProbeLoop({
      db: this.db,
      clock: this.clock,
      logger: this.logger.child({ component: 'probes' }),
      services: buildServices(config),
      carried: this.carried,
      events: this.events,
    });
    this.metrics.start();
    this.probes.start();
    if (this.identity) void this.startComponents(this.identity);
  }

  async stop(): Promise<void> {
    const components = this.running;
    this.running = [];
    await Promise.all(
      components.map((component) =>
        component
          .stop()
          .catch((error: unknown) =>
            this.logger.error('component failed to stop', { component: component.name, error }),
          ),
      ),
    );
    const [, carried] = await Promise.all([this.metrics?.stop(), this.probes?.stop()]);
    if (carried) this.carried = carried;
    this.observer?.stop();
  }

  async reload(next: LoadedConfig): Promise<void> {
    await this.stop();
    this.loaded = next;
    this.start();
  }

  /** Called once the host's identity is known (within ~2 s of start); features that need it start now. */
  async identityKnown(identity: HostIdentity): Promise<void> {
    const first = this.identity === undefined;
    this.identity = identity;
    if (first) await this.startComponents(identity);
  }

  private context(identity: HostIdentity): AgentContext {
    const { config, source } = this.loaded;
    return {
      db: this.db,
      clock: this.clock,
      logger: this.logger,
      env: this.env,
      config,
      configSource: source,
      dataDir: this.dataDir,
      identity,
      events: this.events,
    };
  }

  private async startComponents(identity: HostIdentity): Promise<void> {
    const ctx = this.context(identity);
    const decisions: ComponentDecision[] = [];
    for (const component of buildComponents(componentFactories)) {
      // decide() may look something up (e.g. credentials); components bound that time themselves.
      const decision = await component.decide(ctx);
      this.logger.info(`${component.name}: ${decision.on ? 'on' : 'off'}`, { reason: decision.reason });
      decisions.push({ name: component.name, ...decision, decidedAt: this.clock.now() });
      if (!decision.on) continue;
      try {
        await component.start({ ...ctx, logger: this.logger.child({ component: component.name }) });
        this.running.push(component);
      } catch (error) {
        this.logger.error(`${component.name}: failed to start; the agent carries on without it`, { error });
      }
    }
    recordDecisions(this.db, decisions);
  }
}
