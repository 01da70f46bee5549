/**
 * Composition root of the daemon: load config -> build deps -> start loops; signals for
 * graceful stop (SIGTERM/SIGINT: finish the cycle, close the DB) and reload (SIGHUP).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, EX_CONFIG } from './config/errors.js';
import { type LoadedConfig, loadConfig, resolveDataDir } from './config/load.js';
import type { Config } from './config/schema.js';
import { Daemon } from './daemon/daemon.js';
import { acquireLock, LockError } from './daemon/lock.js';
import { readBootTimeMs, recordStartupGap } from './daemon/startup-gap.js';
import { createIdentityResolver } from './identity/resolver.js';
import { createLogger } from './log.js';
import { IDENTITY_META_KEY } from './status/model.js';
import { DB_FILE_NAME, openDatabase } from './store/db.js';
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
  recordStartupGap(db, logger, {
    agentStartAt: clock.now(),
    bootTimeMs: readBootTimeMs(),
    services: loaded.config.services.map((s) => s.name),
  });
  logger.info('hostwatch starting', {
    version: VERSION,
    config: loaded.source,
    dataDir,
    intervalMs: loaded.config.metrics.interval,
    services: loaded.config.services.map((s) => s.name),
  });

  const daemon = new Daemon(loaded, db, logger, clock, options.env, dataDir);
  daemon.start();

  const identity = createIdentityResolver({
    clock,
    logger,
    ...(options.env.AWS_EC2_METADATA_DISABLED === 'true' ? { imdsDisabled: true } : {}),
  });
  const meta = new MetaStore(db);
  const identityReady = identity.current().then((found) => {
    meta.set(IDENTITY_META_KEY, found);
    return daemon.identityKnown(found);
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
