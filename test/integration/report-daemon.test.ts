/**
 * End to end: the built daemon posts the weekly report (embed + PNG chart, multipart like discord.js sends it) to
 * the fake Discord's REST API: the run it missed while stopped, a `hostwatch report --post` request through
 * 500 and 403 failures, a request left pending across a restart; node-cron's own run finds the week already
 * queued. Uses the seeded history of bot-history.ts (2026-W47: nginx down 12 minutes).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DB_FILE_NAME, openDatabase } from '../../agent/store/db.js';
import { MetaStore } from '../../agent/store/meta.js';
import { weekWindow } from '../../agent/uptime/ranges.js';
import { REPORT_SINCE_META_KEY } from '../../bot/report/component.js';
import type { Embed } from '../fakes/discord/bodies.js';
import { startFakeDiscord } from '../fakes/discord/index.js';
import type { RecordedRequest, UploadedFile } from '../fakes/discord/rest.js';
import { seedBotHistory } from '../helpers/bot-history.js';
import { cleanEnv, type DaemonHandle, runCli, startDaemon, tempDir } from '../helpers/cli.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const cleanup: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

interface ReportBody {
  embeds: Array<Embed & { image?: { url: string } }>;
  attachments: Array<{ id: number; filename: string }>;
  allowed_mentions: { parse: string[] };
  files: UploadedFile[];
}
const bodyOf = (request: RecordedRequest) => request.body as ReportBody;
const titleOf = (request: RecordedRequest) =>
  (request.body as Partial<ReportBody> | undefined)?.embeds?.[0]?.title;

describe('weekly report posted by the daemon', () => {
  it('catches up, retries through failures and a restart, and never posts a scheduled week twice', {
    timeout: 200_000,
  }, async () => {
    const fake = await startFakeDiscord();
    cleanup.push(() => fake.close());
    const dir = tempDir();
    const dataDir = join(dir, 'data');
    const config = join(dir, 'hostwatch.yaml');
    writeFileSync(
      config,
      [
        'host: { name: web-e2e }',
        'timezone: Europe/Berlin',
        'metrics: { interval: 1s }',
        'discord:',
        `  apiBase: ${fake.apiBase}`,
        `  guilds: ["${fake.guildId}"]`,
        `  channels: ["${fake.channelId}"]`,
        `  report: { channel: "${fake.channelId}", cron: "* * * * *" }`,
        '',
      ].join('\n'),
    );
    // History, and a report switched on long ago: the schedule's last run counts as missed.
    const seed = openDatabase(join(dataDir, DB_FILE_NAME));
    seedBotHistory(seed, Date.now());
    new MetaStore(seed).set(REPORT_SINCE_META_KEY, Date.now() - 8 * 86_400_000);
    seed.close();
    const env = cleanEnv({ DISCORD_TOKEN: fake.token });
    const cli = (...args: string[]) =>
      runCli([...args, '--config', config, '--data-dir', dataDir], { env: cleanEnv() });
    const start = () => {
      const daemon = startDaemon(['--config', config, '--data-dir', dataDir], { env });
      cleanup.push(() => daemon.stop());
      return daemon;
    };
    const lastWeek = weekWindow('last', Date.now(), 'Europe/Berlin').label;
    const reportPosts = () => fake.posts(fake.channelId).filter((r) => r.status === 200);
    const postedWeeks = () => reportPosts().map((r) => titleOf(r)?.replace('Weekly uptime report ', ''));

    // 1. The missed run: last week's report, right after start.
    let daemon: DaemonHandle = start();
    const on = await daemon.waitForLog((l) => l.msg === 'weekly-report: on');
    expect(on.reason).toBe(
      `last week's report goes to channel ${fake.channelId} at "* * * * *" (Europe/Berlin)`,
    );
    await daemon.waitForLog((l) =>
      String(l.msg).startsWith(`weekly report ${lastWeek} queued (catching up the run of `),
    );
    const first = await fake.waitForPost(fake.channelId, 1, 30_000);
    const body = bodyOf(first);
    expect(body.embeds[0]?.title).toBe(`Weekly uptime report ${lastWeek}`);
    expect(body.embeds[0]?.author?.name).toBe('hostwatch · web-e2e');
    expect(body.allowed_mentions).toEqual({ parse: [] });
    const file = body.files[0] as UploadedFile;
    expect(file).toMatchObject({
      field: 'files[0]',
      name: `uptime-web-e2e-${lastWeek}.png`,
      contentType: 'image/png',
    });
    expect(file.data.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(file.data.readUInt32BE(16)).toBeGreaterThan(600); // IHDR width of the 7-day grid
    expect(body.attachments).toEqual([expect.objectContaining({ id: 0, filename: file.name })]);
    expect(body.embeds[0]?.image?.url).toBe(`attachment://${file.name}`);
    await daemon.waitForLog(
      (l) => String(l.msg) === `weekly report ${lastWeek} posted to Discord channel ${fake.channelId}`,
    );

    // 2. A request from the CLI, through a 500 and a 403; the figures are the seeded week's.
    fake.failPosts(500, 403);
    const before = fake.requests.length;
    const queued = await cli('report', '--post', '--week', '2026-W47', '--json');
    expect(queued.code).toBe(0);
    expect(JSON.parse(queued.stdout)).toEqual({
      week: '2026-W47',
      channel: fake.channelId,
      queued: true,
      agentRunning: true,
    });
    const forbidden = await daemon.waitForLog(
      (l) =>
        String(l.msg).includes('could not post weekly report 2026-W47') && String(l.msg).includes('HTTP 403'),
      40_000,
    );
    expect(String(forbidden.msg)).toContain(
      'give it View Channel, Send Messages, Embed Links and Attach Files',
    );
    const w47 = await fake.waitForRequest(
      (r) =>
        fake.requests.indexOf(r) >= before &&
        r.status === 200 &&
        r.route === `/channels/${fake.channelId}/messages` &&
        titleOf(r) === 'Weekly uptime report 2026-W47',
      30_000,
    );
    const nginx = bodyOf(w47).embeds[0]?.fields?.find((f) => f.name.startsWith('nginx'));
    expect(nginx?.value).toContain('**99\\.881%**');
    expect(nginx?.value).toContain('2 outages, down 12m, longest 10m');
    const attempts = fake
      .posts(fake.channelId)
      .filter((r) => fake.requests.indexOf(r) >= before)
      .map((r) => [titleOf(r), r.status]);
    expect(attempts).toEqual([500, 403, 200].map((code) => ['Weekly uptime report 2026-W47', code]));
    await daemon.waitForLog(
      (l) => String(l.msg) === `weekly report 2026-W47 posted to Discord channel ${fake.channelId}`,
    );
    const status = JSON.parse((await cli('status', '--json')).stdout);
    expect(status.report).toMatchObject({
      pending: 0,
      sent: 2,
      lastSent: { week: '2026-W47' },
      lastError: null,
    });

    // 3. A request pending across a restart is posted by the next agent.
    fake.failPosts(500, 500);
    expect((await cli('report', '--post', '--week', '2026-W46')).code).toBe(0);
    await daemon.waitForLog((l) => String(l.msg).includes('could not post weekly report 2026-W46'), 30_000);
    expect(await daemon.stop()).toBe(0);
    const pending = JSON.parse((await cli('status', '--json')).stdout);
    expect(pending.report).toMatchObject({ pending: 1, lastError: expect.stringContaining('HTTP 500') });
    expect((await cli('status')).stdout).toMatch(
      /Report: {3}2026-W47 posted .*; 1 queued \(last error: HTTP 500/,
    );
    daemon = start();
    await fake.waitForRequest(
      (r) => r.status === 200 && titleOf(r) === 'Weekly uptime report 2026-W46',
      40_000,
    );
    // Its catch-up found last week already queued: no second post of it.
    await daemon.waitForLog((l) => String(l.msg).startsWith(`weekly report ${lastWeek} was already queued`));

    // 4. node-cron's own run (every minute here) finds last week queued too.
    await daemon.waitForLog(
      (l) =>
        String(l.msg) ===
        `weekly report ${lastWeek} was already queued for channel ${fake.channelId} (schedule fired)`,
      65_000,
    );
    // Once by the schedule (plus once by the CLI request of step 2 when last week is 2026-W47).
    expect(postedWeeks().filter((w) => w === lastWeek)).toHaveLength(lastWeek === '2026-W47' ? 2 : 1);
    expect(daemon.logs.map((l) => JSON.stringify(l)).join('\n')).not.toContain(fake.token);
    expect(daemon.logs.filter((l) => l.unparsed)).toEqual([]); // node-cron writes through our logger only
  });
});
