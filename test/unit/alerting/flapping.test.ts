import { describe, expect, it } from 'vitest';
import {
  FLAP_HISTORY_LENGTH,
  nextFlapping,
  percentStateChange,
  pushResult,
} from '../../../alerting/flapping.js';

describe('percent state change (Nagios/Icinga weighting)', () => {
  it('is 0 for a steady check and 100 for one that changes on every result', () => {
    expect(percentStateChange('0'.repeat(21))).toBe(0);
    expect(percentStateChange('01'.repeat(10) + '0')).toBeCloseTo(100, 10);
  });

  it('weights the newest change 1.2 and the oldest 0.8, as a share of 20 possible changes', () => {
    expect(percentStateChange(`${'0'.repeat(20)}1`)).toBeCloseTo((1.2 * 100) / 20, 10);
    expect(percentStateChange(`0${'1'.repeat(20)}`)).toBeCloseTo((0.8 * 100) / 20, 10);
  });

  it('places a short history at the newest end (missing older results are no change)', () => {
    expect(percentStateChange('01')).toBeCloseTo(6, 10);
    expect(percentStateChange('')).toBe(0);
  });

  it('keeps only the newest 21 results', () => {
    let history = '';
    for (let i = 0; i < 50; i++) history = pushResult(history, i % 2 === 0);
    expect(history).toHaveLength(FLAP_HISTORY_LENGTH);
    expect(history.at(-1)).toBe('0');
  });

  it('has hysteresis: starts above high, stops only below low', () => {
    const t = { high: 30, low: 25 };
    expect(nextFlapping(false, 30, t)).toBe(false);
    expect(nextFlapping(false, 30.1, t)).toBe(true);
    expect(nextFlapping(true, 26, t)).toBe(true);
    expect(nextFlapping(true, 24.9, t)).toBe(false);
  });
});
