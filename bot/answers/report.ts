/** "weekly report for last week": the weekly report's answer for an ISO week (default: the last whole one). */
import { isoWeekOf, isoWeekWindow, type NamedWindow, weekWindow } from '../../agent/uptime/ranges.js';
import { reportAnswer } from '../report/answer.js';
import { periodProblemAnswer } from './common.js';
import type { AnswerData } from './data.js';
import type { ParsedQuestion } from './intents.js';
import type { Answer } from './model.js';
import { type PeriodResult, resolvePeriod } from './periods.js';

/** The ISO week a question asks about: the week holding the start of its period, else last week. */
export function reportWeek(
  question: ParsedQuestion,
  now: number,
  timeZone: string,
): { ok: true; week: NamedWindow } | { ok: false; reason: Exclude<PeriodResult, { ok: true }>['reason'] } {
  if (!question.period) return { ok: true, week: weekWindow('last', now, timeZone) };
  const resolved = resolvePeriod(question.period, now, timeZone);
  if (!resolved.ok) return { ok: false, reason: resolved.reason };
  return { ok: true, week: isoWeekWindow(isoWeekOf(resolved.window.from, timeZone), timeZone) };
}

export function weeklyReportAnswer(question: ParsedQuestion, data: AnswerData, now: number): Answer {
  const week = reportWeek(question, now, data.config.timezone);
  if (!week.ok) return periodProblemAnswer(data, question, question.period?.phrase ?? '', week.reason);
  return { ...reportAnswer(data.weeklyReport(week.week, now)), host: data.hostName };
}
