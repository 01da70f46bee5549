/**
 * How the bot takes what Discord does to it: a refused privileged intent (close 4014) before and after READY,
 * a rejected token, Discord unreachable at start; and the MessageContent and DM policies.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeDiscord, INTENT_MESSAGE_CONTENT, startFakeDiscord } from '../fakes/discord/index.js';
import { type RunningBot, startBot } from '../helpers/bot-runner.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const running: Array<{ stop(): Promise<void> } | { close(): Promise<void> }> = [];
afterEach(async () => {
  for (const item of running.splice(0).reverse()) await ('stop' in item ? item.stop() : item.close());
});

async function fakeDiscord(options: Parameters<typeof startFakeDiscord>[0] = {}): Promise<FakeDiscord> {
  const fake = await startFakeDiscord(options);
  running.push(fake);
  return fake;
}
async function bot(...args: Parameters<typeof startBot>): Promise<RunningBot> {
  const started = await startBot(...args);
  running.push(started);
  return started;
}

/** Generous: in CI these run beside Tomcat and other daemons starting up on two cores. */
async function until(condition: () => boolean, what: string, timeoutMs = 25_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

const errors = (b: RunningBot) => b.logs.filter((line) => line.level === 'error');

describe('gateway refusals', () => {
  it('4014 at IDENTIFY (MessageContent not allowed): one clear log line, no reconnect loop', async () => {
    const fake = await fakeDiscord({ allowedPrivilegedIntents: 0 });
    const b = await bot(fake, ['messageContent: true']);
    await until(() => errors(b).length > 0, 'the 4014 log line');
    await sleep(1500);
    expect(fake.gateway.closes).toEqual([4014]);
    expect(fake.gateway.identifies).toHaveLength(1);
    expect(fake.gateway.identifies[0]?.intents).toBe(1 | (1 << 9) | (1 << 12) | INTENT_MESSAGE_CONTENT);
    const [line] = errors(b);
    expect(errors(b)).toHaveLength(1);
    expect(line?.code).toBe(4014);
    expect(line?.msg).toMatch(
      /^Discord refused the privileged MessageContent intent \(gateway close 4014\): turn on "Message Content Intent"/,
    );
    expect(line?.msg).toContain('everything else keeps running');
    expect(b.logs.filter((l) => l.level === 'warn')).toEqual([]);
  });

  it('4014 on a running session: logged once, and the bot does not reconnect', async () => {
    const fake = await fakeDiscord();
    const b = await bot(fake);
    await fake.ready();
    fake.gateway.closeAll(4014, 'Disallowed intent(s)');
    await until(() => errors(b).length > 0, 'the 4014 log line');
    await sleep(1500);
    expect(errors(b)).toHaveLength(1);
    expect(errors(b)[0]?.code).toBe(4014);
    expect(fake.gateway.identifies).toHaveLength(1);
  });

  it('a rejected token: one line naming what to check, never the token, no retry', async () => {
    const fake = await fakeDiscord();
    const wrong = 'wrong-token.0123456789abcdef';
    const b = await bot(fake, [], { token: wrong });
    await until(() => errors(b).length > 0, 'the token log line');
    await sleep(500);
    expect(errors(b).map((l) => l.msg)).toEqual([
      'Discord rejected the bot token: check DISCORD_TOKEN or the credential "discord-token"; the bot stays offline until the agent is reloaded (systemctl reload hostwatch), everything else keeps running',
    ]);
    expect(fake.requests.filter((r) => r.route === '/gateway/bot')).toHaveLength(1);
    expect(b.rawLog()).not.toContain(wrong);
  });

  it('Discord unreachable at start: retried in the background until it answers', async () => {
    const fake = await fakeDiscord();
    await fake.pause();
    const b = await bot(fake);
    await until(() => b.logs.some((l) => l.level === 'warn'), 'the retry warning');
    expect(b.logs.find((l) => l.level === 'warn')?.msg).toMatch(
      /^cannot connect to Discord \(.*\); retrying in 5s$/,
    );
    await fake.resume();
    await fake.ready(25_000);
    expect(errors(b)).toEqual([]);
  }, 60_000);
});

describe('policies', () => {
  it('with MessageContent: plain channel questions are answered, chatter is not', async () => {
    const fake = await fakeDiscord();
    const b = await bot(fake, ['messageContent: true']);
    await fake.ready();
    expect(fake.gateway.identifies[0]?.intents).toBe(1 | (1 << 9) | (1 << 12) | INTENT_MESSAGE_CONTENT);
    fake.say(fake.users.alice, 'lunch anyone?');
    fake.say(fake.users.alice, 'hello everyone');
    fake.say(fake.users.alice, 'was there downtime yesterday?');
    const post = await fake.waitForPost(fake.channelId);
    expect((post.body as { embeds: Array<{ title: string }> }).embeds[0]?.title).toBe('Downtime yesterday');
    await sleep(300);
    expect(fake.posts(fake.channelId)).toHaveLength(1);
    expect(b.logs.filter((l) => l.level !== 'info')).toEqual([]);
  });

  it('with allowDMs: members get answers, strangers a polite no (one membership lookup each)', async () => {
    const fake = await fakeDiscord();
    await bot(fake, ['allowDMs: true']);
    await fake.ready();
    const member = fake.dm(fake.users.alice, 'uptime this week');
    const answer = await fake.waitForPost(member.channelId);
    expect((answer.body as { embeds: Array<{ title: string }> }).embeds[0]?.title).toBe('Uptime this week');
    const stranger = fake.dm(fake.users.stranger, 'uptime this week');
    const refusal = await fake.waitForPost(stranger.channelId);
    expect((refusal.body as { content: string }).content).toContain(
      'I answer direct messages only from members of the servers I work for.',
    );
    fake.dm(fake.users.stranger, 'status');
    await fake.waitForPost(stranger.channelId, 2);
    const lookups = fake.requests.filter((r) => r.route.startsWith(`/guilds/${fake.guildId}/members/`));
    expect(lookups.map((r) => [r.route.split('/').pop(), r.status])).toEqual([
      [fake.users.alice.id, 200],
      [fake.users.stranger.id, 404],
    ]);
  });
});
