import { parseDuration } from '../../config/duration.js';
import { chooseResolution, queryWindow, type SeriesPoints } from '../../store/sample-reader.js';
import type { Resolution } from '../../store/samples.js';
import { type Command, commonOptions, jsonOption, UsageError } from '../command.js';
import { cliContext, openReadOnly } from '../context.js';
import { formatValue, isoSeconds, labelsText, table } from '../format.js';

function summarise(series: SeriesPoints) {
  const { points } = series;
  const count = points.reduce((n, p) => n + p.count, 0);
  const sum = points.reduce((n, p) => n + p.avg * p.count, 0);
  return {
    min: Math.min(...points.map((p) => p.min)),
    max: Math.max(...points.map((p) => p.max)),
    avg: count ? sum / count : Number.NaN,
    last: points.at(-1)?.avg ?? Number.NaN,
  };
}

export const metricsCommand: Command = {
  name: 'metrics',
  summary: 'show stored metrics over a window',
  usage: 'hostwatch metrics [--since 1h] [--metric NAME] [--resolution auto|raw|minute|hour] [--json]',
  options: {
    ...commonOptions,
    ...jsonOption,
    since: { type: 'string' },
    metric: { type: 'string' },
    resolution: { type: 'string' },
  },
  async run(values, _positionals, io) {
    const sinceText = (values.since as string | undefined) ?? '1h';
    const sinceMs = parseDuration(sinceText);
    if (sinceMs === undefined)
      throw new UsageError(`--since: expected a duration such as 15m, 1h or 7d, got "${sinceText}"`);
    const resolutionText = (values.resolution as string | undefined) ?? 'auto';
    if (!['auto', 'raw', 'minute', 'hour'].includes(resolutionText)) {
      throw new UsageError(`--resolution: expected auto, raw, minute or hour, got "${resolutionText}"`);
    }
    const ctx = cliContext(values, io);
    const retention = {
      rawMs: ctx.config.metrics.retention.raw,
      minuteMs: ctx.config.metrics.retention.minute,
    };
    const resolution =
      resolutionText === 'auto'
        ? chooseResolution(sinceMs, sinceMs, retention)
        : (resolutionText as Resolution);
    const to = Date.now();
    const from = to - sinceMs;
    const db = openReadOnly(ctx);
    try {
      const series = queryWindow(db, {
        from,
        to,
        resolution,
        ...(values.metric ? { metric: values.metric as string } : {}),
      });
      if (values.json) {
        io.out(
          `${JSON.stringify({ from: isoSeconds(from), to: isoSeconds(to), resolution, series }, null, 2)}\n`,
        );
        return 0;
      }
      if (series.length === 0) {
        io.out(`no samples${values.metric ? ` for ${values.metric}` : ''} in the last ${sinceText}\n`);
        return 0;
      }
      const rows = [['METRIC', 'LABELS', 'LAST', 'MIN', 'AVG', 'MAX', 'POINTS']];
      for (const s of series) {
        const sum = summarise(s);
        rows.push([
          s.metric,
          labelsText(s.labels),
          ...[sum.last, sum.min, sum.avg, sum.max].map((v) => formatValue(v, s.unit)),
          String(s.points.length),
        ]);
      }
      io.out(`${resolution} samples from ${isoSeconds(from)} to ${isoSeconds(to)}\n${table(rows)}\n`);
      return 0;
    } finally {
      db.close();
    }
  },
};
