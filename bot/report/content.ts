/**
 * The weekly uptime report's content, pure: one ISO week's figures per service (from the shared history layer,
 * so they are `hostwatch uptime --week` figures), the week before for comparison, incidents, planned
 * maintenance and the questions the bot absorbed. `hostwatch report --json` prints this model as is.
 */
import { percentText } from '../../agent/cli/uptime-text.js';
import type { ServiceUptime, UptimeReport } from '../../agent/history/report.js';
import type { Incident } from '../../agent/uptime/incidents.js';
import type { NamedWindow } from '../../agent/uptime/ranges.js';
import { coversService } from '../../agent/uptime/timeline.js';
import type { MaintenanceWindow } from '../../agent/uptime/types.js';
import type { InquirySummary } from '../inquiry-summary.js';

export interface ReportDay {
  /** Local date in the report's time zone, YYYY-MM-DD. */
  date: string;
  uptimePercent: number | null;
  downMs: number;
  maintenanceMs: number;
  /** A planned maintenance window covering the service overlapped the day. */
  planned: boolean;
}

export interface ReportService {
  service: string;
  uptimePercent: number | null;
  /** The same service over the ISO week before; null when nothing was counted then. */
  previousUptimePercent: number | null;
  /** null when nothing was counted this week. */
  sloMet: boolean | null;
  downMs: number;
  degradedMs: number;
  maintenanceMs: number;
  unknownMs: number;
  outageCount: number;
  longestOutageMs: number;
  mttrMs: number | null;
  /** Share of the whole week's error budget spent; null when the SLO allows no downtime. */
  budgetSpentPercent: number | null;
  days: ReportDay[];
}

export interface ReportQuestions {
  total: number;
  answered: number;
  people: number;
  /** Most asked first, at most five. */
  topIntents: Array<{ intent: string; total: number }>;
}

export type ReportVerdict = 'met' | 'missed' | 'no-data';

export interface WeeklyReport {
  host: string;
  /** ISO week label, e.g. 2026-W47. */
  week: string;
  from: number;
  to: number;
  timeZone: string;
  generatedAt: number;
  /** The week had ended when the report was made. */
  complete: boolean;
  sloTarget: number;
  verdict: ReportVerdict;
  /** One sentence: which services met the SLO. */
  summary: string;
  services: ReportService[];
  /** Incidents overlapping the week, oldest first. */
  incidents: Incident[];
  /** Planned maintenance windows overlapping the week, by start. */
  maintenance: MaintenanceWindow[];
  /** The active window, else the next one (within 90 days) when the report was made. */
  nextMaintenance: MaintenanceWindow | null;
  /** Questions put to the bot during the week. */
  questions: ReportQuestions;
}

export interface WeeklyReportInput {
  host: string;
  week: NamedWindow;
  now: number;
  /** The week, with daily breakdowns. */
  current: UptimeReport;
  /** The ISO week before, for comparison. */
  previous: UptimeReport;
  incidents: readonly Incident[];
  nextMaintenance: MaintenanceWindow | undefined;
  questions: InquirySummary;
}

const TOP_INTENTS = 5;

function reportService(entry: ServiceUptime, previous: UptimeReport, current: UptimeReport): ReportService {
  const { uptime, budget, daily } = entry;
  const windows = current.maintenance.filter((w) => coversService(w, uptime.service));
  const before = previous.services.find((s) => s.uptime.service === uptime.service);
  return {
    service: uptime.service,
    uptimePercent: uptime.uptimePercent,
    previousUptimePercent: before?.uptime.uptimePercent ?? null,
    sloMet: uptime.uptimePercent === null ? null : uptime.uptimePercent >= current.sloTarget,
    downMs: uptime.downMs,
    degradedMs: uptime.degradedMs,
    maintenanceMs: uptime.maintenanceMs,
    unknownMs: uptime.unknownMs,
    outageCount: uptime.outageCount,
    longestOutageMs: uptime.longestOutageMs,
    mttrMs: uptime.mttrMs,
    budgetSpentPercent: budget.windowBudgetMs > 0 ? (100 * budget.spentMs) / budget.windowBudgetMs : null,
    days: daily.map((day) => ({
      date: day.date,
      uptimePercent: day.uptimePercent,
      downMs: day.downMs,
      maintenanceMs: day.maintenanceMs,
      planned: windows.some((w) => w.from < day.to && w.to > day.from),
    })),
  };
}

function verdictOf(services: readonly ReportService[]): ReportVerdict {
  const measured = services.filter((s) => s.sloMet !== null);
  if (measured.length === 0) return 'no-data';
  return measured.every((s) => s.sloMet) ? 'met' : 'missed';
}

function summaryOf(services: readonly ReportService[], sloTarget: number, complete: boolean): string {
  const measured = services.filter((s) => s.sloMet !== null);
  const missed = measured.filter((s) => s.sloMet === false);
  const soFar = complete ? '' : ' so far';
  if (measured.length === 0) return `No uptime data${soFar} this week: the agent was not running.`;
  const all = measured.length === 1 ? 'The one measured service' : `All ${measured.length} measured services`;
  if (missed.length === 0) return `${all} met the ${sloTarget}% SLO${soFar}.`;
  const names = missed.map((s) => `${s.service} (${percentText(s.uptimePercent)})`).join(', ');
  return `${missed.length} of ${measured.length} services missed the ${sloTarget}% SLO${soFar}: ${names}.`;
}

export function buildWeeklyReport(input: WeeklyReportInput): WeeklyReport {
  const { current, previous, week, now } = input;
  const services = current.services.map((entry) => reportService(entry, previous, current));
  const complete = week.to <= now;
  return {
    host: input.host,
    week: week.label,
    from: week.from,
    to: week.to,
    timeZone: current.timeZone,
    generatedAt: now,
    complete,
    sloTarget: current.sloTarget,
    verdict: verdictOf(services),
    summary: summaryOf(services, current.sloTarget, complete),
    services,
    incidents: [...input.incidents].sort((a, b) => a.start - b.start || a.service.localeCompare(b.service)),
    maintenance: current.maintenance,
    nextMaintenance: input.nextMaintenance ?? null,
    questions: {
      total: input.questions.total,
      answered: input.questions.answered,
      people: input.questions.people,
      topIntents: input.questions.perIntent
        .slice(0, TOP_INTENTS)
        .map(({ intent, total }) => ({ intent, total })),
    },
  };
}
