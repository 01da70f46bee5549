/** `hostwatch ask` and `hostwatch inquiries` as a user runs them; ask's numbers equal `uptime` / `incidents` for the same window. */
import { describe, expect, it } from 'vitest';
import { MIN, useLastWeekCli } from '../helpers/last-week-history.js';

const { cli } = useLastWeekCli();

describe('hostwatch ask', () => {
  it('"uptime last week": the very numbers of `hostwatch uptime --week last`', async () => {
    const [asked, uptime] = await Promise.all([
      cli('ask', '--json', 'uptime last week'),
      cli('uptime', '--json', '--week', 'last'),
    ]);
    expect(asked.code).toBe(0);
    expect(uptime.code).toBe(0);
    const answer = JSON.parse(asked.stdout);
    const expected = JSON.parse(uptime.stdout);
    expect(answer).toMatchObject({
      host: 'web-1',
      intent: 'uptime',
      outcome: 'answered',
      answered: true,
      facts: { kind: 'uptime' },
    });
    expect(answer.facts.window).toEqual(expected.window);
    const withoutDaily = (services: Array<Record<string, unknown>>) =>
      services.map(({ daily: _daily, ...rest }) => rest);
    expect(withoutDaily(answer.facts.services)).toEqual(withoutDaily(expected.services));
    expect(answer.facts.services.find((s: { service: string }) => s.service === 'nginx').downMs).toBe(
      58 * MIN,
    );
    expect(answer.text).toContain('[web-1] Uptime last week');
  });

  it('"was there downtime last week?": the incidents of `hostwatch incidents --window "last week"`', async () => {
    const [asked, incidents] = await Promise.all([
      cli('ask', '--json', 'was there downtime last week?'),
      cli('incidents', '--json', '--window', 'last week'),
    ]);
    const answer = JSON.parse(asked.stdout);
    const expected = JSON.parse(incidents.stdout);
    expect(answer.facts.kind).toBe('incidents');
    expect(answer.facts.incidents).toEqual(expected.incidents);
    expect(
      expected.incidents.map((i: { service: string; outages: number }) => [i.service, i.outages]),
    ).toEqual([
      ['nginx', 1],
      ['tomcat', 1],
      ['nginx', 2],
    ]);
    expect(answer.text).toContain('Yes: 3 incidents last week, 1h 28m down in total.');
  });

  it('plain text by default; positional words form the question; exit 1 when not understood', async () => {
    const text = await cli('ask', 'is', 'nginx', 'up?');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^\[web-1\] Is nginx up\? UNKNOWN\nnginx: UNKNOWN \(agent not running\)/);
    const unknown = await cli('ask', 'what is the weather?');
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toContain('I did not understand "what is the weather?"');
    const none = await cli('ask');
    expect(none.code).toBe(64);
  });

  it('hostwatch inquiries: zero counts when the bot has not been asked anything', async () => {
    const result = await cli('inquiries', '--since', '3d', '--json');
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ total: 0, answered: 0, latencyMs: null, perIntent: [] });
    expect(summary.perDay.length).toBeGreaterThanOrEqual(3);
    expect(summary.window.label).toBe('last 3d');
  });
});
