/** The documented JSON shape of `hostwatch report --json` (README "JSON outputs"): the report model with ISO twins. */
import type { WeeklyReport } from '../../bot/report/content.js';
import { incidentJson, isoInZone, maintenanceJson } from './history-json.js';

export function reportJson(report: WeeklyReport) {
  const { timeZone } = report;
  return {
    host: report.host,
    week: report.week,
    from: report.from,
    to: report.to,
    fromIso: isoInZone(report.from, timeZone),
    toIso: isoInZone(report.to, timeZone),
    timeZone,
    generatedAt: report.generatedAt,
    complete: report.complete,
    sloTarget: report.sloTarget,
    verdict: report.verdict,
    summary: report.summary,
    services: report.services,
    incidents: report.incidents.map((incident) => incidentJson(incident, timeZone)),
    maintenance: report.maintenance.map((window) => maintenanceJson(window, timeZone)),
    nextMaintenance: report.nextMaintenance ? maintenanceJson(report.nextMaintenance, timeZone) : null,
    questions: report.questions,
  };
}
