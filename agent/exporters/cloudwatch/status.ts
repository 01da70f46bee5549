/**
 * What the exporter records about itself (meta keys) and the `cloudwatch` section of
 * `hostwatch status` built from that record and the outbox.
 */
import { CloudwatchOutbox, hasOutbox } from '../../store/cloudwatch-outbox.js';
import type { Db } from '../../store/db.js';
import { MetaStore } from '../../store/meta.js';
import type { AlarmSyncResult } from './alarm-sync.js';
import type { Dimension } from './datum.js';

export const EXPORTER_META_KEY = 'cloudwatch';
export const ALARMS_META_KEY = 'cloudwatch:alarms';

export interface ExportError {
  at: number;
  kind: string;
  code: string;
  message: string;
}

/** Written by the daemon: its decision, then after every flush. */
export interface ExporterRecord {
  enabled: boolean;
  reason: string;
  decidedAt: number;
  namespace?: string;
  region?: string;
  endpoint?: string;
  /** The host dimensions every series carries (InstanceId, ...). */
  dimensions?: Dimension[];
  lastFlushAt: number | null;
  lastSuccessAt: number | null;
  lastError: ExportError | null;
  consecutiveFailures: number;
  nextRetryAt: number | null;
  /** PutMetricData calls and datums delivered since the agent started. */
  requests: number;
  datumsSent: number;
}

export interface AlarmsRecord {
  at: number;
  ok: boolean;
  result?: AlarmSyncResult;
  error?: string;
}

export interface CloudwatchStatus {
  enabled: boolean;
  reason: string;
  namespace: string | null;
  region: string | null;
  outbox: {
    pending: number;
    oldestPendingAt: number | null;
    oldestPendingAgeMs: number | null;
    /** Refused by CloudWatch as invalid; kept with the error (`hostwatch cloudwatch status`). */
    setAside: number;
    /** Older than CloudWatch accepts (~13.5 days) before they could be sent; kept, never sent. */
    tooOld: number;
  };
  lastFlushAt: number | null;
  lastSuccessAt: number | null;
  lastError: ExportError | null;
  nextRetryAt: number | null;
  alarms: AlarmsRecord | null;
}

export function readExporterRecord(db: Db): ExporterRecord | undefined {
  return new MetaStore(db).get<ExporterRecord>(EXPORTER_META_KEY);
}

/** The delivery facts a new decision starts from: the last flush, success and error kept, this run's counters at zero. */
export function startingDeliveryFacts(
  previous: ExporterRecord | undefined,
): Omit<
  ExporterRecord,
  'enabled' | 'reason' | 'decidedAt' | 'namespace' | 'region' | 'endpoint' | 'dimensions'
> {
  return {
    lastFlushAt: previous?.lastFlushAt ?? null,
    lastSuccessAt: previous?.lastSuccessAt ?? null,
    lastError: previous?.lastError ?? null,
    consecutiveFailures: 0,
    nextRetryAt: null,
    requests: 0,
    datumsSent: 0,
  };
}

/** null when CloudWatch never ran on this store (no decision recorded, no outbox). */
export function readCloudwatchStatus(db: Db, now: number): CloudwatchStatus | null {
  const record = readExporterRecord(db);
  if (!record || !hasOutbox(db)) return null;
  const counts = new CloudwatchOutbox(db).counts();
  const oldest = counts.oldestPendingTs;
  return {
    enabled: record.enabled,
    reason: record.reason,
    namespace: record.namespace ?? null,
    region: record.region ?? null,
    outbox: {
      pending: counts.pending,
      oldestPendingAt: oldest,
      oldestPendingAgeMs: oldest === null ? null : Math.max(0, now - oldest),
      setAside: counts.rejected,
      tooOld: counts.expired,
    },
    lastFlushAt: record.lastFlushAt,
    lastSuccessAt: record.lastSuccessAt,
    lastError: record.lastError,
    nextRetryAt: record.nextRetryAt,
    alarms: new MetaStore(db).get<AlarmsRecord>(ALARMS_META_KEY) ?? null,
  };
}
