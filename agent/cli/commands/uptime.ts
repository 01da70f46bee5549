import { uptimeReport } from '../../history/report.js';
import { weekWindow } from '../../uptime/ranges.js';
import { type Command, commonOptions, jsonOption } from '../command.js';
import { historyRequest, queryHistory } from '../history-access.js';
import { uptimeJson } from '../history-json.js';
import { withOptionalValue } from '../history-window.js';
import { renderUptimeText } from '../uptime-text.js';

export const uptimeCommand: Command = {
  name: 'uptime',
  summary: 'uptime, downtime, outages and error budget per service (default: this ISO week)',
  usage:
    'hostwatch uptime [--service S] [--week [this|last|YYYY-Www] | --from ISO --to ISO | --window TEXT] [--json]',
  options: {
    ...commonOptions,
    ...jsonOption,
    service: { type: 'string' },
    week: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    window: { type: 'string' },
  },
  normalizeArgs: (args) => withOptionalValue(args, '--week', 'this'),
  async run(values, positionals, io) {
    const request = historyRequest(values, positionals, io, (now, timeZone) =>
      weekWindow('this', now, timeZone),
    );
    const { window, now, service } = request;
    const report = queryHistory(request, uptimeReport);
    io.out(
      values.json
        ? `${JSON.stringify(uptimeJson(report, window), null, 2)}\n`
        : renderUptimeText(report, window, now, service !== undefined),
    );
    return 0;
  },
};
