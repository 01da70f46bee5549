/** Options several commands share (service, period) and their autocomplete. */
import type { ApplicationCommandOptionChoiceData, SlashCommandStringOption } from 'discord.js';
import { type NamedWindow } from '../../agent/uptime/ranges.js';
import { formatLocal } from '../../agent/uptime/timezones.js';
import type { ParsedQuestion } from '../answers/intents.js';
import { PERIOD_EXAMPLES, periodFromOption, resolvePeriod } from '../answers/periods.js';
import { truncate } from '../answers/render-discord.js';
import type { BotContext } from '../context.js';

export const MAX_CHOICES = 25;
export const CHOICE_TEXT = 100;

export const serviceOption = (option: SlashCommandStringOption) =>
  option
    .setName('service')
    .setDescription('host or a configured service (default: all)')
    .setAutocomplete(true)
    .setMaxLength(64);

export const periodOption = (option: SlashCommandStringOption) =>
  option
    .setName('period')
    .setDescription('today, yesterday, this week, last week, this month, last 7d, 2026-W13, 2026-03-29 ...')
    .setAutocomplete(true)
    .setMaxLength(100);

const choice = (name: string, value: string) => ({
  name: truncate(name, CHOICE_TEXT),
  value: truncate(value, CHOICE_TEXT),
});

export function serviceChoices(typed: string, ctx: BotContext): ApplicationCommandOptionChoiceData<string>[] {
  const needle = typed.trim().toLowerCase();
  return ctx
    .data()
    .services()
    .filter((name) => name.toLowerCase().includes(needle))
    .slice(0, MAX_CHOICES)
    .map((name) => choice(name, name));
}

function windowText(window: NamedWindow, timeZone: string): string {
  return `${formatLocal(window.from, timeZone)} to ${formatLocal(window.to, timeZone)}`;
}

/** What was typed, resolved (when it reads as a period), then the usual periods that contain it. */
export function periodChoices(
  typed: string,
  now: number,
  timeZone: string,
): ApplicationCommandOptionChoiceData<string>[] {
  const needle = typed.trim().toLowerCase();
  const choices: ApplicationCommandOptionChoiceData<string>[] = [];
  if (needle !== '') {
    const resolved = resolvePeriod(periodFromOption(typed), now, timeZone);
    if (resolved.ok)
      choices.push(choice(`${typed.trim()}: ${windowText(resolved.window, timeZone)}`, typed.trim()));
  }
  for (const example of [...PERIOD_EXAMPLES, 'last 90d']) {
    if (example.includes(needle) && !choices.some((c) => c.value === example))
      choices.push(choice(example, example));
  }
  return choices.slice(0, MAX_CHOICES);
}

/** Applies the service and period options to a question, the way the parser would have. */
export function withServiceAndPeriod(
  question: ParsedQuestion,
  service: string | null,
  period: string | null,
  known: readonly string[],
): ParsedQuestion {
  const result = { ...question };
  if (service) {
    if (known.includes(service)) result.service = service;
    else result.unknownService = service;
  }
  if (period) result.period = periodFromOption(period);
  return result;
}
