/** Capped exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"). */

export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

/**
 * Delay before retry number `failures` (1 = after the first failure): uniform in
 * [0, min(cap, base * 2^(failures-1))]. `random` returns [0, 1) and is injected for tests.
 */
export function fullJitterDelay(failures: number, policy: BackoffPolicy, random: () => number): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 30);
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
  return Math.floor(random() * ceiling);
}

/** Retries start at 1 s and are at most five flush intervals apart, and never more than 5 minutes. */
export function backoffFor(flushIntervalMs: number): BackoffPolicy {
  const baseMs = 1000;
  return { baseMs, capMs: Math.max(baseMs, Math.min(5 * 60_000, 5 * flushIntervalMs)) };
}
