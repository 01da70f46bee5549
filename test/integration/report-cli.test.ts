/** `hostwatch report` as a user runs it: the figures of `hostwatch uptime` for the same week, chart files, errors. */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, runCli } from '../helpers/cli.js';
import { MIN, useLastWeekCli } from '../helpers/last-week-history.js';

const { dir, config, cli } = useLastWeekCli();

describe('hostwatch report', () => {
  it('--json: last week by default, with the very figures of `hostwatch uptime --week last`', async () => {
    const [report, uptime] = await Promise.all([
      cli('report', '--json'),
      cli('uptime', '--week', 'last', '--json'),
    ]);
    expect(report.code).toBe(0);
    const json = JSON.parse(report.stdout);
    const expected = JSON.parse(uptime.stdout);
    expect(json).toMatchObject({
      host: 'web-1',
      week: expected.window.label,
      from: expected.window.from,
      to: expected.window.to,
      fromIso: expected.window.fromIso,
      timeZone: 'Europe/Berlin',
      complete: true,
      sloTarget: 99.9,
      verdict: 'missed',
    });
    for (const service of expected.services) {
      const reported = json.services.find((s: { service: string }) => s.service === service.service);
      expect(reported).toMatchObject({
        uptimePercent: service.uptimePercent,
        downMs: service.downMs,
        outageCount: service.outageCount,
        longestOutageMs: service.longestOutageMs,
      });
      expect(reported.days.map((d: { uptimePercent: number | null }) => d.uptimePercent)).toEqual(
        service.daily.map((d: { uptimePercent: number | null }) => d.uptimePercent),
      );
    }
    expect(json.services.find((s: { service: string }) => s.service === 'nginx').downMs).toBe(58 * MIN);
    expect(json.incidents.map((i: { service: string; outages: number }) => [i.service, i.outages])).toEqual([
      ['nginx', 2],
      ['tomcat', 1],
      ['nginx', 1],
    ]);
    expect(json.questions).toEqual({ total: 0, answered: 0, people: 0, topIntents: [] });
  });

  it('text by default; --png and --svg write the chart', async () => {
    const png = join(dir, 'chart.png');
    const svg = join(dir, 'chart.svg');
    const result = await cli('report', '--week', 'last', '--png', png, '--svg', svg);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^\[web-1\] Weekly uptime report \d{4}-W\d{2}\n/);
    expect(result.stdout).toContain('services missed the 99.9% SLO');
    expect(result.stdout).toMatch(/chart written to .*chart\.png \(PNG, \d+x\d+\)/);
    expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
    expect(readFileSync(svg, 'utf8')).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    const thisWeek = await cli('report', '--week'); // alone: this week, as in hostwatch uptime
    expect(thisWeek.stdout).toContain('(so far)');
  });

  it('says what is wrong: a week that does not exist, --post without a channel, no store', async () => {
    const bad = await cli('report', '--week', '2026-W60');
    expect(bad.code).toBe(64);
    expect(bad.stderr).toContain('--week: week 60 does not exist in 2026: it has weeks 1 to 53');
    const noChannel = await cli('report', '--post');
    expect(noChannel.code).toBe(64);
    expect(noChannel.stderr).toContain('--post needs a channel: set discord.report.channel');
    const badChannel = await cli('report', '--post', '--channel', 'general');
    expect(badChannel.code).toBe(64);
    expect(badChannel.stderr).toContain('--channel: expected a Discord channel id (digits), got "general"');
    const stray = await cli('report', '--channel', '123456789012345678');
    expect(stray.code).toBe(64);
    expect(stray.stderr).toContain('--channel goes with --post');
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    const none = await runCli(
      ['report', '--post', '--channel', '123456789012345678', '--config', config, '--data-dir', empty],
      {
        env: cleanEnv(),
      },
    );
    expect(none.code).toBe(66);
    expect(none.stderr).toContain('the agent has not run with this data directory yet');
  });

  it('--post queues the week for the agent, and says the agent is not running', async () => {
    const result = await cli('report', '--post', '--channel', '123456789012345678');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^queued weekly report \d{4}-W\d{2} for channel 123456789012345678; the agent is not running/,
    );
    const status = JSON.parse((await cli('status', '--json')).stdout);
    expect(status.report).toEqual({ pending: 1, sent: 0, lastSent: null, lastError: null });
  });
});
