import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../../src-main/automation-api/rate-limiter';

/** A limiter on a clock the test moves. */
function limiterAt(limit = { burst: 3, perMinute: 60 }) {
  let now = 0;
  const limiter = new RateLimiter(limit, () => now);
  return { limiter, advance: (ms: number) => (now += ms) };
}

describe('the rate limit per token', () => {
  it('lets a burst through, then one request per refill', () => {
    const { limiter, advance } = limiterAt();
    expect([1, 2, 3].map(() => limiter.take(1).ok)).toEqual([true, true, true]);
    expect(limiter.take(1)).toEqual({ ok: false, retryAfterSeconds: 1 });
    advance(1_000);
    expect(limiter.take(1)).toEqual({ ok: true });
    expect(limiter.take(1).ok).toBe(false);
  });

  it('counts each token on its own', () => {
    const { limiter } = limiterAt({ burst: 1, perMinute: 60 });
    expect(limiter.take(1).ok).toBe(true);
    expect(limiter.take(1).ok).toBe(false);
    expect(limiter.take(2).ok).toBe(true);
  });

  it('refills up to the burst and no further', () => {
    const { limiter, advance } = limiterAt();
    advance(3_600_000);
    expect([1, 2, 3, 4].map(() => limiter.take(1).ok)).toEqual([true, true, true, false]);
  });

  it('says how long to wait at a slow rate', () => {
    const { limiter } = limiterAt({ burst: 1, perMinute: 6 });
    limiter.take(1);
    expect(limiter.take(1)).toEqual({ ok: false, retryAfterSeconds: 10 });
  });
});
