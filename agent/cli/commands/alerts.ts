import { type AlertsModel, alertsModel } from '../../../alerting/report.js';
import { formatDuration, parseDuration } from '../../config/duration.js';
import { type Command, commonOptions, jsonOption, rejectPositionals, UsageError } from '../command.js';
import { cliContext, withOptionalStore } from '../context.js';
import { isoSeconds, table } from '../format.js';

function stateText(alert: AlertsModel['alerts'][number]): string {
  const marks = [
    alert.flapping ? 'flapping' : undefined,
    alert.silenced ? 'maintenance' : undefined,
    alert.pageDeferred ? 'page deferred' : undefined,
    alert.covered ? 'covered by service-down' : undefined,
  ].filter(Boolean);
  return `${alert.phase.toUpperCase()}${marks.length ? ` (${marks.join(', ')})` : ''}`;
}

function renderAlertsText(model: AlertsModel, sinceText: string): string {
  const now = model.generatedAt;
  const lines: string[] = [];
  lines.push(
    `Paging:   ${model.paging.topicArn ?? 'off (alerting.sns.topicArn not set)'}${model.paging.warningTopicArn ? `; warnings ${model.paging.warningTopicArn}` : ''}`,
  );
  const c = model.counts;
  lines.push(
    `Alerts:   ${c.firing} firing${c.covered ? ` (${c.covered} covered by a service-down page)` : ''}, ${c.pending} pending, ${c.recovering} recovering, ${c.flapping} flapping, ${c.silenced} in maintenance`,
  );
  if (model.alerts.length > 0) {
    lines.push(
      '',
      table([
        ['ALERT', 'SEVERITY', 'STATE', 'SINCE', 'PAGED', 'DETAIL'],
        ...model.alerts.map((a) => [
          a.key,
          a.severity,
          stateText(a),
          `${isoSeconds(a.startedAt ?? a.since)} (${formatDuration(Math.max(0, now - (a.startedAt ?? a.since)))})`,
          a.paged ? 'yes' : 'no',
          a.detail,
        ]),
      ]),
    );
  }
  const o = model.outbox;
  lines.push(
    '',
    `Outbox:   ${o.pending} queued, ${o.parked} parked${o.lastSentAt ? `; last sent ${isoSeconds(o.lastSentAt)}` : ''}`,
  );
  for (const row of o.pendingRows) {
    lines.push(
      `  QUEUED #${row.id} ${row.kind} ${row.key}: ${row.attempts} attempts${row.error ? `, last error ${row.error}` : ''}`,
    );
  }
  for (const row of o.parkedRows) {
    lines.push(
      `  PARKED #${row.id} ${row.kind} ${row.key}: ${row.error ?? row.errorCode ?? ''}${row.retriedOnReload ? ' (retried on the next restart or reload)' : ''}`,
    );
  }
  lines.push('', `History (${sinceText}):`);
  if (model.history.length === 0) lines.push('  nothing happened');
  for (const event of model.history) {
    lines.push(
      `  ${isoSeconds(event.at)}  ${event.kind.padEnd(14)} ${event.key}${event.detail ? `  ${event.detail}` : ''}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

export const alertsCommand: Command = {
  name: 'alerts',
  summary: 'firing, pending, recovering, flapping and silenced alerts; recent history; the pager outbox',
  usage: 'hostwatch alerts [--since 24h] [--json] [--config FILE] [--data-dir DIR]',
  options: { ...commonOptions, ...jsonOption, since: { type: 'string' } },
  async run(values, positionals, io) {
    rejectPositionals(positionals);
    const sinceText = (values.since as string | undefined) ?? '24h';
    const sinceMs = parseDuration(sinceText);
    if (sinceMs === undefined)
      throw new UsageError(`--since: expected a duration such as 1h or 7d, got "${sinceText}"`);
    const ctx = cliContext(values, io);
    const now = Date.now();
    const model = withOptionalStore(ctx, (db) => alertsModel(db, ctx.config, { now, since: now - sinceMs }));
    io.out(values.json ? `${JSON.stringify(model, null, 2)}\n` : renderAlertsText(model, sinceText));
    return 0;
  },
};
