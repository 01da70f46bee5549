/**
 * End to end: the built daemon with DISCORD_TOKEN (or the systemd credential) and discord.apiBase pointing at
 * the fake Discord; the CLI reads what the bot wrote. Build first (npm test does).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { callbackOf, editOf, startFakeDiscord } from '../fakes/discord/index.js';
import { cleanEnv, type DaemonHandle, runCli, startDaemon, tempDir } from '../helpers/cli.js';
import { freePort } from '../helpers/ports.js';

interface Embed {
  title?: string;
  author?: { name: string };
  description?: string;
  fields?: Array<{ name: string; value: string }>;
}
const cleanup: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function setup(
  options: { discord?: string[]; fake?: Parameters<typeof startFakeDiscord>[0]; credential?: boolean } = {},
) {
  const fake = await startFakeDiscord(options.fake);
  cleanup.push(() => fake.close());
  const dir = tempDir();
  const dataDir = join(dir, 'data');
  const config = join(dir, 'hostwatch.yaml');
  const closedPort = await freePort();
  writeFileSync(
    config,
    [
      'host: { name: web-e2e }',
      'metrics: { interval: 1s }',
      'services:',
      `  - { name: api, interval: 1s, timeout: 500ms, failureThreshold: 1, checks: [{ tcp: { host: 127.0.0.1, port: ${closedPort} } }] }`,
      'discord:',
      `  apiBase: ${fake.apiBase}`,
      `  guilds: ["${fake.guildId}"]`,
      `  channels: ["${fake.channelId}"]`,
      `  onCallRole: "${fake.onCallRoleId}"`,
      ...(options.discord ?? []).map((line) => `  ${line}`),
      '',
    ].join('\n'),
  );
  let env = cleanEnv({ DISCORD_TOKEN: fake.token });
  if (options.credential) {
    const credentials = join(dir, 'credentials');
    mkdirSync(credentials);
    writeFileSync(join(credentials, 'discord-token'), `${fake.token}\n`, { mode: 0o600 });
    env = cleanEnv({ CREDENTIALS_DIRECTORY: credentials });
  }
  const daemon = startDaemon(['--config', config, '--data-dir', dataDir], { env });
  cleanup.push(() => daemon.stop());
  const cli = (...args: string[]) =>
    runCli([...args, '--config', config, '--data-dir', dataDir], { env: cleanEnv() });
  return { fake, daemon, cli, dataDir };
}

const stdoutOf = (daemon: DaemonHandle) => JSON.stringify(daemon.logs);

describe('the daemon with the bot', () => {
  it('answers mentions and slash commands from its own history; the CLI sees what the bot did', async () => {
    const { fake, daemon, cli } = await setup();
    const on = await daemon.waitForLog((l) => l.msg === 'discord: on');
    expect(on.reason).toMatch(/^answering in 1 server, 1 channel\(s\), DMs off/);
    await fake.ready();
    await daemon.waitForLog((l) => l.service === 'api' && l.to === 'down');

    const asked = fake.mention(fake.users.alice, 'is api up?');
    const reply = await fake.waitForPost(fake.channelId);
    const embed = (reply.body as { embeds: Embed[]; message_reference: { message_id: string } }).embeds[0];
    expect((reply.body as { message_reference: { message_id: string } }).message_reference.message_id).toBe(
      asked.id,
    );
    expect(embed?.author?.name).toBe('hostwatch · web-e2e');
    expect(embed?.title).toBe('Is api up? No');

    fake.mention(fake.users.alice, 'Tell me about my server!');
    const server = (await fake.waitForPost(fake.channelId, 2)).body as { embeds: Embed[] };
    expect(server.embeds[0]?.fields?.[0]?.value).toMatch(/^Not on EC2 \(/);

    const uptime = fake.command(fake.users.alice, 'uptime', { service: 'api', period: 'today' });
    expect(((await callbackOf(fake, uptime.id)).body as { type: number }).type).toBe(5);
    const edited = (await editOf(fake, uptime.token)).body as { embeds: Embed[] };
    expect(edited.embeds[0]?.title).toBe('Uptime of api today');

    const add = fake.command(
      fake.users.oncall,
      'maintenance',
      { start: 'in 1h', duration: '30m', reason: 'e2e patch' },
      { subcommand: 'add' },
    );
    expect(
      ((await callbackOf(fake, add.id)).body as { data: { embeds: Embed[] } }).data.embeds[0]?.title,
    ).toBe('Maintenance planned');
    const listed = await cli('maintenance', 'list', '--json');
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout).windows.map((w: { name: string }) => w.name)).toEqual(['e2e patch']);

    const inquiries = await cli('inquiries', '--json');
    expect(inquiries.code).toBe(0);
    const summary = JSON.parse(inquiries.stdout);
    expect(summary).toMatchObject({ total: 4, answered: 4, people: 2 });
    expect(summary.perIntent.map((i: { intent: string }) => i.intent).sort()).toEqual([
      'maintenance-add',
      'server',
      'service-state',
      'uptime',
    ]);
    expect(summary.latencyMs.median).toBeGreaterThan(0);
    const text = await cli('inquiries');
    expect(text.stdout).toContain('4 asked by 2 people, 4 answered (100%)');

    const status = await cli('status', '--json');
    const model = JSON.parse(status.stdout);
    expect(model.discord).toMatchObject({ state: 'connected', user: 'hostwatch', guilds: 1 });
    expect(model.components.find((c: { name: string }) => c.name === 'discord')).toMatchObject({
      on: true,
      reason: expect.stringMatching(/^answering in 1 server/),
    });
    expect((await cli('status')).stdout).toMatch(/\nDiscord: {2}connected as hostwatch \(1 server\) since /);

    expect(stdoutOf(daemon)).not.toContain(fake.token);
  });

  it('reads the token from the systemd credential; a 4014 refusal leaves the agent sampling', async () => {
    const { fake, daemon, cli } = await setup({
      credential: true,
      discord: ['messageContent: true'],
      fake: { allowedPrivilegedIntents: 0 },
    });
    await daemon.waitForLog((l) => l.msg === 'discord: on');
    const refused = await daemon.waitForLog((l) => l.code === 4014);
    expect(refused).toMatchObject({ level: 'error', component: 'discord' });
    expect(fake.gateway.identifies[0]?.token).toBe(fake.token);
    const before = JSON.parse((await cli('status', '--json')).stdout).agent.stats.lastCycleAt as number;
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const after = JSON.parse((await cli('status', '--json')).stdout);
    expect(after.agent.running).toBe(true);
    expect(after.agent.stats.lastCycleAt).toBeGreaterThan(before);
    expect(after.discord).toMatchObject({
      state: 'refused',
      error: expect.stringContaining(
        'Discord refused the privileged MessageContent intent (gateway close 4014)',
      ),
    });
    expect(daemon.logs.filter((l) => l.code === 4014)).toHaveLength(1);
    expect(fake.gateway.identifies).toHaveLength(1);
    expect(stdoutOf(daemon)).not.toContain(fake.token);
  });

  it('without a token: discord off, with the reason', async () => {
    const dir = tempDir();
    const daemon = startDaemon(['--data-dir', join(dir, 'data')], { env: cleanEnv() });
    cleanup.push(() => daemon.stop());
    const off = await daemon.waitForLog((l) => l.msg === 'discord: off');
    expect(off.reason).toBe('no bot token: set DISCORD_TOKEN or the systemd credential "discord-token"');
    expect(daemon.logs.filter((l) => String(l.msg).startsWith('discord:'))).toHaveLength(1);
  });
});
