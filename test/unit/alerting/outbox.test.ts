/**
 * The pager outbox over a real SQLite file, the real SNS pager and the fake SNS; time is a manual clock so
 * backoff and "delayed" marks are exact.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../agent/log.js';
import { AlertOutboxStore } from '../../../agent/store/alert-outbox.js';
import { type Db, openDatabase } from '../../../agent/store/db.js';
import type { Notification } from '../../../alerting/notification.js';
import { OutboxSender } from '../../../alerting/outbox.js';
import { backoffDelay } from '../../../alerting/pager/errors.js';
import { SnsPager } from '../../../alerting/pager/sns.js';
import { type FakeSns, startFakeSns } from '../../fakes/sns-server.js';

const TOPIC = 'arn:aws:sns:eu-central-1:123456789012:oncall';
const T0 = Date.parse('2026-11-23T10:00:00Z');

function notification(kind: Notification['kind'], key: string, at: number): Notification {
  return {
    kind,
    dedupKey: key,
    severity: 'critical',
    rule: 'service-down',
    title: `${key} down on web-1`,
    condition: 'service down',
    host: { name: 'web-1', region: 'eu-central-1' },
    timeZone: 'UTC',
    at,
    startedAt: T0,
    ...(kind === 'resolve' ? { endedAt: at } : {}),
    cause: 'http: connect ECONNREFUSED',
    value: null,
    trigger: {
      MetricName: 'probe_up',
      Namespace: 'Hostwatch',
      Dimensions: [],
      Period: 30,
      EvaluationPeriods: 3,
      ComparisonOperator: 'LessThanThreshold',
      Threshold: 1,
    },
  };
}

describe('pager outbox', () => {
  let sns: FakeSns;
  let pager: SnsPager;
  let dir: string;
  let db: Db;
  let store: AlertOutboxStore;
  let now = T0;
  const clock = { now: () => now };
  const sender = () => new OutboxSender({ store, pager, clock, logger: silentLogger, random: () => 1 });
  const enqueue = (kind: Notification['kind'], key: string, episode = 1) =>
    store.enqueue({
      dedupKey: key,
      episode,
      kind,
      severity: 'critical',
      topicArn: TOPIC,
      payload: JSON.stringify(notification(kind, key, now)),
      createdAt: now,
    });
  const sent = (key?: string) =>
    sns.published
      .filter((p) => key === undefined || p.attributes.dedup_key === key)
      .map((p) => p.attributes.kind);

  beforeAll(async () => {
    sns = await startFakeSns({ topics: [TOPIC] });
    pager = new SnsPager({
      endpoint: sns.url,
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' },
      requestTimeoutMs: 1000,
    });
  });
  afterAll(async () => {
    pager.close();
    await sns.close();
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hostwatch-outbox-'));
    db = openDatabase(join(dir, 'hostwatch.db'));
    store = new AlertOutboxStore(db);
    now = T0;
    sns.published.length = 0;
    sns.requests.length = 0;
    sns.setFailure(null);
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends page then resolve of one key in order, once each, after SNS recovers; the late page says so', async () => {
    const s = sender();
    sns.setFailure('InternalError');
    enqueue('page', 'web-1/service-down/nginx');
    await s.drain();
    now += 5000;
    enqueue('resolve', 'web-1/service-down/nginx');
    for (let i = 0; i < 6; i++) {
      now += 30_000;
      await s.drain();
    }
    expect(sent()).toEqual([]);
    expect(sns.requests.every((r) => r.code === 'InternalError')).toBe(true);
    sns.setFailure(null);
    now += 120_000;
    await s.drain();
    expect(sent('web-1/service-down/nginx')).toEqual(['page', 'resolve']);
    expect(sns.published[0]?.json?.email).toContain('DELAYED by');
    await s.drain();
    now += 3_600_000;
    await s.drain();
    await sender().drain(); // a restarted agent
    expect(sns.published).toHaveLength(2);
    expect(store.counts()).toMatchObject({ pending: 0, parked: 0 });
  });

  it('a failing key does not hold back other keys', async () => {
    sns.failNext('Throttled');
    enqueue('page', 'a');
    enqueue('page', 'b');
    await sender().drain();
    expect(sent()).toEqual(['page']);
    expect(sns.published[0]?.attributes.dedup_key).toBe('b');
  });

  it('retries with capped exponential backoff with jitter', async () => {
    const id = enqueue('page', 'k');
    sns.setFailure('KMSThrottling');
    const s = sender();
    const delays: number[] = [];
    for (let i = 0; i < 9; i++) {
      await s.drain();
      const row = store.get(id);
      delays.push((row?.nextAttemptAt ?? 0) - now);
      now = row?.nextAttemptAt ?? now;
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000, 60_000]);
    expect(backoffDelay(3, 0)).toBe(2000); // jitter keeps at least half the step
    expect(store.get(id)).toMatchObject({ status: 'pending', attempts: 9, errorCode: 'KMSThrottling' });
  });

  it('parks what can never succeed, parks the same incident behind it, and retries config problems after a reload', async () => {
    sns.failNext('AuthorizationError');
    const page = enqueue('page', 'x');
    const resolve = enqueue('resolve', 'x');
    const other = enqueue('page', 'y');
    await sender().drain();
    expect(store.get(page)).toMatchObject({
      status: 'parked',
      errorCode: 'AuthorizationError',
      fixable: true,
    });
    expect(store.get(resolve)).toMatchObject({ status: 'parked', errorCode: 'Blocked' });
    expect(store.get(other)?.status).toBe('sent');
    expect(store.counts().parked).toBe(2);
    // The operator fixes the IAM policy and reloads: both go, in order.
    expect(store.requeueFixable(now)).toBe(2);
    await sender().drain();
    expect(sent('x')).toEqual(['page', 'resolve']);
  });

  it('a message SNS refuses as invalid stays parked across reloads', async () => {
    sns.failNext('InvalidParameter');
    const id = enqueue('page', 'z');
    await sender().drain();
    expect(store.get(id)).toMatchObject({ status: 'parked', fixable: false });
    expect(store.requeueFixable(now)).toBe(0);
  });

  it('a new episode of a key is not held back by an old parked one', async () => {
    sns.failNext('InvalidParameter');
    enqueue('page', 'k', 1);
    enqueue('page', 'k', 2);
    await sender().drain();
    expect(sent('k')).toEqual(['page']);
  });

  it('a row whose send was interrupted by a crash is sent again: at most one duplicate, never none', async () => {
    const id = enqueue('page', 'crash');
    store.markAttempt(id, now); // the request left, the process died before the answer was recorded
    await sender().drain();
    expect(store.get(id)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(sent('crash')).toEqual(['page']);
  });
});
