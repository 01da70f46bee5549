/**
 * The Discord bot in the real daemon, against the fake Discord (test/fakes/discord) on loopback, with a year of
 * history for 5 services (bench/uptime.ts seedYear). Figures:
 * - answer latency: from the MESSAGE_CREATE dispatch leaving the fake gateway to the bot's POST arriving at the
 *   fake REST API (median, p95, max), per question and overall, 10 questions a second from different people;
 * - the daemon's RSS and heap after a full GC (through its inspector) without the bot, with the bot connected and
 *   idle, and after answering.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DB_FILE_NAME, openDatabase } from '../agent/store/db.js';
import { StateIntervalStore } from '../agent/store/state-intervals.js';
import { type FakeDiscord, startFakeDiscord } from '../test/fakes/discord/index.js';
import { inspectorUrl, type MemoryAfterGc, memoryAfterGc } from './inspector-memory.js';
import { summary } from './stats.js';
import { SERVICES, seedYear } from './uptime.js';

const CLI = join(import.meta.dirname, '../agent/cli.js');
const DAY = 86_400_000;
const QUESTIONS = [
  'was there downtime yesterday?',
  'any outages this week?',
  'uptime this week',
  'uptime last week',
  'what is the uptime of tomcat this month?',
  'uptime last 30d',
  'when was the last outage?',
  'is nginx up?',
  'any planned maintenance?',
  'Tell me about my server!',
];

/** 10 questions a second. */
const PACE_MS = 100;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mib = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;
const figures = (memory: MemoryAfterGc) => ({
  rss: mib(memory.rssBytes),
  heapUsed: mib(memory.heapUsedBytes),
});

function startDaemon(config: string, dataDir: string, env: NodeJS.ProcessEnv) {
  const child = spawn(
    process.execPath,
    ['--inspect=127.0.0.1:0', CLI, 'run', '--config', config, '--data-dir', dataDir],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...env, AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://127.0.0.1:9', HOSTWATCH_LOG_LEVEL: 'info' },
    },
  );
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const inspector = inspectorUrl(child);
  return {
    memory: async () => memoryAfterGc(await inspector),
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function askAll(fake: FakeDiscord, rounds: number) {
  const perQuestion = new Map<string, number[]>();
  const all: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const question of QUESTIONS) {
      const sent = fake.mention(fake.addMember(`bench${round}`), question);
      const post = await fake.waitForRequest(
        (r) =>
          r.method === 'POST' &&
          (r.body as { message_reference?: { message_id: string } } | undefined)?.message_reference
            ?.message_id === sent.id,
        30_000,
      );
      const ms = post.at - sent.at;
      all.push(ms);
      perQuestion.set(question, [...(perQuestion.get(question) ?? []), ms]);
      // People, not a load test: at full speed discord.js's REST client holds every 50th post to the next
      // second (Discord's global limit of 50 requests/s), which would measure that limit, not the answer.
      await sleep(PACE_MS);
    }
  }
  return { all, perQuestion };
}

export async function benchDiscord(options: { dir: string; rounds?: number; settleSeconds?: number }) {
  const rounds = options.rounds ?? 20;
  const settle = (options.settleSeconds ?? 15) * 1000;
  const dataDir = join(options.dir, 'discord-data');
  const now = Date.now();
  const db = openDatabase(join(dataDir, DB_FILE_NAME));
  const intervalRows = db.transaction(() =>
    seedYear(new StateIntervalStore(db), now - 365 * DAY, now - 60_000),
  )();
  db.close();

  const fake = await startFakeDiscord();
  const config = join(options.dir, 'discord.yaml');
  writeFileSync(
    config,
    [
      'timezone: Europe/Berlin',
      'services:',
      ...SERVICES.slice(1).map(
        (name) => `  - { name: ${name}, interval: 30s, checks: [{ tcp: { host: 127.0.0.1, port: 9 } }] }`,
      ),
      'discord:',
      `  apiBase: ${fake.apiBase}`,
      `  guilds: ["${fake.guildId}"]`,
      `  channels: ["${fake.channelId}"]`,
      '',
    ].join('\n'),
  );
  const { DISCORD_TOKEN: _ignored, CREDENTIALS_DIRECTORY: _alsoIgnored, ...baseEnv } = process.env;
  try {
    // The first start on a fresh store does one-off work (startup gap over a year of history): run it, discard it.
    const warmup = startDaemon(config, dataDir, baseEnv);
    await sleep(settle);
    await warmup.stop();
    const without = startDaemon(config, dataDir, baseEnv);
    await sleep(settle);
    const memoryWithout = await without.memory();
    await without.stop();

    const withBot = startDaemon(config, dataDir, { ...baseEnv, DISCORD_TOKEN: fake.token });
    await fake.ready(30_000);
    await sleep(settle);
    const memoryConnected = await withBot.memory();
    // The first answer loads code and prepares statements: reported apart from the steady state.
    const first = fake.mention(fake.addMember('first'), 'uptime this week');
    const firstPost = await fake.waitForRequest(
      (r) =>
        r.method === 'POST' &&
        (r.body as { message_reference?: { message_id: string } } | undefined)?.message_reference
          ?.message_id === first.id,
      30_000,
    );
    const { all, perQuestion } = await askAll(fake, rounds);
    const memoryAfter = await withBot.memory();
    await withBot.stop();

    return {
      history: { services: SERVICES.length, days: 365, intervalRows },
      firstAnswerMs: Math.round((firstPost.at - first.at) * 1000) / 1000,
      questions: all.length,
      answerLatencyMs: summary(all),
      perQuestionMedianMs: Object.fromEntries(
        [...perQuestion].map(([question, values]) => [question, summary(values).median]),
      ),
      afterFullGcMiB: {
        withoutBot: figures(memoryWithout),
        botConnectedIdle: figures(memoryConnected),
        afterAnswering: figures(memoryAfter),
        extraRssConnected: mib(memoryConnected.rssBytes - memoryWithout.rssBytes),
        extraRssAfterAnswering: mib(memoryAfter.rssBytes - memoryWithout.rssBytes),
        extraHeapAfterAnswering: mib(memoryAfter.heapUsedBytes - memoryWithout.heapUsedBytes),
      },
    };
  } finally {
    await fake.close();
  }
}
