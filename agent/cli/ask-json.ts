/**
 * The documented JSON shape of `hostwatch ask --json` (README "JSON outputs"): the answer as text plus the
 * numbers behind it, in the very shapes of `hostwatch uptime --json`, `incidents --json` and `maintenance --json`.
 */
import type { Answer, AnswerFacts } from '../../bot/answers/model.js';
import { incidentJson, isoInZone, maintenanceJson, uptimeJson } from './history-json.js';

function factsJson(facts: AnswerFacts, timeZone: string) {
  switch (facts.kind) {
    case 'uptime':
      return { kind: facts.kind, ...uptimeJson(facts.report, facts.window) };
    case 'incidents': {
      const uptime = uptimeJson(facts.report, facts.window);
      return {
        kind: facts.kind,
        window: uptime.window,
        incidents: facts.incidents.map((incident) => incidentJson(incident, timeZone)),
        services: uptime.services,
      };
    }
    case 'last-outage':
      return {
        kind: facts.kind,
        searchedFrom: facts.searchedFrom,
        searchedFromIso: isoInZone(facts.searchedFrom, timeZone),
        incident: facts.incident ? incidentJson(facts.incident, timeZone) : null,
      };
    case 'service-state':
      return {
        kind: facts.kind,
        service: facts.service,
        state: facts.state,
        since: facts.since,
        sinceIso: facts.since === null ? null : isoInZone(facts.since, timeZone),
      };
    case 'maintenance':
      return { kind: facts.kind, windows: facts.windows.map((window) => maintenanceJson(window, timeZone)) };
  }
}

export function askJson(answer: Answer, question: string, text: string, timeZone: string) {
  return {
    host: answer.host,
    question,
    intent: answer.intent,
    outcome: answer.outcome,
    answered: answer.outcome === 'answered',
    text,
    facts: answer.facts ? factsJson(answer.facts, timeZone) : null,
  };
}
