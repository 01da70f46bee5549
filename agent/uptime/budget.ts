/**
 * Error budget against an SLO target for one window.
 *
 *   budget = (1 − slo/100) × counted        counted = up + down + degraded × weight (the uptime denominator)
 *   spent  = down + degraded × weight       so spent / counted = 1 − uptime
 *
 * `budgetMs` is measured against the time counted so far. Early in a week that budget is tiny, so the
 * budget of the whole window, (1 − slo/100) × (to − from), is reported too: "10m 5s of this week's budget".
 */
import type { UptimeResult } from './types.js';

export interface ErrorBudget {
  sloPercent: number;
  countedMs: number;
  /** Allowed bad time for the counted time. */
  budgetMs: number;
  /** Bad time: downMs + degradedMs × degradedWeight. */
  spentMs: number;
  /** budgetMs − spentMs; negative when overspent. */
  remainingMs: number;
  /** 100 × spent / budget; null when the budget is zero (SLO of 100%, or nothing counted). */
  spentPercent: number | null;
  /** Spent more than the budget (any bad time at all when the budget is zero). */
  exhausted: boolean;
  /** Allowed bad time for the whole window [from, to), measured or not. */
  windowBudgetMs: number;
  /** windowBudgetMs − spentMs; negative when overspent. */
  windowRemainingMs: number;
}

export function errorBudget(uptime: UptimeResult, sloPercent: number): ErrorBudget {
  if (!(sloPercent >= 0 && sloPercent <= 100)) {
    throw new RangeError(`SLO target must be a percentage between 0 and 100, got ${sloPercent}`);
  }
  const allowedShare = 1 - sloPercent / 100;
  const spentMs = uptime.downMs + uptime.degradedMs * uptime.degradedWeight;
  const budgetMs = allowedShare * uptime.countedMs;
  const windowBudgetMs = allowedShare * (uptime.to - uptime.from);
  return {
    sloPercent,
    countedMs: uptime.countedMs,
    budgetMs,
    spentMs,
    remainingMs: budgetMs - spentMs,
    spentPercent: budgetMs > 0 ? (100 * spentMs) / budgetMs : null,
    exhausted: spentMs > budgetMs,
    windowBudgetMs,
    windowRemainingMs: windowBudgetMs - spentMs,
  };
}
