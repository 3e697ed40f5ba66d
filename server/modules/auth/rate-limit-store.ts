// A @fastify/rate-limit store kept in the database, so every server instance counts the same hits.
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { AuthRepo } from './repo';

export function databaseRateLimitStore(repo: AuthRepo): FastifyRateLimitStoreCtor {
  class DatabaseRateLimitStore implements FastifyRateLimitStore {
    constructor(
      _options: unknown,
      private readonly prefix = 'global:',
    ) {}

    incr: FastifyRateLimitStore['incr'] = (key, callback, timeWindowMs) => {
      const windowSeconds = Math.max(1, Math.ceil(timeWindowMs / 1000));
      repo.hitRateLimit(this.prefix + key, windowSeconds).then(
        ({ hits, reset_at }) =>
          callback(null, { current: hits, ttl: Math.max(0, new Date(reset_at).getTime() - Date.now()) }),
        (error: Error) => callback(error),
      );
    };

    child: FastifyRateLimitStore['child'] = (routeOptions) =>
      new DatabaseRateLimitStore(routeOptions, `${routeOptions.method}:${routeOptions.url}:`);
  }
  return DatabaseRateLimitStore;
}
