// The auth module: sign-in, sessions and API keys, rate limits, and the sweep of expired sessions and
// rate windows.
import { intervalJob } from '../../lib/jobs';
import { memoryRateLimiter, sharedRateLimiter } from '../../lib/rate-limiter';
import type { CoreDeps, TapelineModule } from '../module';
import { passwordHasher } from './password';
import { authRepo } from './repo';
import authRoutes from './routes';
import { authService } from './service';

export function authModule({ config, db, log }: CoreDeps) {
  const repo = authRepo(db);
  const service = authService(db, {
    sessionTtlSeconds: config.sessionTtlSeconds,
    cacheSeconds: config.credentialCacheSeconds,
    hasher: passwordHasher(config.passwordHashConcurrency),
  });
  // Embedded PGlite serves one process, whose memory counts exactly; PostgreSQL may serve several.
  const limiter = db.kind === 'pglite' ? memoryRateLimiter() : sharedRateLimiter(repo.hitRateLimit);
  return {
    service,
    limiter,
    routes: (api) =>
      api.register(authRoutes, {
        auth: service,
        limiter,
        loginLimits: config.loginLimits,
        sessionTtlSeconds: config.sessionTtlSeconds,
        secureCookies: config.secureCookies,
        signInOptions: {
          password: config.passwordLogin,
          sso: config.oidc ? { label: config.oidc.buttonLabel } : null,
        },
      }),
    // Whichever instance gets there first deletes what has expired.
    jobs: [
      intervalJob(
        'session-sweep',
        600,
        () => Promise.all([repo.deleteExpiredSessions(), repo.deleteExpiredRateLimits(3600)]),
        log,
      ),
    ],
  } satisfies TapelineModule & Record<string, unknown>;
}
