/** What the message and interaction handlers share while the bot runs. */
import type { Config } from '../agent/config/schema.js';
import type { Logger } from '../agent/log.js';
import type { Db } from '../agent/store/db.js';
import type { InquiryStore, NewInquiry } from '../agent/store/inquiries.js';
import type { Clock } from '../agent/types.js';
import type { MembershipCache } from './access.js';
import type { AnswerData } from './answers/data.js';
import type { RateLimiter } from './rate-limit.js';

export interface BotContext {
  config: Config;
  logger: Logger;
  clock: Clock;
  db: Db;
  inquiries: InquiryStore;
  limiter: RateLimiter;
  members: MembershipCache;
  /** A fresh view of the store for one answer (the identity may have changed since the last). */
  data(): AnswerData;
}

/** Records an inquiry; a failing write is logged and never stops the reply path. */
export function recordInquiry(ctx: BotContext, inquiry: NewInquiry): void {
  try {
    ctx.inquiries.record(inquiry);
  } catch (error) {
    ctx.logger.warn('could not record an inquiry', { error: (error as Error).message });
  }
}
