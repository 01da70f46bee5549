/**
 * The weekly report against the seeded history of bot-history.ts, read on Monday 2026-11-23 09:00 Berlin:
 * last week is 2026-W47 = [2026-11-15 23:00Z, 2026-11-22 23:00Z), 10 080 minutes.
 *   nginx   down 10 + 2 = 12 min on Tue 11-17 (Berlin)  -> 10 068 / 10 080 = 99.880952...%, SLO 99.9% missed
 *           budget 0.1% of 10 080 min = 10.08 min, 12 spent -> 119.05%
 *   tomcat  up all week (100%); the week before (W46) down 30 min -> 10 050 / 10 080 = 99.702380...%
 *   host    up all week
 *   maintenance "kernel patch" for nginx, Wed 11-18 21:00-22:00 Berlin (nginx stayed up: no planned downtime)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../agent/store/db.js';
import { InquiryStore } from '../../../agent/store/inquiries.js';
import { weekWindow } from '../../../agent/uptime/ranges.js';
import { storeAnswerData } from '../../../bot/answers/data.js';
import { ask } from '../../../bot/answers/engine.js';
import { EMBED_LIMITS, renderEmbed } from '../../../bot/answers/render-discord.js';
import { renderText } from '../../../bot/answers/render-text.js';
import { reportAnswer } from '../../../bot/report/answer.js';
import type { WeeklyReport } from '../../../bot/report/content.js';
import { readWeeklyReport } from '../../../bot/report/gather.js';
import {
  botConfig,
  CAUSE,
  MAINTENANCE,
  NGINX_DOWN,
  seededStore,
  W47_DATES,
} from '../../helpers/bot-history.js';
import { tempDir } from '../../helpers/cli.js';

const MONDAY_9_BERLIN = Date.UTC(2026, 10, 23, 8, 0);
const WEEK_MIN = 7 * 24 * 60;
const config = botConfig();
let db: Db;
let report: WeeklyReport;

beforeAll(() => {
  db = seededStore(tempDir(), MONDAY_9_BERLIN).db;
  const inquiries = new InquiryStore(db);
  const asked = (at: number, userId: string, intent: string, answered = true) =>
    inquiries.record({ at, source: 'mention', userId, intent, outcome: answered ? 'answered' : 'unknown' });
  asked(Date.UTC(2026, 10, 17, 9), '111111111111111111', 'downtime');
  asked(Date.UTC(2026, 10, 17, 10), '111111111111111111', 'downtime');
  asked(Date.UTC(2026, 10, 18, 9), '222222222222222222', 'uptime');
  asked(Date.UTC(2026, 10, 19, 9), '222222222222222222', 'unknown', false);
  asked(Date.UTC(2026, 10, 23, 7), '333333333333333333', 'uptime'); // this week: not in W47's report
  const week = weekWindow('last', MONDAY_9_BERLIN, config.timezone);
  report = readWeeklyReport({ db, config, host: 'web-1', agentRunning: true }, week, MONDAY_9_BERLIN);
});
afterAll(() => db.close());

const service = (name: string) => report.services.find((s) => s.service === name);

describe('weekly report content', () => {
  it('covers last ISO week in the config zone, complete, for every service', () => {
    expect(report).toMatchObject({
      host: 'web-1',
      week: '2026-W47',
      from: Date.UTC(2026, 10, 15, 23),
      to: Date.UTC(2026, 10, 22, 23),
      timeZone: 'Europe/Berlin',
      complete: true,
      sloTarget: 99.9,
      verdict: 'missed',
    });
    expect(report.services.map((s) => s.service)).toEqual(['host', 'nginx', 'tomcat']);
  });

  it('nginx: 12 minutes down in two outages, the SLO missed, 119% of the budget spent', () => {
    const nginx = service('nginx');
    expect(nginx?.uptimePercent).toBeCloseTo((100 * (WEEK_MIN - 12)) / WEEK_MIN, 9);
    expect(nginx).toMatchObject({
      previousUptimePercent: 100,
      sloMet: false,
      downMs: 12 * 60_000,
      outageCount: 2,
      longestOutageMs: 10 * 60_000,
      mttrMs: 6 * 60_000,
      unknownMs: 0,
    });
    expect(nginx?.budgetSpentPercent).toBeCloseTo((100 * 12) / (WEEK_MIN * 0.001), 6);
    expect(report.summary).toBe('1 of 3 services missed the 99.9% SLO: nginx (99.881%).');
  });

  it('has one entry per local day; the outage day and the maintenance day are marked', () => {
    const days = service('nginx')?.days ?? [];
    expect(days.map((d) => d.date)).toEqual(W47_DATES);
    expect(days[1]?.uptimePercent).toBeCloseTo((100 * (1440 - 12)) / 1440, 9);
    expect(days.filter((d) => d.uptimePercent !== 100).map((d) => d.date)).toEqual(['2026-11-17']);
    expect(days.filter((d) => d.planned).map((d) => d.date)).toEqual(['2026-11-18']);
    // The window covered nginx only.
    expect(service('tomcat')?.days.some((d) => d.planned)).toBe(false);
  });

  it('compares with the week before: tomcat was down 30 minutes in 2026-W46', () => {
    const tomcat = service('tomcat');
    expect(tomcat?.uptimePercent).toBe(100);
    expect(tomcat?.previousUptimePercent).toBeCloseTo((100 * (WEEK_MIN - 30)) / WEEK_MIN, 9);
    expect(tomcat?.sloMet).toBe(true);
  });

  it('lists the incidents oldest first, with causes, and the planned window', () => {
    expect(report.incidents.map((i) => [i.service, i.start, i.end, i.cause])).toEqual(
      NGINX_DOWN.map((d) => ['nginx', d.from, d.to, CAUSE]),
    );
    expect(report.maintenance.map((m) => [m.name, m.from, m.to, m.services])).toEqual([
      ['kernel patch', MAINTENANCE.start, MAINTENANCE.end, ['nginx']],
    ]);
    expect(report.nextMaintenance).toBeNull(); // the only window is over by Monday
  });

  it('counts the questions of that week only', () => {
    expect(report.questions).toEqual({
      total: 4,
      answered: 3,
      people: 2,
      topIntents: [
        { intent: 'downtime', total: 2 },
        { intent: 'unknown', total: 1 },
        { intent: 'uptime', total: 1 },
      ],
    });
  });

  it('renders as an embed within Discord limits and as text with the same figures', () => {
    const answer = reportAnswer(report);
    const embed = renderEmbed(answer);
    expect(embed.title).toBe('Weekly uptime report 2026-W47');
    expect(embed.fields?.length).toBeLessThanOrEqual(EMBED_LIMITS.fields);
    const nginxField = embed.fields?.find((f) => f.name.startsWith('nginx'));
    expect(nginxField?.name).toBe('nginx ❌');
    expect(nginxField?.value).toContain('**99\\.881%**'); // escaped: "99." would start a numbered list
    expect(nginxField?.value).toContain('2 outages, down 12m, longest 10m');
    expect(nginxField?.value).toContain('error budget 119% spent');
    expect(embed.fields?.find((f) => f.name.startsWith('tomcat'))?.value).toContain(
      '+0.298 pts vs the week before',
    );
    const incidents = embed.fields?.find((f) => f.name === 'Incidents (2)')?.value ?? '';
    expect(incidents).toContain(`<t:${NGINX_DOWN[0]?.from ? NGINX_DOWN[0].from / 1000 : 0}:f>`);
    const text = renderText(answer, { now: MONDAY_9_BERLIN, timeZone: config.timezone });
    expect(text).toContain('[web-1] Weekly uptime report 2026-W47');
    expect(text).toContain('2026-11-17 02:00 nginx down 10m: http: connect ECONNREFUSED');
    expect(text).toContain('kernel patch: 2026-11-18 21:00 to 2026-11-18 22:00 (nginx)');
    expect(text).toContain(
      '4 questions from 2 people, 3 answered; most asked: downtime (2), unknown (1), uptime (1)',
    );
  });

  it('is what the bot answers to "weekly report" and "uptime report for this week"', () => {
    const data = storeAnswerData({
      db,
      config,
      dataDir: '/nonexistent',
      dbPath: '/nonexistent/hostwatch.db',
      runningPid: process.pid,
    });
    const last = ask('weekly report', data, MONDAY_9_BERLIN);
    expect(last.intent).toBe('report');
    expect(last.title).toEqual(['Weekly uptime report 2026-W47']);
    expect(last.host).toBe('web-1');
    const current = ask('uptime report for this week', data, MONDAY_9_BERLIN);
    expect(current.title).toEqual(['Weekly uptime report 2026-W48 (so far)']);
    expect(ask('weekly report for the last 99999 years', data, MONDAY_9_BERLIN).outcome).not.toBe('answered');
  });
});
