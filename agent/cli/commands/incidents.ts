import { incidentsIn } from '../../history/report.js';
import { type Command, commonOptions, jsonOption } from '../command.js';
import { cliContext } from '../context.js';
import { rejectPositionals, withHistory } from '../history-access.js';
import { incidentJson, windowJson } from '../history-json.js';
import { resolveHistoryWindow, windowFlags } from '../history-window.js';
import { renderIncidentsText } from '../uptime-text.js';

const DEFAULT_SINCE_MS = 7 * 86_400_000;

export const incidentsCommand: Command = {
  name: 'incidents',
  summary: 'outages per service (nearby outages merged), planned or not (default: the last 7 days)',
  usage: 'hostwatch incidents [--since 7d | --from ISO --to ISO | --window TEXT] [--service S] [--json]',
  options: {
    ...commonOptions,
    ...jsonOption,
    service: { type: 'string' },
    since: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    window: { type: 'string' },
  },
  async run(values, positionals, io) {
    rejectPositionals(positionals);
    const ctx = cliContext(values, io);
    const timeZone = ctx.config.timezone;
    const now = Date.now();
    const window = resolveHistoryWindow(windowFlags(values), now, timeZone, {
      from: now - DEFAULT_SINCE_MS,
      to: now,
      label: 'last 7d',
    });
    const service = values.service as string | undefined;
    const incidents = withHistory(ctx, (db, agentRunning) =>
      incidentsIn({
        db,
        config: ctx.config,
        from: window.from,
        to: window.to,
        now,
        agentRunning,
        ...(service !== undefined ? { service } : {}),
      }),
    );
    if (values.json) {
      const body = {
        window: windowJson(window, timeZone),
        incidents: incidents.map((incident) => incidentJson(incident, timeZone)),
      };
      io.out(`${JSON.stringify(body, null, 2)}\n`);
    } else {
      io.out(renderIncidentsText(incidents, window, timeZone));
    }
    return 0;
  },
};
