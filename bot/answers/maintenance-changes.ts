/** Answers of `/maintenance add|remove`: what was planned or cancelled, or why not. Pure. */
import type { MaintenanceWindow } from '../../agent/uptime/types.js';
import { answerOf } from './common.js';
import type { AnswerData } from './data.js';
import { windowField } from './maintenance.js';
import type { Answer } from './model.js';
import { code, type Rich } from './rich.js';

export function maintenanceAdded(data: AnswerData, window: MaintenanceWindow, now: number): Answer {
  return answerOf(data, 'maintenance-add', {
    tone: 'good',
    title: ['Maintenance planned'],
    lines: [
      [
        'Downtime inside this window does not count against uptime. Remove it with ',
        code(`/maintenance remove id:${window.id}`),
        '.',
      ],
    ],
    fields: [windowField(window, now)],
    facts: { kind: 'maintenance', windows: [window] },
  });
}

export function maintenanceRemoved(data: AnswerData, window: MaintenanceWindow, now: number): Answer {
  return answerOf(data, 'maintenance-remove', {
    tone: 'good',
    title: ['Maintenance cancelled'],
    lines: [['This window no longer excludes downtime.']],
    fields: [windowField(window, now)],
    facts: { kind: 'maintenance', windows: [window] },
  });
}

export function maintenanceRefused(
  data: AnswerData,
  intent: 'maintenance-add' | 'maintenance-remove',
  problem: Rich,
): Answer {
  return answerOf(
    data,
    intent,
    { tone: 'info', title: ['Maintenance not changed'], lines: [problem] },
    'refused',
  );
}

/** Who may change maintenance from Discord: members with the on-call role, in a guild. */
export function changeNotAllowed(
  onCallRole: string | undefined,
  invoker: { guildId: string | null; roles: readonly string[] },
): Rich | undefined {
  if (onCallRole === undefined)
    return [
      'Changing maintenance from Discord needs an on-call role: set ',
      code('discord.onCallRole'),
      ' in the agent config.',
    ];
  if (invoker.guildId === null) return ['Change maintenance from the team server, not in a direct message.'];
  if (!invoker.roles.includes(onCallRole))
    return ['Only the on-call role can change maintenance. Ask the on-call engineer.'];
  return undefined;
}
