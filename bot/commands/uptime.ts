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

export const uptimeCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('uptime')
    .setDescription('Uptime, downtime and error budget (default: this week, all services)')
    .addStringOption(serviceOption)
    .addStringOption(periodOption)
    .toJSON(),
  defer: true,
  execute({ options, now }, ctx) {
    const data = ctx.data();
    const question = withServiceAndPeriod(
      { intent: 'uptime', text: '/uptime' },
      options.getString('service'),
      options.getString('period'),
      data.services(),
    );
    return { intent: 'uptime', answer: answerQuestion(question, data, now) };
  },
  autocomplete({ focused, now }, ctx) {
    return focused.name === 'service'
      ? serviceChoices(focused.value, ctx)
      : periodChoices(focused.value, now, ctx.config.timezone);
  },
};
