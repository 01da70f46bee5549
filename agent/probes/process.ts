import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { abortDetail, type Check, errorMessage } from './types.js';

export interface ProcessCheckSpec {
  /** A substring of the command line, or /regex/flags. */
  match: string;
}

export interface ProcessCheckDeps {
  procRoot?: string;
  /** Our own pid is never a match (our argv may well contain the pattern). */
  selfPid?: number;
}

/** How many /proc entries are read at once: enough to be quick, few enough to spare file descriptors. */
const READ_BATCH = 64;

/** Compiles a `match` string: "/re/flags" is a regular expression, anything else a plain substring. */
export function compileProcessMatcher(match: string): (commandLine: string) => boolean {
  const regex = /^\/(.+)\/([a-z]*)$/s.exec(match);
  if (regex) {
    let compiled: RegExp;
    try {
      compiled = new RegExp(regex[1] as string, regex[2]);
    } catch (error) {
      throw new Error(`process check: invalid regular expression ${match}: ${errorMessage(error)}`);
    }
    return (commandLine) => compiled.test(commandLine);
  }
  if (match === '') throw new Error('process check: match must not be empty');
  return (commandLine) => commandLine.includes(match);
}

/** /proc/<pid>/cmdline is NUL-separated; processes that rewrite argv (nginx) may pad with NULs or spaces. */
export function commandLineFromProc(cmdline: string): string {
  return cmdline.replace(/\0+$/, '').replaceAll('\0', ' ').trim();
}

/** Passes while at least one process's command line (or, for an empty one, its comm) matches. */
export function createProcessCheck(spec: ProcessCheckSpec, deps: ProcessCheckDeps = {}): Check {
  const matches = compileProcessMatcher(spec.match);
  const procRoot = deps.procRoot ?? '/proc';
  const selfPid = deps.selfPid ?? process.pid;
  return {
    kind: 'process',
    target: spec.match,
    async run(signal) {
      let pids: number[];
      try {
        pids = (await readdir(procRoot)).filter((name) => /^\d+$/.test(name)).map(Number);
      } catch (error) {
        return {
          ok: false,
          unknown: true,
          detail: `cannot list processes in ${procRoot}: ${errorMessage(error)}`,
        };
      }
      const found: number[] = [];
      for (let i = 0; i < pids.length; i += READ_BATCH) {
        if (signal.aborted) return { ok: false, detail: abortDetail(signal) };
        const batch = pids.slice(i, i + READ_BATCH).filter((pid) => pid !== selfPid);
        const lines = await Promise.all(batch.map((pid) => readCommandLine(procRoot, pid)));
        lines.forEach((line, index) => {
          if (line !== undefined && matches(line)) found.push(batch[index] as number);
        });
      }
      if (found.length === 0) return { ok: false, detail: `no process matches "${spec.match}"` };
      const noun = found.length === 1 ? 'process' : 'processes';
      return {
        ok: true,
        detail: `${found.length} ${noun} match "${spec.match}" (pid ${found.slice(0, 5).join(', ')})`,
      };
    },
  };
}

/** undefined when the process vanished between readdir and read, which is normal. */
async function readCommandLine(procRoot: string, pid: number): Promise<string | undefined> {
  try {
    const cmdline = commandLineFromProc(await readFile(path.join(procRoot, String(pid), 'cmdline'), 'utf8'));
    if (cmdline !== '') return cmdline;
    return (await readFile(path.join(procRoot, String(pid), 'comm'), 'utf8')).trim();
  } catch {
    return undefined;
  }
}
