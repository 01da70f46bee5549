/** Planned maintenance: what is planned, and when the next window is (config windows and ad hoc ones). */
import type { MaintenanceWindow } from '../../agent/uptime/types.js';
import { answerOf, unknownServiceAnswer } from './common.js';
import type { AnswerData } from './data.js';
import type { ParsedQuestion } from './intents.js';
import type { Answer, AnswerField } from './model.js';
import { at, code, type Inline, type Rich } from './rich.js';

const DAY_MS = 86_400_000;
export const LIST_HORIZON_DAYS = 30;
export const NEXT_HORIZON_DAYS = 90;
const MAX_LISTED = 10;

export function servicesText(services: MaintenanceWindow['services']): string {
  return services === 'all' ? 'all services' : services.join(', ');
}

/** One window as a field: name, when, what it covers, its id (ad hoc ones can be removed by id). */
export function windowField(window: MaintenanceWindow, now: number): AnswerField {
  const when: Inline[] =
    window.from <= now
      ? ['active now, ends ', at(window.to, 'R'), ' (', at(window.to), ')']
      : [at(window.from), ' to ', at(window.to), ' (', at(window.from, 'R'), ')'];
  const lines: Rich[] = [when, [servicesText(window.services)]];
  if (window.reason !== undefined && window.reason !== window.name)
    lines.push(['reason: ', code(window.reason)]);
  lines.push(['id ', code(window.id)]);
  return { name: [window.name], lines };
}

export function maintenanceListAnswer(question: ParsedQuestion, data: AnswerData, now: number): Answer {
  const windows = data.plannedMaintenance(now, LIST_HORIZON_DAYS * DAY_MS);
  const active = windows.filter((w) => w.from <= now);
  const lines: Rich[] =
    windows.length === 0
      ? [[`No planned maintenance in the next ${LIST_HORIZON_DAYS} days.`]]
      : [
          [
            `${windows.length} maintenance window${windows.length === 1 ? '' : 's'} in the next ${LIST_HORIZON_DAYS} days`,
            active.length > 0 ? `; ${active.length} active now.` : '.',
          ],
        ];
  if (windows.length > MAX_LISTED)
    lines.push([`The first ${MAX_LISTED} are shown; `, code('hostwatch maintenance list'), ' has them all.']);
  return answerOf(data, question.intent, {
    tone: active.length > 0 ? 'warn' : 'info',
    title: ['Planned maintenance'],
    lines,
    fields: windows.slice(0, MAX_LISTED).map((w) => windowField(w, now)),
    facts: { kind: 'maintenance', windows },
  });
}

export function maintenanceNextAnswer(question: ParsedQuestion, data: AnswerData, now: number): Answer {
  if (question.unknownService !== undefined)
    return unknownServiceAnswer(data, question, question.unknownService);
  const service = question.service;
  const window = data.nextMaintenance(now, NEXT_HORIZON_DAYS * DAY_MS, service);
  const scope = service !== undefined ? ` for ${service}` : '';
  const lines: Rich[] = !window
    ? [[`No planned maintenance${scope} in the next ${NEXT_HORIZON_DAYS} days.`]]
    : window.from <= now
      ? [[`Maintenance${scope} is active now: `, window.name, ', ends ', at(window.to, 'R'), '.']]
      : [
          [
            `The next maintenance${scope}: `,
            window.name,
            ', ',
            at(window.from),
            ' (',
            at(window.from, 'R'),
            ').',
          ],
        ];
  return answerOf(data, question.intent, {
    tone: window && window.from <= now ? 'warn' : 'info',
    title: [`Next maintenance${scope}`],
    lines,
    fields: window ? [windowField(window, now)] : [],
    facts: { kind: 'maintenance', windows: window ? [window] : [] },
  });
}
