import { SlashCommandBuilder } from 'discord.js';
import { answerQuestion } from '../answers/engine.js';
import type { SlashCommand } from './types.js';

export const helpCommand: SlashCommand = {
  data: new SlashCommandBuilder().setName('help').setDescription('What this bot can answer').toJSON(),
  defer: false,
  execute({ now }, ctx) {
    return {
      intent: 'help',
      answer: answerQuestion({ intent: 'help', text: '/help' }, ctx.data(), now),
      ephemeral: true,
    };
  },
};
