/** Uptime and downtime for a period, from the shared history layer (the numbers of `hostwatch uptime` / `incidents`). */

import { budgetText, percentText, spanText } from '../../agent/cli/uptime-text.js';
import type { ServiceUptime } from '../../agent/history/report.js';
import type { Incident } from '../../agent/uptime/incidents.js';
import { type NamedWindow, weekWindow } from '../../agent/uptime/ranges.js';
import { answerOf, periodProblemAnswer, unknownServiceAnswer } from './common.js';
import type { AnswerData } from './data.js';
import type { ParsedQuestion } from './intents.js';
import type { Answer, AnswerField } from './model.js';
import { resolvePeriod } from './periods.js';
import { at, code, type Inline, type Rich, strong } from './rich.js';

const DAY_MS = 86_400_000;
/** Incidents listed one by one; the rest are counted. */
const MAX_LISTED_INCIDENTS = 10;

interface Scope {
  window: NamedWindow;
  /** How the question named the period ("yesterday"), or the default's name. */
  periodName: string;
  service?: string;
}

/** The period and service a history question asks about, or the answer explaining why it cannot be answered. */
function scopeOf(
  question: ParsedQuestion,
  data: AnswerData,
  now: number,
  fallback: { window: NamedWindow; name: string },
): Scope | Answer {
  if (question.unknownService !== undefined)
    return unknownServiceAnswer(data, question, question.unknownService);
  let window = fallback.window;
  let periodName = fallback.name;
  if (question.period) {
    const resolved = resolvePeriod(question.period, now, data.config.timezone);
    if (!resolved.ok) return periodProblemAnswer(data, question, question.period.phrase, resolved.reason);
    window = resolved.window;
    periodName = question.period.phrase;
  }
  return { window, periodName, ...(question.service !== undefined ? { service: question.service } : {}) };
}

const isAnswer = (value: Scope | Answer): value is Answer => 'outcome' in value;

function windowLine(window: NamedWindow, now: number): Rich {
  const to = Math.min(window.to, now);
  return [`${window.label}: `, at(window.from), ' to ', at(to), window.to > now ? ' (so far)' : ''];
}

function outagesText(uptime: ServiceUptime['uptime']): string {
  if (uptime.outageCount === 0) return 'no outages';
  return `down ${spanText(uptime.downMs)} in ${uptime.outageCount} outage${uptime.outageCount === 1 ? '' : 's'}`;
}

function serviceFields({ uptime, budget }: ServiceUptime): AnswerField[] {
  const field = (name: string, value: string): AnswerField => ({
    name: [name],
    lines: [[value]],
    inline: true,
  });
  return [
    field('Uptime', percentText(uptime.uptimePercent)),
    field('Down', spanText(uptime.downMs)),
    field('Outages', String(uptime.outageCount)),
    field('Longest outage', uptime.outageCount > 0 ? spanText(uptime.longestOutageMs) : '-'),
    field('Mean time to recover', uptime.mttrMs === null ? '-' : spanText(uptime.mttrMs)),
    field('Degraded', spanText(uptime.degradedMs)),
    field('In maintenance', spanText(uptime.maintenanceMs)),
    field('No data', spanText(uptime.unknownMs)),
    field('Error budget', budgetText(budget)),
  ];
}

export function uptimeAnswer(question: ParsedQuestion, data: AnswerData, now: number): Answer {
  const tz = data.config.timezone;
  const scope = scopeOf(question, data, now, { window: weekWindow('this', now, tz), name: 'this week' });
  if (isAnswer(scope)) return scope;
  const report = data.uptime(scope.window, now, scope.service);
  const worst = Math.min(...report.services.map((s) => s.uptime.uptimePercent ?? 100));
  const tone =
    worst >= report.sloTarget ? 'good' : report.services.some((s) => s.uptime.downMs > 0) ? 'bad' : 'warn';
  const single = scope.service !== undefined ? report.services[0] : undefined;
  const lines: Rich[] = [windowLine(scope.window, now)];
  let fields: AnswerField[] = [];
  if (single) {
    lines.push([
      strong(single.uptime.service),
      `: ${percentText(single.uptime.uptimePercent)}, ${outagesText(single.uptime)}.`,
    ]);
    fields = serviceFields(single);
  } else {
    for (const { uptime } of report.services) {
      lines.push([strong(uptime.service), `: ${percentText(uptime.uptimePercent)}, ${outagesText(uptime)}`]);
    }
  }
  lines.push([`SLO target ${report.sloTarget}%. Downtime inside planned maintenance does not count.`]);
  return answerOf(data, question.intent, {
    tone,
    title: [`Uptime ${scope.service ? `of ${scope.service} ` : ''}${scope.periodName}`],
    lines,
    fields,
    facts: { kind: 'uptime', window: scope.window, report },
  });
}

export function incidentField(incident: Incident): AnswerField {
  const first: Inline[] =
    incident.end === null
      ? [at(incident.start), ': down since ', at(incident.start, 'R'), ' (ongoing)']
      : [at(incident.start), `: down ${spanText(incident.downMs)}, recovered `, at(incident.end, 'R')];
  if (incident.outages > 1) first.push(` (${incident.outages} outages)`);
  const lines: Rich[] = [first];
  if (incident.planned) lines.push(['during planned maintenance (not counted)']);
  if (incident.cause) lines.push(['cause: ', code(incident.cause)]);
  return { name: [incident.service], lines };
}

export function downtimeAnswer(question: ParsedQuestion, data: AnswerData, now: number): Answer {
  const scope = scopeOf(question, data, now, {
    window: { from: now - 7 * DAY_MS, to: now, label: 'last 7d' },
    name: 'in the last 7 days',
  });
  if (isAnswer(scope)) return scope;
  const incidents = data.incidents(scope.window, now, scope.service);
  const report = data.uptime(scope.window, now, scope.service);
  const unplanned = incidents.filter((incident) => !incident.planned);
  const planned = incidents.length - unplanned.length;
  const downMs = report.services.reduce((sum, s) => sum + s.uptime.downMs, 0);
  const unknownMs = Math.max(0, ...report.services.map((s) => s.uptime.unknownMs));
  const who = scope.service ?? 'any service';
  const lines: Rich[] = [windowLine(scope.window, now)];
  if (unplanned.length === 0) {
    lines.push([strong('No'), ` unplanned downtime for ${who} ${scope.periodName}.`]);
  } else {
    const ongoing = unplanned.filter((incident) => incident.end === null).length;
    lines.push([
      strong('Yes'),
      `: ${unplanned.length} incident${unplanned.length === 1 ? '' : 's'} ${scope.periodName}, ${spanText(downMs)} down in total`,
      ongoing > 0 ? `; ${ongoing} still ongoing.` : '.',
    ]);
  }
  if (planned > 0)
    lines.push([`${planned} outage${planned === 1 ? '' : 's'} during planned maintenance (not counted).`]);
  if (unknownMs > 0)
    lines.push([`No data for ${spanText(unknownMs)} of this period (the agent was not running).`]);
  const listed = incidents.slice(0, MAX_LISTED_INCIDENTS);
  const fields = listed.map(incidentField);
  if (incidents.length > listed.length) {
    const more: Inline[] = [
      `and ${incidents.length - listed.length} more: run `,
      code(`hostwatch incidents --window "${scope.window.label}"`),
      ' on the host',
    ];
    lines.push(more);
  }
  return answerOf(data, question.intent, {
    tone: unplanned.some((i) => i.end === null) ? 'bad' : unplanned.length > 0 ? 'warn' : 'good',
    title: [`Downtime ${scope.service ? `of ${scope.service} ` : ''}${scope.periodName}`],
    lines,
    fields,
    facts: { kind: 'incidents', window: scope.window, incidents, report },
  });
}
