/**
 * Slash commands and their autocomplete: access policy, per-user rate limit (a polite ephemeral reply: every
 * interaction must be answered), deferReply/editReply for commands that read a lot of history, one inquiry row.
 */
import {
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type Client,
  type GuildMember,
  type Interaction,
  MessageFlags,
} from 'discord.js';
import { accessFor, placeOf } from './access.js';
import { refusalFor } from './admission.js';
import type { Answer } from './answers/model.js';
import { failureNotice, otherChannelNotice } from './answers/notices.js';
import { type DiscordReply, renderDiscord } from './answers/render-discord.js';
import type { CommandOutput, SlashCommand } from './commands/types.js';
import { type BotContext, recordInquiry } from './context.js';

function rolesOf(member: ChatInputCommandInteraction['member']): string[] {
  if (!member) return [];
  if (Array.isArray(member.roles)) return member.roles;
  // A cached GuildMember keeps the raw role ids of the interaction payload.
  const raw = (member as unknown as { _roles?: string[] })._roles;
  return raw ?? [...(member as GuildMember).roles.cache.keys()];
}

async function autocomplete(
  interaction: AutocompleteInteraction,
  commands: ReadonlyMap<string, SlashCommand>,
  ctx: BotContext,
) {
  const command = commands.get(interaction.commandName);
  const focused = interaction.options.getFocused(true);
  let choices: ReturnType<NonNullable<SlashCommand['autocomplete']>> = [];
  try {
    choices =
      command?.autocomplete?.(
        {
          focused: { name: focused.name, value: String(focused.value) },
          subcommand: interaction.options.getSubcommand(false),
          now: ctx.clock.now(),
        },
        ctx,
      ) ?? [];
  } catch (error) {
    ctx.logger.warn('autocomplete failed', {
      command: interaction.commandName,
      error: (error as Error).message,
    });
  }
  await interaction.respond(choices);
}

/** The image goes into the (first) embed and travels as a file of the reply. */
function withAttachment(body: DiscordReply, attachment: CommandOutput['attachment']) {
  if (!attachment) return body;
  const [first, ...rest] = body.embeds;
  const embeds = first ? [{ ...first, image: { url: `attachment://${attachment.name}` } }, ...rest] : rest;
  return { ...body, embeds, files: [{ attachment: attachment.data, name: attachment.name }] };
}

export function createInteractionHandler(
  ctx: BotContext,
  client: Client,
  commands: ReadonlyMap<string, SlashCommand>,
): (interaction: Interaction) => Promise<void> {
  const { discord } = ctx.config;
  return async (interaction) => {
    if (interaction.isAutocomplete()) {
      await autocomplete(interaction, commands, ctx).catch((error: unknown) =>
        ctx.logger.warn('autocomplete reply failed', { error: (error as Error).message }),
      );
      return;
    }
    if (!interaction.isChatInputCommand()) return;
    const started = performance.now();
    const command = commands.get(interaction.commandName);
    const host = () => ctx.data().hostName;
    let intent = interaction.commandName;
    const done = (outcome: Parameters<typeof recordInquiry>[1]['outcome']) =>
      recordInquiry(ctx, {
        at: ctx.clock.now(),
        source: 'slash',
        userId: interaction.user.id,
        guildId: interaction.guildId,
        channelId: interaction.channelId,
        intent,
        outcome,
        latencyMs: Math.round((performance.now() - started) * 100) / 100,
      });
    const privately = (answer: Answer) =>
      interaction.reply({ ...renderDiscord(answer), flags: MessageFlags.Ephemeral });
    try {
      const access = accessFor(discord, placeOf(interaction));
      if (access === 'ignored' || !command) {
        await privately(otherChannelNotice(host()));
        return done('denied');
      }
      const refusal = await refusalFor(ctx, client, access, interaction.user.id, host);
      if (refusal) {
        await privately(refusal.notice);
        return done(refusal.outcome);
      }
      if (command.defer) await interaction.deferReply();
      const output = await command.execute(
        {
          options: interaction.options,
          invoker: {
            userId: interaction.user.id,
            userName: interaction.user.username,
            guildId: interaction.guildId,
            roles: rolesOf(interaction.member),
          },
          now: ctx.clock.now(),
        },
        ctx,
      );
      intent = output.intent;
      const body = withAttachment(renderDiscord(output.answer), output.attachment);
      if (interaction.deferred) await interaction.editReply(body);
      else
        await interaction.reply({ ...body, ...(output.ephemeral ? { flags: MessageFlags.Ephemeral } : {}) });
      done(output.answer.outcome);
    } catch (error) {
      ctx.logger.warn('could not answer a slash command', {
        command: interaction.commandName,
        error: (error as Error).message,
      });
      done('error');
      const notice = renderDiscord(failureNotice(host()));
      const fallback = interaction.deferred
        ? interaction.editReply(notice)
        : interaction.replied
          ? Promise.resolve()
          : interaction.reply({ ...notice, flags: MessageFlags.Ephemeral });
      await fallback.catch(() => {});
    }
  };
}
