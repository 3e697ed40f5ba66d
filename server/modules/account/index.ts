// The account module: the signed-in person's own API keys and password.
import type { AccessControl } from '../access/service';
import type { CoreDeps, TapelineModule } from '../module';
import accountRoutes from './routes';
import { accountService } from './service';

export function accountModule({ config, db }: CoreDeps, access: AccessControl) {
  const service = accountService(db, access);
  return {
    service,
    routes: (api) =>
      api.register(accountRoutes, {
        account: service,
        passwordAttemptsPerMinute: config.loginAttemptsPerMinute,
      }),
  } satisfies TapelineModule & Record<string, unknown>;
}
