/**
 * Keeps the host's alarms in sync while the agent runs: once at start (retried with backoff until it
 * succeeds), then every hour, so an alarm edited or deleted by hand is put back. Each sync is
 * idempotent (see alarm-sync.ts) and its outcome is recorded for `hostwatch cloudwatch status`.
 */
import type { Logger } from '../../log.js';
import type { Db } from '../../store/db.js';
import { MetaStore } from '../../store/meta.js';
import type { Clock } from '../../types.js';
import { type AlarmApi, syncAlarms } from './alarm-sync.js';
import type { AlarmPlan } from './alarms.js';
import { type BackoffPolicy, fullJitterDelay } from './backoff.js';
import { classifyError } from './errors.js';
import { realTimers, type Timers } from './exporter.js';
import { ALARMS_META_KEY, type AlarmsRecord } from './status.js';

export interface AlarmKeeperDeps {
  api: AlarmApi;
  plan: AlarmPlan;
  db: Db;
  clock: Clock;
  logger: Logger;
  timers?: Timers;
  random?: () => number;
  resyncMs?: number;
  backoff?: BackoffPolicy;
}

const HOUR_MS = 3_600_000;

export class AlarmKeeper {
  private timer: NodeJS.Timeout | undefined;
  private failures = 0;
  private stopped = false;
  private running: Promise<void> | undefined;
  private readonly timers: Timers;

  constructor(private readonly deps: AlarmKeeperDeps) {
    this.timers = deps.timers ?? realTimers;
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.timers.clearTimeout(this.timer);
    await this.running;
  }

  /** One sync; public for tests and the CLI. */
  async syncOnce(): Promise<AlarmsRecord> {
    const { api, plan, clock, logger } = this.deps;
    const meta = new MetaStore(this.deps.db);
    try {
      const result = await syncAlarms(api, plan);
      const record: AlarmsRecord = { at: clock.now(), ok: true, result };
      meta.set(ALARMS_META_KEY, record);
      const changed = result.created.length + result.updated.length + result.deleted.length > 0;
      if (changed || this.failures > 0)
        logger.info('CloudWatch alarms in sync', {
          created: result.created,
          updated: result.updated,
          deleted: result.deleted,
          unchanged: result.unchanged,
        });
      this.failures = 0;
      return record;
    } catch (error) {
      const failure = classifyError(error);
      const record: AlarmsRecord = {
        at: clock.now(),
        ok: false,
        error: `${failure.code}: ${failure.message}`,
      };
      meta.set(ALARMS_META_KEY, record);
      this.failures += 1;
      if (this.failures === 1)
        logger.warn('CloudWatch alarm sync failed; retrying', {
          error: record.error,
          hint:
            failure.kind === 'credentials'
              ? 'the instance role needs cloudwatch:DescribeAlarms, PutMetricAlarm and DeleteAlarms on alarm:hostwatch-* (systemd/iam-policy.json)'
              : undefined,
        });
      return record;
    }
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = this.timers.setTimeout(() => {
      this.running = this.syncOnce().then((record) => {
        const next = record.ok
          ? (this.deps.resyncMs ?? HOUR_MS)
          : Math.max(
              1000,
              fullJitterDelay(
                this.failures,
                this.deps.backoff ?? { baseMs: 5000, capMs: 10 * 60_000 },
                this.deps.random ?? Math.random,
              ),
            );
        this.schedule(next);
      });
    }, delay);
  }
}
