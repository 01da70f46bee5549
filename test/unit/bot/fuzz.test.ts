/** A few thousand random and hostile questions through the parser, the engine and both renderers. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../agent/store/db.js';
import { type AnswerData, storeAnswerData } from '../../../bot/answers/data.js';
import { ask } from '../../../bot/answers/engine.js';
import { EMBED_LIMITS, renderDiscord } from '../../../bot/answers/render-discord.js';
import { renderText } from '../../../bot/answers/render-text.js';
import { botConfig, NOW, seededStore } from '../../helpers/bot-history.js';
import { tempDir } from '../../helpers/cli.js';
import { hostileQuestion, random } from '../../helpers/hostile-text.js';

let db: Db;
let data: AnswerData;
beforeAll(() => {
  const store = seededStore(tempDir());
  db = store.db;
  data = storeAnswerData({
    db,
    config: botConfig(),
    dataDir: store.dataDir,
    dbPath: store.dbPath,
    runningPid: process.pid,
  });
});
afterAll(() => db.close());

describe('engine fuzz', () => {
  it('answers 3000 hostile questions within Discord limits, naming the host, never pinging', () => {
    const next = random(7);
    const intents = new Map<string, number>();
    for (let i = 0; i < 3000; i++) {
      const question = hostileQuestion(next);
      const now = NOW + Math.floor(next() * 30 * 86_400_000) - 15 * 86_400_000;
      const answer = ask(question, data, now);
      intents.set(answer.intent, (intents.get(answer.intent) ?? 0) + 1);
      expect(answer.host).toBe('web-1');
      const reply = renderDiscord(answer);
      expect(reply.allowedMentions).toEqual({ parse: [] });
      expect(reply.content?.length ?? 0).toBeLessThanOrEqual(EMBED_LIMITS.content);
      for (const embed of reply.embeds) {
        expect(embed.author?.name).toContain('web-1');
        expect(embed.title?.length ?? 0).toBeLessThanOrEqual(EMBED_LIMITS.title);
        expect(embed.description?.length ?? 0).toBeLessThanOrEqual(EMBED_LIMITS.description);
        expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(EMBED_LIMITS.fields);
        let total =
          (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.author?.name.length ?? 0);
        for (const field of embed.fields ?? []) {
          expect(field.name.length).toBeGreaterThan(0);
          expect(field.name.length).toBeLessThanOrEqual(EMBED_LIMITS.fieldName);
          expect(field.value.length).toBeGreaterThan(0);
          expect(field.value.length).toBeLessThanOrEqual(EMBED_LIMITS.fieldValue);
          total += field.name.length + field.value.length;
        }
        expect(total).toBeLessThanOrEqual(EMBED_LIMITS.total);
        // Mention syntax only ever appears inside code spans, or broken by a zero-width space.
        const outsideCode = JSON.stringify(embed).replace(/`[^`]*`/g, '');
        expect(outsideCode).not.toMatch(/<@|<#|@everyone|@here/);
      }
      const text = renderText(answer, { now, timeZone: 'Europe/Berlin' });
      expect(text.startsWith('[web-1] ')).toBe(true);
      expect(text).not.toMatch(/[\u0000-\u0008\u001b]/);
    }
    // The salad reaches every part of the engine, not just "unknown".
    for (const intent of [
      'uptime',
      'downtime',
      'service-state',
      'maintenance-list',
      'server',
      'unknown',
      'too-long',
      'secret',
      'action',
    ]) {
      expect(intents.get(intent) ?? 0, intent).toBeGreaterThan(0);
    }
  });
});
