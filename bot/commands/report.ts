/** /report [week]: the weekly uptime report with its chart, for last week or the ISO week asked for. */
import { SlashCommandBuilder } from 'discord.js';
import { formatIsoWeek, isoWeekOf, weekWindow } from '../../agent/uptime/ranges.js';
import { answerQuestion } from '../answers/engine.js';
import { periodFromOption } from '../answers/periods.js';
import { reportWeek } from '../answers/report.js';
import { reportAnswer } from '../report/answer.js';
import { weeklyChartSvg } from '../report/chart.js';
import { chartFileName } from '../report/message.js';
import { renderPng } from '../report/png.js';
import { CHOICE_TEXT, MAX_CHOICES } from './options.js';
import type { SlashCommand } from './types.js';

const WEEKS_OFFERED = 8;

export const reportCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('report')
    .setDescription('The weekly uptime report with its chart (default: last week)')
    .addStringOption((option) =>
      option
        .setName('week')
        .setDescription('last week, this week, or an ISO week such as 2026-W45')
        .setAutocomplete(true)
        .setMaxLength(CHOICE_TEXT),
    )
    .toJSON(),
  defer: true,
  async execute({ options, now }, ctx) {
    const data = ctx.data();
    const typed = options.getString('week');
    const question = {
      intent: 'report' as const,
      text: '/report',
      ...(typed ? { period: periodFromOption(typed) } : {}),
    };
    const week = reportWeek(question, now, ctx.config.timezone);
    // A period that cannot be read gets the engine's explanation, without a chart.
    if (!week.ok) return { intent: 'report', answer: answerQuestion(question, data, now) };
    const report = data.weeklyReport(week.week, now);
    const chart = await renderPng(weeklyChartSvg(report));
    return {
      intent: 'report',
      answer: { ...reportAnswer(report), host: data.hostName },
      attachment: { name: chartFileName(report), data: chart.png },
    };
  },
  autocomplete({ focused, now }, ctx) {
    const timeZone = ctx.config.timezone;
    const needle = focused.value.trim().toLowerCase();
    const recent = Array.from({ length: WEEKS_OFFERED }, (_, i) =>
      formatIsoWeek(isoWeekOf(weekWindow('this', now, timeZone).from - i * 7 * 86_400_000, timeZone)),
    );
    return ['last week', 'this week', ...recent]
      .filter((name) => name.toLowerCase().includes(needle))
      .slice(0, MAX_CHOICES)
      .map((name) => ({ name, value: name }));
  },
};
