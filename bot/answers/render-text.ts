/** Answer model -> plain terminal text for `hostwatch ask`: local times in the config zone, no markdown. */
import { formatDuration } from '../../agent/config/duration.js';
import { formatLocal } from '../../agent/uptime/timezones.js';
import type { Answer, AnswerField } from './model.js';
import type { Inline, Rich } from './rich.js';

/** Control characters out (a question could carry terminal escape sequences). */
const printable = (text: string) => text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');

function relative(ms: number, now: number): string {
  if (Math.abs(ms - now) < 1000) return 'just now';
  return ms <= now ? `${formatDuration(now - ms)} ago` : `in ${formatDuration(ms - now)}`;
}

export interface TextOptions {
  now: number;
  timeZone: string;
}

function inline(piece: Inline, options: TextOptions): string {
  if (typeof piece === 'string') return printable(piece);
  if ('strong' in piece) return printable(piece.strong);
  if ('code' in piece) return printable(piece.code);
  if ('user' in piece) return `"${printable(piece.user).replace(/[\r\n]+/g, ' ')}"`;
  const { time, style } = piece;
  if (style === 'R') return relative(time, options.now);
  const local = formatLocal(time, options.timeZone);
  return style === 'D' ? local.slice(0, 10) : style === 't' ? local.slice(11) : local;
}

const line = (rich: Rich, options: TextOptions) => rich.map((piece) => inline(piece, options)).join('');

function fieldText(field: AnswerField, options: TextOptions): string[] {
  const name = line(field.name, options);
  const lines = field.lines.map((rich) => line(rich, options));
  if (field.inline && lines.length === 1) return [`${name}: ${lines[0]}`];
  return [`${name}:`, ...lines.map((text) => `  ${text}`)];
}

const usesAbsoluteTime = (answer: Answer) =>
  [answer.title, ...answer.lines, ...answer.fields.flatMap((f) => [f.name, ...f.lines])].some((rich) =>
    rich.some((piece) => typeof piece === 'object' && 'time' in piece && piece.style !== 'R'),
  );

export function renderText(answer: Answer, options: TextOptions): string {
  if (answer.style === 'message')
    return `[${printable(answer.host)}] ${answer.lines.map((rich) => line(rich, options)).join('\n')}\n`;
  const out = [`[${printable(answer.host)}] ${line(answer.title, options)}`];
  for (const rich of answer.lines) out.push(line(rich, options));
  if (answer.fields.length > 0) out.push('');
  for (const field of answer.fields) out.push(...fieldText(field, options));
  if (usesAbsoluteTime(answer)) out.push('', `(times in ${options.timeZone})`);
  return `${out.join('\n')}\n`;
}
