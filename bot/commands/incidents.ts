import { SlashCommandBuilder } from 'discord.js';
import { answerQuestion } from '../answers/engine.js';
import {
  periodChoices,
  periodOption,
  serviceChoices,
  serviceOption,
  withServiceAndPeriod,
} from './options.js';
import type { SlashCommand } from './types.js';

export const incidentsCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('incidents')
    .setDescription('Outages in a period (default: the last 7 days)')
    .addStringOption(periodOption)
    .addStringOption(serviceOption)
    .toJSON(),
  defer: true,
  execute({ options, now }, ctx) {
    const data = ctx.data();
    const question = withServiceAndPeriod(
      { intent: 'downtime', text: '/incidents' },
      options.getString('service'),
      options.getString('period'),
      data.services(),
    );
    return { intent: 'downtime', answer: answerQuestion(question, data, now) };
  },
  autocomplete({ focused, now }, ctx) {
    return focused.name === 'service'
      ? serviceChoices(focused.value, ctx)
      : periodChoices(focused.value, now, ctx.config.timezone);
  },
};
