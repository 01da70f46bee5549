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
import { decideCloudwatch, decideDiscord, decidePaging } from './features.js';
import { MetricsLoop } from './metrics-loop.js';
import { ProbeLoop } from './probe-loop.js';
import { Sampler } from './sampler.js';
import { SelfObserver } from './self-stats.js';
import { buildServices } from './services.js';

function collectorsFor(config: Config, logger: Logger) {
  return createCollectors(
    {
      ...(config.metrics.collectors ? { enabled: config.metrics.collectors } : {}),
      disk: {
        timeoutMs: config.metrics.disk.timeout,
        ...(config.metrics.disk.ignoreFsTypes ? { ignoreFsTypes: config.metrics.disk.ignoreFsTypes } : {}),
        ...(config.metrics.disk.ignoreMountPoints ? { ignoreMountPoints: config.metrics.disk.ignoreMountPoints } : {}),
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

  constructor(
    private loaded: LoadedConfig,
    private readonly db: Db,
    private readonly logger: Logger,
    private readonly clock: Clock,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  start(): void {
    const { config, source } = this.loaded;
    const startedAt = this.clock.now();
    this.observer = new SelfObserver({ pid: process.pid, version: VERSION, nodeVersion: process.version, startedAt, intervalMs: config.metrics.interval, configSource: source });
    const intervals = new StateIntervalStore(this.db);
    this.metrics = new MetricsLoop({
      db: this.db,
      clock: this.clock,
      logger: this.logger.child({ component: 'metrics' }),
      sampler: new Sampler(collectorsFor(config, this.logger.child({ component: 'collectors' })), Math.max(1000, Math.min(config.metrics.interval, 10_000) - 250)),
      observer: this.observer,
      intervalMs: config.metrics.interval,
      retention: { rawMs: config.metrics.retention.raw, minuteMs: config.metrics.retention.minute, hourMs: config.metrics.retention.hour },
      // The agent runs on the host: every committed cycle confirms the host is up.
      onCycle: (at) => intervals.observe(HOST_SERVICE, 'up', at, null),
    });
    this.probes = new ProbeLoop({
      db: this.db,
      clock: this.clock,
      logger: this.logger.child({ component: 'probes' }),
      services: buildServices(config),
      carried: this.carried,
    });
    this.metrics.start();
    this.probes.start();
  }

  async stop(): Promise<void> {
    const [, carried] = await Promise.all([this.metrics?.stop(), this.probes?.stop()]);
    if (carried) this.carried = carried;
    this.observer?.stop();
  }

  async reload(next: LoadedConfig): Promise<void> {
    await this.stop();
    this.loaded = next;
    this.start();
  }

  announceFeatures(identity: HostIdentity): void {
    const { config } = this.loaded;
    for (const decision of [decideCloudwatch(config, identity), decideDiscord(config, this.env), decidePaging(config)]) {
      this.logger.info(`${decision.feature}: ${decision.on ? 'on' : 'off'}`, { reason: decision.reason });
    }
  }
}
