import { ProcParseError } from './errors.js';

export interface LoadAverage {
  load1: number;
  load5: number;
  load15: number;
}

/** Parses /proc/loadavg: "0.30 0.26 0.10 1/90 5224". */
export function parseLoadavg(text: string): LoadAverage {
  const [l1, l5, l15] = text.trim().split(/\s+/).map(Number);
  if ([l1, l5, l15].some((v) => v === undefined || !Number.isFinite(v))) {
    throw new ProcParseError(
      '/proc/loadavg',
      `expected three load averages, got ${JSON.stringify(text.trim())}`,
    );
  }
  return { load1: l1 as number, load5: l5 as number, load15: l15 as number };
}
