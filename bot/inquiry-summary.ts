/** Inquiry counts for `hostwatch inquiries` and the weekly report: per day (in the config zone) and per intent. Pure. */
import type { InquiryOutcome, InquiryRow } from '../agent/store/inquiries.js';
import { addDays, compareCivil, formatCivilDate } from '../agent/uptime/civil.js';
import type { NamedWindow } from '../agent/uptime/ranges.js';
import { civilDateOf } from '../agent/uptime/timezones.js';

export interface InquiryCount {
  total: number;
  answered: number;
}

export interface InquirySummary extends InquiryCount {
  window: NamedWindow;
  unanswered: number;
  /** Distinct askers (by keyed hash). */
  people: number;
  /** Of answered inquiries: receipt to reply posted. null when none. */
  latencyMs: { median: number; p95: number } | null;
  byOutcome: Record<InquiryOutcome, number>;
  /** Every local day of the window, oldest first, zeros included. */
  perDay: Array<InquiryCount & { date: string }>;
  /** Most asked first. */
  perIntent: Array<InquiryCount & { intent: string }>;
}

function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round((sorted[index] as number) * 10) / 10;
}

export function summarizeInquiries(
  rows: readonly InquiryRow[],
  window: NamedWindow,
  timeZone: string,
): InquirySummary {
  const perDay = new Map<string, InquiryCount>();
  const last = civilDateOf(Math.max(window.from, window.to - 1), timeZone);
  for (let day = civilDateOf(window.from, timeZone); compareCivil(day, last) <= 0; day = addDays(day, 1)) {
    perDay.set(formatCivilDate(day), { total: 0, answered: 0 });
  }
  const perIntent = new Map<string, InquiryCount>();
  const byOutcome: Record<InquiryOutcome, number> = {
    answered: 0,
    unknown: 0,
    refused: 0,
    denied: 0,
    'rate-limited': 0,
    error: 0,
  };
  const people = new Set<string>();
  const latencies: number[] = [];
  let answered = 0;
  for (const row of rows) {
    const bump = (map: Map<string, InquiryCount>, key: string) => {
      const count = map.get(key) ?? { total: 0, answered: 0 };
      count.total += 1;
      if (row.answered) count.answered += 1;
      map.set(key, count);
    };
    bump(perDay, formatCivilDate(civilDateOf(row.at, timeZone)));
    bump(perIntent, row.intent);
    byOutcome[row.outcome] = (byOutcome[row.outcome] ?? 0) + 1;
    if (row.userHash) people.add(row.userHash);
    if (row.answered) {
      answered += 1;
      if (row.latencyMs !== null) latencies.push(row.latencyMs);
    }
  }
  latencies.sort((a, b) => a - b);
  return {
    window,
    total: rows.length,
    answered,
    unanswered: rows.length - answered,
    people: people.size,
    latencyMs: latencies.length
      ? { median: percentile(latencies, 50), p95: percentile(latencies, 95) }
      : null,
    byOutcome,
    perDay: [...perDay.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([date, count]) => ({ date, ...count })),
    perIntent: [...perIntent.entries()]
      .sort(([a, x], [b, y]) => y.total - x.total || a.localeCompare(b))
      .map(([intent, count]) => ({ intent, ...count })),
  };
}
