/**
 * The systemd packaging: the example config is valid, the unit passes systemd's own checks with a
 * low exposure score, and install.sh installs into a staging root without touching an edited config.
 * The tools (systemd-analyze, shellcheck) are required, not optional: a missing one fails the test
 * with the package to install.
 */
import { execFile } from 'node:child_process';
import {
  accessSync,
  constants,
  existsSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { CLI, cleanEnv, runCli, tempDir } from '../helpers/cli.js';
import { CONFIG_CONTRACT_KEYS } from '../helpers/config-contract.js';

const SYSTEMD_DIR = join(import.meta.dirname, '../../systemd');
const UNIT = join(SYSTEMD_DIR, 'hostwatch.service');
const EXAMPLE = join(SYSTEMD_DIR, 'hostwatch.example.yaml');
const INSTALL = join(SYSTEMD_DIR, 'install.sh');
/** `systemd-analyze security` calls up to 3.9 "OK"; we hold the unit well below that. */
const EXPOSURE_TARGET = 2.0;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(file: string, args: string[], env: NodeJS.ProcessEnv = cleanEnv()): Promise<Run> {
  return new Promise((resolve) => {
    execFile(file, args, { env, timeout: 110_000, maxBuffer: 10 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

function requireTool(name: string, apt: string): string {
  for (const dir of [...(process.env.PATH ?? '').split(delimiter), '/usr/bin', '/bin', '/usr/sbin']) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {}
  }
  throw new Error(`${name} is not installed: apt-get install -y ${apt}`);
}

/** The unit in a temp dir, ExecStart pointing at this node: `verify` insists the binary exists. */
function unitCopy(edit: (text: string) => string = (text) => text): string {
  const path = join(tempDir('hostwatch-unit-'), 'hostwatch.service');
  const text = readFileSync(UNIT, 'utf8').replace(
    /^ExecStart=\/usr\/bin\/node /m,
    `ExecStart=${process.execPath} `,
  );
  writeFileSync(path, edit(text));
  return path;
}

/** `Key=value` settings of the unit; repeated keys keep every value. */
function unitSettings(text: string): Map<string, string[]> {
  const settings = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    const match = /^([A-Za-z]+)=(.*)$/.exec(line);
    if (match)
      settings.set(match[1] as string, [...(settings.get(match[1] as string) ?? []), match[2] as string]);
  }
  return settings;
}

describe('hostwatch.example.yaml', () => {
  it('passes check-config with the built CLI', async () => {
    const result = await runCli(['check-config', '--json', '--config', EXAMPLE]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      valid: true,
      source: EXAMPLE,
      dataDir: '/var/lib/hostwatch',
      problems: [],
    });
  });

  it('is caught by check-config when a key is misspelled (the check above can fail)', async () => {
    const broken = join(tempDir(), 'hostwatch.yaml');
    writeFileSync(broken, readFileSync(EXAMPLE, 'utf8').replace('failureThreshold: 3', 'failureTreshold: 3'));
    const result = await runCli(['check-config', '--json', '--config', broken]);
    expect(result.code).toBe(78);
    expect(JSON.parse(result.stdout).problems.join('\n')).toMatch(/services\[0\].*failureTreshold/);
  });

  it('covers every key of the config contract and points editors at the JSON Schema', () => {
    const text = readFileSync(EXAMPLE, 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=./hostwatch.schema.json');
    expect(existsSync(join(SYSTEMD_DIR, 'hostwatch.schema.json'))).toBe(true);
    const config = parseYaml(text);
    expect(Object.keys(config)).toEqual(expect.arrayContaining([...CONFIG_CONTRACT_KEYS]));
    const services = config.services as Array<Record<string, unknown>>;
    expect(services.map((s) => s.name)).toEqual(['nginx', 'tomcat', 'admin-site']);
    const checkKinds = services.flatMap((s) =>
      ((s.checks as object[] | undefined) ?? []).flatMap((c) => Object.keys(c)),
    );
    expect(new Set(checkKinds)).toEqual(new Set(['http', 'tcp', 'systemd', 'process']));
    expect(services.some((s) => s.preset)).toBe(true);
    const windows = config.maintenance as Array<Record<string, unknown>>;
    expect(windows.some((w) => w.cron) && windows.some((w) => w.start)).toBe(true);
    expect(config.alerting.sns.topicArn).toMatch(/^arn:aws:sns:/);
    expect(config.discord.report.channel).toMatch(/^\d+$/);
  });
});

describe('hostwatch.service', () => {
  it('has the settings the agent relies on, and not the ones that break it', () => {
    const settings = unitSettings(readFileSync(UNIT, 'utf8'));
    const one = (key: string) => settings.get(key)?.join(' ');
    expect(one('Type')).toBe('simple');
    expect(one('ExecStart')).toBe('/usr/bin/node /opt/hostwatch/dist/agent/cli.js run');
    expect(one('ExecReload')).toBe('/bin/kill -HUP $MAINPID');
    expect(one('Restart')).toBe('on-failure');
    expect(one('RestartPreventExitStatus')).toBe('78');
    expect(one('StateDirectory')).toBe('hostwatch');
    expect(one('ConfigurationDirectory')).toBe('hostwatch');
    expect(one('LoadCredential')).toMatch(/^discord-token:/);
    expect(one('CapabilityBoundingSet')).toBe('');
    expect(one('RestrictAddressFamilies')).toBe('AF_UNIX AF_INET AF_INET6 AF_NETLINK');
    expect(one('MemoryMax')).toBeDefined();
    // V8 JITs into writable+executable pages; the process probe reads other users' /proc/PID.
    expect(settings.has('MemoryDenyWriteExecute')).toBe(false);
    expect(settings.has('ProcSubset')).toBe(false);
    expect(settings.get('ProtectProc') ?? []).not.toContain('invisible');
  });

  it('passes systemd-analyze verify, which reports a broken copy', async () => {
    const analyze = requireTool('systemd-analyze', 'systemd');
    const good = await run(analyze, ['verify', unitCopy()]);
    const complaints = (out: string) => out.split('\n').filter((line) => line.includes('hostwatch.service'));
    expect(complaints(good.stderr)).toEqual([]);
    expect(good.code).toBe(0);

    const broken = await run(analyze, [
      'verify',
      unitCopy((text) => text.replace('Restart=on-failure', 'Restart=sometimes')),
    ]);
    expect(complaints(broken.stderr).join('\n')).toMatch(/restart specifier.*sometimes/);
  });

  it(`scores an exposure of at most ${EXPOSURE_TARGET} in systemd-analyze security`, async () => {
    const analyze = requireTool('systemd-analyze', 'systemd');
    const result = await run(analyze, ['security', '--offline=true', '--no-pager', unitCopy()]);
    const match = /Overall exposure level for hostwatch\.service: (\d+(?:\.\d+)?)/.exec(result.stdout);
    expect(match, result.stdout + result.stderr).not.toBeNull();
    expect(Number(match?.[1])).toBeLessThanOrEqual(EXPOSURE_TARGET);
  });
});

describe('install.sh', () => {
  // Each staging root holds a copy of the production node_modules (about 90 MB).
  const roots: string[] = [];
  const stagingRoot = () => {
    const root = tempDir('hostwatch-root-');
    roots.push(root);
    return root;
  };
  afterAll(() => {
    for (const root of roots) rmSync(root, { recursive: true, force: true });
  });

  const install = (root: string) =>
    run('bash', [INSTALL, '--root', root, '--skip-build', '--no-systemctl', '--node', process.execPath], {
      ...cleanEnv(),
      PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`,
    });

  it('passes shellcheck', async () => {
    const shellcheck = requireTool('shellcheck', 'shellcheck');
    const result = await run(shellcheck, [INSTALL]);
    expect(result.stdout).toBe('');
    expect(result.code).toBe(0);
  });

  it('installs into a staging root, and a second run keeps an edited config', async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: npm run build first`);
    const root = stagingRoot();
    const first = await install(root);
    expect(first.stderr).not.toMatch(/install\.sh:/);
    expect(first.code).toBe(0);

    const app = join(root, 'opt/hostwatch');
    expect(existsSync(join(app, 'dist/agent/cli.js'))).toBe(true);
    expect(existsSync(join(app, 'node_modules/better-sqlite3'))).toBe(true);
    expect(existsSync(join(app, 'node_modules/typescript'))).toBe(false); // production dependencies only
    expect(readdirSync(join(root, 'opt'))).toEqual(['hostwatch']); // no staging leftovers

    const config = join(root, 'etc/hostwatch/hostwatch.yaml');
    expect(readFileSync(config, 'utf8')).toBe(readFileSync(EXAMPLE, 'utf8'));
    expect(existsSync(join(root, 'etc/hostwatch/hostwatch.schema.json'))).toBe(true);
    const unit = readFileSync(join(root, 'etc/systemd/system/hostwatch.service'), 'utf8');
    expect(unit).toContain(`\nExecStart=${process.execPath} /opt/hostwatch/dist/agent/cli.js run\n`);
    const wrapper = join(root, 'usr/local/bin/hostwatch');
    expect(readFileSync(wrapper, 'utf8')).toContain(
      `exec ${process.execPath} /opt/hostwatch/dist/agent/cli.js "$@"`,
    );
    expect(statSync(wrapper).mode & 0o111).toBe(0o111);

    // The pruned copy runs on its own.
    const installed = await run(process.execPath, [
      join(app, 'dist/agent/cli.js'),
      'check-config',
      '--config',
      config,
    ]);
    expect(installed.stderr).toBe('');
    expect(installed.code).toBe(0);

    const edited = `${readFileSync(config, 'utf8').replace('level: info', 'level: debug')}# edited on the host\n`;
    writeFileSync(config, edited);
    const second = await install(root);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('keeping the existing /etc/hostwatch/hostwatch.yaml');
    expect(readFileSync(config, 'utf8')).toBe(edited);
    expect(readdirSync(join(root, 'opt'))).toEqual(['hostwatch']);
  }, 120_000);

  it('refuses an invalid config with exit 78 and leaves the installed code alone', async () => {
    const root = stagingRoot();
    expect((await install(root)).code).toBe(0);
    const marker = join(root, 'opt/hostwatch/installed-before');
    writeFileSync(marker, '');
    const config = join(root, 'etc/hostwatch/hostwatch.yaml');
    writeFileSync(config, 'metrics:\n  interval: often\n');

    const result = await install(root);
    expect(result.code).toBe(78);
    expect(result.stderr).toMatch(/metrics\.interval/);
    expect(result.stderr).toContain('nothing was replaced');
    expect(existsSync(marker)).toBe(true);
    expect(readdirSync(join(root, 'opt'))).toEqual(['hostwatch']);
  }, 120_000);
});
