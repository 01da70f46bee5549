import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  commandLineFromProc,
  compileProcessMatcher,
  createProcessCheck,
} from '../../../agent/probes/process.js';

let procRoot = '';

/** A miniature /proc with the shapes seen on real hosts. */
beforeAll(async () => {
  procRoot = await mkdtemp(path.join(tmpdir(), 'hostwatch-proc-'));
  const processes: Record<string, { cmdline: string; comm: string }> = {
    // nginx rewrites argv and pads it with NULs.
    '812': {
      cmdline: 'nginx: master process /usr/sbin/nginx -g daemon on; master_process on;\0\0\0',
      comm: 'nginx',
    },
    '813': { cmdline: 'nginx: worker process\0\0\0\0', comm: 'nginx' },
    '900': {
      cmdline:
        '/usr/bin/java\0-Xmx128m\0-Dcatalina.base=/var/lib/tomcat10\0org.apache.catalina.startup.Bootstrap\0start\0',
      comm: 'java',
    },
    // Kernel threads have an empty cmdline.
    '2': { cmdline: '', comm: 'kthreadd' },
    // Our own process mentions the pattern in its argv.
    '4242': { cmdline: 'node\0hostwatch\0--match\0nginx: master process\0', comm: 'node' },
  };
  for (const [pid, files] of Object.entries(processes)) {
    await mkdir(path.join(procRoot, pid));
    await writeFile(path.join(procRoot, pid, 'cmdline'), files.cmdline);
    await writeFile(path.join(procRoot, pid, 'comm'), `${files.comm}\n`);
  }
  // Not processes, and a process that vanished (directory without files).
  await mkdir(path.join(procRoot, 'sys'));
  await writeFile(path.join(procRoot, 'uptime'), '1 2');
  await mkdir(path.join(procRoot, '777'));
});

afterAll(async () => {
  await rm(procRoot, { recursive: true, force: true });
});

const run = (match: string) =>
  createProcessCheck({ match }, { procRoot, selfPid: 4242 }).run(new AbortController().signal);

describe('process check', () => {
  it('finds the nginx master by substring, not its workers, never itself', async () => {
    expect(await run('nginx: master process')).toEqual({
      ok: true,
      detail: '1 process match "nginx: master process" (pid 812)',
    });
  });

  it('finds Tomcat by its main class', async () => {
    expect(await run('org.apache.catalina.startup.Bootstrap')).toMatchObject({
      ok: true,
      detail: expect.stringContaining('(pid 900)'),
    });
  });

  it('takes /regex/flags and falls back to comm for empty command lines', async () => {
    expect(await run('/^nginx: (master|worker)/')).toMatchObject({
      ok: true,
      detail: expect.stringMatching(/^2 processes .*\(pid (812, 813|813, 812)\)$/),
    });
    expect(await run('/^KTHREADD$/i')).toMatchObject({
      ok: true,
      detail: expect.stringContaining('(pid 2)'),
    });
  });

  it('fails when nothing matches', async () => {
    expect(await run('redis-server')).toEqual({ ok: false, detail: 'no process matches "redis-server"' });
  });

  it('is unknown when the proc root cannot be read', async () => {
    const check = createProcessCheck({ match: 'x' }, { procRoot: path.join(procRoot, 'missing') });
    expect(await check.run(new AbortController().signal)).toMatchObject({ ok: false, unknown: true });
  });

  it('rejects an empty match and a broken regex', () => {
    expect(() => compileProcessMatcher('')).toThrow('must not be empty');
    expect(() => compileProcessMatcher('/(unclosed/')).toThrow('invalid regular expression /(unclosed/');
  });

  it('turns NUL separators into spaces and drops padding', () => {
    expect(commandLineFromProc('a\0b c\0d\0\0\0')).toBe('a b c d');
  });
});
