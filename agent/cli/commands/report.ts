/**
 * `hostwatch report`: the weekly uptime report of an ISO week (default: last week) as text, JSON or a chart
 * file; `--post` queues it for the running agent to post to Discord (through its durable report outbox).
 */
import { writeFileSync } from 'node:fs';
import { storeAnswerData } from '../../../bot/answers/data.js';
import { renderText } from '../../../bot/answers/render-text.js';
import { reportAnswer } from '../../../bot/report/answer.js';
import { weeklyChartSvg } from '../../../bot/report/chart.js';
import { renderPng } from '../../../bot/report/png.js';
import { runningDaemonPid } from '../../daemon/lock.js';
import { openDatabase } from '../../store/db.js';
import { ReportOutbox } from '../../store/report-outbox.js';
import { weekWindow } from '../../uptime/ranges.js';
import {
  type CliIo,
  type Command,
  commonOptions,
  jsonOption,
  type ParsedValues,
  UsageError,
} from '../command.js';
import { openReadOnly, withReadOnlyStore } from '../context.js';
import { type HistoryRequest, historyRequest } from '../history-access.js';
import { withOptionalValue } from '../history-window.js';
import { reportJson } from '../report-json.js';

const SNOWFLAKE = /^\d{17,20}$/;

export const reportCommand: Command = {
  name: 'report',
  summary: 'the weekly uptime report (default: last ISO week): text, JSON, chart, or --post it to Discord',
  usage:
    'hostwatch report [--week [this|last|YYYY-Www]] [--json] [--png FILE] [--svg FILE] [--post [--channel ID]]',
  options: {
    ...commonOptions,
    ...jsonOption,
    week: { type: 'string' },
    png: { type: 'string' },
    svg: { type: 'string' },
    post: { type: 'boolean' },
    channel: { type: 'string' },
  },
  // As in `hostwatch uptime`, --week alone is this week; no --week at all is the last whole week.
  normalizeArgs: (args) => withOptionalValue(args, '--week', 'this'),
  async run(values, positionals, io) {
    const request = historyRequest(values, positionals, io, (now, timeZone) =>
      weekWindow('last', now, timeZone),
    );
    const { ctx, window, now, timeZone } = request;
    if (values.post) return queuePost(values, request, io);
    if (values.channel !== undefined) throw new UsageError('--channel goes with --post');
    const report = withReadOnlyStore(ctx, (store) =>
      storeAnswerData({ ...store, config: ctx.config }).weeklyReport(window, now),
    );
    const chart = weeklyChartSvg(report);
    const notes: string[] = [];
    if (typeof values.svg === 'string') {
      writeFileSync(values.svg, chart.svg);
      notes.push(`chart written to ${values.svg} (SVG, ${chart.width}x${chart.height})`);
    }
    if (typeof values.png === 'string') {
      const png = await renderPng(chart);
      writeFileSync(values.png, png.png);
      notes.push(`chart written to ${values.png} (PNG, ${png.width}x${png.height})`);
    }
    if (values.json) io.out(`${JSON.stringify(reportJson(report), null, 2)}\n`);
    else io.out(renderText(reportAnswer(report), { now, timeZone }));
    for (const note of notes) (values.json ? io.err : io.out)(`${note}\n`);
    return 0;
  },
};

function queuePost(values: ParsedValues, { ctx, window, now }: HistoryRequest, io: CliIo): number {
  if (values.png !== undefined || values.svg !== undefined)
    throw new UsageError('--post cannot be combined with --png or --svg');
  const channel =
    typeof values.channel === 'string' ? values.channel.trim() : ctx.config.discord.report.channel;
  if (channel === undefined)
    throw new UsageError(
      '--post needs a channel: set discord.report.channel in the config, or pass --channel ID',
    );
  if (!SNOWFLAKE.test(channel))
    throw new UsageError(`--channel: expected a Discord channel id (digits), got "${channel}"`);
  openReadOnly(ctx).close(); // says plainly when the agent never ran with this data directory
  const db = openDatabase(ctx.dbPath);
  try {
    new ReportOutbox(db).enqueue(window.label, channel, 'manual', now);
  } finally {
    db.close();
  }
  const pid = runningDaemonPid(ctx.dataDir);
  const when =
    pid === undefined
      ? 'the agent is not running: it posts the report when it starts with the weekly report on (see hostwatch status)'
      : `the running agent (pid ${pid}) posts it within 10 s when its weekly report is on (see hostwatch status)`;
  const queued = { week: window.label, channel, queued: true, agentRunning: pid !== undefined };
  io.out(
    values.json
      ? `${JSON.stringify(queued, null, 2)}\n`
      : `queued weekly report ${window.label} for channel ${channel}; ${when}\n`,
  );
  return 0;
}
