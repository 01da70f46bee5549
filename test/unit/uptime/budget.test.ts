import { describe, expect, it } from 'vitest';
import { errorBudget } from '../../../agent/uptime/budget.js';
import { isoWeekRange } from '../../../agent/uptime/ranges.js';
import type { StateInterval } from '../../../agent/uptime/types.js';
import { computeUptime } from '../../../agent/uptime/uptime.js';

const M = 60_000;
const WEEK = isoWeekRange(2026, 2, 'UTC'); // Mon 2026-01-05 .. Mon 2026-01-12, 168 h = 10 080 min

function weekWith(extra: StateInterval[], now = WEEK.to) {
  const intervals: StateInterval[] = [{ service: 'nginx', state: 'up', from: WEEK.from, to: null }, ...extra];
  // Records after the bad stretches resume `up`.
  for (const bad of extra)
    intervals.push({ service: 'nginx', state: 'up', from: bad.to as number, to: null });
  return computeUptime({ ...WEEK, service: 'nginx', intervals, maintenance: [], now });
}

const down = (startMin: number, minutes: number, state: 'down' | 'degraded' = 'down'): StateInterval => ({
  service: 'nginx',
  state,
  from: WEEK.from + startMin * M,
  to: WEEK.from + (startMin + minutes) * M,
});

describe('errorBudget over a 7-day week', () => {
  it('at 99.9% allows 10.08 minutes', () => {
    // counted 10 080 min; budget = 0.001 × 10 080 = 10.08 min; 5 min down -> remaining 5.08, spent 49.6%
    const budget = errorBudget(weekWith([down(600, 5)]), 99.9);
    expect(budget.countedMs).toBe(10_080 * M);
    expect(budget.budgetMs).toBeCloseTo(10.08 * M, 6);
    expect(budget.spentMs).toBe(5 * M);
    expect(budget.remainingMs).toBeCloseTo(5.08 * M, 6);
    expect(budget.spentPercent).toBeCloseTo((100 * 5) / 10.08, 8);
    expect(budget.exhausted).toBe(false);
  });

  it('at 95% allows 504 minutes', () => {
    // budget = 0.05 × 10 080 = 504 min; 5 min spent = 0.992%
    const budget = errorBudget(weekWith([down(600, 5)]), 95);
    expect(budget.budgetMs).toBeCloseTo(504 * M, 6);
    expect(budget.spentPercent).toBeCloseTo((100 * 5) / 504, 8);
  });

  it('is exhausted by 15 minutes down at 99.9%', () => {
    const budget = errorBudget(weekWith([down(600, 15)]), 99.9);
    expect(budget.remainingMs).toBeCloseTo(-4.92 * M, 6);
    expect(budget.exhausted).toBe(true);
  });

  it('spends degraded time at its weight, consistent with uptime', () => {
    // 5 min down + 20 min degraded at weight 0.5: counted = 10 080 - 20 + 10 = 10 070 min, spent = 5 + 10 = 15 min
    // uptime = 10 055 / 10 070 = 1 - 15 / 10 070; budget 99.9% = 10.07 min -> exhausted
    const uptime = weekWith([down(600, 5), down(1200, 20, 'degraded')]);
    expect(uptime.uptimePercent).toBeCloseTo((100 * 10_055) / 10_070, 10);
    const budget = errorBudget(uptime, 99.9);
    expect(budget.countedMs).toBe(10_070 * M);
    expect(budget.spentMs).toBe(15 * M);
    expect(budget.budgetMs).toBeCloseTo(10.07 * M, 6);
    expect(budget.exhausted).toBe(true);
  });

  it('reports the whole-window budget while the week is in progress', () => {
    // now = Tuesday 00:00: counted 1 440 min; 1 min down
    // budget so far = 1.44 min (69.4% spent); whole week = 10.08 min, 9.08 left
    const budget = errorBudget(weekWith([down(60, 1)], WEEK.from + 1440 * M), 99.9);
    expect(budget.budgetMs).toBeCloseTo(1.44 * M, 6);
    expect(budget.spentPercent).toBeCloseTo(100 / 1.44, 8);
    expect(budget.windowBudgetMs).toBeCloseTo(10.08 * M, 6);
    expect(budget.windowRemainingMs).toBeCloseTo(9.08 * M, 6);
  });

  it('has no percentage without a budget and rejects impossible targets', () => {
    const empty = computeUptime({ ...WEEK, service: 'nginx', intervals: [], maintenance: [], now: WEEK.to });
    expect(errorBudget(empty, 99.9)).toMatchObject({
      budgetMs: 0,
      spentMs: 0,
      spentPercent: null,
      exhausted: false,
    });
    expect(errorBudget(weekWith([down(0, 1)]), 100)).toMatchObject({
      budgetMs: 0,
      spentPercent: null,
      exhausted: true,
    });
    expect(() => errorBudget(empty, 101)).toThrow('between 0 and 100');
  });
});
