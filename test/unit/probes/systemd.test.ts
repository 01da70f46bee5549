import { describe, expect, it } from 'vitest';
import {
  createSystemdCheck,
  type ExecFileFn,
  judgeUnitState,
  parseShowOutput,
} from '../../../agent/probes/systemd.js';

/** Stands in for systemctl: answers with the given stdout, or rejects like execFile does. */
function exec(
  answer: string | Partial<NodeJS.ErrnoException & { stderr: string; killed: boolean }>,
): ExecFileFn & {
  calls: unknown[][];
} {
  const calls: unknown[][] = [];
  const fn = async (file: string, args: readonly string[], options: { timeout: number }) => {
    calls.push([file, args, options.timeout]);
    if (typeof answer === 'string') return { stdout: answer, stderr: '' };
    throw Object.assign(new Error(answer.message ?? 'Command failed'), answer);
  };
  return Object.assign(fn, { calls });
}
const run = (fn: ExecFileFn, unit = 'nginx.service') =>
  createSystemdCheck({ unit }, { exec: fn, execTimeoutMs: 1234 }).run(new AbortController().signal);

describe('parseShowOutput', () => {
  it('reads key=value lines in any order', () => {
    expect(
      parseShowOutput('Result=success\nActiveState=active\nSubState=running\nLoadState=loaded\n'),
    ).toEqual({
      Result: 'success',
      ActiveState: 'active',
      SubState: 'running',
      LoadState: 'loaded',
    });
  });
});

describe('judgeUnitState', () => {
  it.each([
    [
      { LoadState: 'loaded', ActiveState: 'active', SubState: 'running' },
      { ok: true, detail: 'unit active (running)' },
    ],
    [
      { ActiveState: 'reloading', SubState: 'reload' },
      { ok: true, detail: 'unit reloading (reload)' },
    ],
    [
      { ActiveState: 'failed', SubState: 'failed', Result: 'exit-code' },
      { ok: false, detail: 'unit failed (result: exit-code)' },
    ],
    [
      { ActiveState: 'inactive', SubState: 'dead' },
      { ok: false, detail: 'unit inactive (dead)' },
    ],
    [
      { ActiveState: 'activating', SubState: 'auto-restart' },
      { ok: false, detail: 'unit activating (auto-restart)' },
    ],
    [
      { ActiveState: 'deactivating', SubState: 'stop-sigterm' },
      { ok: false, detail: 'unit deactivating (stop-sigterm)' },
    ],
    [
      { LoadState: 'not-found', ActiveState: 'inactive' },
      { ok: false, detail: 'unit nginx.service not found' },
    ],
    [{}, { ok: false, unknown: true, detail: 'systemctl reported no usable ActiveState for nginx.service' }],
  ])('%j -> %j', (state, outcome) => {
    expect(judgeUnitState('nginx.service', state)).toEqual(outcome);
  });
});

describe('createSystemdCheck', () => {
  it('asks systemctl show for the unit with a timeout', async () => {
    const fake = exec('ActiveState=active\nSubState=running\nResult=success\nLoadState=loaded\n');
    expect(await run(fake)).toEqual({ ok: true, detail: 'unit active (running)' });
    expect(fake.calls).toEqual([
      ['systemctl', ['show', 'nginx.service', '--property=LoadState,ActiveState,SubState,Result'], 1234],
    ]);
  });

  it('is unknown when systemctl is not installed', async () => {
    expect(await run(exec({ code: 'ENOENT', message: 'spawn systemctl ENOENT' }))).toEqual({
      ok: false,
      unknown: true,
      detail: 'systemctl not found: systemd checks need a host run by systemd',
    });
  });

  it('is unknown when PID 1 is not systemd (what systemctl prints in containers)', async () => {
    const stderr =
      "System has not been booted with systemd as init system (PID 1). Can't operate.\nFailed to connect to bus: Host is down\n";
    expect(await run(exec({ code: 1 as unknown as string, stderr }))).toEqual({
      ok: false,
      unknown: true,
      detail: 'systemd is not running on this host (PID 1 is not systemd)',
    });
  });

  it('is unknown when systemctl hangs past its timeout or fails otherwise', async () => {
    expect(await run(exec({ killed: true, stderr: '' }))).toEqual({
      ok: false,
      unknown: true,
      detail: 'systemctl timed out after 1234ms',
    });
    expect(await run(exec({ stderr: 'Access denied\n' }))).toEqual({
      ok: false,
      unknown: true,
      detail: 'systemctl failed: Access denied',
    });
  });

  it('rejects unit names that could be read as options', () => {
    expect(() => createSystemdCheck({ unit: '--all' })).toThrow('"--all" is not a valid unit name');
    expect(() => createSystemdCheck({ unit: 'nginx service' })).toThrow();
    expect(createSystemdCheck({ unit: 'getty@tty1.service' }).target).toBe('getty@tty1.service');
  });
});
