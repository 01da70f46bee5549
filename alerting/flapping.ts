/**
 * Flap detection the way Nagios and Icinga do it: keep the last 21 check results, count the state changes
 * between them with a weight that grows linearly from 0.8 (oldest change) to 1.2 (newest), and express the
 * sum as a percentage of the 20 possible changes. A check starts flapping above the high threshold and
 * stops below the low one (hysteresis). Pure.
 */

/** Results kept: 21 results have 20 transitions between them. */
export const FLAP_HISTORY_LENGTH = 21;
const LOW_WEIGHT = 0.8;
const HIGH_WEIGHT = 1.2;

export interface FlapThresholds {
  /** Percent state change above which flapping starts. */
  high: number;
  /** Percent state change below which flapping stops. */
  low: number;
}

/** Appends one result ('1' bad, '0' good), keeping the newest FLAP_HISTORY_LENGTH. */
export function pushResult(history: string, bad: boolean): string {
  const next = history + (bad ? '1' : '0');
  return next.length > FLAP_HISTORY_LENGTH ? next.slice(next.length - FLAP_HISTORY_LENGTH) : next;
}

/**
 * Weighted percent state change. A shorter history sits at the newest end of the window, as Nagios's
 * history (initialised with the first state) does: missing older results count as no change.
 */
export function percentStateChange(history: string): number {
  const offset = FLAP_HISTORY_LENGTH - history.length;
  let weighted = 0;
  for (let i = 1; i < history.length; i++) {
    if (history[i] === history[i - 1]) continue;
    const slot = offset + i - 1; // 0 = oldest transition, 19 = newest
    weighted += LOW_WEIGHT + (slot * (HIGH_WEIGHT - LOW_WEIGHT)) / (FLAP_HISTORY_LENGTH - 2);
  }
  return (weighted * 100) / (FLAP_HISTORY_LENGTH - 1);
}

export function nextFlapping(wasFlapping: boolean, percent: number, thresholds: FlapThresholds): boolean {
  return wasFlapping ? percent >= thresholds.low : percent > thresholds.high;
}
