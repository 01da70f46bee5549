/** DMs are answered only for members of the bot's guilds (config guilds, else every guild it is in). */
import type { Client } from 'discord.js';
import type { BotContext } from './context.js';

async function memberOfAny(client: Client, guildIds: readonly string[], userId: string): Promise<boolean> {
  for (const guildId of guildIds) {
    const guild = client.guilds.cache.get(guildId);
    if (!guild) continue;
    try {
      await guild.members.fetch({ user: userId, cache: false });
      return true;
    } catch {
      // Unknown Member (10007) or no access: try the next guild.
    }
  }
  return false;
}

export async function dmAllowed(ctx: BotContext, client: Client, userId: string): Promise<boolean> {
  const now = ctx.clock.now();
  const known = ctx.members.get(userId, now);
  if (known !== undefined) return known;
  const guilds =
    ctx.config.discord.guilds.length > 0 ? ctx.config.discord.guilds : [...client.guilds.cache.keys()];
  const member = await memberOfAny(client, guilds, userId);
  ctx.members.set(userId, member, ctx.clock.now());
  return member;
}
