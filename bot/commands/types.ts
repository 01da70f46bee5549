/** One slash command per file: its registration data and what it does. Discord I/O stays in bot/interactions.ts. */
import type {
  ApplicationCommandOptionChoiceData,
  ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { IntentName } from '../answers/intents.js';
import type { Answer } from '../answers/model.js';
import type { BotContext } from '../context.js';

export interface Invoker {
  userId: string;
  userName: string;
  /** null in a DM. */
  guildId: string | null;
  /** Role ids of the invoking member (empty in a DM). */
  roles: readonly string[];
}

export interface CommandInput {
  options: ChatInputCommandInteraction['options'];
  invoker: Invoker;
  now: number;
}

export interface CommandOutput {
  intent: IntentName;
  answer: Answer;
  /** Only the invoker sees it (refusals). Decided before a deferred reply. */
  ephemeral?: boolean;
  /** An image shown in the answer's embed (the weekly report's chart). */
  attachment?: { name: string; data: Buffer };
}

export interface AutocompleteInput {
  /** The option being typed, and what was typed so far. */
  focused: { name: string; value: string };
  subcommand: string | null;
  now: number;
}

export interface SlashCommand {
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  /** Acknowledge first (deferReply), then edit the reply: for answers that read a lot of history. */
  defer: boolean;
  execute(input: CommandInput, ctx: BotContext): CommandOutput | Promise<CommandOutput>;
  autocomplete?(input: AutocompleteInput, ctx: BotContext): ApplicationCommandOptionChoiceData<string>[];
}
