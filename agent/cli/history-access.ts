/** Read access to the uptime history for CLI commands. */
import { type HistoryQuery, UnknownServiceError } from '../history/report.js';
import type { Db } from '../store/db.js';
import type { NamedWindow } from '../uptime/ranges.js';
import { type CliIo, type ParsedValues, rejectPositionals, UsageError } from './command.js';
import { type CliContext, cliContext, withReadOnlyStore } from './context.js';
import { resolveHistoryWindow, windowFlags } from './history-window.js';

const DAY_MS = 86_400_000;

/**
 * Runs `read` on the store opened read-only. `agentRunning` (a live daemon holds the data directory) decides
 * whether open runs continue up to now. An unknown --service becomes a usage error.
 */
export function withHistory<T>(ctx: CliContext, read: (db: Db, agentRunning: boolean) => T): T {
  try {
    return withReadOnlyStore(ctx, ({ db, runningPid }) => read(db, runningPid !== undefined));
  } catch (error) {
    if (error instanceof UnknownServiceError) throw new UsageError(error.message);
    throw error;
  }
}

/** What a history-reading command (uptime, incidents, inquiries) works from once its flags are read. */
export interface HistoryRequest {
  ctx: CliContext;
  timeZone: string;
  now: number;
  window: NamedWindow;
  /** --service, when the command has that flag and it was given. */
  service: string | undefined;
}

/** The window a command reads when no window flag is given. */
export type DefaultWindow = (now: number, timeZone: string) => NamedWindow;

/** "The last N days up to now", labelled "last Nd" like --since. */
export const lastDays =
  (days: number): DefaultWindow =>
  (now) => ({ from: now - days * DAY_MS, to: now, label: `last ${days}d` });

/** The shared preamble: no positionals, the config, now, the window the flags ask for, and --service. */
export function historyRequest(
  values: ParsedValues,
  positionals: readonly string[],
  io: CliIo,
  defaultWindow: DefaultWindow,
): HistoryRequest {
  rejectPositionals(positionals);
  const ctx = cliContext(values, io);
  const timeZone = ctx.config.timezone;
  const now = Date.now();
  const window = resolveHistoryWindow(windowFlags(values), now, timeZone, defaultWindow(now, timeZone));
  return { ctx, timeZone, now, window, service: values.service as string | undefined };
}

/** Runs a report over the request's window (and service, when given) on the read-only store. */
export function queryHistory<T>(request: HistoryRequest, report: (query: HistoryQuery) => T): T {
  const { ctx, window, now, service } = request;
  return withHistory(ctx, (db, agentRunning) =>
    report({
      db,
      config: ctx.config,
      from: window.from,
      to: window.to,
      now,
      agentRunning,
      ...(service !== undefined ? { service } : {}),
    }),
  );
}
