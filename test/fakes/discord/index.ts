/**
 * A local fake Discord on 127.0.0.1 and one random port: REST under /api/v10 and the gateway WebSocket on
 * the same port. Point the real discord.js Client at it with `rest: { api: fake.apiBase }` (hostwatch:
 * discord.apiBase); it finds the gateway through GET /gateway/bot like it does on Discord.
 *
 *   const fake = await startFakeDiscord();
 *   ...start the bot with token fake.token...
 *   await fake.ready();                                   // slash commands registered: the bot is up
 *   const sent = fake.mention(fake.users.alice, 'was there downtime yesterday?');
 *   const post = await fake.waitForPost(fake.channelId);  // what the bot posted
 *   await fake.close();
 *
 * Facts this fake shares with the real Discord (checked against discord.js 14 / @discordjs/ws 1):
 * - The client connects with ?v=10&encoding=json and no compression when zlib-sync is absent.
 * - A MESSAGE_CREATE for a channel not cached via GUILD_CREATE is dropped; DMs need `channel_type: 1`
 *   and the client's Partials.Channel.
 * - INTERACTION_CREATE needs `entitlements` and `authorizing_integration_owners`.
 * - Closing with 4014 (disallowed intents) or 4004 (authentication failed) ends the session for good.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeGateway, INTENT_MESSAGE_CONTENT } from './gateway.js';
import {
  type FakeGuild,
  type FakeUser,
  type InteractionInput,
  interactionCreate,
  messageCreate,
  type OptionValue,
  snowflake,
} from './payloads.js';
import { createRestHandler, type RecordedRequest } from './rest.js';

export { INTENT_MESSAGE_CONTENT } from './gateway.js';
export type { RecordedRequest } from './rest.js';

export interface FakeDiscordOptions {
  token?: string;
  /** Privileged intents the application may use; default: MessageContent allowed. */
  allowedPrivilegedIntents?: number;
  /** Listen on this port (default: any free one). */
  port?: number;
}

export interface FakeDiscord {
  apiBase: string;
  token: string;
  bot: FakeUser;
  applicationId: string;
  guildId: string;
  /** The channel the bot is configured to answer in. */
  channelId: string;
  /** Another channel of the same guild (not configured). */
  otherChannelId: string;
  onCallRoleId: string;
  users: { alice: FakeUser; oncall: FakeUser; stranger: FakeUser };
  /** A new guild member (with these role ids); members get DM answers when allowDMs is on. */
  addMember(username: string, roles?: string[]): FakeUser;
  gateway: FakeGateway;
  requests: RecordedRequest[];
  /** Resolves when the bot has registered its slash commands (it is READY and set up). */
  ready(timeoutMs?: number): Promise<RecordedRequest>;
  /** A guild message mentioning the bot; returns the sent message payload. */
  mention(user: FakeUser, text: string, channelId?: string): { id: string; at: number };
  /** A guild message without a mention. */
  say(user: FakeUser, text: string, channelId?: string): { id: string; at: number };
  /** A direct message to the bot. */
  dm(user: FakeUser, text: string): { id: string; at: number; channelId: string };
  /** A slash command (or its autocomplete with `focused`); returns the interaction id. */
  command(
    user: FakeUser,
    name: string,
    options?: Record<string, OptionValue>,
    extra?: { subcommand?: string; focused?: string; channelId?: string; dm?: boolean },
  ): { id: string; token: string; at: number };
  /** The next request matching `predicate` (already recorded ones count). */
  waitForRequest(
    predicate: (request: RecordedRequest) => boolean,
    timeoutMs?: number,
  ): Promise<RecordedRequest>;
  /** Messages the bot posted to a channel, in order. */
  posts(channelId: string): RecordedRequest[];
  waitForPost(channelId: string, count?: number, timeoutMs?: number): Promise<RecordedRequest>;
  /** The next channel-message posts fail with these statuses, in order (403 Missing Permissions, 500, ...). */
  failPosts(...statuses: number[]): void;
  /** Stops accepting connections (Discord unreachable); `resume` listens on the same port again. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  close(): Promise<void>;
}

export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const token = options.token ?? 'fake-bot-token.abcdefghijklmnop';
  const bot: FakeUser = { id: snowflake(), username: 'hostwatch', bot: true };
  const applicationId = bot.id;
  const users = {
    alice: { id: snowflake(), username: 'alice' },
    oncall: { id: snowflake(), username: 'oncall' },
    stranger: { id: snowflake(), username: 'stranger' },
  };
  const guildId = snowflake();
  const channelId = snowflake();
  const otherChannelId = snowflake();
  const onCallRoleId = snowflake();
  const guild: FakeGuild = {
    id: guildId,
    name: 'Acme ops',
    channels: [
      { id: channelId, name: 'ops' },
      { id: otherChannelId, name: 'random' },
    ],
    roles: [{ id: onCallRoleId, name: 'on-call' }],
    members: [
      { user: users.alice, roles: [] },
      { user: users.oncall, roles: [onCallRoleId] },
    ],
  };
  const requests: RecordedRequest[] = [];
  const waiters = new Set<() => void>();
  let server: Server | undefined;
  const url = () => `ws://127.0.0.1:${(server?.address() as AddressInfo).port}`;
  const state = {
    token,
    bot,
    applicationId,
    guilds: [guild],
    dmChannels: new Set<string>(),
    postFailures: [] as number[],
    gatewayUrl: url,
    url,
    allowedPrivilegedIntents: options.allowedPrivilegedIntents ?? INTENT_MESSAGE_CONTENT,
  };
  const gateway = new FakeGateway(state);
  const rest = createRestHandler(state, (request) => {
    requests.push(request);
    for (const wake of [...waiters]) wake();
  });
  server = createServer((request, response) => void rest(request, response));
  server.on('upgrade', (request, socket, head) => {
    gateway.server.handleUpgrade(request, socket, head, (ws) =>
      gateway.server.emit('connection', ws, request),
    );
  });
  await new Promise<void>((resolve) => server?.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  const waitForRequest: FakeDiscord['waitForRequest'] = (predicate, timeoutMs = 10_000) =>
    new Promise((resolve, reject) => {
      const check = () => {
        const found = requests.find(predicate);
        if (!found) return false;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        const seen = requests.slice(-5).map((r) => `${r.method} ${r.route} ${r.status}`);
        reject(
          new Error(`fake Discord: no matching request within ${timeoutMs}ms; last: ${seen.join(', ')}`),
        );
      }, timeoutMs);
      if (!check()) waiters.add(check);
    });

  const isPost = (channel: string) => (request: RecordedRequest) =>
    request.method === 'POST' && request.route === `/channels/${channel}/messages`;
  const posts = (channel: string) => requests.filter(isPost(channel));

  const sendMessage = (user: FakeUser, text: string, channel: string, mention: boolean) => {
    const data = messageCreate({
      author: user,
      content: mention ? `<@${bot.id}> ${text}` : text,
      channelId: channel,
      guildId,
      ...(mention ? { mentions: [bot] } : {}),
      roles: guild.members.find((m) => m.user.id === user.id)?.roles ?? [],
    });
    const at = performance.now();
    gateway.dispatch('MESSAGE_CREATE', data);
    return { id: data.id, at };
  };

  return {
    apiBase: `http://127.0.0.1:${port}/api`,
    token,
    bot,
    applicationId,
    guildId,
    channelId,
    otherChannelId,
    onCallRoleId,
    users,
    addMember: (username, roles = []) => {
      const user = { id: snowflake(), username };
      guild.members.push({ user, roles });
      return user;
    },
    gateway,
    requests,
    ready: (timeoutMs = 15_000) =>
      waitForRequest(
        (r) => r.method === 'PUT' && r.route.endsWith('/commands') && r.status === 200,
        timeoutMs,
      ),
    mention: (user, text, channel = channelId) => sendMessage(user, text, channel, true),
    say: (user, text, channel = channelId) => sendMessage(user, text, channel, false),
    dm: (user, text) => {
      const dmChannel = `9${user.id.slice(1)}`;
      state.dmChannels.add(dmChannel);
      const data = messageCreate({ author: user, content: text, channelId: dmChannel });
      const at = performance.now();
      gateway.dispatch('MESSAGE_CREATE', data);
      return { id: data.id, at, channelId: dmChannel };
    },
    command: (user, name, commandOptions = {}, extra = {}) => {
      const input: InteractionInput = {
        user,
        command: { id: snowflake(), name },
        options: commandOptions,
        channelId: extra.dm ? `9${user.id.slice(1)}` : (extra.channelId ?? channelId),
        applicationId,
        ...(extra.dm
          ? {}
          : { guildId, roles: guild.members.find((m) => m.user.id === user.id)?.roles ?? [] }),
        ...(extra.subcommand ? { subcommand: extra.subcommand } : {}),
        ...(extra.focused ? { focused: extra.focused } : {}),
      };
      const data = interactionCreate(input);
      const at = performance.now();
      gateway.dispatch('INTERACTION_CREATE', data);
      return { id: data.id, token: data.token, at };
    },
    waitForRequest,
    posts,
    failPosts: (...statuses) => {
      state.postFailures.push(...statuses);
    },
    waitForPost: (channel, count = 1, timeoutMs = 10_000) =>
      waitForRequest((r) => isPost(channel)(r) && posts(channel).indexOf(r) === count - 1, timeoutMs),
    pause: async () => {
      await gateway.dropSessions();
      server?.closeAllConnections();
      await new Promise<void>((resolve) => server?.close(() => resolve()));
    },
    resume: () => new Promise<void>((resolve) => server?.listen(port, '127.0.0.1', resolve)),
    close: async () => {
      await gateway.close();
      server?.closeAllConnections();
      if (server?.listening) await new Promise<void>((resolve) => server?.close(() => resolve()));
    },
  };
}

/** The interaction callback body (type 4 = reply, 5 = deferred, 8 = autocomplete result) of one interaction. */
export function callbackOf(
  fake: FakeDiscord,
  interactionId: string,
  timeoutMs?: number,
): Promise<RecordedRequest> {
  return fake.waitForRequest(
    (r) => r.method === 'POST' && r.route.startsWith(`/interactions/${interactionId}/`),
    timeoutMs,
  );
}

/** The edit of the deferred reply of an interaction (PATCH .../messages/@original). */
export function editOf(
  fake: FakeDiscord,
  interactionToken: string,
  timeoutMs?: number,
): Promise<RecordedRequest> {
  return fake.waitForRequest(
    (r) =>
      r.method === 'PATCH' &&
      r.route === `/webhooks/${fake.applicationId}/${interactionToken}/messages/@original`,
    timeoutMs,
  );
}
