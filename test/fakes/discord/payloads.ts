/** Discord API objects as the real gateway and REST API send them (API v10), for the fake Discord. */

const DISCORD_EPOCH = 1_420_070_400_000n;
let sequence = 0n;

/** A fresh snowflake for `at` (ms): discord.js reads creation times from ids. */
export function snowflake(at = Date.now()): string {
  sequence = (sequence + 1n) & 0xfffn;
  return (((BigInt(at) - DISCORD_EPOCH) << 22n) | (1n << 17n) | sequence).toString();
}

export interface FakeUser {
  id: string;
  username: string;
  bot?: boolean;
}

export function userObject(user: FakeUser) {
  return {
    id: user.id,
    username: user.username,
    discriminator: '0',
    global_name: user.bot ? null : user.username,
    avatar: null,
    ...(user.bot ? { bot: true } : {}),
    public_flags: 0,
    flags: 0,
  };
}

export function memberObject(user: FakeUser, roles: readonly string[]) {
  return {
    user: userObject(user),
    roles: [...roles],
    joined_at: '2026-01-01T00:00:00.000000+00:00',
    deaf: false,
    mute: false,
    flags: 0,
    nick: null,
    avatar: null,
    premium_since: null,
    pending: false,
  };
}

export interface FakeGuild {
  id: string;
  name: string;
  /** Text channels (type 0). */
  channels: Array<{ id: string; name: string }>;
  /** Roles besides @everyone (whose id is the guild id). */
  roles: Array<{ id: string; name: string }>;
  /** Members besides the bot, with their role ids. */
  members: Array<{ user: FakeUser; roles: string[] }>;
}

function roleObject(id: string, name: string, position: number) {
  return {
    id,
    name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position,
    permissions: position === 0 ? '1024' : '0',
    managed: false,
    mentionable: false,
    flags: 0,
  };
}

export function guildCreate(guild: FakeGuild, bot: FakeUser) {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: guild.members[0]?.user.id ?? bot.id,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    preferred_locale: 'en-US',
    public_updates_channel_id: null,
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    safety_alerts_channel_id: null,
    joined_at: '2026-01-01T00:00:00.000000+00:00',
    large: false,
    unavailable: false,
    member_count: guild.members.length + 1,
    roles: [
      roleObject(guild.id, '@everyone', 0),
      ...guild.roles.map((role, i) => roleObject(role.id, role.name, i + 1)),
    ],
    emojis: [],
    stickers: [],
    voice_states: [],
    members: [memberObject(bot, [])],
    channels: guild.channels.map((channel, position) => ({
      id: channel.id,
      type: 0,
      name: channel.name,
      position,
      parent_id: null,
      topic: null,
      nsfw: false,
      last_message_id: null,
      rate_limit_per_user: 0,
      permission_overwrites: [],
      flags: 0,
    })),
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

export interface MessageInput {
  author: FakeUser;
  content: string;
  channelId: string;
  /** Absent for a DM. */
  guildId?: string;
  /** Users mentioned (their <@id> should be in the content). */
  mentions?: FakeUser[];
  roles?: string[];
}

export function messageCreate(input: MessageInput) {
  const at = Date.now();
  return {
    id: snowflake(at),
    channel_id: input.channelId,
    ...(input.guildId
      ? { guild_id: input.guildId, member: memberObject(input.author, input.roles ?? []) }
      : { channel_type: 1 }),
    author: userObject(input.author),
    content: input.content,
    timestamp: new Date(at).toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: (input.mentions ?? []).map((user) => ({
      ...userObject(user),
      ...(input.guildId ? { member: { ...memberObject(user, []), user: undefined } } : {}),
    })),
    mention_roles: [],
    attachments: [],
    embeds: [],
    pinned: false,
    type: 0,
    flags: 0,
    components: [],
  };
}

/** The message object REST answers with after the bot posts or edits one. */
export function postedMessage(
  body: Record<string, unknown>,
  channelId: string,
  bot: FakeUser,
  guildId?: string,
) {
  const at = Date.now();
  return {
    id: snowflake(at),
    channel_id: channelId,
    ...(guildId ? { guild_id: guildId } : {}),
    author: userObject(bot),
    content: typeof body.content === 'string' ? body.content : '',
    timestamp: new Date(at).toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: Array.isArray(body.embeds) ? body.embeds : [],
    pinned: false,
    type: body.message_reference ? 19 : 0,
    flags: typeof body.flags === 'number' ? body.flags : 0,
    components: [],
  };
}

export type OptionValue = string | number | boolean;

export interface InteractionInput {
  user: FakeUser;
  command: { id: string; name: string };
  /** Options of the command, or of `subcommand`. */
  options?: Record<string, OptionValue>;
  subcommand?: string;
  /** Autocomplete: the option being typed. */
  focused?: string;
  channelId: string;
  /** Absent for a DM. */
  guildId?: string;
  roles?: string[];
  applicationId: string;
}

function optionList(options: Record<string, OptionValue>, focused: string | undefined) {
  return Object.entries(options).map(([name, value]) => ({
    name,
    type: typeof value === 'string' ? 3 : typeof value === 'number' ? 10 : 5,
    value,
    ...(name === focused ? { focused: true } : {}),
  }));
}

export function interactionCreate(input: InteractionInput) {
  const options = optionList(input.options ?? {}, input.focused);
  const inGuild = input.guildId !== undefined;
  return {
    id: snowflake(),
    application_id: input.applicationId,
    type: input.focused ? 4 : 2,
    token: `fake-interaction-token-${snowflake()}`,
    version: 1,
    data: {
      id: input.command.id,
      name: input.command.name,
      type: 1,
      options: input.subcommand ? [{ name: input.subcommand, type: 1, options }] : options,
      ...(inGuild ? { guild_id: input.guildId } : {}),
    },
    ...(inGuild
      ? {
          guild_id: input.guildId,
          guild: { id: input.guildId, locale: 'en-US', features: [] },
          member: { ...memberObject(input.user, input.roles ?? []), permissions: '1071698660929' },
          channel: {
            id: input.channelId,
            type: 0,
            guild_id: input.guildId,
            name: 'ops',
            permission_overwrites: [],
            flags: 0,
          },
          guild_locale: 'en-US',
          context: 0,
          authorizing_integration_owners: { '0': input.guildId },
        }
      : {
          user: userObject(input.user),
          channel: { id: input.channelId, type: 1, recipients: [userObject(input.user)], flags: 0 },
          context: 1,
          authorizing_integration_owners: { '0': '0' },
        }),
    channel_id: input.channelId,
    app_permissions: '1071698660929',
    locale: 'en-US',
    entitlements: [],
    attachment_size_limit: 10_485_760,
  };
}
