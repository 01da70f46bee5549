/**
 * Composition root of the daemon: load config -> build deps -> start loops; signals for
 * graceful stop (SIGTERM/SIGINT: finish the cycle, close the DB) and reload (SIGHUP).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createCollectors } from './collectors/registry.js';
import { ConfigError, EX_CONFIG } from './config/errors.js';
import { type LoadedConfig, loadConfig, resolveDataDir } from './config/load.js';
import type { Config } from './config/schema.js';
import { decideCloudwatch, decideDiscord, decidePaging } from './daemon/features.js';
import { acquireLock, LockError } from './daemon/lock.js';
import { MetricsLoop } from './daemon/metrics-loop.js';
import { Sampler } from './daemon/sampler.js';
import { SelfObserver } from './daemon/self-stats.js';
import { createIdentityResolver } from './identity/resolver.js';
import { createLogger, type Logger } from './log.js';
import { IDENTITY_META_KEY } from './status/model.js';
import { DB_FILE_NAME, type Db, openDatabase } from './store/db.js';
import { MetaStore } from './store/meta.js';
import { type Clock, systemClock } from './types.js';
import { VERSION } from './version.js';

export { IDENTITY_META_KEY };
export const EX_SOFTWARE = 70;
export const EX_TEMPFAIL = 75;

export interface DaemonOptions {
  configFlag?: string;
  dataDirFlag?: string;
  env: NodeJS.ProcessEnv;
  cwd: string;
  clock?: Clock;
  /** stdout line writer for logs; stderr gets config errors. */
  writeLog?: (line: string) => void;
  writeError?: (text: string) => void;
}

function collectorsFor(config: Config) {
  return createCollectors({
    ...(config.metrics.collectors ? { enabled: config.metrics.collectors } : {}),
    disk: {
      timeoutMs: config.metrics.disk.timeout,
      ...(config.metrics.disk.ignoreFsTypes ? { ignoreFsTypes: config.metrics.disk.ignoreFsTypes } : {}),
      ...(config.metrics.disk.ignoreMountPoints
        ? { ignoreMountPoints: config.metrics.disk.ignoreMountPoints }
        : {}),
    },
    net: { excludeInterfaces: config.metrics.net.excludeInterfaces },
  });
}

class Daemon {
  private metrics: MetricsLoop | undefined;
  private observer: SelfObserver | undefined;

  constructor(
    private loaded: LoadedConfig,
    private readonly db: Db,
    private readonly logger: Logger,
    private readonly clock: Clock,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  start(): void {
    const { config, source } = this.loaded;
    this.observer = new SelfObserver({
      pid: process.pid,
      version: VERSION,
      nodeVersion: process.version,
      startedAt: this.clock.now(),
      intervalMs: config.metrics.interval,
      configSource: source,
    });
    this.metrics = new MetricsLoop({
      db: this.db,
      clock: this.clock,
      logger: this.logger.child({ component: 'metrics' }),
      sampler: new Sampler(
        collectorsFor(config),
        Math.max(1000, Math.min(config.metrics.interval, 10_000) - 250),
      ),
      observer: this.observer,
      intervalMs: config.metrics.interval,
      retention: {
        rawMs: config.metrics.retention.raw,
        minuteMs: config.metrics.retention.minute,
        hourMs: config.metrics.retention.hour,
      },
    });
    this.metrics.start();
  }

  async stop(): Promise<void> {
    await this.metrics?.stop();
    this.observer?.stop();
  }

  async reload(next: LoadedConfig): Promise<void> {
    await this.stop();
    this.loaded = next;
    this.start();
  }

  announceFeatures(identity: Parameters<typeof decideCloudwatch>[1]): void {
    const { config } = this.loaded;
    for (const decision of [
      decideCloudwatch(config, identity),
      decideDiscord(config, this.env),
      decidePaging(config),
    ]) {
      this.logger.info(`${decision.feature}: ${decision.on ? 'on' : 'off'}`, { reason: decision.reason });
    }
  }
}

/** Runs until SIGTERM/SIGINT; resolves with the process exit code. */
export async function runDaemon(options: DaemonOptions): Promise<number> {
  const clock = options.clock ?? systemClock;
  const writeError = options.writeError ?? ((text: string) => process.stderr.write(text));
  let loaded: LoadedConfig;
  try {
    loaded = loadConfig({ flag: options.configFlag, env: options.env });
  } catch (error) {
    if (error instanceof ConfigError) {
      writeError(`hostwatch: ${error.message}\n`);
      return EX_CONFIG;
    }
    throw error;
  }
  const level =
    (options.env.HOSTWATCH_LOG_LEVEL as Config['log']['level'] | undefined) ?? loaded.config.log.level;
  const logger = createLogger({
    level,
    now: () => clock.now(),
    ...(options.writeLog ? { write: options.writeLog } : {}),
  });
  const dataDir = resolveDataDir({
    flag: options.dataDirFlag,
    env: options.env,
    config: loaded.config,
    cwd: options.cwd,
  });
  mkdirSync(dataDir, { recursive: true });

  let lock: { release(): void };
  try {
    lock = acquireLock(dataDir);
  } catch (error) {
    if (error instanceof LockError) {
      logger.error(error.message);
      return EX_TEMPFAIL;
    }
    throw error;
  }
  const db = openDatabase(join(dataDir, DB_FILE_NAME));
  logger.info('hostwatch starting', {
    version: VERSION,
    config: loaded.source,
    dataDir,
    intervalMs: loaded.config.metrics.interval,
    services: loaded.config.services.map((s) => s.name),
  });

  const daemon = new Daemon(loaded, db, logger, clock, options.env);
  daemon.start();

  const identity = createIdentityResolver({
    clock,
    logger,
    ...(options.env.AWS_EC2_METADATA_DISABLED === 'true' ? { imdsDisabled: true } : {}),
  });
  const meta = new MetaStore(db);
  const identityReady = identity.current().then((found) => {
    meta.set(IDENTITY_META_KEY, found);
    daemon.announceFeatures(found);
  });
  const identityTimer = setInterval(() => {
    identity.current().then(
      (found) => meta.set(IDENTITY_META_KEY, found),
      () => {},
    );
  }, 60_000);

  return await new Promise<number>((resolve) => {
    let stopping = false;
    const shutdown = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      logger.info('stopping', { signal });
      clearInterval(identityTimer);
      await identityReady.catch(() => {});
      await daemon.stop();
      db.close();
      lock.release();
      logger.info('stopped');
      process.off('SIGHUP', onHup);
      resolve(0);
    };
    const onHup = () => {
      try {
        const next = loadConfig({ flag: options.configFlag, env: options.env });
        daemon.reload(next).then(() => logger.info('config reloaded', { config: next.source }));
      } catch (error) {
        const problems = error instanceof ConfigError ? error.problems : [(error as Error).message];
        logger.error('config reload rejected; keeping the running config', { problems });
      }
    };
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
    process.once('SIGINT', () => void shutdown('SIGINT'));
    process.on('SIGHUP', onHup);
  });
}
