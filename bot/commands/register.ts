/** Registers the slash commands: per configured guild (instant), or globally when no guild is configured. */
import { type Client, Routes } from 'discord.js';
import type { Logger } from '../../agent/log.js';
import type { SlashCommand } from './types.js';

export async function registerCommands(
  client: Client<true>,
  commands: ReadonlyMap<string, SlashCommand>,
  guilds: readonly string[],
  logger: Logger,
): Promise<void> {
  const appId = client.application.id;
  const body = [...commands.values()].map((command) => command.data);
  const names = [...commands.keys()].map((name) => `/${name}`).join(' ');
  const targets = guilds.length > 0 ? guilds.map((guild) => ({ guild })) : [{ guild: undefined }];
  for (const { guild } of targets) {
    try {
      await client.rest.put(
        guild ? Routes.applicationGuildCommands(appId, guild) : Routes.applicationCommands(appId),
        { body },
      );
      logger.info(`slash commands registered ${guild ? `in guild ${guild}` : 'globally'}`, {
        commands: names,
      });
    } catch (error) {
      logger.warn(
        `could not register slash commands ${guild ? `in guild ${guild}` : 'globally'}: ${(error as Error).message}. ` +
          'Invite the bot with the "applications.commands" scope (README: Discord bot).',
      );
    }
  }
}
