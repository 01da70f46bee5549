import { describe, expect, it } from 'vitest';
import type { Answer } from '../../../bot/answers/model.js';
import {
  codeSpan,
  EMBED_LIMITS,
  escapeText,
  fitLines,
  renderDiscord,
  renderEmbed,
} from '../../../bot/answers/render-discord.js';
import { renderText } from '../../../bot/answers/render-text.js';

const answer = (parts: Partial<Answer>): Answer => ({
  intent: 'uptime',
  outcome: 'answered',
  host: 'web_1',
  tone: 'good',
  style: 'embed',
  title: ['Uptime'],
  lines: [],
  fields: [],
  ...parts,
});

describe('Discord rendering', () => {
  it('escapes markdown and breaks mention syntax in our own text', () => {
    expect(escapeText('web_1 *x* @everyone @here <@123> <#456> <@&789>')).toBe(
      'web\\_1 \\*x\\* @\u200beveryone @\u200bhere <\u200b@123> <\u200b#456> <\u200b@&789>',
    );
  });

  it('shows echoed text as one code span that backticks and newlines cannot break', () => {
    expect(codeSpan('a`b\nc')).toBe('`aˋb c`');
    expect(codeSpan('')).toBe('` `');
    expect(codeSpan('x'.repeat(500), 100)).toBe(`\`${'x'.repeat(99)}…\``);
  });

  it('renders times as Discord timestamps and names the host in the author line', () => {
    const embed = renderEmbed(
      answer({
        lines: [
          ['from ', { time: 1_795_000_000_999, style: 'f' }, ' ', { time: 1_795_000_000_000, style: 'R' }],
        ],
      }),
    );
    expect(embed.author?.name).toBe('hostwatch · web_1');
    expect(embed.description).toBe('from <t:1795000000:f> <t:1795000000:R>');
  });

  it('keeps to 25 fields and 6000 characters, saying what was left out', () => {
    const fields = Array.from({ length: 40 }, (_, i) => ({
      name: [`field ${i}`],
      lines: [['x'.repeat(900)]],
    }));
    const embed = renderEmbed(answer({ fields, lines: [['y'.repeat(5000)]] }));
    const size =
      (embed.title?.length ?? 0) +
      (embed.description?.length ?? 0) +
      (embed.author?.name.length ?? 0) +
      (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0);
    expect(embed.fields?.length).toBeLessThanOrEqual(EMBED_LIMITS.fields);
    expect(size).toBeLessThanOrEqual(EMBED_LIMITS.total);
    expect(embed.description).toMatch(/… \d+ more not shown$/);
  });

  it('cuts a long field at a line boundary and counts the rest', () => {
    const lines = Array.from({ length: 100 }, (_, i) => `line ${i} ${'z'.repeat(30)}`);
    const value = fitLines(lines, EMBED_LIMITS.fieldValue);
    expect(value.length).toBeLessThanOrEqual(EMBED_LIMITS.fieldValue);
    expect(value).toMatch(/\n… and \d+ more$/);
    expect(
      value
        .split('\n')
        .slice(0, -1)
        .every((line) => lines.includes(line)),
    ).toBe(true);
    expect(fitLines(['a'.repeat(3000)], 1024)).toHaveLength(1024);
    expect(fitLines([], 1024)).toBe('\u200b');
  });

  it('a short message names the host and stays under 2000 characters', () => {
    const reply = renderDiscord(answer({ style: 'message', lines: [['hello '.repeat(500)]] }));
    expect(reply.embeds).toEqual([]);
    expect(reply.content?.startsWith('**web\\_1**: hello')).toBe(true);
    expect(reply.content?.length).toBeLessThanOrEqual(2000);
  });

  it('plain text: local times, relative times, no control characters', () => {
    const text = renderText(
      answer({
        lines: [
          [
            { time: Date.UTC(2026, 10, 18, 11), style: 'f' },
            ' ',
            { time: Date.UTC(2026, 10, 18, 11), style: 'R' },
            ' ',
            { user: 'a\u001b[31mb\nc' },
          ],
        ],
      }),
      { now: Date.UTC(2026, 10, 18, 12), timeZone: 'Europe/Berlin' },
    );
    expect(text).toBe('[web_1] Uptime\n2026-11-18 12:00 1h ago "a[31mb c"\n\n(times in Europe/Berlin)\n');
  });
});
