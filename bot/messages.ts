/**
 * Text questions: a mention or a DM (and, with discord.messageContent, plain channel text the parser
 * recognises). Access policy, per-user rate limit, one answer from the engine, one reply, one inquiry row.
 */
import type { Client, Message } from 'discord.js';
import type { InquiryOutcome, InquirySource } from '../agent/store/inquiries.js';
import { accessFor, placeOf } from './access.js';
import { refusalFor } from './admission.js';
import { answerQuestion } from './answers/engine.js';
import { type IntentName, parseQuestion } from './answers/intents.js';
import type { Answer } from './answers/model.js';
import { failureNotice } from './answers/notices.js';
import { renderDiscord } from './answers/render-discord.js';
import { type BotContext, recordInquiry } from './context.js';

/** Plain channel text (no mention) is answered only for these, so ordinary chatter is left alone. */
const PLAIN_TEXT_INTENTS = new Set<IntentName>([
  'server',
  'service-state',
  'uptime',
  'downtime',
  'last-outage',
  'maintenance-list',
  'maintenance-next',
]);

function triggerOf(message: Message, botId: string, messageContent: boolean): InquirySource | undefined {
  if (message.guildId === null) return 'dm';
  if (message.mentions.users.has(botId)) return 'mention';
  return messageContent ? 'channel' : undefined;
}

async function reply(message: Message, answer: Answer): Promise<void> {
  // failIfNotExists: false: a deleted question still gets its answer, posted without the reference.
  await message.reply({
    ...renderDiscord(answer),
    allowedMentions: { parse: [], repliedUser: false },
    failIfNotExists: false,
  });
}

export function createMessageHandler(ctx: BotContext, client: Client): (message: Message) => Promise<void> {
  const { discord } = ctx.config;
  return async (message) => {
    const started = performance.now();
    const botId = client.user?.id;
    if (!botId || message.author.bot || message.system || message.author.id === botId) return;
    const source = triggerOf(message, botId, discord.messageContent);
    if (!source) return;
    const access = accessFor(discord, placeOf(message));
    if (access === 'ignored') return;
    const data = ctx.data();
    const text = message.content.replace(new RegExp(`<@!?${botId}>`, 'g'), ' ').trim();
    const question = parseQuestion(text, { services: data.services() });
    if (source === 'channel' && !PLAIN_TEXT_INTENTS.has(question.intent)) return;
    const done = (outcome: InquiryOutcome) =>
      recordInquiry(ctx, {
        at: ctx.clock.now(),
        source,
        userId: message.author.id,
        guildId: message.guildId,
        channelId: message.channelId,
        intent: question.intent,
        outcome,
        latencyMs: Math.round((performance.now() - started) * 100) / 100,
      });
    try {
      const refusal = await refusalFor(ctx, client, access, message.author.id, () => data.hostName);
      if (refusal) {
        if (refusal.notify) await reply(message, refusal.notice);
        return done(refusal.outcome);
      }
      const answer = answerQuestion(question, data, ctx.clock.now());
      await reply(message, answer);
      done(answer.outcome);
    } catch (error) {
      ctx.logger.warn('could not answer a message', {
        channel: message.channelId,
        intent: question.intent,
        error: (error as Error).message,
      });
      done('error');
      await reply(message, failureNotice(data.hostName)).catch(() => {});
    }
  };
}
