/**
 * The `weekly-report` agent component: on discord.report.cron (node-cron, in the config's time zone) it queues
 * last week's report for discord.report.channel and posts it from the durable outbox. A run the agent missed
 * while stopped is caught up at start (only runs after the report was first switched on). Off, saying why,
 * when the bot is off or no channel is set.
 */
import type { ScheduledTask } from 'node-cron';
import type { AgentComponent, AgentContext, Decision } from '../../agent/daemon/component.js';
import { MetaStore } from '../../agent/store/meta.js';
import { ReportOutbox } from '../../agent/store/report-outbox.js';
import { parseCron } from '../../agent/uptime/cron.js';
import { formatLocal } from '../../agent/uptime/timezones.js';
import { hostNameOf } from '../answers/data.js';
import { decideDiscord } from '../component.js';
import { readDiscordToken } from '../token.js';
import { describePostError, discordReportPoster } from './discord-post.js';
import { readWeeklyReport } from './gather.js';
import { missedOccurrence, reportWeekFor, weekOfLabel } from './schedule.js';
import { ReportSender } from './sender.js';

/** When the report was first switched on: catch-up never posts for weeks before it. */
export const REPORT_SINCE_META_KEY = 'report:since';

export function decideReport(ctx: Pick<AgentContext, 'config' | 'env'>): Decision {
  const discord = decideDiscord(ctx);
  if (!discord.on) return { on: false, reason: `the Discord bot is off (${discord.reason})` };
  const { channel, cron } = ctx.config.discord.report;
  if (channel === undefined)
    return {
      on: false,
      reason: 'discord.report.channel is not set (set it to post the weekly report there)',
    };
  return {
    on: true,
    reason: `last week's report goes to channel ${channel} at "${cron}" (${ctx.config.timezone})`,
  };
}

class WeeklyReportComponent implements AgentComponent {
  readonly name = 'weekly-report';
  private task: ScheduledTask | undefined;
  private sender: ReportSender | undefined;

  decide(ctx: AgentContext): Decision {
    return decideReport(ctx);
  }

  async start(ctx: AgentContext): Promise<void> {
    const { config, db, clock, logger } = ctx;
    const token = readDiscordToken(ctx.env);
    const channel = config.discord.report.channel;
    if (token === undefined || channel === undefined) throw new Error('weekly report: no token or channel');
    const timeZone = config.timezone;
    const outbox = new ReportOutbox(db);
    const source = { db, config, host: hostNameOf(config, ctx.identity), agentRunning: true };
    // discord.js (via the embed renderer) and resvg are loaded only when the report is on.
    const { reportMessage } = await import('./message.js');
    const sender = new ReportSender({
      outbox,
      clock,
      logger,
      build: (week, now) => reportMessage(readWeeklyReport(source, weekOfLabel(week, timeZone), now)),
      post: await discordReportPoster(config.discord.apiBase, token),
      describeError: (error) => describePostError(error, token),
    });
    this.sender = sender;
    const queue = (at: number, why: string) => {
      const week = reportWeekFor(at, timeZone).label;
      if (outbox.enqueue(week, channel, 'schedule', clock.now()))
        logger.info(`weekly report ${week} queued (${why})`);
      else logger.info(`weekly report ${week} was already queued for channel ${channel} (${why})`);
      sender.kick();
    };

    const meta = new MetaStore(db);
    const now = clock.now();
    const since = meta.get<number>(REPORT_SINCE_META_KEY) ?? now;
    meta.set(REPORT_SINCE_META_KEY, since);
    const missed = missedOccurrence(parseCron(config.discord.report.cron), since, now, timeZone);
    if (missed !== undefined)
      queue(missed, `catching up the run of ${formatLocal(missed, timeZone)} ${timeZone}`);

    const cron = await import('node-cron');
    this.task = cron.schedule(config.discord.report.cron, () => queue(clock.now(), 'schedule fired'), {
      timezone: timeZone,
      name: 'weekly-report',
      noOverlap: true,
      // node-cron's own notices (a missed run while the event loop stalled) as structured log lines.
      logger: {
        info: (message) => logger.debug(`node-cron: ${message}`),
        warn: (message) => logger.warn(`node-cron: ${message}`),
        error: (message) => logger.warn(`node-cron: ${String(message)}`),
        debug: (message) => logger.debug(`node-cron: ${String(message)}`),
      },
    });
    sender.kick();
  }

  async stop(): Promise<void> {
    await this.task?.destroy();
    this.task = undefined;
    await this.sender?.stop();
    this.sender = undefined;
  }
}

export const weeklyReportComponent = (): AgentComponent => new WeeklyReportComponent();
