import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { abortDetail, type Check, type CheckOutcome, errorMessage } from './types.js';

export interface SystemdCheckSpec {
  /** nginx.service, tomcat10.service; a name without a suffix means .service, as systemctl reads it. */
  unit: string;
}

export type ExecFileFn = (
  file: string,
  args: readonly string[],
  options: { timeout: number; signal: AbortSignal },
) => Promise<{ stdout: string; stderr: string }>;

export interface SystemdCheckDeps {
  exec?: ExecFileFn;
  /** systemctl gets this long even if the service timeout is longer; a wedged D-Bus must not hang probes. */
  execTimeoutMs?: number;
}

const execFileAsync = promisify(execFile);
const defaultExec: ExecFileFn = (file, args, options) =>
  execFileAsync(file, [...args], { ...options, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });

const UNIT_NAME = /^[A-Za-z0-9:_.@\\][A-Za-z0-9:_.@\\-]*$/;
const NO_SYSTEMD = /not been booted with systemd|Failed to connect to bus|Failed to get D-Bus connection/i;

/**
 * Reads the unit's state with `systemctl show` (key=value output, so the order of properties does not matter).
 * Only the service manager's own verdict counts: if systemctl cannot answer, the outcome is unknown, never failed.
 */
export function createSystemdCheck(spec: SystemdCheckSpec, deps: SystemdCheckDeps = {}): Check {
  if (!UNIT_NAME.test(spec.unit)) throw new Error(`systemd check: "${spec.unit}" is not a valid unit name`);
  const exec = deps.exec ?? defaultExec;
  const execTimeoutMs = deps.execTimeoutMs ?? 5000;
  const args = ['show', spec.unit, '--property=LoadState,ActiveState,SubState,Result'];
  return {
    kind: 'systemd',
    target: spec.unit,
    async run(signal) {
      try {
        const { stdout } = await exec('systemctl', args, { timeout: execTimeoutMs, signal });
        return judgeUnitState(spec.unit, parseShowOutput(stdout));
      } catch (error) {
        return describeExecFailure(error, signal, execTimeoutMs);
      }
    },
  };
}

export interface UnitState {
  LoadState?: string;
  ActiveState?: string;
  SubState?: string;
  Result?: string;
}

/** Parses `systemctl show` output (Key=Value per line). */
export function parseShowOutput(stdout: string): UnitState {
  const state: Record<string, string> = {};
  for (const line of stdout.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) state[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return state;
}

/** Maps a unit's state to an outcome. Pure. */
export function judgeUnitState(unit: string, state: UnitState): CheckOutcome {
  const sub = state.SubState ? ` (${state.SubState})` : '';
  if (state.LoadState === 'not-found') return { ok: false, detail: `unit ${unit} not found` };
  switch (state.ActiveState) {
    case 'active':
      return { ok: true, detail: `unit active${sub}` };
    case 'reloading':
      // Still serving while it re-reads its config.
      return { ok: true, detail: `unit reloading${sub}` };
    case 'failed':
      return { ok: false, detail: `unit failed${state.Result ? ` (result: ${state.Result})` : ''}` };
    case 'inactive':
      return { ok: false, detail: `unit inactive${sub}` };
    case 'activating':
      // Either a normal start (the thresholds absorb it) or a crash loop (SubState auto-restart): not serving.
      return { ok: false, detail: `unit activating${sub}` };
    case 'deactivating':
      return { ok: false, detail: `unit deactivating${sub}` };
    default:
      return { ok: false, unknown: true, detail: `systemctl reported no usable ActiveState for ${unit}` };
  }
}

function describeExecFailure(error: unknown, signal: AbortSignal, execTimeoutMs: number): CheckOutcome {
  const failure = error as NodeJS.ErrnoException & { stderr?: string; stdout?: string; killed?: boolean };
  if (signal.aborted) return { ok: false, unknown: true, detail: abortDetail(signal) };
  if (failure.code === 'ENOENT') {
    return {
      ok: false,
      unknown: true,
      detail: 'systemctl not found: systemd checks need a host run by systemd',
    };
  }
  const output = `${failure.stderr ?? ''}\n${failure.stdout ?? ''}`.trim();
  if (NO_SYSTEMD.test(output)) {
    return { ok: false, unknown: true, detail: 'systemd is not running on this host (PID 1 is not systemd)' };
  }
  if (failure.killed)
    return { ok: false, unknown: true, detail: `systemctl timed out after ${execTimeoutMs}ms` };
  const firstLine = output.split('\n')[0] || errorMessage(error);
  return { ok: false, unknown: true, detail: `systemctl failed: ${firstLine}` };
}
