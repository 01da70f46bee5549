/**
 * The evaluator over a real SQLite store: events in, states/history/outbox rows out, in one transaction.
 * Events are the daemon's event objects; time is a manual clock.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConfigInput } from '../../../agent/config/schema.js';
import { configSchema } from '../../../agent/config/schema.js';
import type { ProbeEvent } from '../../../agent/daemon/events.js';
import { silentLogger } from '../../../agent/log.js';
import { AlertOutboxStore } from '../../../agent/store/alert-outbox.js';
import { AlertStateStore } from '../../../agent/store/alerts.js';
import { type Db, openDatabase } from '../../../agent/store/db.js';
import { MaintenanceStore } from '../../../agent/store/maintenance.js';
import { SampleWriter } from '../../../agent/store/samples.js';
import { StateIntervalStore } from '../../../agent/store/state-intervals.js';
import type { ServiceState } from '../../../agent/uptime/types.js';
import { AlertEvaluator } from '../../../alerting/evaluator.js';
import type { Notification } from '../../../alerting/notification.js';
import { rulesFromConfig } from '../../../alerting/rules.js';

const CRITICAL = 'arn:aws:sns:eu-central-1:123456789012:oncall';
const WARNING = 'arn:aws:sns:eu-central-1:123456789012:oncall-warnings';
const T0 = Date.parse('2026-11-23T10:00:00Z');
const S = 1000;
const MIN = 60 * S;

describe('alert evaluator', () => {
  let dir: string;
  let db: Db;
  let now: number;
  const clock = { now: () => now };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hostwatch-eval-'));
    db = openDatabase(join(dir, 'hostwatch.db'));
    now = T0;
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function evaluator(input: ConfigInput = {}, warningTopic = false) {
    const config = configSchema.parse({
      host: { name: 'web-1' },
      services: [{ name: 'nginx', preset: 'nginx', interval: '1s', timeout: '800ms' }],
      alerting: { sns: { topicArn: CRITICAL, ...(warningTopic ? { warningTopicArn: WARNING } : {}) } },
      ...input,
    });
    return new AlertEvaluator({
      db,
      clock,
      logger: silentLogger,
      config,
      host: { name: 'web-1', instanceId: 'i-0123', region: 'eu-central-1' },
      rules: rulesFromConfig(config),
      topics: { critical: CRITICAL, ...(warningTopic ? { warning: WARNING } : {}) },
    });
  }

  const outbox = () => new AlertOutboxStore(db).list({ limit: 100 }).reverse();
  const notes = () => outbox().map((row) => JSON.parse(row.payload) as Notification);
  const probe = (state: ServiceState, since: number, failed = state === 'down'): ProbeEvent => ({
    service: 'nginx',
    at: now,
    state,
    since,
    observation: {
      status: failed ? 'failed' : 'ok',
      detail: failed ? 'http: connect ECONNREFUSED 127.0.0.1:8080' : 'http: HTTP 200',
      checks: [],
      latencyMs: 1,
    },
  });

  it('pages on the probe that confirms down, resolves with the outage duration, and survives a restart in FIRING', () => {
    let e = evaluator();
    e.handleProbe(probe('up', T0 - MIN));
    now += 3 * S;
    e.handleProbe(probe('down', T0 + S));
    expect(notes().map((n) => n.kind)).toEqual(['page']);
    const page = notes()[0] as Notification;
    expect(page).toMatchObject({
      dedupKey: 'web-1/service-down/nginx',
      title: 'nginx down on web-1',
      startedAt: T0 + S,
      cause: 'http: connect ECONNREFUSED 127.0.0.1:8080',
    });
    expect(outbox()[0]).toMatchObject({ topicArn: CRITICAL, severity: 'critical', kind: 'page' });

    // Restart: a fresh evaluator over the same store, more failing probes, then recovery.
    e = evaluator();
    for (let i = 0; i < 5; i++) {
      now += S;
      e.handleProbe(probe('down', T0 + S));
    }
    now += 2 * S;
    e.handleProbe(probe('up', now - S));
    expect(notes().map((n) => n.kind)).toEqual(['page', 'resolve']);
    const resolve = notes()[1] as Notification;
    expect(resolve.endedAt! - resolve.startedAt).toBe(now - S - (T0 + S));
    const history = new AlertStateStore(db)
      .events({ limit: 10 })
      .map((ev) => ev.kind)
      .reverse();
    expect(history).toEqual(['firing', 'page', 'ok', 'resolve']);
  });

  it('silences during an ad hoc maintenance window, keeps evaluating, and pages when the window ends', () => {
    new MaintenanceStore(db).add({
      start: T0,
      end: T0 + 10 * MIN,
      services: ['nginx'],
      reason: 'upgrade',
      createdAt: T0,
    });
    const e = evaluator();
    now += MIN;
    e.handleProbe(probe('down', now - 3 * S));
    e.evaluate(now);
    expect(outbox()).toEqual([]);
    expect(new AlertStateStore(db).all()[0]?.state).toMatchObject({
      phase: 'firing',
      deferred: true,
      silenced: true,
    });
    now = T0 + 10 * MIN + 1;
    e.evaluate(now);
    expect(notes().map((n) => [n.kind, n.afterMaintenance])).toEqual([['page', true]]);
  });

  it('resource rules: cpu above 90 for 5 minutes is a warning, published only to the warning topic', () => {
    const e = evaluator({}, true);
    for (let t = 0; t <= 5 * MIN; t += 10 * S) {
      now = T0 + t;
      e.handleCycle({
        at: now,
        samples: [{ metric: 'cpu_usage_active', value: 97, unit: 'Percent', at: now }],
      });
    }
    expect(outbox().map((r) => [r.kind, r.topicArn, r.dedupKey])).toEqual([
      ['page', WARNING, 'web-1/cpu-high'],
    ]);

    const quiet = evaluator(); // no warning topic: recorded, not published
    quiet.handleCycle({
      at: now,
      samples: [
        { metric: 'disk_used_percent', labels: { path: '/data' }, value: 95, unit: 'Percent', at: now },
      ],
    });
    expect(outbox()).toHaveLength(1);
    expect(
      new AlertStateStore(db)
        .events({ limit: 5 })
        .some((ev) => ev.kind === 'not-published' && ev.key === 'web-1/disk-full/path=/data'),
    ).toBe(true);
  });

  it('certificate expiry comes from probe observations', () => {
    const e = evaluator({
      alerting: {
        sns: { topicArn: CRITICAL },
        rules: [
          {
            name: 'cert-expiry',
            metric: 'probe_cert_days_left',
            op: '<',
            threshold: 14,
            severity: 'critical',
          },
        ],
      },
    });
    e.handleProbe({
      ...probe('up', T0),
      observation: { status: 'ok', detail: 'https ok', checks: [], certDaysLeft: 6 },
    });
    expect(notes().map((n) => [n.kind, n.dedupKey, n.cause])).toEqual([
      [
        'page',
        'web-1/cert-expiry/service=nginx',
        'probe_cert_days_left (service=nginx) is 6, threshold < 14',
      ],
    ]);
  });

  it('disk predicted full within 24 h pages once the trend held for 10 minutes', () => {
    const writer = new SampleWriter(db);
    const e = evaluator();
    for (let t = -6 * 60; t <= 15; t += 1) {
      now = T0 + t * MIN;
      writer.write([
        {
          metric: 'disk_used_percent',
          labels: { path: '/', device: '/dev/root', fstype: 'ext4' },
          value: 70 + (t + 360) * (2 / 60),
          unit: 'Percent',
          at: now,
        },
      ]);
      if (t >= 0) e.evaluate(now);
    }
    const page = notes().find((n) => n.rule === 'disk-full-soon');
    expect(page?.kind).toBe('page');
    expect(page?.at).toBe(T0 + 10 * MIN);
    expect(page?.cause).toMatch(/reaches 100 in about 8\.8h \(now 82\.3\)/);
  });

  it('the SLO burn rate does not page again for an outage service-down already paged', () => {
    const intervals = new StateIntervalStore(db);
    intervals.insertClosed({ service: 'nginx', state: 'up', from: T0 - 2 * 3_600_000, to: T0 });
    intervals.observe('nginx', 'down', T0 + 5 * MIN, 'ECONNREFUSED', T0);
    const e = evaluator();
    now = T0 + 5 * MIN;
    e.handleProbe(probe('down', T0));
    e.evaluate(now);
    intervals.observe('nginx', 'up', T0 + 6 * MIN, null, T0 + 6 * MIN);
    now = T0 + 6 * MIN;
    e.handleProbe(probe('up', now));
    for (let t = 7; t < 40; t++) {
      now = T0 + t * MIN;
      intervals.observe('nginx', 'up', now, null);
      e.evaluate(now);
    }
    expect(notes().map((n) => `${n.rule}:${n.kind}`)).toEqual(['service-down:page', 'service-down:resolve']);
    const burn = new AlertStateStore(db)
      .events({ limit: 100 })
      .filter((ev) => ev.rule === 'slo-burn')
      .map((ev) => ev.kind);
    expect(burn).toContain('covered');
  });

  it('the SLO burn rate pages for a slow burn the down threshold never sees (degraded for hours)', () => {
    const intervals = new StateIntervalStore(db);
    intervals.insertClosed({
      service: 'nginx',
      state: 'up',
      from: T0 - 24 * 3_600_000,
      to: T0 - 6 * 3_600_000,
    });
    intervals.observe('nginx', 'degraded', T0, 'slow', T0 - 6 * 3_600_000);
    const e = evaluator({ uptime: { degradedWeight: 1 } });
    now = T0;
    e.evaluate(now);
    expect(notes().map((n) => `${n.rule}:${n.kind}`)).toEqual(['slo-burn:page']);
    expect(notes()[0]?.title).toBe('nginx burning its error budget on web-1');
  });

  it('retires an alert whose service left the config, resolving its open incident', () => {
    const e = evaluator();
    e.handleProbe(probe('down', T0));
    expect(notes().map((n) => n.kind)).toEqual(['page']);
    evaluator({ services: [] });
    expect(notes().map((n) => n.kind)).toEqual(['page', 'resolve']);
    expect(new AlertStateStore(db).all().some((a) => a.key === 'web-1/service-down/nginx')).toBe(false);
  });
});
