/** Answers that need no history: greeting, help, and the polite refusals. */

import { answerOf } from './common.js';
import type { AnswerData } from './data.js';
import type { ParsedQuestion } from './intents.js';
import type { Answer } from './model.js';
import { code, echo, type Rich, strong } from './rich.js';

/** Example questions, one per thing the bot can answer. */
const EXAMPLE_QUESTIONS = [
  'Tell me about my server!',
  'is nginx up?',
  'was there downtime yesterday?',
  'any outages this week?',
  'uptime last week',
  'what is the uptime of tomcat this month?',
  'when was the last outage?',
  'any planned maintenance?',
  'when is the next maintenance?',
  'weekly report for last week',
] as const;

const SLASH_COMMANDS = [
  ['/status', 'services up or down right now'],
  ['/server', 'identity, CPU, memory, disks, network, load, services'],
  ['/uptime [service] [period]', 'uptime, downtime and error budget'],
  ['/incidents [period]', 'outages in a period'],
  ['/maintenance list|next|add|remove', 'planned maintenance (add and remove: on-call role only)'],
  ['/report [week]', 'the weekly uptime report with its chart (default: last week)'],
  ['/help', 'this list'],
] as const;

const helpLine: Rich = [
  'Ask me, for example, ',
  code('was there downtime yesterday?'),
  ' or use ',
  code('/help'),
  '.',
];

export function greetingAnswer(data: AnswerData, question: ParsedQuestion): Answer {
  return answerOf(data, question.intent, {
    tone: 'info',
    style: 'message',
    title: ['hello'],
    lines: [['hello from ', strong(data.hostName), '! ', ...helpLine]],
  });
}

export function helpAnswer(data: AnswerData, question: ParsedQuestion, lead?: Rich): Answer {
  return answerOf(
    data,
    question.intent,
    {
      tone: 'info',
      title: ['What I can answer'],
      lines: [
        ...(lead ? [lead] : []),
        [
          'I answer for ',
          strong(data.hostName),
          ' from its own history. Mention me, send me a DM, or use a slash command.',
        ],
      ],
      fields: [
        { name: ['Questions'], lines: EXAMPLE_QUESTIONS.map((q) => [code(q)]) },
        { name: ['Slash commands'], lines: SLASH_COMMANDS.map(([name, what]) => [code(name), ` ${what}`]) },
      ],
    },
    question.intent === 'help' ? 'answered' : 'unknown',
  );
}

export function unknownAnswer(data: AnswerData, question: ParsedQuestion): Answer {
  return helpAnswer(data, question, ['I did not understand ', echo(question.text), '.']);
}

export function refusalAnswer(data: AnswerData, question: ParsedQuestion): Answer {
  const lines: Rich[] =
    question.intent === 'secret'
      ? [['I never share tokens, passwords or other secrets.']]
      : question.intent === 'too-long'
        ? [
            [
              'That message is too long for me. Ask one short question, such as ',
              code('uptime this week'),
              '.',
            ],
          ]
        : [
            [
              'I only answer questions; I do not restart, stop or change anything on ',
              strong(data.hostName),
              '.',
            ],
            ['Ask the on-call engineer for changes.'],
          ];
  return answerOf(
    data,
    question.intent,
    { tone: 'info', title: ['Sorry, I cannot do that'], lines },
    'refused',
  );
}
