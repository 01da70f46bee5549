/**
 * Paging end to end: the real daemon probes a real nginx every second and pages through the real
 * @aws-sdk/client-sns into the fake SNS (test/fakes/sns-server.ts), which checks what SNS checks.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DaemonHandle, runCli, startDaemon } from '../helpers/cli.js';
import { countNginx, isNginx, NGINX_KEY, type PagingRig, startPagingRig } from '../helpers/paging.js';

const INTERVAL_MS = 1000;
const FAILURE_THRESHOLD = 3;
/** The bound: failure threshold x probe interval + 2 s. */
const PAGE_DEADLINE_MS = FAILURE_THRESHOLD * INTERVAL_MS + 2000;

describe('paging on-call through SNS (real nginx, real daemon, fake SNS)', () => {
  let rig: PagingRig;
  let daemon: DaemonHandle;
  const cli = (...args: string[]) => runCli([...args, ...rig.args], { env: rig.env });
  const json = async (...args: string[]) => {
    const result = await cli(...args, '--json');
    return JSON.parse(result.stdout);
  };
  const after = (at: number) => (l: Record<string, unknown>) => Date.parse(String(l.ts)) >= at;

  beforeAll(async () => {
    rig = await startPagingRig();
    daemon = startDaemon(rig.args, { env: rig.env });
    const on = await daemon.waitForLog((l) => String(l.msg).startsWith('sns-paging:'), 20_000);
    expect(on.msg).toBe('sns-paging: on');
    await daemon.waitForLog((l) => l.service === 'nginx' && l.to === 'up', 20_000);
  }, 120_000);

  afterAll(async () => {
    await daemon?.stop();
    await rig?.close();
  });

  it('pages exactly once within failureThreshold x interval + 2 s, then resolves once with the outage duration', async () => {
    const stoppedAt = Date.now();
    await rig.nginx.stop();
    const page = await rig.sns.waitForPublished(isNginx('page', stoppedAt), 15_000);
    expect(page.receivedAt - stoppedAt).toBeLessThanOrEqual(PAGE_DEADLINE_MS);
    expect(page.subject).toBe('ALARM: "nginx down on web-1" in eu-central-1');
    expect(page.attributes).toMatchObject({ severity: 'critical', dedup_key: NGINX_KEY, kind: 'page' });
    expect(JSON.parse(page.json?.https ?? '{}')).toMatchObject({
      AlarmName: NGINX_KEY,
      NewStateValue: 'ALARM',
      OldStateValue: 'OK',
    });
    expect(page.json?.email).toMatch(/Cause: +http: connect ECONNREFUSED/);

    const alerts = await json('alerts');
    expect(alerts.alerts.find((a: { key: string }) => a.key === NGINX_KEY)).toMatchObject({
      phase: 'firing',
      paged: true,
      severity: 'critical',
    });

    await sleep(2500); // more failed probes while firing: still one page
    await rig.nginx.start();
    const backAt = Date.now();
    const resolve = await rig.sns.waitForPublished(isNginx('resolve', stoppedAt), 15_000);
    expect(resolve.subject).toBe('OK: "nginx down on web-1" in eu-central-1');
    expect(JSON.parse(resolve.json?.https ?? '{}')).toMatchObject({
      AlarmName: NGINX_KEY,
      NewStateValue: 'OK',
      OldStateValue: 'ALARM',
    });
    const seconds = Number(/Downtime: +(\d+)s in total/.exec(resolve.json?.email ?? '')?.[1]);
    // Start and end are each known to one probe interval; the text rounds to the second.
    expect(Math.abs(seconds * 1000 - (backAt - stoppedAt))).toBeLessThanOrEqual(INTERVAL_MS + 1500);
    await sleep(2000);
    expect(countNginx(rig.sns, 'page', stoppedAt)).toBe(1);
    expect(countNginx(rig.sns, 'resolve', stoppedAt)).toBe(1);
  });

  it('shows the incident in hostwatch alerts and the outbox in hostwatch status', async () => {
    const alerts = await json('alerts');
    const kinds = alerts.history
      .filter((e: { key: string }) => e.key === NGINX_KEY)
      .map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['firing', 'page', 'ok', 'resolve']));
    expect(alerts.outbox).toMatchObject({ pending: 0, parked: 0 });
    const status = await json('status');
    expect(status.alerting).toMatchObject({ firing: 0, outbox: { pending: 0, parked: 0 } });
    expect(status.alerting.outbox.lastSentAt).toBeGreaterThan(0);
    const text = await cli('alerts');
    expect(text.stdout).toContain('Outbox:   0 queued, 0 parked');
  });

  it('with SNS failing during a second outage, its page and then its resolve arrive once each after SNS recovers', async () => {
    rig.sns.setFailure('InternalError');
    const stoppedAt = Date.now();
    await rig.nginx.stop();
    await daemon.waitForLog((l) => l.msg === 'SNS publish failed; retrying' && after(stoppedAt)(l), 15_000);
    await sleep(1000);
    await rig.nginx.start();
    await daemon.waitForLog((l) => l.msg === 'alert resolve' && after(stoppedAt)(l), 15_000);
    const queued = await json('status');
    expect(queued.alerting.outbox.pending).toBe(2);
    expect(countNginx(rig.sns, 'page', stoppedAt)).toBe(0);

    rig.sns.setFailure(null);
    const resolve = await rig.sns.waitForPublished(isNginx('resolve', stoppedAt), 70_000);
    const pages = rig.sns.published.filter(isNginx('page', stoppedAt));
    expect(pages).toHaveLength(1);
    expect(rig.sns.published.indexOf(pages[0]!)).toBeLessThan(rig.sns.published.indexOf(resolve));
    expect(pages[0]?.json?.email).toMatch(/DELAYED by \d+s: .* after \d+ failed attempts?/);
    await sleep(2000);
    expect(countNginx(rig.sns, 'page', stoppedAt)).toBe(1);
    expect(countNginx(rig.sns, 'resolve', stoppedAt)).toBe(1);
  });

  it('hostwatch page --test sends a labelled test page and its resolve, and fails when SNS refuses', async () => {
    const sentFrom = Date.now();
    const ok = await cli('page', '--test');
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('Test page: accepted by SNS');
    const test = rig.sns.published.filter(
      (p) => p.receivedAt >= sentFrom && p.attributes.dedup_key === 'web-1/hostwatch-test',
    );
    expect(test.map((p) => p.subject)).toEqual([
      'ALARM: "TEST page from hostwatch on web-1" in eu-central-1',
      'OK: "TEST page from hostwatch on web-1" in eu-central-1',
    ]);
    expect(test[0]?.json?.email).toContain('This is a TEST page');

    rig.sns.failNext('AuthorizationError');
    const refused = await cli('page', '--test');
    expect(refused.code).toBe(69);
    expect(refused.stdout).toContain('AuthorizationError');
    const alerts = await json('alerts');
    expect(alerts.outbox.parkedRows[0]).toMatchObject({ kind: 'test-page', errorCode: 'AuthorizationError' });
  });
});
