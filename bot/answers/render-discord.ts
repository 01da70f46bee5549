/**
 * Answer model -> Discord message body. Pure. Every dynamic string is escaped (markdown, mentions), echoed user
 * text is shown as an inline code span, times are Discord timestamps, and Discord's embed limits always hold.
 */
import { type APIEmbed, type APIEmbedField, escapeMarkdown } from 'discord.js';
import { truncate } from '../../agent/text.js';
import type { Answer, AnswerField, Tone } from './model.js';
import type { Inline, Rich } from './rich.js';

/** https://discord.com/developers/docs/resources/message#embed-object-embed-limits */
export const EMBED_LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  authorName: 256,
  total: 6000,
  content: 2000,
} as const;

/** Echoed user text is cut to this many characters. */
const ECHO_LIMIT = 100;

export { truncate };

export interface DiscordReply {
  content?: string;
  embeds: APIEmbed[];
  /** Never ping anyone, whatever the text says. */
  allowedMentions: { parse: [] };
}

const COLORS: Record<Tone, number> = { good: 0x2ecc71, warn: 0xf1c40f, bad: 0xe74c3c, info: 0x5865f2 };

const ESCAPE_ALL = { heading: true, bulletedList: true, numberedList: true, maskedLink: true } as const;

/** Markdown escaped and mention syntax broken with a zero-width space (allowedMentions stops pings; this stops chips). */
export function escapeText(text: string): string {
  return escapeMarkdown(text, ESCAPE_ALL)
    .replace(/@(everyone|here)/gi, '@\u200b$1')
    .replace(/<([@#]|t:|a?:\w)/g, '<\u200b$1');
}

/** An inline code span: nothing inside renders (no markdown, no mentions); backticks and newlines cannot break out. */
export function codeSpan(text: string, limit = 200): string {
  const flat = text
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/`/g, 'ˋ')
    .replace(/[\u200b-\u200f\u2028-\u202e\u2066-\u2069]/g, '');
  const short = truncate(flat, limit);
  return `\`${short.trim() === '' ? ' ' : short}\``;
}

const unix = (ms: number) => Math.floor(ms / 1000);

function inline(piece: Inline): string {
  if (typeof piece === 'string') return escapeText(piece);
  if ('strong' in piece) return `**${escapeText(piece.strong)}**`;
  if ('time' in piece) return `<t:${unix(piece.time)}:${piece.style}>`;
  if ('code' in piece) return codeSpan(piece.code);
  return codeSpan(piece.user, ECHO_LIMIT);
}

function renderRich(rich: Rich): string {
  return rich.map(inline).join('');
}

/** Whole lines while they fit, then a count of the rest (no line cut in half unless one alone is too long). */
export function fitLines(lines: readonly string[], limit: number): string {
  const more = (count: number) => (count > 0 ? `\n… and ${count} more` : '');
  let out = '';
  for (const [index, line] of lines.entries()) {
    const next = out === '' ? line : `${out}\n${line}`;
    if (next.length + more(lines.length - index - 1).length > limit) {
      const note = more(lines.length - index - (out === '' ? 1 : 0));
      return out === '' ? truncate(line, limit - note.length) + note : out + note;
    }
    out = next;
  }
  return out || '\u200b';
}

function field(source: AnswerField): APIEmbedField {
  return {
    name: truncate(renderRich(source.name), EMBED_LIMITS.fieldName) || '\u200b',
    value: fitLines(source.lines.map(renderRich), EMBED_LIMITS.fieldValue),
    ...(source.inline ? { inline: true } : {}),
  };
}

function embedSize(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0)
  );
}

/** Enforces the 25-field and 6000-character limits by dropping trailing fields (and saying so). */
function fitEmbed(embed: APIEmbed): APIEmbed {
  const fields = [...(embed.fields ?? [])];
  let dropped = Math.max(0, fields.length - EMBED_LIMITS.fields);
  fields.length = Math.min(fields.length, EMBED_LIMITS.fields);
  const build = () => {
    const note = dropped > 0 ? `\n… ${dropped} more not shown` : '';
    const description = truncate(embed.description ?? '', EMBED_LIMITS.description - note.length) + note;
    return { ...embed, description: description || '\u200b', fields: [...fields] };
  };
  let fitted = build();
  while (embedSize(fitted) > EMBED_LIMITS.total && fields.length > 0) {
    fields.pop();
    dropped += 1;
    fitted = build();
  }
  if (embedSize(fitted) > EMBED_LIMITS.total) {
    const overflow = embedSize(fitted) - EMBED_LIMITS.total;
    fitted = {
      ...fitted,
      description: truncate(fitted.description, Math.max(1, fitted.description.length - overflow)),
    };
  }
  return fitted;
}

export function renderEmbed(answer: Answer): APIEmbed {
  return fitEmbed({
    author: { name: truncate(`hostwatch · ${answer.host}`, EMBED_LIMITS.authorName) },
    title: truncate(renderRich(answer.title), EMBED_LIMITS.title),
    description: answer.lines.map(renderRich).join('\n'),
    color: COLORS[answer.tone],
    fields: answer.fields.map(field),
  });
}

/** The reply the bot posts: a short message naming the host, or an embed. */
export function renderDiscord(answer: Answer): DiscordReply {
  if (answer.style === 'message') {
    const content = `**${escapeText(answer.host)}**: ${answer.lines.map(renderRich).join('\n')}`;
    return { content: truncate(content, EMBED_LIMITS.content), embeds: [], allowedMentions: { parse: [] } };
  }
  return { embeds: [renderEmbed(answer)], allowedMentions: { parse: [] } };
}
