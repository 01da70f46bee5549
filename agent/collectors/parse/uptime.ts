import { ProcParseError } from './errors.js';

/** Parses /proc/uptime ("201.15 292.33") into seconds since boot. */
export function parseUptime(text: string): number {
  const first = text.trim().split(/\s+/)[0];
  const seconds = Number(first);
  if (first === undefined || first === '' || !Number.isFinite(seconds) || seconds < 0) {
    throw new ProcParseError(
      '/proc/uptime',
      `expected seconds since boot, got ${JSON.stringify(text.trim())}`,
    );
  }
  return seconds;
}
