/**
 * The `discord` agent component: whether the bot runs (and why not), and its session, started in the
 * background so the agent never waits on Discord.
 */
import type { AgentComponent, AgentContext, Decision } from '../agent/daemon/component.js';
import type { BotSession } from './session.js';
import { readDiscordToken } from './token.js';

export function decideDiscord(ctx: Pick<AgentContext, 'config' | 'env'>): Decision {
  const { discord } = ctx.config;
  if (discord.enabled === false) return { on: false, reason: 'discord.enabled is false' };
  if (readDiscordToken(ctx.env) === undefined) {
    return { on: false, reason: 'no bot token: set DISCORD_TOKEN or the systemd credential "discord-token"' };
  }
  const where =
    discord.guilds.length === 0
      ? 'in every server it is invited to'
      : `in ${discord.guilds.length} server${discord.guilds.length === 1 ? '' : 's'}`;
  const channels = discord.channels.length === 0 ? 'any channel' : `${discord.channels.length} channel(s)`;
  // A proxy URL may carry credentials: never log them.
  const api = new URL(discord.apiBase);
  api.username = '';
  api.password = '';
  return {
    on: true,
    reason: `answering ${where}, ${channels}, DMs ${discord.allowDMs ? 'from members' : 'off'}; API ${api.href}`,
  };
}

class DiscordComponent implements AgentComponent {
  readonly name = 'discord';
  private session: BotSession | undefined;

  decide(ctx: AgentContext): Decision {
    return decideDiscord(ctx);
  }

  async start(ctx: AgentContext): Promise<void> {
    const token = readDiscordToken(ctx.env);
    if (token === undefined) throw new Error('no bot token');
    // discord.js is loaded only now: an agent with the bot off does not carry it.
    const { BotSession } = await import('./session.js');
    this.session = new BotSession();
    this.session.start(ctx, token);
  }

  async stop(): Promise<void> {
    await this.session?.stop();
    this.session = undefined;
  }
}

export const discordComponent = (): AgentComponent => new DiscordComponent();
