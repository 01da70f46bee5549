/** Reads one week's report from the store, through the same history layer as `hostwatch uptime` and the bot. */
import type { Config } from '../../agent/config/schema.js';
import { incidentsIn, uptimeReport } from '../../agent/history/report.js';
import { nextPlannedMaintenance } from '../../agent/history/windows.js';
import type { Db } from '../../agent/store/db.js';
import { InquiryStore } from '../../agent/store/inquiries.js';
import { type NamedWindow, weekWindow } from '../../agent/uptime/ranges.js';
import { summarizeInquiries } from '../inquiry-summary.js';
import { buildWeeklyReport, type WeeklyReport } from './content.js';

const NEXT_MAINTENANCE_HORIZON_MS = 90 * 86_400_000;

export interface ReportSource {
  db: Db;
  config: Config;
  /** The name the report speaks for (see bot/answers/data.ts hostNameOf). */
  host: string;
  /** The agent is running: open runs continue up to now. */
  agentRunning: boolean;
}

export function readWeeklyReport(source: ReportSource, week: NamedWindow, now: number): WeeklyReport {
  const { db, config, agentRunning } = source;
  const timeZone = config.timezone;
  const query = { db, config, now, agentRunning };
  const previous = weekWindow('last', week.from, timeZone);
  return buildWeeklyReport({
    host: source.host,
    week,
    now,
    current: uptimeReport({ ...query, from: week.from, to: week.to }),
    previous: uptimeReport({ ...query, from: previous.from, to: previous.to, daily: false }),
    incidents: incidentsIn({ ...query, from: week.from, to: week.to }),
    nextMaintenance: nextPlannedMaintenance(db, config, { now, horizonMs: NEXT_MAINTENANCE_HORIZON_MS }),
    questions: summarizeInquiries(new InquiryStore(db).between(week.from, week.to), week, timeZone),
  });
}
