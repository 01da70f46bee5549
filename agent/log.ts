/** Structured logging: one JSON object per line on stdout (journald keeps it). */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
  isEnabled(level: LogLevel): boolean;
}

export interface LoggerOptions {
  level: LogLevel;
  write?: (line: string) => void;
  now?: () => number;
  base?: LogFields;
}

function normalise(value: unknown): unknown {
  if (value instanceof Error) return { message: value.message, code: (value as NodeJS.ErrnoException).code };
  return value;
}

export function createLogger(options: LoggerOptions): Logger {
  const write = options.write ?? ((line: string) => process.stdout.write(line));
  const now = options.now ?? Date.now;
  const min = ORDER[options.level];
  const base = options.base ?? {};
  const emit = (level: LogLevel, msg: string, fields?: LogFields) => {
    if (ORDER[level] < min) return;
    const record: LogFields = { ts: new Date(now()).toISOString(), level, msg, ...base };
    for (const [key, value] of Object.entries(fields ?? {})) record[key] = normalise(value);
    write(`${JSON.stringify(record)}\n`);
  };
  return {
    debug: (msg, fields) => emit('debug', msg, fields),
    info: (msg, fields) => emit('info', msg, fields),
    warn: (msg, fields) => emit('warn', msg, fields),
    error: (msg, fields) => emit('error', msg, fields),
    child: (fields) => createLogger({ ...options, base: { ...base, ...fields } }),
    isEnabled: (level) => ORDER[level] >= min,
  };
}

/** A logger that drops everything; for CLI one-shots and tests that do not inspect logs. */
export const silentLogger: Logger = createLogger({ level: 'error', write: () => {} });
