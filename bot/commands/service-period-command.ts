/** A slash command that answers one intent for an optional service and period (/uptime, /incidents). */
import { SlashCommandBuilder } from 'discord.js';
import { answerQuestion } from '../answers/engine.js';
import type { IntentName } from '../answers/intents.js';
import {
  periodChoices,
  periodOption,
  serviceChoices,
  serviceOption,
  withServiceAndPeriod,
} from './options.js';
import type { SlashCommand } from './types.js';

export interface ServicePeriodCommandSpec {
  name: string;
  description: string;
  intent: IntentName;
  /** Registration order of the two options, as Discord shows them. */
  optionOrder: readonly ['service', 'period'] | readonly ['period', 'service'];
}

const OPTION_BUILDERS = { service: serviceOption, period: periodOption } as const;

export function servicePeriodCommand({
  name,
  description,
  intent,
  optionOrder,
}: ServicePeriodCommandSpec): SlashCommand {
  const builder = new SlashCommandBuilder().setName(name).setDescription(description);
  for (const option of optionOrder) builder.addStringOption(OPTION_BUILDERS[option]);
  return {
    data: builder.toJSON(),
    defer: true,
    execute({ options, now }, ctx) {
      const data = ctx.data();
      const question = withServiceAndPeriod(
        { intent, text: `/${name}` },
        options.getString('service'),
        options.getString('period'),
        data.services(),
      );
      return { intent, answer: answerQuestion(question, data, now) };
    },
    autocomplete({ focused, now }, ctx) {
      return focused.name === 'service'
        ? serviceChoices(focused.value, ctx)
        : periodChoices(focused.value, now, ctx.config.timezone);
    },
  };
}
