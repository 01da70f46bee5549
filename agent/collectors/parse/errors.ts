/** A /proc (or /sys) file did not have the shape the parser expects. */
export class ProcParseError extends Error {
  readonly code = 'PROC_PARSE';
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`${file}: ${detail}`);
    this.name = 'ProcParseError';
  }
}

/** Parses a non-negative decimal integer field; throws ProcParseError naming the file otherwise. */
export function toCounter(file: string, field: string, raw: string | undefined): number {
  if (raw === undefined || !/^\d+$/.test(raw)) {
    throw new ProcParseError(
      file,
      `expected a non-negative integer for ${field}, got ${JSON.stringify(raw)}`,
    );
  }
  return Number(raw);
}
