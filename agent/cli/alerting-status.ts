/** The one `Alerting:` line of `hostwatch status`. */
import type { AlertingSummary } from '../../alerting/report.js';
import { isoSeconds } from './format.js';

export function alertingStatusLine(summary: AlertingSummary): string {
  const { outbox } = summary;
  const parked = outbox.parked > 0 ? `, ${outbox.parked} PARKED (see hostwatch alerts)` : '';
  const sent = outbox.lastSentAt ? `; last sent ${isoSeconds(outbox.lastSentAt)}` : '';
  const covered = summary.covered > 0 ? ` (${summary.covered} covered by a service-down page)` : '';
  return `Alerting: ${summary.firing} firing${covered}, ${summary.pending} pending, ${summary.flapping} flapping, ${summary.silenced} in maintenance; outbox ${outbox.pending} queued${parked}${sent}`;
}
