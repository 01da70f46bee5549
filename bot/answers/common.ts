/** Pieces every answer builder shares: the answer skeleton, state words, periods and services in words. */
import type { ServiceState } from '../../agent/uptime/types.js';
import type { AnswerData } from './data.js';
import type { IntentName, ParsedQuestion } from './intents.js';
import type { Answer, AnswerOutcome, Tone } from './model.js';
import { MAX_PERIOD_DAYS, PERIOD_EXAMPLES, type PeriodResult } from './periods.js';
import { echo, type Inline, type Rich, strong } from './rich.js';

export function answerOf(
  data: AnswerData,
  intent: IntentName,
  parts: Partial<Answer> & { title: Rich; tone: Tone },
  outcome: AnswerOutcome = 'answered',
): Answer {
  return { intent, outcome, host: data.hostName, style: 'embed', lines: [], fields: [], ...parts };
}

export function stateWord(state: ServiceState): string {
  return state === 'up' ? 'up' : state.toUpperCase();
}

export function toneOfStates(states: readonly ServiceState[]): Tone {
  if (states.includes('down')) return 'bad';
  if (states.some((state) => state !== 'up')) return 'warn';
  return 'good';
}

/** "host, nginx and tomcat" */
export function listText(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

export function unknownServiceAnswer(data: AnswerData, question: ParsedQuestion, name: string): Answer {
  return answerOf(
    data,
    question.intent,
    {
      tone: 'info',
      title: ['Unknown service'],
      lines: [
        ['I do not watch a service called ', echo(name), ' on ', strong(data.hostName), '.'],
        [`I watch: ${listText(data.services())}.`],
      ],
    },
    'refused',
  );
}

const PERIOD_HINT = `Try ${PERIOD_EXAMPLES.join(', ')}, a week such as 2026-W13 or a day such as 2026-03-29.`;

export function periodProblemAnswer(
  data: AnswerData,
  question: ParsedQuestion,
  phrase: string,
  reason: Exclude<PeriodResult, { ok: true }>['reason'],
): Answer {
  const said: Inline[] =
    reason === 'too-long'
      ? [
          'I answer for periods of up to ',
          strong(`${MAX_PERIOD_DAYS} days`),
          '; ',
          echo(phrase),
          ' is longer.',
        ]
      : reason === 'unsupported'
        ? ['I cannot answer for ', echo(phrase), ': calendar years and quarters are not supported.']
        : ['I cannot read the period ', echo(phrase), '.'];
  return answerOf(
    data,
    question.intent,
    { tone: 'info', title: ['Which period?'], lines: [said, [PERIOD_HINT]] },
    'refused',
  );
}
