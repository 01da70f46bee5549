/** "When was the last outage?": the newest unplanned incident, looking back a week, a month, then MAX_PERIOD_DAYS. */
import { spanText } from '../../agent/cli/uptime-text.js';
import { answerOf, unknownServiceAnswer } from './common.js';
import type { AnswerData } from './data.js';
import { incidentField } from './history.js';
import type { ParsedQuestion } from './intents.js';
import type { Answer } from './model.js';
import { MAX_PERIOD_DAYS } from './periods.js';
import { at, type Rich, strong } from './rich.js';

const DAY_MS = 86_400_000;
/** Most questions are answered by the first, cheap look-back. */
const LOOK_BACK_DAYS = [7, 30, MAX_PERIOD_DAYS];

export function lastOutageAnswer(question: ParsedQuestion, data: AnswerData, now: number): Answer {
  if (question.unknownService !== undefined)
    return unknownServiceAnswer(data, question, question.unknownService);
  const service = question.service;
  let from = now;
  for (const days of LOOK_BACK_DAYS) {
    from = now - days * DAY_MS;
    const incident = data.incidents({ from, to: now }, now, service).find((candidate) => !candidate.planned);
    if (incident) {
      const lines: Rich[] =
        incident.end === null
          ? [
              [
                strong(incident.service),
                ' is down right now, since ',
                at(incident.start),
                ' (',
                at(incident.start, 'R'),
                ').',
              ],
            ]
          : [
              [
                'The last outage: ',
                strong(incident.service),
                ', ',
                at(incident.start),
                ` (`,
                at(incident.start, 'R'),
                `), down ${spanText(incident.downMs)}.`,
              ],
            ];
      return answerOf(data, question.intent, {
        tone: incident.end === null ? 'bad' : 'info',
        title: [`Last outage${service ? ` of ${service}` : ''}`],
        lines,
        fields: [incidentField(incident)],
        facts: { kind: 'last-outage', searchedFrom: from, incident },
      });
    }
  }
  return answerOf(data, question.intent, {
    tone: 'good',
    title: [`Last outage${service ? ` of ${service}` : ''}`],
    lines: [
      [
        `No unplanned outage${service ? ` of ${service}` : ''} in the last ${MAX_PERIOD_DAYS} days (since `,
        at(from, 'D'),
        ').',
      ],
    ],
    facts: { kind: 'last-outage', searchedFrom: from, incident: null },
  });
}
