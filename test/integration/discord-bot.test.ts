/**
 * The real discord.js client, run by the `discord` component, against the fake Discord (REST + gateway) and a
 * seeded store: what the bot actually posts for mentions and DMs (slash commands: discord-slash.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { InquiryStore } from '../../agent/store/inquiries.js';
import { type Body, body, type Callback, EPHEMERAL, embedText } from '../fakes/discord/bodies.js';
import { callbackOf, type FakeDiscord, type RecordedRequest } from '../fakes/discord/index.js';
import { NOW } from '../helpers/bot-history.js';
import { type RunningBot, useBotOnFakeDiscord } from '../helpers/bot-runner.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let fake: FakeDiscord;
let bot: RunningBot;

useBotOnFakeDiscord((started) => ({ fake, bot } = started));

/** A new member for each question, so the per-user rate limit stays out of tests that are not about it. */
const someone = (roles: string[] = []) => fake.addMember(`user${fake.requests.length}`, roles);

/** Mentions the bot and returns the bot's reply to that message. */
async function askInChannel(text: string, user = someone()): Promise<Body> {
  const sent = fake.mention(user, text);
  const post = await fake.waitForRequest(
    (r) => r.method === 'POST' && (r.body as Body | undefined)?.message_reference?.message_id === sent.id,
  );
  return body(post);
}

describe('the bot on the fake Discord', () => {
  it('identifies with the minimal intents over JSON without compression and registers six guild commands', async () => {
    const [identify] = fake.gateway.identifies;
    expect(identify?.intents).toBe(1 | (1 << 9) | (1 << 12)); // Guilds, GuildMessages, DirectMessages
    expect(identify?.token).toBe(fake.token);
    expect(Object.fromEntries(identify?.query ?? [])).toEqual({ v: '10', encoding: 'json' });
    const put = await fake.ready();
    expect(put.route).toBe(`/applications/${fake.applicationId}/guilds/${fake.guildId}/commands`);
    const names = (put.body as Array<{ name: string }>).map((c) => c.name);
    expect(names).toEqual(['status', 'server', 'uptime', 'incidents', 'maintenance', 'report', 'help']);
    const uptime = (
      put.body as Array<{ name: string; options: Array<{ name: string; autocomplete?: boolean }> }>
    ).find((c) => c.name === 'uptime');
    expect(uptime?.options.map((o) => [o.name, o.autocomplete])).toEqual([
      ['service', true],
      ['period', true],
    ]);
  });

  it('"was there downtime yesterday?" -> an embed naming the host, with Discord timestamps, pinging nobody', async () => {
    const reply = await askInChannel('was there downtime yesterday?');
    expect(reply.allowed_mentions).toEqual({ parse: [], replied_user: false });
    const [embed] = reply.embeds ?? [];
    expect(embed?.author?.name).toBe('hostwatch · web-1');
    expect(embed?.title).toBe('Downtime yesterday');
    expect(embed?.description).toContain('**Yes**: 2 incidents yesterday, 12m down in total.');
    expect(embed?.description).toMatch(/<t:\d+:f> to <t:\d+:f>/);
    expect(embed?.fields?.map((f) => f.name)).toEqual(['nginx', 'nginx']);
    expect(embed?.fields?.[1]?.value).toContain('down 10m, recovered <t:');
  });

  it('"hello world" -> hello and a help line', async () => {
    const reply = await askInChannel('hello world');
    expect(reply.embeds).toEqual([]);
    expect(reply.content).toMatch(/^\*\*web-1\*\*: hello from \*\*web-1\*\*! Ask me, for example,/);
  });

  it('"Tell me about my server!" -> identity, CPU, memory, disks, network, load, uptime, services', async () => {
    const reply = await askInChannel('Tell me about my server!');
    const text = embedText(reply.embeds?.[0]);
    for (const expected of [
      'About web-1',
      'eu-central-1a',
      'i-0123456789abcdef0',
      't3.small',
      '10.0.1.23',
      '203.0.113.10',
      'CPU',
      'Memory',
      'Disks',
      '`/data`',
      'Network',
      '`eth0`',
      'Load',
      'Host uptime',
      '**nginx**: up since <t:',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it("answers the issue's other questions", async () => {
    const titles: Record<string, string> = {
      'any outages this week?': 'Downtime this week',
      'uptime last week': 'Uptime last week',
      'what is the uptime of tomcat this month?': 'Uptime of tomcat this month',
      'is nginx up?': 'Is nginx up? Yes',
      'when was the last outage?': 'Last outage',
      'any planned maintenance?': 'Planned maintenance',
      'when is the next maintenance?': 'Next maintenance',
      'what can you do?': 'What I can answer',
    };
    for (const [question, title] of Object.entries(titles)) {
      const reply = await askInChannel(question);
      expect(reply.embeds?.[0]?.title, question).toBe(title);
    }
  });

  it('neutralises markdown and mention injection in echoed text', async () => {
    const reply = await askInChannel('what about `x` **boom**\n# @everyone <@&123456789012345678> ?');
    const description = reply.embeds?.[0]?.description ?? '';
    expect(reply.allowed_mentions?.parse).toEqual([]);
    // One inline code span (nothing inside renders: no markdown, no mentions); its backticks cannot be closed early.
    expect(description).toContain(
      'I did not understand `what about ˋxˋ **boom** # @everyone <@&123456789012345678> ?`.',
    );
  });

  it('ignores other channels and plain text without a mention (no MessageContent)', async () => {
    const before = fake.requests.length;
    fake.mention(someone(), 'uptime this week', fake.otherChannelId);
    fake.say(someone(), 'uptime this week');
    await sleep(300);
    expect(fake.requests.slice(before).filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('DMs are off by default: a polite pointer to the channel', async () => {
    const sent = fake.dm(someone(), 'uptime this week');
    const post = await fake.waitForPost(sent.channelId);
    expect(body(post).content).toContain('I do not answer direct messages here.');
  });

  it('rate-limits a spammer: five answers, one polite reply, the rest dropped; all recorded', async () => {
    bot.clock.set(NOW + 3_600_000);
    const spammer = { id: '1234567890123456789', username: 'spammer' };
    const sent = Array.from({ length: 8 }, (_, i) => fake.mention(spammer, i % 2 ? 'uptime' : 'status'));
    await fake.waitForRequest(
      (r) => (r.body as Body | undefined)?.message_reference?.message_id === sent[5]?.id,
    );
    await sleep(300);
    const replies = fake.requests.filter((r) =>
      sent.some((s) => (r.body as Body | undefined)?.message_reference?.message_id === s.id),
    );
    expect(replies).toHaveLength(6);
    expect(body(replies[5] as RecordedRequest).content).toMatch(
      /you are asking faster than I can answer well \(5 questions per 1m\)\. Ask again <t:\d+:R>\./,
    );
    const store = new InquiryStore(bot.db);
    const hash = store.hashUser(spammer.id);
    expect(hash).not.toContain(spammer.id);
    const rows = store.between(NOW + 3_600_000, NOW + 3_600_001).filter((r) => r.userHash === hash);
    expect(rows.map((r) => r.outcome).sort()).toEqual([
      ...Array(5).fill('answered'),
      ...Array(3).fill('rate-limited'),
    ]);
    expect(
      rows.every(
        (r) => r.source === 'mention' && r.guildId === fake.guildId && r.channelId === fake.channelId,
      ),
    ).toBe(true);
    // Slash commands must always be answered: past the limit, an ephemeral note.
    const slash = fake.command(spammer, 'status');
    const limited = (await callbackOf(fake, slash.id)).body as Callback;
    expect(limited.data?.flags).toBe(EPHEMERAL);
    expect(limited.data?.content).toContain('you are asking faster than I can answer well');
    bot.clock.set(NOW);
  });
});
