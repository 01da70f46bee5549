/**
 * The weekly report as an answer model, so one renderer makes the Discord embed (within its limits, times as
 * Discord timestamps) and another the terminal text of `hostwatch report`.
 */
import { percentText, spanText } from '../../agent/cli/uptime-text.js';
import type { Incident } from '../../agent/uptime/incidents.js';
import type { MaintenanceWindow } from '../../agent/uptime/types.js';
import { servicesText } from '../answers/maintenance.js';
import type { Answer, AnswerField, Tone } from '../answers/model.js';
import { at, code, type Inline, type Rich, strong } from '../answers/rich.js';
import type { ReportService, WeeklyReport } from './content.js';

/** Incidents listed one by one in the embed; the rest are counted by the renderer. */
const LISTED_INCIDENTS = 8;

/** "+0.021 pts vs 2026-W46", "same as last week", or nothing when either week has no data. */
export function deltaText(service: ReportService): string | undefined {
  const { uptimePercent: now, previousUptimePercent: before } = service;
  if (now === null || before === null) return undefined;
  const delta = Math.round((now - before) * 1000) / 1000;
  if (delta === 0) return 'same as the week before';
  return `${delta > 0 ? '+' : '−'}${Math.abs(delta)} pts vs the week before`;
}

function serviceField(service: ReportService): AnswerField {
  const mark = service.sloMet === null ? '' : service.sloMet ? ' ✅' : ' ❌';
  const delta = deltaText(service);
  const outages =
    service.outageCount === 0
      ? 'no outages'
      : `${service.outageCount} outage${service.outageCount === 1 ? '' : 's'}, down ${spanText(service.downMs)}, longest ${spanText(service.longestOutageMs)}`;
  const lines: Rich[] = [[strong(percentText(service.uptimePercent)), delta ? ` (${delta})` : ''], [outages]];
  if (service.budgetSpentPercent !== null)
    lines.push([`error budget ${Math.round(service.budgetSpentPercent)}% spent`]);
  if (service.maintenanceMs > 0) lines.push([`${spanText(service.maintenanceMs)} in planned maintenance`]);
  if (service.unknownMs > 0) lines.push([`${spanText(service.unknownMs)} without data`]);
  return { name: [`${service.service}${mark}`], lines, inline: true };
}

function incidentLine(incident: Incident): Rich {
  const line: Inline[] = [
    at(incident.start),
    ` ${incident.service} `,
    incident.end === null
      ? `down since ${spanText(incident.durationMs)} (ongoing)`
      : `down ${spanText(incident.downMs)}`,
  ];
  if (incident.planned) line.push(' (planned)');
  if (incident.cause) line.push(': ', code(incident.cause));
  return line;
}

function maintenanceLine(window: MaintenanceWindow): Rich {
  return [
    strong(window.name),
    ': ',
    at(window.from),
    ' to ',
    at(window.to),
    ` (${servicesText(window.services)})`,
  ];
}

function toneOf(report: WeeklyReport): Tone {
  if (report.verdict === 'met') return 'good';
  if (report.verdict === 'no-data') return 'info';
  return report.services.some((s) => s.sloMet === false && s.downMs > 0) ? 'bad' : 'warn';
}

function questionsLine(report: WeeklyReport): Rich {
  const { total, answered, people, topIntents } = report.questions;
  if (total === 0) return ['no questions to the bot this week'];
  const top = topIntents.map((i) => `${i.intent} (${i.total})`).join(', ');
  return [
    `${total} question${total === 1 ? '' : 's'} from ${people} ${people === 1 ? 'person' : 'people'}, ${answered} answered; most asked: ${top}`,
  ];
}

export function reportAnswer(report: WeeklyReport): Answer {
  const fields: AnswerField[] = report.services.map(serviceField);
  const shown = report.incidents.slice(-LISTED_INCIDENTS);
  const hidden = report.incidents.length - shown.length;
  fields.push({
    name: [`Incidents (${report.incidents.length})`],
    lines:
      report.incidents.length === 0
        ? [['none']]
        : [...shown.map(incidentLine), ...(hidden > 0 ? [[`and ${hidden} earlier`]] : [])],
  });
  fields.push({
    name: ['Planned maintenance'],
    lines: report.maintenance.length === 0 ? [['none this week']] : report.maintenance.map(maintenanceLine),
  });
  fields.push({
    name: ['Next maintenance'],
    lines: report.nextMaintenance ? [maintenanceLine(report.nextMaintenance)] : [['none planned']],
  });
  fields.push({ name: ['Questions to the bot'], lines: [questionsLine(report)] });
  return {
    intent: 'report',
    outcome: 'answered',
    host: report.host,
    style: 'embed',
    tone: toneOf(report),
    title: [`Weekly uptime report ${report.week}${report.complete ? '' : ' (so far)'}`],
    lines: [
      [at(report.from), ' to ', at(Math.min(report.to, report.generatedAt))],
      [report.summary],
      [`SLO target ${report.sloTarget}% per week; downtime inside planned maintenance does not count.`],
    ],
    fields,
  };
}
