import { describe, expect, it } from 'vitest';
import { memoryRateLimiter } from './rate-limiter';

describe('memoryRateLimiter', () => {
  it('allows `max` hits per key in a window, then refuses until the window ends', async () => {
    let now = 1_000_000;
    const limiter = memoryRateLimiter(() => now);
    const limit = { max: 2, windowSeconds: 60 };
    expect((await limiter.hit('a', limit)).allowed).toBe(true);
    expect((await limiter.hit('a', limit)).allowed).toBe(true);
    expect(await limiter.hit('a', limit)).toEqual({ allowed: false, retryAfterSeconds: 60 });
    expect((await limiter.hit('b', limit)).allowed).toBe(true);
    now += 45_000;
    expect(await limiter.hit('a', limit)).toEqual({ allowed: false, retryAfterSeconds: 15 });
    now += 15_000;
    expect((await limiter.hit('a', limit)).allowed).toBe(true);
  });
});
