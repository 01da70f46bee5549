/** discord.js wiring only: the client (intents, REST base, caches) and which event goes to which handler. */
import {
  Client,
  type ClientEvents,
  Events,
  GatewayIntentBits,
  type Interaction,
  type Message,
  Options,
  Partials,
} from 'discord.js';

/** Guilds (channels, roles), guild messages (mentions), DMs; MessageContent only when configured: it is privileged. */
function botIntents(messageContent: boolean): GatewayIntentBits[] {
  const intents = [
    GatewayIntentBits.Guilds,
    GatewayIntentBits.GuildMessages,
    GatewayIntentBits.DirectMessages,
  ];
  return messageContent ? [...intents, GatewayIntentBits.MessageContent] : intents;
}

const CACHED_PEOPLE = 200;

export function createDiscordClient(options: { apiBase: string; messageContent: boolean }): Client {
  return new Client({
    intents: botIntents(options.messageContent),
    // DM channels are never cached up front: without this, DMs would be dropped.
    partials: [Partials.Channel],
    rest: { api: options.apiBase },
    // Nothing the bot posts pings anyone, whatever text it echoes.
    allowedMentions: { parse: [], repliedUser: false },
    // Questions are answered from the event itself: keeping old messages would only cost memory, and every
    // distinct asker would stay cached for good (about 1.6 KB each, measured): bounded, the bot itself kept.
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: 0,
      UserManager: { maxSize: CACHED_PEOPLE, keepOverLimit: (user) => user.id === user.client.user.id },
      GuildMemberManager: {
        maxSize: CACHED_PEOPLE,
        keepOverLimit: (member) => member.id === member.client.user.id,
      },
    }),
  });
}

export interface ClientHandlers {
  ready(client: Client<true>): Promise<void>;
  message(message: Message): Promise<void>;
  interaction(interaction: Interaction): Promise<void>;
  /** The gateway closed and discord.js will not reconnect (4004 bad token, 4014 disallowed intents, ...). */
  closedForGood(code: number): void;
  error(error: Error): void;
}

export function wireClient(client: Client, handlers: ClientHandlers): void {
  const safely =
    <K extends keyof ClientEvents>(run: (...args: ClientEvents[K]) => Promise<void>) =>
    (...args: ClientEvents[K]) => {
      run(...args).catch((error: unknown) => handlers.error(error as Error));
    };
  client.once(Events.ClientReady, safely<typeof Events.ClientReady>(handlers.ready));
  client.on(Events.MessageCreate, safely<typeof Events.MessageCreate>(handlers.message));
  client.on(Events.InteractionCreate, safely<typeof Events.InteractionCreate>(handlers.interaction));
  client.on(Events.ShardDisconnect, (event) => handlers.closedForGood(event.code));
  client.on(Events.Error, handlers.error);
  client.on(Events.ShardError, handlers.error);
}
