// The auth module: sign-in, sessions and API keys, and the sweep of expired sessions and rate windows.
import { intervalJob } from '../../lib/jobs';
import type { CoreDeps, TapelineModule } from '../module';
import { authRepo } from './repo';
import authRoutes from './routes';
import { authService } from './service';

export function authModule({ config, db, log }: CoreDeps) {
  const repo = authRepo(db);
  const service = authService(db, { sessionTtlSeconds: config.sessionTtlSeconds });
  return {
    service,
    routes: (api) =>
      api.register(authRoutes, {
        auth: service,
        sessionTtlSeconds: config.sessionTtlSeconds,
        secureCookies: config.secureCookies,
        loginAttemptsPerMinute: config.loginAttemptsPerMinute,
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
