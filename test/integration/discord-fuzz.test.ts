/** Hundreds of hostile messages and commands through the fake gateway: the real client never falls over. */
import { describe, expect, it } from 'vitest';
import { callbackOf, type FakeDiscord } from '../fakes/discord/index.js';
import { type RunningBot, useBotOnFakeDiscord } from '../helpers/bot-runner.js';
import { hostileQuestion, random } from '../helpers/hostile-text.js';

let fake: FakeDiscord;
let bot: RunningBot;
useBotOnFakeDiscord((started) => ({ fake, bot } = started));

const replyTo = (id: string) => (r: { method: string; body: unknown }) =>
  r.method === 'POST' &&
  (r.body as { message_reference?: { message_id: string } } | undefined)?.message_reference?.message_id ===
    id;

describe('gateway fuzz', () => {
  it('answers 300 hostile mentions from 60 people (each within the rate limit)', async () => {
    const next = random(11);
    const people = Array.from({ length: 60 }, (_, i) => fake.addMember(`fuzzer${i}`));
    for (let round = 0; round < 5; round++) {
      const sent = people.map((person) => fake.mention(person, hostileQuestion(next)));
      await Promise.all(sent.map((message) => fake.waitForRequest(replyTo(message.id), 20_000)));
    }
    expect(bot.logs.filter((l) => l.level !== 'info')).toEqual([]);
  }, 120_000);

  it('answers 40 slash commands with hostile options', async () => {
    const next = random(12);
    const commands: Array<[string, string | undefined]> = [
      ['uptime', undefined],
      ['incidents', undefined],
      ['maintenance', 'next'],
      ['maintenance', 'add'],
    ];
    const sent = Array.from({ length: 40 }, (_, i) => {
      const [name, subcommand] = commands[i % commands.length] as [string, string | undefined];
      const text = () => hostileQuestion(next).slice(0, 100);
      const options: Record<string, string> =
        subcommand === 'add'
          ? { start: text(), duration: text(), reason: text(), service: text() }
          : { service: text(), ...(subcommand ? {} : { period: text() }) };
      return fake.command(
        fake.addMember(`slash${i}`, i % 8 === 3 ? [fake.onCallRoleId] : []),
        name,
        options,
        subcommand ? { subcommand } : {},
      );
    });
    const callbacks = await Promise.all(sent.map((command) => callbackOf(fake, command.id, 20_000)));
    expect(callbacks.every((c) => c.status === 204)).toBe(true);
    expect(bot.logs.filter((l) => l.level !== 'info')).toEqual([]);
  }, 60_000);

  it('a spammer sending 30 messages gets five answers and one polite reply; the bot still answers after', async () => {
    const spammer = fake.addMember('spammer');
    const sent = Array.from({ length: 30 }, (_, i) => fake.mention(spammer, `uptime ${i}`));
    await fake.waitForRequest(replyTo(sent[5]?.id ?? ''));
    await new Promise((resolve) => setTimeout(resolve, 500));
    const replies = sent.filter((message) => fake.requests.some(replyTo(message.id)));
    expect(replies).toHaveLength(6);
    const after = fake.mention(fake.addMember('calm'), 'is nginx up?');
    const answer = await fake.waitForRequest(replyTo(after.id));
    expect((answer.body as { embeds: Array<{ title: string }> }).embeds[0]?.title).toBe('Is nginx up? Yes');
  });
});
