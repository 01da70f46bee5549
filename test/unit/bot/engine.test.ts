import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { incidentsIn, uptimeReport } from '../../../agent/history/report.js';
import type { Db } from '../../../agent/store/db.js';
import { type AnswerData, storeAnswerData } from '../../../bot/answers/data.js';
import { ask } from '../../../bot/answers/engine.js';
import type { Answer } from '../../../bot/answers/model.js';
import { renderDiscord } from '../../../bot/answers/render-discord.js';
import { renderText } from '../../../bot/answers/render-text.js';
import {
  botConfig,
  CAUSE,
  LAST_WEEK_START,
  MAINTENANCE,
  NGINX_DOWN,
  NOW,
  seededStore,
  TOMCAT_DOWN,
  WEEK_START,
  YESTERDAY,
} from '../../helpers/bot-history.js';
import { tempDir } from '../../helpers/cli.js';

const MIN = 60_000;
const DAY = 86_400_000;
let db: Db;
let data: AnswerData;
const config = botConfig();
const text = (answer: Answer) => renderText(answer, { now: NOW, timeZone: config.timezone });

beforeAll(() => {
  const store = seededStore(tempDir());
  db = store.db;
  data = storeAnswerData({
    db,
    config,
    dataDir: store.dataDir,
    dbPath: store.dbPath,
    runningPid: process.pid,
  });
});
afterAll(() => db.close());

describe('answer engine on a seeded store', () => {
  it('"was there downtime yesterday?": two nginx incidents, 12 minutes down', () => {
    const answer = ask('was there downtime yesterday?', data, NOW);
    expect(answer).toMatchObject({ intent: 'downtime', outcome: 'answered', host: 'web-1', tone: 'warn' });
    if (answer.facts?.kind !== 'incidents') throw new Error('expected incident facts');
    expect(answer.facts.window).toMatchObject({ ...YESTERDAY, label: '2026-11-17' });
    expect(answer.facts.incidents.map((i) => [i.service, i.start, i.end, i.downMs])).toEqual([
      ['nginx', NGINX_DOWN[1]?.from, NGINX_DOWN[1]?.to, 2 * MIN],
      ['nginx', NGINX_DOWN[0]?.from, NGINX_DOWN[0]?.to, 10 * MIN],
    ]);
    const plain = text(answer);
    expect(plain).toContain('[web-1] Downtime yesterday');
    expect(plain).toContain('Yes: 2 incidents yesterday, 12m down in total.');
    expect(plain).toContain(`cause: ${CAUSE}`);
    expect(plain).toContain('2026-11-17 02:00: down 10m'); // 01:00Z is 02:00 in Berlin
  });

  it('"any outages this week?" names the same incidents; last week only tomcat', () => {
    const thisWeek = ask('any outages this week?', data, NOW);
    expect(thisWeek.facts?.kind === 'incidents' && thisWeek.facts.incidents).toHaveLength(2);
    const lastWeek = ask('were there any incidents last week?', data, NOW);
    if (lastWeek.facts?.kind !== 'incidents') throw new Error('expected incident facts');
    expect(lastWeek.facts.incidents.map((i) => [i.service, i.downMs])).toEqual([['tomcat', 30 * MIN]]);
  });

  it('"what is the uptime of nginx this week?": 12 minutes down in 61 hours', () => {
    const answer = ask('what is the uptime of nginx this week?', data, NOW);
    if (answer.facts?.kind !== 'uptime') throw new Error('expected uptime facts');
    const [nginx] = answer.facts.report.services;
    const measured = NOW - WEEK_START; // 61 h
    expect(measured).toBe(61 * 3_600_000);
    expect(nginx?.uptime).toMatchObject({ downMs: 12 * MIN, upMs: measured - 12 * MIN, outageCount: 2 });
    expect(nginx?.uptime.uptimePercent).toBeCloseTo((100 * (measured - 12 * MIN)) / measured, 10);
    const plain = text(answer);
    expect(plain).toContain('nginx: 99.672%, down 12m in 2 outages.');
    expect(plain).toContain('Uptime: 99.672%');
    expect(plain).toContain('(so far)');
  });

  it('"uptime last week": every service; tomcat 30 minutes down of a whole week', () => {
    const answer = ask('uptime last week', data, NOW);
    if (answer.facts?.kind !== 'uptime') throw new Error('expected uptime facts');
    expect(answer.facts.window).toMatchObject({ from: LAST_WEEK_START, to: WEEK_START, label: '2026-W46' });
    const byService = Object.fromEntries(
      answer.facts.report.services.map((s) => [s.uptime.service, s.uptime]),
    );
    expect(byService.host?.uptimePercent).toBe(100);
    expect(byService.nginx?.uptimePercent).toBe(100);
    expect(byService.tomcat?.downMs).toBe(30 * MIN);
    expect(byService.tomcat?.uptimePercent).toBeCloseTo((100 * (7 * DAY - 30 * MIN)) / (7 * DAY), 10);
    expect(text(answer)).toContain('tomcat: 99.702%, down 30m in 1 outage');
  });

  it("its numbers are the shared history layer's (what `hostwatch uptime` / `incidents` print)", () => {
    for (const [question, window] of [
      ['uptime last week', { from: LAST_WEEK_START, to: WEEK_START }],
      ['uptime this week', { from: WEEK_START, to: WEEK_START + 7 * DAY }],
      ['uptime yesterday', YESTERDAY],
    ] as const) {
      const answer = ask(question, data, NOW);
      const expected = uptimeReport({ db, config, ...window, now: NOW, agentRunning: true, daily: false });
      expect(answer.facts?.kind === 'uptime' && answer.facts.report).toEqual(expected);
    }
    const downtime = ask('was there downtime yesterday?', data, NOW);
    expect(downtime.facts?.kind === 'incidents' && downtime.facts.incidents).toEqual(
      incidentsIn({ db, config, ...YESTERDAY, now: NOW, agentRunning: true }),
    );
  });

  it('"when was the last outage?" and per service', () => {
    const last = ask('when was the last outage?', data, NOW);
    expect(last.facts).toMatchObject({
      kind: 'last-outage',
      incident: { service: 'nginx', start: NGINX_DOWN[1]?.from },
    });
    const tomcat = ask('when did tomcat last go down?', data, NOW);
    expect(tomcat.facts).toMatchObject({
      kind: 'last-outage',
      incident: { service: 'tomcat', start: TOMCAT_DOWN.from, downMs: 30 * MIN },
    });
    expect(text(tomcat)).toContain('The last outage: tomcat, 2026-11-10 11:00');
  });

  it('"is nginx up?" from the status model', () => {
    const answer = ask('is nginx up?', data, NOW);
    expect(answer.facts).toEqual({
      kind: 'service-state',
      service: 'nginx',
      state: 'up',
      since: NGINX_DOWN[1]?.to,
    });
    expect(text(answer)).toContain('[web-1] Is nginx up? Yes');
  });

  it('maintenance: the ad hoc window is listed and is the next one', () => {
    const list = ask('any planned maintenance?', data, NOW);
    expect(list.facts).toMatchObject({
      kind: 'maintenance',
      windows: [{ name: 'kernel patch', from: MAINTENANCE.start }],
    });
    const next = ask('when is the next maintenance?', data, NOW);
    expect(next.facts).toMatchObject({
      kind: 'maintenance',
      windows: [{ from: MAINTENANCE.start, to: MAINTENANCE.end }],
    });
    expect(text(next)).toContain('The next maintenance: kernel patch, 2026-11-18 21:00 (in 8h)');
    const during = ask('is maintenance active right now?', data, MAINTENANCE.start + 10 * MIN);
    expect(text(during)).toContain('active now');
  });

  it('"Tell me about my server!" on EC2: region, zone, instance, IPs, CPU, memory, disks, network, load, uptime, services', () => {
    const answer = ask('Tell me about my server!', data, NOW);
    const plain = text(answer);
    expect(plain).not.toContain('figures may be old');
    for (const expected of [
      'Region eu-central-1, availability zone eu-central-1a',
      'Instance i-0123456789abcdef0 (t3.small)',
      'Private IP 10.0.1.23, public IP 203.0.113.10',
      'CPU: 12.5% busy',
      'Memory: 41.0% used of 4.0 GiB',
      'Load: 0.25 / 0.20 / 0.10',
      'Host uptime: 3d',
      '/ 63.2% used of 20.0 GiB',
      '/data 5.0% used of 100 GiB',
      'eth0 in 2.0 KiB/s, out 512 B/s',
      'nginx: up since',
    ]) {
      expect(plain).toContain(expected);
    }
    expect(plain).not.toContain('lo in');
  });

  it('off EC2 it says so instead of inventing AWS facts', () => {
    const store = seededStore(tempDir(), NOW, {
      hostname: 'build-box',
      ec2: false,
      source: 'local',
      reason: 'IMDS not reachable',
      localAddresses: ['192.168.1.5'],
      resolvedAt: NOW,
    });
    const local = storeAnswerData({
      db: store.db,
      config,
      dataDir: store.dataDir,
      dbPath: store.dbPath,
      runningPid: process.pid,
    });
    const plain = text(ask('tell me about my server', local, NOW));
    store.db.close();
    expect(plain).toContain('Not on EC2 (IMDS not reachable), so no region, zone or instance facts.');
    expect(plain).not.toMatch(/Region|Instance i-/);
  });

  it('the host name falls back to the identity when the config has none', () => {
    const store = seededStore(tempDir());
    const unnamed = botConfig();
    unnamed.host.name = undefined;
    const answer = ask(
      'hello world',
      storeAnswerData({
        db: store.db,
        config: unnamed,
        dataDir: store.dataDir,
        dbPath: store.dbPath,
        runningPid: 1,
      }),
      NOW,
    );
    store.db.close();
    expect(answer.host).toBe('ip-10-0-1-23.eu-central-1.compute.internal');
  });

  it('hello world -> hello and a help line; unknown -> what it can answer', () => {
    const hello = ask('hello world', data, NOW);
    expect(hello.style).toBe('message');
    expect(renderDiscord(hello).content).toBe(
      '**web-1**: hello from **web-1**! Ask me, for example, `was there downtime yesterday?` or use `/help`.',
    );
    const unknown = ask("what's the weather like?", data, NOW);
    expect(unknown.outcome).toBe('unknown');
    expect(text(unknown)).toContain('I did not understand "what\'s the weather like?"');
    expect(text(unknown)).toContain('was there downtime yesterday?');
  });

  it('refuses unknown services, absurd periods, secrets and actions with a clear answer', () => {
    expect(text(ask('is foobar up?', data, NOW))).toContain(
      'I do not watch a service called "foobar" on web-1.\nI watch: host, nginx and tomcat.',
    );
    const absurd = ask('uptime last 99999 years', data, NOW);
    expect(absurd.outcome).toBe('refused');
    expect(text(absurd)).toContain('I answer for periods of up to 400 days; "last 99999 years" is longer.');
    expect(text(ask('uptime this year', data, NOW))).toContain(
      'calendar years and quarters are not supported',
    );
    expect(ask('what is the discord token?', data, NOW)).toMatchObject({
      outcome: 'refused',
      intent: 'secret',
    });
    expect(ask('restart nginx', data, NOW)).toMatchObject({ outcome: 'refused', intent: 'action' });
  });
});
