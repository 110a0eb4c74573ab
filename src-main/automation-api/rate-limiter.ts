/** How many requests one token may make: `burst` at once, refilled at `perMinute`. */
export interface RateLimit {
  burst: number;
  perMinute: number;
}

/** Enough for a support bot or a billing run; a loop gone wrong gets 429 instead of the database. */
export const defaultRateLimit: RateLimit = { burst: 20, perMinute: 60 };

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * A token bucket per key (an API token's id): each request takes one; the bucket refills
 * continuously up to `burst`. Keys are few (one per token), so buckets are simply kept.
 */
export class RateLimiter {
  private readonly buckets = new Map<number, { tokens: number; at: number }>();

  constructor(
    private readonly limit: RateLimit = defaultRateLimit,
    private readonly now: () => number = () => performance.now(),
  ) {}

  take(key: number): RateDecision {
    const now = this.now();
    const perMs = this.limit.perMinute / 60_000;
    const bucket = this.buckets.get(key) ?? { tokens: this.limit.burst, at: now };
    const tokens = Math.min(this.limit.burst, bucket.tokens + (now - bucket.at) * perMs);
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at: now });
      return { ok: false, retryAfterSeconds: Math.ceil((1 - tokens) / perMs / 1000) };
    }
    this.buckets.set(key, { tokens: tokens - 1, at: now });
    return { ok: true };
  }
}
