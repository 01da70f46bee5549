/** Short replies that are not answers: slow down, DMs are off, something failed. Pure, like the engine. */
import { formatDuration } from '../../agent/config/duration.js';
import type { Answer } from './model.js';
import { at, code, type Rich, strong } from './rich.js';

function notice(host: string, lines: Rich[]): Answer {
  return {
    intent: 'unknown',
    outcome: 'refused',
    host,
    tone: 'info',
    style: 'message',
    title: [''],
    lines,
    fields: [],
  };
}

export function rateLimitedNotice(host: string, limit: number, windowMs: number, retryAt: number): Answer {
  return notice(host, [
    [
      `you are asking faster than I can answer well (${limit} question${limit === 1 ? '' : 's'} per ${formatDuration(windowMs)}). `,
      'Ask again ',
      at(retryAt, 'R'),
      '.',
    ],
  ]);
}

export function dmOffNotice(host: string, reason: 'off' | 'not-member'): Answer {
  return notice(host, [
    reason === 'off'
      ? [
          'I do not answer direct messages here. Ask me in the team channel by mentioning me, or use ',
          code('/status'),
          '.',
        ]
      : ['I answer direct messages only from members of the servers I work for.'],
  ]);
}

export function otherChannelNotice(host: string): Answer {
  return notice(host, [['I do not answer in this channel. Ask me in the team channel I was set up for.']]);
}

export function failureNotice(host: string): Answer {
  return notice(host, [
    [
      'sorry, something went wrong while answering that. The on-call engineer can look at the agent log on ',
      strong(host),
      '.',
    ],
  ]);
}
