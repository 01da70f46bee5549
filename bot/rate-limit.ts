/**
 * Per-user sliding-window rate limit: at most `limit` questions per `windowMs`. A user past the limit is told
 * once per window (so a spammer gets one polite reply, not one per message); the rest is dropped.
 */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number; notify: boolean };

interface Entry {
  hits: number[];
  notifiedUntil: number;
}

export class RateLimiter {
  private readonly users = new Map<string, Entry>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly maxUsers = 10_000,
  ) {}

  take(user: string, now: number): RateDecision {
    const entry = this.users.get(user) ?? { hits: [], notifiedUntil: 0 };
    entry.hits = entry.hits.filter((at) => at > now - this.windowMs);
    if (entry.hits.length < this.limit) {
      entry.hits.push(now);
      this.remember(user, entry, now);
      return { allowed: true };
    }
    const retryAfterMs = (entry.hits[0] as number) + this.windowMs - now;
    const notify = now >= entry.notifiedUntil;
    if (notify) entry.notifiedUntil = now + retryAfterMs;
    this.remember(user, entry, now);
    return { allowed: false, retryAfterMs, notify };
  }

  /** Bounded memory: past `maxUsers`, users with no hit in the window are forgotten. */
  private remember(user: string, entry: Entry, now: number): void {
    if (!this.users.has(user) && this.users.size >= this.maxUsers) {
      for (const [key, other] of this.users) {
        if (other.hits.every((at) => at <= now - this.windowMs)) this.users.delete(key);
      }
    }
    this.users.set(user, entry);
  }

  get size(): number {
    return this.users.size;
  }
}
