/** `hostwatch cloudwatch status`: the exporter's state, the outbox, the datums set aside, the alarms. */
import { formatDuration } from '../../config/duration.js';
import { type CloudwatchStatus, readCloudwatchStatus } from '../../exporters/cloudwatch/status.js';
import { CloudwatchOutbox } from '../../store/cloudwatch-outbox.js';
import type { CliIo } from '../command.js';
import { type CliContext, NoDataError, openReadOnly } from '../context.js';
import { isoSeconds } from '../format.js';

interface SetAside {
  metric: string;
  dimensions: Record<string, string>;
  ts: number;
  error: string;
  at: number;
}

const ago = (now: number, at: number | null) =>
  at === null ? 'never' : `${isoSeconds(at)} (${formatDuration(Math.max(0, now - at))} ago)`;

/** Plain-text lines for the `cloudwatch` section; shared with `hostwatch status`. */
export function cloudwatchStatusLines(status: CloudwatchStatus, now: number): string[] {
  const head = status.enabled
    ? `CloudWatch: on, namespace ${status.namespace ?? '?'} in ${status.region ?? '?'}`
    : `CloudWatch: off (${status.reason})`;
  const box = status.outbox;
  const neverUsed = box.pending + box.setAside + box.tooOld === 0 && status.lastSuccessAt === null;
  if (!status.enabled && neverUsed) return [head];
  const lines = [
    head,
    `          outbox ${box.pending} pending${box.oldestPendingAgeMs !== null ? `, oldest ${formatDuration(box.oldestPendingAgeMs)} old` : ''}; ` +
      `${box.setAside} set aside as invalid; ${box.tooOld} too old to send; last success ${ago(now, status.lastSuccessAt)}`,
  ];
  if (status.lastError && (status.lastSuccessAt === null || status.lastError.at > status.lastSuccessAt))
    lines.push(
      `          last error ${ago(now, status.lastError.at)}: ${status.lastError.code}: ${status.lastError.message}`,
    );
  if (status.alarms)
    lines.push(
      status.alarms.ok
        ? `          alarms in sync ${ago(now, status.alarms.at)}`
        : `          alarm sync FAILED ${ago(now, status.alarms.at)}: ${status.alarms.error}`,
    );
  return lines;
}

export function statusView(ctx: CliContext, io: CliIo, json: boolean, now: number): number {
  const db = openReadOnly(ctx);
  try {
    const status = readCloudwatchStatus(db, now);
    if (!status)
      throw new NoDataError(
        'CloudWatch has not run on this data directory (no decision recorded by the agent yet)',
      );
    // A status means the outbox table exists (readCloudwatchStatus checks).
    const setAside: SetAside[] = new CloudwatchOutbox(db).rejected(20).map((d) => ({
      metric: d.metric,
      dimensions: Object.fromEntries(d.dimensions.map((x) => [x.Name, x.Value])),
      ts: d.ts,
      error: d.error,
      at: d.doneAt,
    }));
    if (json) {
      io.out(`${JSON.stringify({ ...status, recentSetAside: setAside }, null, 2)}\n`);
      return 0;
    }
    const lines = cloudwatchStatusLines(status, now);
    if (setAside.length > 0) {
      lines.push('', 'Set aside (newest first):');
      for (const d of setAside)
        lines.push(`  ${isoSeconds(d.ts)} ${d.metric} ${JSON.stringify(d.dimensions)}: ${d.error}`);
    }
    io.out(`${lines.join('\n')}\n`);
    return 0;
  } finally {
    db.close();
  }
}
