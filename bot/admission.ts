/** The checks every question passes before an answer (text or slash): per-user rate limit, then the DM policy. */
import type { Client } from 'discord.js';
import type { Access } from './access.js';
import type { Answer } from './answers/model.js';
import { dmOffNotice, rateLimitedNotice } from './answers/notices.js';
import type { BotContext } from './context.js';
import { dmAllowed } from './dm-access.js';

export interface Refusal {
  outcome: 'rate-limited' | 'denied';
  notice: Answer;
  /** false for a repeated rate-limit hit: text questions then stay silent (slash commands must still reply). */
  notify: boolean;
}

/** undefined when the question may be answered; `host` is read only when a notice is written. */
export async function refusalFor(
  ctx: BotContext,
  client: Client,
  access: Access,
  userId: string,
  host: () => string,
): Promise<Refusal | undefined> {
  const rate = ctx.limiter.take(userId, ctx.clock.now());
  if (!rate.allowed) {
    const retryAt = ctx.clock.now() + rate.retryAfterMs;
    return {
      outcome: 'rate-limited',
      notice: rateLimitedNotice(host(), ctx.limiter.limit, ctx.limiter.windowMs, retryAt),
      notify: rate.notify,
    };
  }
  if (access === 'dm-off' || (access === 'dm-check' && !(await dmAllowed(ctx, client, userId)))) {
    return {
      outcome: 'denied',
      notice: dmOffNotice(host(), access === 'dm-off' ? 'off' : 'not-member'),
      notify: true,
    };
  }
  return undefined;
}
