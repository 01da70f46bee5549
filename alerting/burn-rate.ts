/**
 * Multiwindow, multi-burn-rate SLO alerts (Google SRE workbook, "Alerting on SLOs"), adapted to the weekly
 * SLO. The burn rate over a window is the share of bad time in it divided by the share the SLO allows:
 *
 *   burn = (bad / counted) / (1 − slo/100)        bad = down + degraded × degradedWeight
 *
 * A tier fires only when both its long and its short window burn at least at its rate: the long window
 * proves the budget is really being spent, the short one that it is still being spent now (so the alert
 * resolves soon after the problem stops). Pure: rates come in, a decision comes out.
 */

export interface BurnTier {
  rate: number;
  longMs: number;
  shortMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Page: 13.44x over 1 h and 5 m, or 3.5x over 6 h and 30 m. */
export const PAGE_TIERS: readonly BurnTier[] = [
  { rate: 13.44, longMs: HOUR, shortMs: 5 * MINUTE },
  { rate: 3.5, longMs: 6 * HOUR, shortMs: 30 * MINUTE },
];

/** Ticket: 1.4x over 1 d and 2 h. */
export const TICKET_TIERS: readonly BurnTier[] = [{ rate: 1.4, longMs: 24 * HOUR, shortMs: 2 * HOUR }];

/**
 * A window says something only when at least this share of it was counted (not unknown, not maintenance):
 * a fresh agent's first failed probe must not read as a 1000x burn of a week's budget.
 */
const MIN_COVERAGE = 0.25;

/** Burn rate over one window; null when too little of it was counted (no data is not a burn). */
export function burnRate(badMs: number, countedMs: number, sloPercent: number, windowMs = 0): number | null {
  if (!(countedMs > 0) || countedMs < windowMs * MIN_COVERAGE) return null;
  const allowed = 1 - sloPercent / 100;
  const badShare = badMs / countedMs;
  if (allowed <= 0) return badShare > 0 ? Number.POSITIVE_INFINITY : 0;
  return badShare / allowed;
}

/** Every window length the tiers need. */
export function tierWindows(tiers: readonly BurnTier[]): number[] {
  return [...new Set(tiers.flatMap((t) => [t.longMs, t.shortMs]))].sort((a, b) => a - b);
}

export interface BurnDecision {
  bad: boolean;
  /** The first tier whose windows both exceed their rate. */
  tier?: BurnTier;
  /** Highest long-window burn relative to its tier's rate, for the message value. */
  value: number | null;
  detail: string;
}

const fmt = (rate: number | null | undefined) =>
  rate === null || rate === undefined ? 'no data' : `${rate.toFixed(rate >= 10 ? 1 : 2)}x`;
const span = (ms: number) => (ms % HOUR === 0 ? `${ms / HOUR}h` : `${ms / MINUTE}m`);

/** `rates`: burn rate per window length (ms) as returned by burnRate. */
export function evaluateBurn(
  rates: ReadonlyMap<number, number | null>,
  tiers: readonly BurnTier[],
): BurnDecision {
  const parts: string[] = [];
  let fired: BurnTier | undefined;
  let value: number | null = null;
  for (const tier of tiers) {
    const long = rates.get(tier.longMs) ?? null;
    const short = rates.get(tier.shortMs) ?? null;
    parts.push(
      `${fmt(long)} over ${span(tier.longMs)} and ${fmt(short)} over ${span(tier.shortMs)} (threshold ${tier.rate}x)`,
    );
    if (long !== null && (value === null || long > value)) value = long;
    if (!fired && long !== null && short !== null && long >= tier.rate && short >= tier.rate) fired = tier;
  }
  return {
    bad: fired !== undefined,
    ...(fired ? { tier: fired } : {}),
    value,
    detail: `error budget burning at ${parts.join('; ')}`,
  };
}
