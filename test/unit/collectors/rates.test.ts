import { describe, expect, it } from 'vitest';
import { compileNamePatterns } from '../../../agent/collectors/name-patterns.js';
import { CounterRates } from '../../../agent/collectors/rates.js';

describe('CounterRates', () => {
  it('gives no rate on the first observation, then growth per second', () => {
    const rates = new CounterRates();
    expect(rates.rate('eth0:bytes', 1000, 10_000)).toBeUndefined();
    expect(rates.rate('eth0:bytes', 6000, 15_000)).toBe(1000);
    expect(rates.delta('eth0:bytes', 6500, 15_500)).toEqual({ delta: 500, seconds: 0.5 });
  });

  it('keeps series apart', () => {
    const rates = new CounterRates();
    rates.rate('a', 0, 0);
    rates.rate('b', 100, 0);
    expect(rates.rate('a', 10, 1000)).toBe(10);
    expect(rates.rate('b', 300, 1000)).toBe(200);
  });

  it('treats a counter that went backwards as a reset: no rate for that step, new baseline', () => {
    const rates = new CounterRates();
    rates.rate('c', 5000, 0);
    expect(rates.rate('c', 40, 1000)).toBeUndefined();
    expect(rates.rate('c', 140, 2000)).toBe(100);
  });

  it('gives no rate when the clock did not move forward, and re-baselines', () => {
    const rates = new CounterRates();
    rates.rate('c', 0, 5000);
    expect(rates.rate('c', 100, 5000)).toBeUndefined();
    expect(rates.rate('c', 50, 4000)).toBeUndefined();
    expect(rates.rate('c', 150, 5000)).toBe(100);
  });

  it('forgets series not seen in the latest observation round', () => {
    const rates = new CounterRates();
    rates.rate('gone', 1, 1000);
    rates.rate('kept', 1, 1000);
    rates.rate('kept', 2, 2000);
    rates.forgetUnseen(2000);
    expect(rates.size).toBe(1);
    expect(rates.rate('gone', 5, 3000)).toBeUndefined();
  });
});

describe('compileNamePatterns', () => {
  it('matches literals and * wildcards, and nothing else', () => {
    const excluded = compileNamePatterns(['docker0', 'veth*', 'br-*x']);
    expect(excluded('docker0')).toBe(true);
    expect(excluded('docker01')).toBe(false);
    expect(excluded('veth1a2b')).toBe(true);
    expect(excluded('br-abcx')).toBe(true);
    expect(excluded('br-abc')).toBe(false);
    expect(excluded('eth0')).toBe(false);
    expect(compileNamePatterns(['eth.'])('eth0')).toBe(false);
    expect(compileNamePatterns([])('anything')).toBe(false);
  });
});
