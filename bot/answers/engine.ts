/**
 * The one answer engine behind the Discord bot and `hostwatch ask`: (question, data access, now) -> answer
 * model. Nothing here touches Discord or the clock; renderers turn the model into an embed or plain text.
 */
import type { AnswerData } from './data.js';
import { greetingAnswer, helpAnswer, refusalAnswer, unknownAnswer } from './help.js';
import { downtimeAnswer, uptimeAnswer } from './history.js';
import { type IntentName, type ParsedQuestion, parseQuestion } from './intents.js';
import { lastOutageAnswer } from './last-outage.js';
import { maintenanceListAnswer, maintenanceNextAnswer } from './maintenance.js';
import type { Answer } from './model.js';
import { weeklyReportAnswer } from './report.js';
import { serverAnswer, serviceStateAnswer, statusAnswer } from './server.js';

type Builder = (question: ParsedQuestion, data: AnswerData, now: number) => Answer;

const BUILDERS: Record<Exclude<IntentName, 'maintenance-add' | 'maintenance-remove'>, Builder> = {
  greeting: (question, data) => greetingAnswer(data, question),
  help: (question, data) => helpAnswer(data, question),
  unknown: (question, data) => unknownAnswer(data, question),
  secret: (question, data) => refusalAnswer(data, question),
  action: (question, data) => refusalAnswer(data, question),
  'too-long': (question, data) => refusalAnswer(data, question),
  server: serverAnswer,
  status: statusAnswer,
  'service-state': serviceStateAnswer,
  uptime: uptimeAnswer,
  downtime: downtimeAnswer,
  'last-outage': lastOutageAnswer,
  'maintenance-list': maintenanceListAnswer,
  'maintenance-next': maintenanceNextAnswer,
  report: weeklyReportAnswer,
};

export function answerQuestion(question: ParsedQuestion, data: AnswerData, now: number): Answer {
  const build = BUILDERS[question.intent as keyof typeof BUILDERS] ?? BUILDERS.unknown;
  return build(question, data, now);
}

/** Parses `text` against the services `data` knows, then answers it. */
export function ask(text: string, data: AnswerData, now: number): Answer {
  return answerQuestion(parseQuestion(text, { services: data.services() }), data, now);
}
