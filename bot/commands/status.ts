import { SlashCommandBuilder } from 'discord.js';
import { answerQuestion } from '../answers/engine.js';
import type { SlashCommand } from './types.js';

export const statusCommand: SlashCommand = {
  data: new SlashCommandBuilder().setName('status').setDescription('Are the services up right now?').toJSON(),
  defer: false,
  execute({ now }, ctx) {
    return {
      intent: 'status',
      answer: answerQuestion({ intent: 'status', text: '/status' }, ctx.data(), now),
    };
  },
};
