/** Runs the real `discord` agent component in this process against a fake Discord and a seeded store. */

import { afterAll, beforeAll } from 'vitest';
import { parseConfigText } from '../../agent/config/load.js';
import type { AgentComponent } from '../../agent/daemon/component.js';
import { AgentEvents } from '../../agent/daemon/events.js';
import { createLogger } from '../../agent/log.js';
import type { Db } from '../../agent/store/db.js';
import { discordComponent } from '../../bot/component.js';
import { type FakeDiscord, startFakeDiscord } from '../fakes/discord/index.js';
import { BOT_CONFIG_YAML, EC2_IDENTITY, NOW, seededStore } from './bot-history.js';
import { tempDir } from './cli.js';

export interface RunningBot {
  component: AgentComponent;
  db: Db;
  dataDir: string;
  /** Parsed log lines. */
  logs: Array<Record<string, unknown>>;
  /** The raw log text (to check nothing secret is in it). */
  rawLog(): string;
  clock: { now(): number; set(ms: number): void };
  stop(): Promise<void>;
}

/** `discordYaml`: extra keys of the `discord:` section, indented by four spaces. */
export async function startBot(
  fake: FakeDiscord,
  discordYaml: string[] = [],
  options: { seedNow?: number; token?: string; apiBase?: string } = {},
): Promise<RunningBot> {
  const dataDir = tempDir('hostwatch-bot-');
  const { db } = seededStore(dataDir, options.seedNow ?? NOW);
  const config = parseConfigText(
    [
      BOT_CONFIG_YAML,
      'discord:',
      `  apiBase: ${options.apiBase ?? fake.apiBase}`,
      `  guilds: ["${fake.guildId}"]`,
      `  channels: ["${fake.channelId}"]`,
      `  onCallRole: "${fake.onCallRoleId}"`,
      ...discordYaml.map((line) => `  ${line}`),
      '',
    ].join('\n'),
    'test',
  );
  let now = options.seedNow ?? NOW;
  const clock = { now: () => now, set: (ms: number) => void (now = ms) };
  let raw = '';
  const logs: Array<Record<string, unknown>> = [];
  const logger = createLogger({
    level: 'debug',
    write: (line) => {
      raw += line;
      logs.push(JSON.parse(line) as Record<string, unknown>);
    },
  });
  const component = discordComponent();
  const ctx = {
    db,
    clock,
    logger: logger.child({ component: 'discord' }),
    env: { DISCORD_TOKEN: options.token ?? fake.token },
    config,
    configSource: 'test',
    dataDir,
    identity: EC2_IDENTITY,
    events: new AgentEvents(),
  };
  const decision = await component.decide(ctx);
  if (!decision.on) throw new Error(`discord component is off: ${decision.reason}`);
  await component.start(ctx);
  return {
    component,
    db,
    dataDir,
    logs,
    rawLog: () => raw,
    clock,
    stop: async () => {
      await component.stop();
      db.close();
    },
  };
}

/**
 * One fake Discord and one bot on it (default config) for the whole test file, ready once the guild commands are
 * registered; both are stopped after the file. `take` receives them in beforeAll.
 */
export function useBotOnFakeDiscord(take: (started: { fake: FakeDiscord; bot: RunningBot }) => void): void {
  let fake: FakeDiscord | undefined;
  let bot: RunningBot | undefined;
  beforeAll(async () => {
    fake = await startFakeDiscord();
    bot = await startBot(fake);
    await fake.ready();
    take({ fake, bot });
  });
  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
  });
}
