/**
 * Where the bot answers: configured guilds and channels (empty = every guild it was invited to, every channel
 * there), and DMs only when discord.allowDMs is on and the author is a member of one of those guilds.
 */
export interface AccessPolicy {
  guilds: readonly string[];
  channels: readonly string[];
  allowDMs: boolean;
}

export type Place =
  | {
      kind: 'guild';
      guildId: string;
      channelId: string /** A thread's parent channel. */;
      parentId?: string | null;
    }
  | { kind: 'dm'; channelId: string };

/** allowed; ignored (not a place the bot listens to: stay silent); dm-off (say DMs are off); dm-check (ask Discord about membership). */
export type Access = 'allowed' | 'ignored' | 'dm-off' | 'dm-check';

/** Where a message or slash command was sent: a DM, or a guild channel (a thread names its parent channel). */
export function placeOf(source: {
  guildId: string | null;
  channelId: string;
  channel: { isThread(): boolean; parentId?: string | null } | null;
}): Place {
  if (source.guildId === null) return { kind: 'dm', channelId: source.channelId };
  const parentId = source.channel?.isThread() ? (source.channel.parentId ?? null) : null;
  return { kind: 'guild', guildId: source.guildId, channelId: source.channelId, parentId };
}

export function accessFor(policy: AccessPolicy, place: Place): Access {
  if (place.kind === 'dm') return policy.allowDMs ? 'dm-check' : 'dm-off';
  if (policy.guilds.length > 0 && !policy.guilds.includes(place.guildId)) return 'ignored';
  if (policy.channels.length === 0) return 'allowed';
  const inChannel =
    policy.channels.includes(place.channelId) ||
    (place.parentId != null && policy.channels.includes(place.parentId));
  return inChannel ? 'allowed' : 'ignored';
}

/** Remembers membership answers for a while, so a DM conversation costs one REST call, not one per message. */
export class MembershipCache {
  private readonly entries = new Map<string, { member: boolean; until: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  get(userId: string, now: number): boolean | undefined {
    const entry = this.entries.get(userId);
    if (!entry || entry.until <= now) return undefined;
    return entry.member;
  }

  set(userId: string, member: boolean, now: number): void {
    if (this.entries.size >= this.maxEntries) {
      for (const [key, entry] of this.entries) if (entry.until <= now) this.entries.delete(key);
      if (this.entries.size >= this.maxEntries) this.entries.clear();
    }
    this.entries.set(userId, { member, until: now + this.ttlMs });
  }
}
