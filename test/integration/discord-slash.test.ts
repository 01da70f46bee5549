/** Slash commands through the real discord.js client and the fake Discord: replies, deferred edits, autocomplete, roles. */
import { describe, expect, it } from 'vitest';
import { MaintenanceStore } from '../../agent/store/maintenance.js';
import { body, type Callback, EPHEMERAL, embedText } from '../fakes/discord/bodies.js';
import { callbackOf, editOf, type FakeDiscord } from '../fakes/discord/index.js';
import type { UploadedFile } from '../fakes/discord/rest.js';
import { MAINTENANCE, NOW } from '../helpers/bot-history.js';
import { type RunningBot, useBotOnFakeDiscord } from '../helpers/bot-runner.js';

let fake: FakeDiscord;
let bot: RunningBot;

useBotOnFakeDiscord((started) => ({ fake, bot } = started));

/** A new member for each command, so the per-user rate limit stays out of the way. */
const someone = (roles: string[] = []) => fake.addMember(`user${fake.requests.length}`, roles);

describe('slash commands', () => {
  it('/uptime service:nginx period:this week -> deferred, then the edited reply', async () => {
    bot.clock.set(NOW);
    const { id, token } = fake.command(someone(), 'uptime', { service: 'nginx', period: 'this week' });
    const callback = await callbackOf(fake, id);
    expect((callback.body as Callback).type).toBe(5);
    const edit = await editOf(fake, token);
    expect(edit.status).toBe(200);
    const [embed] = body(edit).embeds ?? [];
    expect(embed?.title).toBe('Uptime of nginx this week');
    expect(embed?.fields?.find((f) => f.name === 'Uptime')?.value).toBe('99\\.672%'); // "99.672%", escaped
    expect(body(edit).allowed_mentions).toEqual({ parse: [] });
  });

  it('elsewhere: a private note, in another channel or in a DM (DMs off)', async () => {
    const other = fake.command(someone(), 'status', {}, { channelId: fake.otherChannelId });
    const inOther = ((await callbackOf(fake, other.id)).body as Callback).data;
    expect(inOther?.flags).toBe(EPHEMERAL);
    expect(inOther?.content).toContain('I do not answer in this channel.');
    const dm = fake.command(someone(), 'uptime', {}, { dm: true });
    const inDm = ((await callbackOf(fake, dm.id)).body as Callback).data;
    expect(inDm?.flags).toBe(EPHEMERAL);
    expect(inDm?.content).toContain('I do not answer direct messages here.');
  });

  it('/status replies at once; /help is ephemeral', async () => {
    bot.clock.set(NOW);
    const status = fake.command(someone(), 'status');
    const reply = (await callbackOf(fake, status.id)).body as Callback;
    expect(reply.type).toBe(4);
    expect(reply.data?.embeds?.[0]?.title).toBe('Status of web-1');
    expect(reply.data?.embeds?.[0]?.description).toBe('All 3 services are up.');
    const help = ((await callbackOf(fake, fake.command(someone(), 'help').id)).body as Callback).data;
    expect(help?.flags).toBe(EPHEMERAL);
    expect(help?.embeds?.[0]?.title).toBe('What I can answer');
  });

  it('/incidents with an absurd period gets a clear refusal', async () => {
    const { id, token } = fake.command(someone(), 'incidents', { period: 'last 99999 years' });
    await callbackOf(fake, id);
    const edit = await editOf(fake, token);
    expect(body(edit).embeds?.[0]?.description).toContain(
      'I answer for periods of up to **400 days**; `last 99999 years` is longer.',
    );
  });

  it('autocompletes services and periods', async () => {
    const services = fake.command(fake.users.alice, 'uptime', { service: 'ng' }, { focused: 'service' });
    const choices = ((await callbackOf(fake, services.id)).body as Callback).data?.choices;
    expect((await callbackOf(fake, services.id)).body).toMatchObject({ type: 8 });
    expect(choices).toEqual([{ name: 'nginx', value: 'nginx' }]);
    const periods = fake.command(fake.users.alice, 'uptime', { period: '2026-W4' }, { focused: 'period' });
    const periodChoices = ((await callbackOf(fake, periods.id)).body as Callback).data?.choices ?? [];
    expect(periodChoices[0]).toEqual({
      name: '2026-W4: 2026-01-19 00:00 to 2026-01-26 00:00',
      value: '2026-W4',
    });
    const week = fake.command(fake.users.alice, 'incidents', { period: 'week' }, { focused: 'period' });
    expect(((await callbackOf(fake, week.id)).body as Callback).data?.choices?.map((c) => c.value)).toEqual([
      'week',
      'this week',
      'last week',
    ]);
  });

  it('/maintenance add: refused without the on-call role, stored with it, listed, then removed', async () => {
    bot.clock.set(NOW);
    const options = { start: '2026-11-20T02:00', duration: '1h', reason: 'kernel **patch** @everyone' };
    const denied = fake.command(someone(), 'maintenance', options, { subcommand: 'add' });
    const refusal = (await callbackOf(fake, denied.id)).body as Callback;
    expect(refusal.data?.flags).toBe(EPHEMERAL);
    expect(refusal.data?.embeds?.[0]?.description).toBe(
      'Only the on-call role can change maintenance. Ask the on-call engineer.',
    );

    const onCall = someone([fake.onCallRoleId]);
    const added = fake.command(
      onCall,
      'maintenance',
      { ...options, service: 'tomcat' },
      { subcommand: 'add' },
    );
    const confirmation = (await callbackOf(fake, added.id)).body as Callback;
    expect(confirmation.data?.flags).toBeUndefined();
    const windows = new MaintenanceStore(bot.db).overlapping(NOW, NOW + 7 * 86_400_000);
    const planned = windows.find((w) => w.from === Date.UTC(2026, 10, 20, 1, 0));
    expect(planned).toMatchObject({
      to: Date.UTC(2026, 10, 20, 2, 0),
      services: ['tomcat'],
      reason: 'kernel **patch** @everyone',
    });
    const text = embedText(confirmation.data?.embeds?.[0]);
    expect(text).toContain('kernel \\*\\*patch\\*\\* @\u200beveryone');
    expect(text).toContain(`\`${planned?.id}\``);

    const list = fake.command(someone(), 'maintenance', {}, { subcommand: 'list' });
    const listed = ((await callbackOf(fake, list.id)).body as Callback).data?.embeds?.[0];
    expect(listed?.fields?.map((f) => f.name)).toEqual([
      'kernel patch',
      'kernel \\*\\*patch\\*\\* @\u200beveryone',
    ]);

    const autocomplete = fake.command(
      onCall,
      'maintenance',
      { id: 'adhoc' },
      { subcommand: 'remove', focused: 'id' },
    );
    const ids = ((await callbackOf(fake, autocomplete.id)).body as Callback).data?.choices?.map(
      (c) => c.value,
    );
    expect(ids).toContain(planned?.id);

    const removed = fake.command(onCall, 'maintenance', { id: planned?.id ?? '' }, { subcommand: 'remove' });
    expect(((await callbackOf(fake, removed.id)).body as Callback).data?.embeds?.[0]?.title).toBe(
      'Maintenance cancelled',
    );
    expect(new MaintenanceStore(bot.db).overlapping(NOW, NOW + 7 * 86_400_000).map((w) => w.from)).toEqual([
      MAINTENANCE.start,
    ]);
  });

  it('/report week:2026-W46 -> the report embed with its chart attached as a PNG; weeks autocomplete', async () => {
    bot.clock.set(NOW);
    const { id, token } = fake.command(someone(), 'report', { week: '2026-W46' });
    expect(((await callbackOf(fake, id)).body as Callback).type).toBe(5);
    const edit = await editOf(fake, token);
    expect(edit.status).toBe(200);
    const sent = edit.body as ReturnType<typeof body> & { files: UploadedFile[] };
    const [embed] = sent.embeds ?? [];
    expect(embed?.title).toBe('Weekly uptime report 2026-W46');
    expect(embedText(embed)).toContain('1 of 3 services missed the 99.9% SLO: tomcat (99.702%).');
    const [file] = sent.files;
    expect(file?.name).toBe('uptime-web-1-2026-W46.png');
    expect(file?.data.subarray(1, 4).toString()).toBe('PNG');
    expect((embed as { image?: { url: string } }).image?.url).toBe(`attachment://${file?.name}`);

    const weeks = fake.command(fake.users.alice, 'report', { week: '2026-W4' }, { focused: 'week' });
    expect(((await callbackOf(fake, weeks.id)).body as Callback).data?.choices?.map((c) => c.value)).toEqual([
      '2026-W47',
      '2026-W46',
      '2026-W45',
      '2026-W44',
      '2026-W43',
      '2026-W42',
      '2026-W41',
      '2026-W40',
    ]);
  });

  it('never logs the token; nothing failed along the way', () => {
    expect(bot.rawLog()).not.toContain(fake.token);
    expect(bot.logs.filter((l) => l.level !== 'info')).toEqual([]);
    expect(fake.requests.filter((r) => r.status >= 400)).toEqual([]);
  });
});
