import { SlashCommandBuilder } from 'discord.js';
import { answerQuestion } from '../answers/engine.js';
import type { SlashCommand } from './types.js';

export const serverCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('server')
    .setDescription('Tell me about my server: identity, CPU, memory, disks, network, load, services')
    .toJSON(),
  defer: false,
  execute({ now }, ctx) {
    return {
      intent: 'server',
      answer: answerQuestion({ intent: 'server', text: '/server' }, ctx.data(), now),
    };
  },
};
