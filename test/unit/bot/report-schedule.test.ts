/** Which week a report covers, which run the agent missed, and the outbox that carries it to Discord. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../../agent/config/load.js';
import { openDatabase } from '../../../agent/store/db.js';
import { ReportOutbox } from '../../../agent/store/report-outbox.js';
import { parseCron } from '../../../agent/uptime/cron.js';
import { decideReport } from '../../../bot/report/component.js';
import { describePostError } from '../../../bot/report/discord-post.js';
import { missedOccurrence, reportWeekFor, weekOfLabel } from '../../../bot/report/schedule.js';
import { tempDir } from '../../helpers/cli.js';

const BERLIN = 'Europe/Berlin';
const HOUR = 3_600_000;
/** Monday 2026-11-23 09:00 Berlin. */
const MONDAY_9 = Date.UTC(2026, 10, 23, 8);
const MONDAY_9_CRON = parseCron('0 9 * * 1');

describe('report schedule', () => {
  it('a report made on Monday morning covers the ISO week that just ended, in the config zone', () => {
    expect(reportWeekFor(MONDAY_9, BERLIN)).toMatchObject({
      label: '2026-W47',
      from: Date.UTC(2026, 10, 15, 23),
      to: Date.UTC(2026, 10, 22, 23),
    });
    // Sunday 23:30 UTC is already Monday in Berlin, still Sunday in UTC.
    const late = Date.UTC(2026, 10, 22, 23, 30);
    expect(reportWeekFor(late, BERLIN).label).toBe('2026-W47');
    expect(reportWeekFor(late, 'UTC').label).toBe('2026-W46');
    expect(weekOfLabel('2026-W47', BERLIN)).toEqual(reportWeekFor(MONDAY_9, BERLIN));
    expect(() => weekOfLabel('2026-W60', BERLIN)).toThrow(/week 60 does not exist/);
  });

  it('catches up the last run missed while stopped, never one from before the report was on', () => {
    const since = MONDAY_9 - 30 * 24 * HOUR;
    expect(missedOccurrence(MONDAY_9_CRON, since, MONDAY_9 + HOUR, BERLIN)).toBe(MONDAY_9);
    expect(missedOccurrence(MONDAY_9_CRON, since, MONDAY_9 + 3 * 24 * HOUR, BERLIN)).toBe(MONDAY_9);
    expect(missedOccurrence(MONDAY_9_CRON, since, MONDAY_9 - 1, BERLIN)).toBe(MONDAY_9 - 7 * 24 * HOUR);
    // Switched on after Monday's run: nothing to catch up until next Monday.
    expect(missedOccurrence(MONDAY_9_CRON, MONDAY_9 + HOUR, MONDAY_9 + 2 * HOUR, BERLIN)).toBeUndefined();
    expect(missedOccurrence(MONDAY_9_CRON, MONDAY_9, MONDAY_9, BERLIN)).toBeUndefined();
  });

  it('is off, saying why, without a bot or without a channel', () => {
    const config = (yaml: string) => parseConfigText(yaml, 'test');
    expect(decideReport({ config: config(''), env: {} })).toEqual({
      on: false,
      reason:
        'the Discord bot is off (no bot token: set DISCORD_TOKEN or the systemd credential "discord-token")',
    });
    expect(decideReport({ config: config(''), env: { DISCORD_TOKEN: 'x' } }).reason).toMatch(
      /discord.report.channel is not set/,
    );
    expect(
      decideReport({
        config: config('timezone: Europe/Berlin\ndiscord: { report: { channel: "123456789012345679" } }\n'),
        env: { DISCORD_TOKEN: 'x' },
      }),
    ).toEqual({
      on: true,
      reason: 'last week\'s report goes to channel 123456789012345679 at "0 9 * * 1" (Europe/Berlin)',
    });
  });

  it('describes a failed post with what to do, never with the token', () => {
    const error = Object.assign(new Error('Missing Permissions'), { status: 403 });
    expect(describePostError(error, 'secret-token')).toBe(
      'HTTP 403 Missing Permissions: the bot may not post there: give it View Channel, Send Messages, Embed Links and Attach Files in that channel',
    );
    expect(describePostError(new Error('connect ECONNREFUSED (Bot secret-token)'), 'secret-token')).toBe(
      'connect ECONNREFUSED (Bot [token])',
    );
  });
});

describe('report outbox', () => {
  it('queues a scheduled week once per channel, manual requests always, and sends oldest first', () => {
    const db = openDatabase(join(tempDir(), 'hostwatch.db'));
    const outbox = new ReportOutbox(db);
    expect(outbox.summary()).toEqual({ pending: 0, sent: 0, lastSent: null, lastError: null });
    expect(outbox.enqueue('2026-W47', '1', 'schedule', 1000)).toBe(true);
    expect(outbox.enqueue('2026-W47', '1', 'schedule', 2000)).toBe(false);
    expect(outbox.enqueue('2026-W47', '2', 'schedule', 2000)).toBe(true);
    expect(outbox.enqueue('2026-W47', '1', 'manual', 3000)).toBe(true);
    expect(outbox.enqueue('2026-W47', '1', 'manual', 3000)).toBe(true);
    const first = outbox.nextDue(5000);
    expect(first).toMatchObject({ week: '2026-W47', channelId: '1', trigger: 'schedule', attempts: 0 });
    outbox.markFailed(first?.id ?? 0, 'HTTP 500', 65_000);
    expect(outbox.nextDue(5000)?.channelId).toBe('2');
    expect(outbox.nextAttemptAt()).toBe(2000);
    expect(outbox.summary()).toMatchObject({ pending: 4, lastError: 'HTTP 500' });
    outbox.markSent(first?.id ?? 0, '999', 70_000);
    expect(outbox.summary()).toMatchObject({
      pending: 3,
      sent: 1,
      lastSent: { week: '2026-W47', at: 70_000, messageId: '999' },
      lastError: null,
    });
    // Sent or not, a scheduled week is never queued twice.
    expect(outbox.enqueue('2026-W47', '1', 'schedule', 80_000)).toBe(false);
    db.close();
  });
});
