import { describe, expect, it } from 'vitest';
import { accessFor, MembershipCache } from '../../../bot/access.js';
import { planMaintenance } from '../../../bot/answers/maintenance-plan.js';
import { MAX_PERIOD_DAYS, periodFromOption, resolvePeriod } from '../../../bot/answers/periods.js';
import { RateLimiter } from '../../../bot/rate-limit.js';

const G = '111111111111111111';
const C = '222222222222222222';

describe('where the bot answers', () => {
  it('configured guilds and channels; threads by their parent; empty lists mean everywhere it was invited', () => {
    const policy = { guilds: [G], channels: [C], allowDMs: false };
    expect(accessFor(policy, { kind: 'guild', guildId: G, channelId: C })).toBe('allowed');
    expect(accessFor(policy, { kind: 'guild', guildId: G, channelId: '3', parentId: C })).toBe('allowed');
    expect(accessFor(policy, { kind: 'guild', guildId: G, channelId: '3' })).toBe('ignored');
    expect(accessFor(policy, { kind: 'guild', guildId: '4', channelId: C })).toBe('ignored');
    expect(
      accessFor(
        { guilds: [], channels: [], allowDMs: false },
        { kind: 'guild', guildId: '4', channelId: '5' },
      ),
    ).toBe('allowed');
    expect(accessFor(policy, { kind: 'dm', channelId: '6' })).toBe('dm-off');
    expect(accessFor({ ...policy, allowDMs: true }, { kind: 'dm', channelId: '6' })).toBe('dm-check');
  });

  it('remembers membership for a while, with bounded memory', () => {
    const cache = new MembershipCache(1000, 2);
    cache.set('a', true, 0);
    expect(cache.get('a', 999)).toBe(true);
    expect(cache.get('a', 1000)).toBeUndefined();
    cache.set('b', false, 0);
    cache.set('c', true, 5000);
    expect(cache.get('c', 5000)).toBe(true);
  });
});

describe('rate limit', () => {
  it('allows `limit` per window, tells the user once, then lets them in again', () => {
    const limiter = new RateLimiter(3, 60_000);
    expect([0, 1, 2].map((t) => limiter.take('u', t).allowed)).toEqual([true, true, true]);
    expect(limiter.take('u', 10)).toEqual({ allowed: false, retryAfterMs: 59_990, notify: true });
    expect(limiter.take('u', 20)).toEqual({ allowed: false, retryAfterMs: 59_980, notify: false });
    expect(limiter.take('other', 20).allowed).toBe(true);
    expect(limiter.take('u', 60_000).allowed).toBe(true); // the hit at 0 has left the window
    expect(limiter.take('u', 60_001).allowed).toBe(true); // and the one at 1
    expect(limiter.take('u', 60_001)).toMatchObject({ allowed: false, notify: true }); // a new window: told again
  });

  it('forgets idle users when it holds too many', () => {
    const limiter = new RateLimiter(1, 1000, 100);
    for (let i = 0; i < 100; i++) limiter.take(`u${i}`, 0);
    limiter.take('late', 5000);
    expect(limiter.size).toBe(1);
  });
});

describe('periods', () => {
  const now = Date.UTC(2026, 10, 18, 12);
  it('reads slash-command periods through resolveWindow, within the limit', () => {
    const window = (text: string) => resolvePeriod(periodFromOption(text), now, 'UTC');
    expect(window('last week')).toMatchObject({ ok: true, window: { label: '2026-W46' } });
    expect(window('7d')).toMatchObject({ ok: true, window: { from: now - 7 * 86_400_000, to: now } });
    expect(window('2026-03')).toMatchObject({ ok: true, window: { label: '2026-03' } });
    expect(window(`${MAX_PERIOD_DAYS}d`)).toMatchObject({ ok: true });
    expect(window(`${MAX_PERIOD_DAYS + 1}d`)).toEqual({ ok: false, reason: 'too-long' });
    expect(window('2026-W60')).toEqual({ ok: false, reason: 'unknown' });
    expect(window('whenever')).toEqual({ ok: false, reason: 'unknown' });
    expect(window('last 1e999 days')).toEqual({ ok: false, reason: 'malformed' });
  });
});

describe('/maintenance add input', () => {
  const context = { now: Date.UTC(2026, 10, 18, 12), timeZone: 'Europe/Berlin', services: ['host', 'nginx'] };
  const plan = (start: string, duration = '1h', reason = 'patch', service?: string) =>
    planMaintenance({ start, duration, reason, service: service ?? null }, context);
  it('takes now, in 30m and local ISO times', () => {
    expect(plan('now')).toEqual({
      ok: true,
      window: { start: context.now, end: context.now + 3_600_000, services: 'all', reason: 'patch' },
    });
    expect(plan('in 30m', '2h', ' kernel   patch ', 'nginx')).toMatchObject({
      ok: true,
      window: { start: context.now + 1_800_000, services: ['nginx'], reason: 'kernel patch' },
    });
    expect(plan('2026-11-20T02:00')).toMatchObject({
      ok: true,
      window: { start: Date.UTC(2026, 10, 20, 1) },
    });
  });
  it('refuses what the CLI refuses', () => {
    for (const [start, duration, reason, service] of [
      ['tomorrow', '1h', 'x', undefined],
      ['now', '30s', 'x', undefined],
      ['now', '31d', 'x', undefined],
      ['now', '1h', ' ', undefined],
      ['now', '1h', 'r'.repeat(201), undefined],
      ['now', '1h', 'x', 'foobar'],
      ['2026-11-17T02:00', '1h', 'x', undefined],
    ] as const) {
      expect(plan(start, duration, reason, service).ok, `${start} ${duration} ${service}`).toBe(false);
    }
  });
});
