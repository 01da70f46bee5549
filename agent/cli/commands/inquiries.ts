import { summarizeInquiries } from '../../../bot/inquiry-summary.js';
import { InquiryStore } from '../../store/inquiries.js';
import { type Command, commonOptions, jsonOption } from '../command.js';
import { table } from '../format.js';
import { historyRequest, lastDays, withHistory } from '../history-access.js';
import { windowJson } from '../history-json.js';
import { describeWindow } from '../history-window.js';

export const inquiriesCommand: Command = {
  name: 'inquiries',
  summary: 'questions the Discord bot answered: counts per day and per intent (default: the last 30 days)',
  usage: 'hostwatch inquiries [--since 30d | --window TEXT] [--json]',
  options: { ...commonOptions, ...jsonOption, since: { type: 'string' }, window: { type: 'string' } },
  async run(values, positionals, io) {
    const { ctx, window, timeZone } = historyRequest(values, positionals, io, lastDays(30));
    const rows = withHistory(ctx, (db) => new InquiryStore(db).between(window.from, window.to));
    const summary = summarizeInquiries(rows, window, timeZone);
    if (values.json) {
      io.out(`${JSON.stringify({ ...summary, window: windowJson(window, timeZone) }, null, 2)}\n`);
      return 0;
    }
    const share = summary.total ? ` (${Math.round((100 * summary.answered) / summary.total)}%)` : '';
    const latency = summary.latencyMs
      ? `; answered in ${summary.latencyMs.median}ms median, ${summary.latencyMs.p95}ms p95`
      : '';
    const lines = [
      `inquiries ${describeWindow(window, timeZone)}`,
      `${summary.total} asked by ${summary.people} ${summary.people === 1 ? 'person' : 'people'}, ${summary.answered} answered${share}${latency}`,
      `not answered: ${summary.byOutcome.unknown} not understood, ${summary.byOutcome.refused} refused, ${summary.byOutcome.denied} denied, ${summary.byOutcome['rate-limited']} rate-limited, ${summary.byOutcome.error} failed`,
      '',
      table([
        ['DATE', 'ASKED', 'ANSWERED'],
        ...summary.perDay.map((d) => [d.date, String(d.total), String(d.answered)]),
      ]),
    ];
    if (summary.perIntent.length > 0) {
      lines.push(
        '',
        table([
          ['INTENT', 'ASKED', 'ANSWERED'],
          ...summary.perIntent.map((i) => [i.intent, String(i.total), String(i.answered)]),
        ]),
      );
    }
    io.out(`${lines.join('\n')}\n`);
    return 0;
  },
};
