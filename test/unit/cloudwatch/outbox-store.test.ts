import { afterEach, describe, expect, it } from 'vitest';
import {
  CloudwatchOutbox,
  rawSamplesBetween,
  seriesSeenSince,
} from '../../../agent/store/cloudwatch-outbox.js';
import type { Db } from '../../../agent/store/db.js';
import { SampleWriter } from '../../../agent/store/samples.js';
import { countDatum, freshStore, HOST_DIMENSIONS } from '../../helpers/cloudwatch.js';

const T0 = Date.UTC(2026, 10, 23, 10, 0, 0);
const stores: Db[] = [];
afterEach(() => {
  for (const db of stores.splice(0)) db.close();
});
const datum = countDatum;

describe('outbox store', () => {
  it('keeps one row per series and bucket, hands out the oldest first and tracks each state', () => {
    const db = freshStore();
    stores.push(db);
    const outbox = new CloudwatchOutbox(db);
    expect(outbox.insert([datum('b', T0 + 60_000), datum('a', T0), datum('a', T0)], T0)).toBe(2);
    expect(outbox.insert([datum('a', T0)], T0)).toBe(0);
    const pending = outbox.pending(10, T0 + 60_000);
    expect(pending.map((d) => [d.metric, d.ts])).toEqual([
      ['a', T0],
      ['b', T0 + 60_000],
    ]);
    expect(pending[0]?.dimensions).toEqual(HOST_DIMENSIONS);
    expect(outbox.pending(10, T0).map((d) => d.metric)).toEqual(['a']);
    outbox.markSent([pending[0]?.id as number], T0 + 1000);
    outbox.markRejected([pending[1]?.id as number], T0 + 1000, 'InvalidParameterValue: no');
    outbox.markSent([pending[1]?.id as number], T0 + 2000); // already rejected: stays rejected
    outbox.insert([datum('c', T0 - 14 * 86_400_000)], T0);
    expect(outbox.expireBefore(T0 - 13.5 * 86_400_000, T0)).toBe(1);
    expect(outbox.counts()).toEqual({ pending: 0, oldestPendingTs: null, rejected: 1, expired: 1, sent: 1 });
    expect(outbox.rejected(5)[0]).toMatchObject({ metric: 'b', error: 'InvalidParameterValue: no' });
  });

  it('prunes sent rows after their keep time and kept rows after the local retention, within a budget', () => {
    const db = freshStore();
    stores.push(db);
    const outbox = new CloudwatchOutbox(db);
    outbox.insert([datum('a', T0), datum('b', T0), datum('c', T0 - 100 * 86_400_000)], T0);
    const id = (metric: string) => outbox.pending(10, T0 + 1).find((d) => d.metric === metric)?.id as number;
    outbox.markRejected([id('c')], T0, 'bad');
    outbox.markSent([id('a'), id('b')], T0);
    expect(outbox.prune(T0 - 1, T0 - 90 * 86_400_000, 10)).toBe(1); // only the old rejected one
    expect(outbox.prune(T0 + 1, T0 - 90 * 86_400_000, 1)).toBe(1); // budget
    expect(outbox.counts().sent).toBe(1);
  });

  it('reads raw samples by time across series, and the series seen recently', () => {
    const db = freshStore();
    stores.push(db);
    new SampleWriter(db).write([
      { metric: 'cpu_usage_active', value: 1, unit: 'Percent', at: T0 },
      { metric: 'disk_used_percent', labels: { path: '/' }, value: 2, unit: 'Percent', at: T0 + 30_000 },
      { metric: 'cpu_usage_active', value: 3, unit: 'Percent', at: T0 + 60_000 },
    ]);
    expect(
      rawSamplesBetween(db, T0, T0 + 60_000)
        .map((r) => r.value)
        .sort(),
    ).toEqual([1, 2]);
    expect(seriesSeenSince(db, T0).map((s) => s.metric)).toEqual(['cpu_usage_active', 'disk_used_percent']);
    expect(seriesSeenSince(db, T0 + 60_000).map((s) => s.metric)).toEqual(['cpu_usage_active']);
  });
});
