import { describe, expect, it } from 'vitest';
import { checkMaintenanceRequest } from '../../../agent/history/maintenance-plan.js';

const now = Date.UTC(2026, 10, 20, 12, 0);
const context = { now, knownServices: ['host', 'nginx'] };
const request = { start: now + 3_600_000, duration: '1h', reason: 'kernel patch', services: 'all' as const };
const problemOf = (changes: Partial<Parameters<typeof checkMaintenanceRequest>[0]>) => {
  const checked = checkMaintenanceRequest({ ...request, ...changes }, context);
  return checked.ok ? undefined : checked.problem;
};

describe('checkMaintenanceRequest', () => {
  it('plans a window from start and duration', () => {
    expect(checkMaintenanceRequest({ ...request, services: ['nginx'] }, context)).toEqual({
      ok: true,
      window: { start: now + 3_600_000, end: now + 7_200_000, services: ['nginx'], reason: 'kernel patch' },
    });
  });

  it('takes durations from 1 minute to 30 days only', () => {
    expect(problemOf({ duration: '  ' })).toEqual({ kind: 'duration-missing' });
    expect(problemOf({ duration: '59s' })).toEqual({ kind: 'duration-out-of-range' });
    expect(problemOf({ duration: '31d' })).toEqual({ kind: 'duration-out-of-range' });
    expect(problemOf({ duration: 'soon' })).toEqual({ kind: 'duration-out-of-range' });
    expect(problemOf({ duration: '1m' })).toBeUndefined();
    expect(problemOf({ duration: '30d' })).toBeUndefined();
  });

  it('needs a reason of at most 200 characters', () => {
    expect(problemOf({ reason: '' })).toEqual({ kind: 'reason-missing' });
    expect(problemOf({ reason: 'x'.repeat(201) })).toEqual({ kind: 'reason-too-long', length: 201 });
    expect(problemOf({ reason: 'x'.repeat(200) })).toBeUndefined();
  });

  it('names the unknown services', () => {
    expect(problemOf({ services: ['nginx', 'redis', 'db'] })).toEqual({
      kind: 'unknown-services',
      unknown: ['redis', 'db'],
    });
  });

  it('allows a start up to 10 minutes ago, never a window that is over', () => {
    expect(problemOf({ start: now - 10 * 60_000 })).toBeUndefined();
    expect(problemOf({ start: now - 10 * 60_000 - 1 })).toEqual({ kind: 'in-the-past' });
    expect(problemOf({ start: now - 5 * 60_000, duration: '5m' })).toEqual({ kind: 'in-the-past' });
  });

  it('reports the first rule broken, in order: duration, reason, services, time', () => {
    expect(problemOf({ duration: 'x', reason: '', services: ['redis'], start: 0 })).toEqual({
      kind: 'duration-out-of-range',
    });
    expect(problemOf({ reason: '', services: ['redis'], start: 0 })).toEqual({ kind: 'reason-missing' });
    expect(problemOf({ services: ['redis'], start: 0 })).toEqual({
      kind: 'unknown-services',
      unknown: ['redis'],
    });
  });
});
