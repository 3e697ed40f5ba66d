// The single sign-on module (OpenID Connect); without OIDC_ISSUER it has no routes at all.
import type { AuditTrail } from '../audit/trail';
import type { AuthService } from '../auth/service';
import type { CoreDeps, TapelineModule } from '../module';
import ssoRoutes from './routes';
import { ssoService } from './service';

export function ssoModule(
  { config, db, signingSecret, log }: CoreDeps,
  auth: AuthService,
  trail: AuditTrail,
) {
  const oidc = config.oidc;
  if (!oidc) return { routes: async () => undefined } satisfies TapelineModule;
  const service = ssoService({
    db,
    auth,
    config: oidc,
    publicUrl: config.publicUrl,
    signingSecret,
    log,
    trail,
  });
  return {
    routes: (api) =>
      api.register(ssoRoutes, {
        sso: service,
        publicUrl: config.publicUrl,
        secureCookies: config.secureCookies,
        sessionTtlSeconds: config.sessionTtlSeconds,
      }),
  } satisfies TapelineModule;
}
