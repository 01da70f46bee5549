import { incidentsIn } from '../../history/report.js';
import { type Command, commonOptions, jsonOption } from '../command.js';
import { historyRequest, lastDays, queryHistory } from '../history-access.js';
import { incidentJson, windowJson } from '../history-json.js';
import { renderIncidentsText } from '../uptime-text.js';

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
    const request = historyRequest(values, positionals, io, lastDays(7));
    const { window, timeZone } = request;
    const incidents = queryHistory(request, incidentsIn);
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
