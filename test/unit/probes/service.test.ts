import { describe, expect, it } from 'vitest';
import { type CheckResult, combineCheckResults, runServiceChecks } from '../../../agent/probes/service.js';
import type { Check, CheckKind, CheckOutcome } from '../../../agent/probes/types.js';

const result = (kind: CheckKind, outcome: CheckOutcome): CheckResult => ({
  kind,
  target: `${kind}-target`,
  outcome,
});
const ok = (detail: string, extra: Partial<CheckOutcome> = {}): CheckOutcome => ({
  ok: true,
  detail,
  ...extra,
});
const failed = (detail: string): CheckOutcome => ({ ok: false, detail });
const unknown = (detail: string): CheckOutcome => ({ ok: false, unknown: true, detail });

/** A check that answers after `delayMs`, honouring the abort signal unless told not to. */
function fakeCheck(kind: CheckKind, outcome: CheckOutcome | Error, delayMs = 0, honoursAbort = true): Check {
  return {
    kind,
    target: `${kind}-target`,
    run: (signal) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => (outcome instanceof Error ? reject(outcome) : resolve(outcome)),
          delayMs,
        );
        if (honoursAbort) {
          signal.addEventListener('abort', () => {
            clearTimeout(timer);
            resolve({ ok: false, detail: `aborted: ${(signal.reason as Error).message}` });
          });
        }
      }),
  };
}

describe('combineCheckResults', () => {
  it('is ok when all pass, with the max latency, min cert days and every detail', () => {
    const observation = combineCheckResults([
      result('http', ok('HTTP 200 in 12ms', { latencyMs: 12, certDaysLeft: 40 })),
      result('tcp', ok('connected in 3ms', { latencyMs: 3 })),
      result('http', ok('HTTP 200 in 5ms', { latencyMs: 5, certDaysLeft: 9 })),
    ]);
    expect(observation).toMatchObject({
      status: 'ok',
      latencyMs: 12,
      certDaysLeft: 9,
      detail: 'http: HTTP 200 in 12ms; tcp: connected in 3ms; http: HTTP 200 in 5ms',
    });
  });

  it('fails with the first failing check, prefixed by its kind', () => {
    const observation = combineCheckResults([
      result('http', ok('HTTP 200 in 1ms', { latencyMs: 1 })),
      result('systemd', failed('unit failed (result: exit-code)')),
      result('process', failed('no process matches "nginx"')),
    ]);
    expect(observation).toMatchObject({
      status: 'failed',
      detail: 'systemd: unit failed (result: exit-code)',
      latencyMs: 1,
    });
  });

  it('ignores unknown checks next to passing ones, and is unknown when nothing could run', () => {
    const mixed = combineCheckResults([
      result('systemd', unknown('no systemd')),
      result('process', ok('1 process')),
    ]);
    expect(mixed).toMatchObject({ status: 'ok', detail: 'process: 1 process' });
    const none = combineCheckResults([result('systemd', unknown('no systemd'))]);
    expect(none).toMatchObject({ status: 'unknown', detail: 'systemd: no systemd' });
    expect(combineCheckResults([])).toMatchObject({ status: 'unknown', detail: 'no checks configured' });
  });

  it('a failure wins over unknown', () => {
    const observation = combineCheckResults([
      result('systemd', unknown('no systemd')),
      result('tcp', failed('refused')),
    ]);
    expect(observation).toMatchObject({ status: 'failed', detail: 'tcp: refused' });
  });

  it('is slow when passing but the slowest check exceeds degradedLatencyMs', () => {
    const results = [
      result('tcp', ok('connected in 3ms', { latencyMs: 3 })),
      result('http', ok('HTTP 200 in 1500ms', { latencyMs: 1500 })),
    ];
    expect(combineCheckResults(results, 1000)).toMatchObject({
      status: 'slow',
      latencyMs: 1500,
      detail: 'http: HTTP 200 in 1500ms (slower than 1000ms)',
    });
    expect(combineCheckResults(results, 1500).status).toBe('ok');
    expect(combineCheckResults(results).status).toBe('ok');
  });
});

describe('runServiceChecks', () => {
  it('runs checks concurrently and combines them', async () => {
    const started: string[] = [];
    const check = (name: string): Check => ({
      kind: 'tcp',
      target: name,
      run: async () => {
        started.push(name);
        await new Promise((r) => setTimeout(r, 20));
        return { ok: true, detail: name, latencyMs: 20 };
      },
    });
    const promise = runServiceChecks([check('a'), check('b'), check('c')], 5000);
    expect(started).toEqual(['a', 'b', 'c']);
    expect(await promise).toMatchObject({ status: 'ok', detail: 'tcp: a; tcp: b; tcp: c' });
  });

  it('aborts every check after the timeout with the timeout as reason', async () => {
    const observation = await runServiceChecks(
      [fakeCheck('http', ok('late'), 60_000), fakeCheck('tcp', ok('quick'), 0)],
      50,
    );
    expect(observation).toMatchObject({ status: 'failed', detail: 'http: aborted: timed out after 50ms' });
    expect(observation.checks[1]?.outcome.detail).toBe('quick');
  });

  it('gives up on a check that ignores the abort signal after the grace period', async () => {
    const stubborn = fakeCheck('process', ok('never'), 60_000, false);
    const observation = await runServiceChecks([stubborn], 30, { abandonAfterMs: 30 });
    expect(observation).toMatchObject({
      status: 'failed',
      detail: 'process: timed out after 30ms (check did not stop)',
    });
  });

  it('counts a check that throws as failed', async () => {
    const observation = await runServiceChecks([fakeCheck('http', new Error('boom'))], 1000);
    expect(observation).toMatchObject({ status: 'failed', detail: 'http: check crashed: boom' });
  });

  it('is unknown, not failed, when the agent aborts it (shutdown)', async () => {
    const shutdown = new AbortController();
    const promise = runServiceChecks([fakeCheck('http', ok('late'), 60_000)], 60_000, {
      signal: shutdown.signal,
    });
    shutdown.abort(new Error('agent stopping'));
    expect(await promise).toMatchObject({ status: 'unknown', detail: 'checks interrupted: agent stopping' });
    const already = await runServiceChecks([fakeCheck('tcp', ok('x'), 60_000)], 60_000, {
      signal: shutdown.signal,
    });
    expect(already).toEqual({ status: 'unknown', detail: 'checks not run: agent stopping', checks: [] });
  });
});
