/**
 * kill -9 at the two dangerous moments of a page, made deterministic by the fake SNS holding the request:
 * - after the outbox row is written, before SNS accepted it ('hold': SNS never gets it): resent, exactly once;
 * - after SNS accepted it, before the agent recorded that ('accept-and-hold'): resent, one duplicate.
 * Never zero pages; at most one duplicate; the resolve still arrives once.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../agent/store/db.js';
import type { FailureMode } from '../fakes/sns-server.js';
import { type DaemonHandle, startDaemon } from '../helpers/cli.js';
import { countNginx, isNginx, type PagingRig, startPagingRig } from '../helpers/paging.js';

function outboxRows(dbPath: string): Array<{ kind: string; status: string; attempts: number }> {
  const db = openDatabase(dbPath, { readonly: true });
  try {
    return db.prepare('SELECT kind, status, attempts FROM alert_outbox ORDER BY id').all() as Array<{
      kind: string;
      status: string;
      attempts: number;
    }>;
  } finally {
    db.close();
  }
}

describe('kill -9 while a page is in flight', () => {
  let rig: PagingRig;
  const daemons: DaemonHandle[] = [];
  const start = async () => {
    const daemon = startDaemon(rig.args, { env: rig.env });
    daemons.push(daemon);
    await daemon.waitForLog((l) => l.msg === 'sns-paging: on', 20_000);
    return daemon;
  };

  beforeEach(async () => {
    rig = await startPagingRig();
  });
  afterEach(async () => {
    await Promise.all(daemons.splice(0).map((d) => d.stop('SIGKILL')));
    await rig.close();
  });

  async function crashWhileSending(mode: FailureMode): Promise<number> {
    const first = await start();
    await first.waitForLog((l) => l.service === 'nginx' && l.to === 'up', 20_000);
    rig.sns.setFailure(mode);
    const stoppedAt = Date.now();
    await rig.nginx.stop();
    // The page request has reached SNS and is held there: the row is written and "being sent".
    await first.waitForLog((l) => l.msg === 'alert page', 15_000);
    for (let i = 0; i < 200 && rig.sns.heldCount() === 0; i++) await sleep(25);
    expect(rig.sns.heldCount()).toBe(1);
    first.proc.kill('SIGKILL');
    await first.exited;
    expect(outboxRows(`${rig.dataDir}/hostwatch.db`)).toEqual([
      { kind: 'page', status: 'pending', attempts: 1 },
    ]);

    rig.sns.setFailure(null);
    const second = await start();
    await rig.sns.waitForPublished(isNginx('page', stoppedAt), 15_000);
    // nginx is still down: the restarted agent confirms it again, and must not page a second time for it.
    await second.waitForLog((l) => l.service === 'nginx' && l.to === 'down', 15_000);
    await sleep(1500);
    await rig.nginx.start();
    await rig.sns.waitForPublished(isNginx('resolve', stoppedAt), 15_000);
    await sleep(1500);
    expect(countNginx(rig.sns, 'resolve', stoppedAt)).toBe(1);
    expect(outboxRows(`${rig.dataDir}/hostwatch.db`).map((r) => r.status)).toEqual(['sent', 'sent']);
    return countNginx(rig.sns, 'page', stoppedAt);
  }

  it('between "row written" and "sent": the page is sent after the restart, exactly once', async () => {
    expect(await crashWhileSending('hold')).toBe(1);
  });

  it('between "sent" and "marked sent": the page is sent again after the restart, one duplicate at most', async () => {
    const pages = await crashWhileSending('accept-and-hold');
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(2);
    expect(pages).toBe(2); // deterministic here: SNS had it, the agent could not know
  });
});
