/**
 * Time expressions in questions ("yesterday", "this week", "in the last 3 days", "2026-W13") turned into the
 * window names agent/uptime/ranges.ts resolveWindow understands, so the bot and `hostwatch uptime --window`
 * read periods the same way.
 */
import { type NamedWindow, resolveWindow } from '../../agent/uptime/ranges.js';

/** A period found in a question: the window text for resolveWindow, or why it cannot be one. */
export type PeriodRequest =
  | { ok: true; phrase: string; text: string }
  | { ok: false; phrase: string; reason: 'unsupported' | 'malformed' };

export const MAX_PERIOD_DAYS = 400;
const DAY_MS = 86_400_000;

export const PERIOD_EXAMPLES = [
  'today',
  'yesterday',
  'this week',
  'last week',
  'this month',
  'last month',
  'last 24h',
  'last 7d',
  'last 30d',
] as const;

const UNIT = String.raw`(seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|wks?|w|months?|mos?|years?|yrs?|y)`;

/** Duration text for resolveWindow: months count as 30 days, years as 365 (like parseDuration's y). */
function durationText(amount: string, unit: string): string {
  if (/^mo/.test(unit)) return `${Number(amount) * 30}d`;
  if (/^(s|sec)/.test(unit)) return `${amount}s`;
  if (/^(m|min)/.test(unit)) return `${amount}m`;
  if (/^(h|hr|hour)/.test(unit)) return `${amount}h`;
  if (/^(d|day)/.test(unit)) return `${amount}d`;
  if (/^(w|wk|week)/.test(unit)) return `${amount}w`;
  return `${amount}y`;
}

type Rule = [RegExp, (match: RegExpExecArray) => PeriodRequest];

const ok = (phrase: string, text: string): PeriodRequest => ({ ok: true, phrase, text });

/** Checked in order; the first that matches wins. Input is lower case with single spaces. */
const RULES: Rule[] = [
  [/\b(\d{4}-?w\d{1,2})\b/, (m) => ok(m[0], m[1] as string)],
  [/\b(\d{4}-\d{2}-\d{2})\b/, (m) => ok(m[0], m[1] as string)],
  [/\b(\d{4}-\d{2})\b/, (m) => ok(m[0], m[1] as string)],
  [
    new RegExp(String.raw`\b(?:last|past|previous|recent) (\d+(?:\.\d+)?) ?${UNIT}\b`),
    (m) => ok(m[0], `last ${durationText(m[1] as string, m[2] as string)}`),
  ],
  [
    /\b(?:last|past|previous) (?:a |one )?(hour|day|24 hours)\b/,
    (m) => ok(m[0], m[1] === 'hour' ? 'last 1h' : 'last 24h'),
  ],
  [
    /\bpast (?:a |one )?(week|month|year)\b/,
    (m) => ok(m[0], { week: 'last 7d', month: 'last 30d', year: 'last 365d' }[m[1] as 'week']),
  ],
  [
    /\b(this|last|previous|current) (year|quarter|decade|century|millennium)\b/,
    (m) => ({ ok: false, phrase: m[0], reason: 'unsupported' }),
  ],
  [/\btoday\b/, (m) => ok(m[0], 'today')],
  [/\byesterday\b/, (m) => ok(m[0], 'yesterday')],
  [/\b(?:this|current) week\b/, (m) => ok(m[0], 'this week')],
  [/\b(?:last|previous) week\b/, (m) => ok(m[0], 'last week')],
  [/\b(?:this|current) month\b/, (m) => ok(m[0], 'this month')],
  [/\b(?:last|previous) month\b/, (m) => ok(m[0], 'last month')],
  [
    new RegExp(String.raw`(?:^|\s)(\d+(?:\.\d+)?) ?${UNIT}(?=$|\s)`),
    (m) => ok(m[0].trim(), `last ${durationText(m[1] as string, m[2] as string)}`),
  ],
  // "last 1e9 days", "past -3 weeks": a period was meant but cannot be read.
  [
    /\b(?:last|past|previous) [-+]?[\d.,]+\S*(?: \S+)?/,
    (m) => ({ ok: false, phrase: m[0], reason: 'malformed' }),
  ],
];

/** The first period named in `text` (lower case, single spaces), if any. */
export function findPeriod(text: string): PeriodRequest | undefined {
  for (const [pattern, build] of RULES) {
    const match = pattern.exec(text);
    if (match) return build(match);
  }
  return undefined;
}

/** A period typed on its own (the slash commands' `period` option): a phrase, or anything resolveWindow reads. */
export function periodFromOption(option: string): PeriodRequest {
  const phrase = option.trim().slice(0, 100);
  const normalized = phrase.toLowerCase().replace(/\s+/g, ' ');
  return findPeriod(normalized) ?? { ok: true, phrase, text: phrase };
}

export type PeriodResult =
  | { ok: true; window: NamedWindow }
  | { ok: false; reason: 'unsupported' | 'malformed' | 'unknown' | 'too-long' };

/** The window of a period request at `now`, refusing spans longer than MAX_PERIOD_DAYS. */
export function resolvePeriod(request: PeriodRequest, now: number, timeZone: string): PeriodResult {
  if (!request.ok) return { ok: false, reason: request.reason };
  const resolved = resolveWindow(request.text, now, timeZone);
  if (!resolved.ok) return { ok: false, reason: 'unknown' };
  const { from, to } = resolved.value;
  if (!Number.isFinite(from) || !Number.isFinite(to) || to - from > MAX_PERIOD_DAYS * DAY_MS) {
    return { ok: false, reason: 'too-long' };
  }
  return { ok: true, window: resolved.value };
}
