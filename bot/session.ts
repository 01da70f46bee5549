/**
 * One bot session: the discord.js client connected in the background (retried while Discord is unreachable),
 * the handlers, inquiry retention, and one clear log line when Discord refuses the bot for good.
 * Loaded only when the bot is on, so an agent without Discord never loads discord.js.
 */
import { join } from 'node:path';
import type { Client } from 'discord.js';
import type { AgentContext } from '../agent/daemon/component.js';
import type { Logger } from '../agent/log.js';
import { DB_FILE_NAME } from '../agent/store/db.js';
import { InquiryStore } from '../agent/store/inquiries.js';
import { MembershipCache } from './access.js';
import { storeAnswerData } from './answers/data.js';
import { createDiscordClient, wireClient } from './client.js';
import { slashCommands } from './commands/index.js';
import { registerCommands } from './commands/register.js';
import { type DiscordConnection, recordConnection } from './connection-status.js';
import type { BotContext } from './context.js';
import { createInteractionHandler } from './interactions.js';
import { createMessageHandler } from './messages.js';
import { RateLimiter } from './rate-limit.js';
import { redact } from './token.js';

const DAY_MS = 86_400_000;
const INQUIRY_RETENTION_MS = 400 * DAY_MS;
const MEMBERSHIP_TTL_MS = 10 * 60_000;
const FIRST_RETRY_MS = 5_000;
const MAX_RETRY_MS = 10 * 60_000;

/** Gateway close codes after which discord.js stops, and what the operator should do. */
const FATAL_CLOSE: Record<number, string> = {
  4004: 'Discord rejected the bot token (gateway close 4004): check DISCORD_TOKEN or the credential "discord-token"',
  4010: 'Discord refused the shard settings (gateway close 4010)',
  4011: 'Discord requires sharding for this bot (gateway close 4011): it is in too many guilds for one session',
  4012: 'Discord refused the gateway API version (gateway close 4012): update hostwatch',
  4013: 'Discord refused the requested intents as invalid (gateway close 4013)',
  4014:
    'Discord refused the privileged MessageContent intent (gateway close 4014): turn on "Message Content Intent" for the bot ' +
    'in the Discord developer portal, or set discord.messageContent: false',
};
/** @discordjs/ws rejects the login with these when the gateway closes with a fatal code before READY. */
const CLOSE_CODE_OF_ERROR: ReadonlyArray<[RegExp, number]> = [
  [/Authentication failed/i, 4004],
  [/Invalid shard/i, 4010],
  [/Sharding is required/i, 4011],
  [/invalid API version/i, 4012],
  [/Used invalid intents/i, 4013],
  [/Used disallowed intents/i, 4014],
];
const fatalCloseCode = (message: string) =>
  CLOSE_CODE_OF_ERROR.find(([pattern]) => pattern.test(message))?.[1];
const STAYS_OFFLINE =
  '; the bot stays offline until the agent is reloaded (systemctl reload hostwatch), everything else keeps running';

export class BotSession {
  private client: Client | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private pruneTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** One clear line per refusal, not one per symptom. */
  private refused = false;
  /** Where the connection state goes for `hostwatch status` (meta 'discord'). */
  private record: (connection: DiscordConnection) => void = () => {};
  private now: () => number = Date.now;

  start(ctx: AgentContext, token: string): void {
    const { config, logger, clock, db } = ctx;
    this.now = () => clock.now();
    this.record = (connection) => {
      try {
        recordConnection(db, connection);
      } catch (error) {
        logger.warn('could not record the Discord connection state', { error: (error as Error).message });
      }
    };
    const inquiries = new InquiryStore(db);
    const prune = () => {
      try {
        inquiries.prune(clock.now() - INQUIRY_RETENTION_MS);
      } catch (error) {
        logger.warn('could not prune old inquiries', { error: (error as Error).message });
      }
    };
    prune();
    this.pruneTimer = setInterval(prune, DAY_MS).unref();
    const bot: BotContext = {
      config,
      logger,
      clock,
      db,
      inquiries,
      limiter: new RateLimiter(config.discord.rateLimit.questions, config.discord.rateLimit.per),
      members: new MembershipCache(MEMBERSHIP_TTL_MS),
      data: () =>
        storeAnswerData({
          db,
          config,
          dataDir: ctx.dataDir,
          dbPath: join(ctx.dataDir, DB_FILE_NAME),
          runningPid: process.pid,
        }),
    };
    void this.connect(bot, token, 0);
  }

  private async connect(bot: BotContext, token: string, attempt: number): Promise<void> {
    if (this.stopped) return;
    const { logger, config } = bot;
    const client = createDiscordClient({
      apiBase: config.discord.apiBase,
      messageContent: config.discord.messageContent,
    });
    this.client = client;
    this.refused = false;
    this.record({ state: 'connecting', at: bot.clock.now() });
    wireClient(client, {
      ready: async (ready) => {
        logger.info(`connected to Discord as ${ready.user.tag}`, {
          id: ready.user.id,
          guilds: ready.guilds.cache.size,
        });
        this.record({
          state: 'connected',
          at: bot.clock.now(),
          user: ready.user.tag,
          guilds: ready.guilds.cache.size,
        });
        for (const guild of config.discord.guilds) {
          if (!ready.guilds.cache.has(guild))
            logger.warn(`the bot is not in guild ${guild}: invite it (README: Discord bot)`);
        }
        await registerCommands(ready, slashCommands, config.discord.guilds, logger);
      },
      message: createMessageHandler(bot, client),
      interaction: createInteractionHandler(bot, client, slashCommands),
      closedForGood: (code) => this.refusedBy(code, logger),
      error: (error) => {
        const message = redact(error.message, token);
        const closeCode = fatalCloseCode(message);
        if (closeCode !== undefined) this.refusedBy(closeCode, logger);
        else logger.warn('Discord client error', { error: message });
      },
    });
    try {
      await client.login(token);
    } catch (error) {
      if (this.stopped || this.refused) return;
      const message = redact((error as Error).message, token);
      const closeCode = fatalCloseCode(message);
      if (closeCode !== undefined) return this.refusedBy(closeCode, logger);
      if ((error as { code?: string }).code === 'TokenInvalid' || /401|Unauthorized/i.test(message)) {
        this.refused = true;
        const refusal =
          'Discord rejected the bot token: check DISCORD_TOKEN or the credential "discord-token"';
        logger.error(`${refusal}${STAYS_OFFLINE}`);
        this.record({ state: 'refused', at: bot.clock.now(), error: refusal });
        return;
      }
      const delay = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** attempt);
      logger.warn(`cannot connect to Discord (${message}); retrying in ${Math.round(delay / 1000)}s`);
      const at = bot.clock.now();
      this.record({ state: 'retrying', at, error: message, nextAttemptAt: at + delay });
      this.retryTimer = setTimeout(() => void this.connect(bot, token, attempt + 1), delay).unref();
    }
  }

  private refusedBy(code: number, logger: Logger): void {
    if (this.refused || this.stopped) return;
    this.refused = true;
    const refusal = FATAL_CLOSE[code] ?? `Discord closed the gateway for good (code ${code})`;
    logger.error(`${refusal}${STAYS_OFFLINE}`, { code });
    this.record({ state: 'refused', at: this.now(), error: refusal });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.record({ state: 'stopped', at: this.now() });
    clearTimeout(this.retryTimer);
    clearInterval(this.pruneTimer);
    await this.client?.destroy();
    this.client = undefined;
  }
}
