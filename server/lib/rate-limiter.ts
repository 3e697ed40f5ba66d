// Fixed-window counters for rate limits. One process (embedded PGlite) keeps them in memory, exactly;
// several instances share them in PostgreSQL, in an unlogged table: no write-ahead log and no fsync on
// the request path, at the price of counters that reset if PostgreSQL crashes (docs/decisions/015).
export interface RateLimit {
  max: number;
  windowSeconds: number;
}

export interface Hit {
  allowed: boolean;
  /** Seconds until the window ends (at least 1). */
  retryAfterSeconds: number;
}

export interface RateLimiter {
  /** Counts one hit against `key` and says whether it is within `limit`. */
  hit(key: string, limit: RateLimit): Promise<Hit>;
}

const toHit = (hits: number, max: number, resetAtMs: number, nowMs: number): Hit => ({
  allowed: hits <= max,
  retryAfterSeconds: Math.max(1, Math.ceil((resetAtMs - nowMs) / 1000)),
});

export function memoryRateLimiter(now: () => number = Date.now): RateLimiter {
  const windows = new Map<string, { resetAt: number; hits: number }>();
  let nextSweep = 0;
  return {
    async hit(key, { max, windowSeconds }) {
      const at = now();
      if (at >= nextSweep) {
        for (const [k, window] of windows) if (window.resetAt <= at) windows.delete(k);
        nextSweep = at + 60_000;
      }
      let window = windows.get(key);
      if (!window || window.resetAt <= at) {
        window = { resetAt: at + windowSeconds * 1000, hits: 0 };
        windows.set(key, window);
      }
      window.hits += 1;
      return toHit(window.hits, max, window.resetAt, at);
    },
  };
}

/** Counts in the database through `count`, which returns the hits so far and when the window ends. */
export function sharedRateLimiter(
  count: (key: string, windowSeconds: number) => Promise<{ hits: number; reset_at: Date }>,
): RateLimiter {
  return {
    async hit(key, { max, windowSeconds }) {
      const { hits, reset_at } = await count(key, windowSeconds);
      return toHit(hits, max, new Date(reset_at).getTime(), Date.now());
    },
  };
}
