// The account module: the signed-in person's own API keys and password.
import type { AccessControl } from '../access/service';
import type { authModule } from '../auth';
import type { CoreDeps, TapelineModule } from '../module';
import accountRoutes from './routes';
import { accountService } from './service';

export function accountModule(
  { config, db }: CoreDeps,
  access: AccessControl,
  auth: ReturnType<typeof authModule>,
) {
  const service = accountService(db, access, auth.service);
  return {
    service,
    routes: (api) =>
      api.register(accountRoutes, {
        account: service,
        limiter: auth.limiter,
        passwordAttemptsPerMinute: config.loginLimits.perAddressAndUsername,
      }),
  } satisfies TapelineModule & Record<string, unknown>;
}
