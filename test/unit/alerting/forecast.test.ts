import { describe, expect, it } from 'vitest';
import { evaluateForecast, linearFit } from '../../../alerting/forecast.js';

const H = 3_600_000;
const now = 1_800_000_000_000;
/** One point every 5 minutes over the last `hours`, growing `perHour` from `start`. */
const growth = (start: number, perHour: number, hours = 6) =>
  Array.from({ length: hours * 12 + 1 }, (_, i) => {
    const at = now - hours * H + i * 5 * 60_000;
    return { at, value: start + (perHour * (at - (now - hours * H))) / H };
  });

describe('disk full forecast', () => {
  it('fits a straight line exactly', () => {
    const fit = linearFit(growth(50, 2));
    expect(fit?.slope).toBeCloseTo(2 / H, 12);
    expect(fit?.valueAt(now)).toBeCloseTo(62, 6);
  });

  it('fires when the trend reaches 100% within 24 h and says when', () => {
    const result = evaluateForecast({
      points: growth(50, 2),
      now,
      op: '>=',
      threshold: 100,
      horizonMs: 24 * H,
    });
    expect(result?.bad).toBe(true);
    expect((result?.crossesInMs ?? 0) / H).toBeCloseTo(19, 6); // 62% now, +2%/h
    expect(result?.detail).toContain('reaches 100 in about 19.0h');
  });

  it('stays quiet for slow growth, a shrinking disk and too little history', () => {
    expect(
      evaluateForecast({ points: growth(50, 1), now, op: '>=', threshold: 100, horizonMs: 24 * H })?.bad,
    ).toBe(false);
    expect(
      evaluateForecast({ points: growth(95, -1), now, op: '>=', threshold: 100, horizonMs: 24 * H })?.bad,
    ).toBe(false);
    expect(
      evaluateForecast({
        points: growth(50, 10).slice(-5),
        now,
        op: '>=',
        threshold: 100,
        horizonMs: 24 * H,
      }),
    ).toBeUndefined();
    expect(
      evaluateForecast({ points: growth(50, 10, 0.25), now, op: '>=', threshold: 100, horizonMs: 24 * H }),
    ).toBeUndefined();
  });
});
