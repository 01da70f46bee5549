import { describe, expect, it } from 'vitest';
import {
  burnRate,
  evaluateBurn,
  PAGE_TIERS,
  TICKET_TIERS,
  tierWindows,
} from '../../../alerting/burn-rate.js';

const M = 60_000;
const H = 60 * M;

describe('burn rate', () => {
  it('is the bad share over the share the SLO allows', () => {
    // 99.9%: 0.1% allowed. 6 minutes down in an hour = 10% bad = 100x.
    expect(burnRate(6 * M, H, 99.9)).toBeCloseTo(100, 6);
    expect(burnRate(0, H, 99.9)).toBe(0);
    expect(burnRate(0, 0, 99.9)).toBeNull();
  });

  it('says nothing about a window mostly without data (a fresh agent, long maintenance)', () => {
    expect(burnRate(10_000, 14 * M, 99.9, H)).toBeNull();
    expect(burnRate(10_000, 15 * M, 99.9, H)).toBeCloseTo(10_000 / (15 * M) / 0.001, 6);
  });

  it('needs both the long and the short window of a tier over its rate', () => {
    const rates = (long1h: number, short5m: number) =>
      new Map<number, number | null>([
        [H, long1h],
        [5 * M, short5m],
        [6 * H, 1],
        [30 * M, 1],
      ]);
    expect(evaluateBurn(rates(20, 20), PAGE_TIERS).bad).toBe(true);
    // The problem stopped: the long window still burns, the short one does not.
    expect(evaluateBurn(rates(20, 0), PAGE_TIERS).bad).toBe(false);
    // A short spike without a sustained burn.
    expect(evaluateBurn(rates(2, 500), PAGE_TIERS).bad).toBe(false);
  });

  it('the slow page tier and the ticket tier fire on their own windows', () => {
    const slow = new Map<number, number | null>([
      [H, 4],
      [5 * M, 4],
      [6 * H, 3.6],
      [30 * M, 3.9],
    ]);
    const decision = evaluateBurn(slow, PAGE_TIERS);
    expect(decision.bad).toBe(true);
    expect(decision.tier?.rate).toBe(3.5);
    const ticket = new Map<number, number | null>([
      [24 * H, 1.5],
      [2 * H, 1.5],
    ]);
    expect(evaluateBurn(ticket, TICKET_TIERS).bad).toBe(true);
    expect(
      evaluateBurn(
        new Map([
          [24 * H, null],
          [2 * H, 3],
        ]),
        TICKET_TIERS,
      ).bad,
    ).toBe(false);
  });

  it('lists every window the tiers need once', () => {
    expect(tierWindows([...PAGE_TIERS, ...TICKET_TIERS])).toEqual([5 * M, 30 * M, H, 2 * H, 6 * H, 24 * H]);
  });
});
