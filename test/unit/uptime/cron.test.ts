import { describe, expect, it } from 'vitest';
import { matchesDate, parseCron, validateCron } from '../../../agent/uptime/cron.js';

describe('validateCron', () => {
  it('accepts standard expressions', () => {
    for (const expression of [
      '0 2 * * 0',
      '0 2 * * 7',
      '*/15 2 1,15 * *',
      '0 9 * * mon-fri',
      '0 0 1 jan,jul *',
      '5/20 * * * *',
      '0 2 29 2 *',
      '@weekly',
      ' 30 2 * * * ',
    ]) {
      expect(validateCron(expression), expression).toBeUndefined();
    }
  });

  it('names the field and the problem', () => {
    expect(validateCron('0 2 * *')).toBe(
      'cron "0 2 * *": expected 5 fields (minute hour day-of-month month day-of-week) such as "0 2 * * 0", got 4',
    );
    expect(validateCron('0 0 2 * * 0')).toContain('got 6');
    expect(validateCron('60 * * * *')).toBe('cron "60 * * * *": minute field "60": 60 is out of range 0-59');
    expect(validateCron('0 2 * * 8')).toContain('day-of-week field "8": 8 is out of range 0-7');
    expect(validateCron('0 24 * * *')).toContain('hour field "24"');
    expect(validateCron('*/0 * * * *')).toContain('step must be 1 or more');
    expect(validateCron('5-1 * * * *')).toContain('range 5-1 runs backwards');
    expect(validateCron('x * * * *')).toContain('"x" is not a number');
    expect(validateCron('0 2 * foo *')).toContain('month field "foo"');
    expect(validateCron('0 2 ** * *')).toContain('cannot read "**"');
    expect(validateCron('@reboot')).toContain('unknown macro "@reboot"');
    // 30 February never comes: a window that never opens is a config mistake.
    expect(validateCron('0 2 30 2 *')).toContain('never matches');
    expect(validateCron('0 2 31 4,6 *')).toContain('never matches');
  });
});

describe('matchesDate', () => {
  const date = (month: number, day: number) => ({ year: 2026, month, day });

  it('treats 0 and 7 as Sunday', () => {
    // 2026-01-04 is a Sunday, 2026-01-05 a Monday.
    expect(matchesDate(parseCron('0 2 * * 7'), date(1, 4))).toBe(true);
    expect(matchesDate(parseCron('0 2 * * 0'), date(1, 4))).toBe(true);
    expect(matchesDate(parseCron('0 2 * * 0'), date(1, 5))).toBe(false);
    expect(matchesDate(parseCron('0 2 * * 5-7'), date(1, 4))).toBe(true);
  });

  it('ORs day-of-month and day-of-week when both are restricted', () => {
    // "13th or any Friday": 2026-01-13 is a Tuesday, 2026-01-16 a Friday, 2026-01-14 a Wednesday.
    const schedule = parseCron('0 0 13 * 5');
    expect(matchesDate(schedule, date(1, 13))).toBe(true);
    expect(matchesDate(schedule, date(1, 16))).toBe(true);
    expect(matchesDate(schedule, date(1, 14))).toBe(false);
  });

  it('ANDs them when one field starts with * (Vixie cron rule, */2 included)', () => {
    // "odd days that are Mondays": 2026-01-05 Monday (odd), 2026-01-12 Monday (even), 2026-01-07 Wednesday (odd)
    const schedule = parseCron('0 0 */2 * 1');
    expect(matchesDate(schedule, date(1, 5))).toBe(true);
    expect(matchesDate(schedule, date(1, 12))).toBe(false);
    expect(matchesDate(schedule, date(1, 7))).toBe(false);
  });

  it('checks the month', () => {
    expect(matchesDate(parseCron('0 0 1 jan,jul *'), date(7, 1))).toBe(true);
    expect(matchesDate(parseCron('0 0 1 jan,jul *'), date(6, 1))).toBe(false);
  });

  it('expands steps and lists into sorted values', () => {
    const schedule = parseCron('5/20 1-5/2,23 * * *');
    expect(schedule.minutes).toEqual([5, 25, 45]);
    expect(schedule.hours).toEqual([1, 3, 5, 23]);
  });
});
