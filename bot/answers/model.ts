/** The answer model: what the bot says, before it becomes a Discord embed or plain terminal text. */

import type { UptimeReport } from '../../agent/history/report.js';
import type { Incident } from '../../agent/uptime/incidents.js';
import type { NamedWindow } from '../../agent/uptime/ranges.js';
import type { MaintenanceWindow, ServiceState } from '../../agent/uptime/types.js';
import type { IntentName } from './intents.js';
import type { Rich } from './rich.js';

export type Tone = 'good' | 'warn' | 'bad' | 'info';

/** answered: the question got its answer; unknown: not understood; refused: understood, not done. */
export type AnswerOutcome = 'answered' | 'unknown' | 'refused';

export interface AnswerField {
  name: Rich;
  lines: Rich[];
  /** Side by side with its neighbours in an embed. */
  inline?: boolean;
}

/** The numbers behind an answer, for `hostwatch ask --json` and for tests. */
export type AnswerFacts =
  | { kind: 'uptime'; window: NamedWindow; report: UptimeReport }
  | { kind: 'incidents'; window: NamedWindow; incidents: Incident[]; report: UptimeReport }
  | { kind: 'last-outage'; searchedFrom: number; incident: Incident | null }
  | { kind: 'service-state'; service: string; state: ServiceState; since: number | null }
  | { kind: 'maintenance'; windows: MaintenanceWindow[] };

export interface Answer {
  intent: IntentName;
  outcome: AnswerOutcome;
  /** The host this answer speaks for (config host.name, else the identity's hostname). */
  host: string;
  tone: Tone;
  /** message: a short plain reply (a greeting); embed: a titled card. */
  style: 'message' | 'embed';
  title: Rich;
  lines: Rich[];
  fields: AnswerField[];
  facts?: AnswerFacts;
}
