// The users module: users and teams for administrators, the first administrator's setup link and
// set-password links.
import type { AccessControl } from '../access/service';
import type { AuthService } from '../auth/service';
import type { CoreDeps, TapelineModule } from '../module';
import usersRoutes from './routes';
import { usersService } from './service';

export function usersModule({ config, db }: CoreDeps, access: AccessControl, auth: AuthService) {
  const service = usersService({ db, access, publicUrl: config.publicUrl });
  return {
    service,
    routes: (api) =>
      api.register(usersRoutes, {
        users: service,
        auth,
        sessionTtlSeconds: config.sessionTtlSeconds,
        secureCookies: config.secureCookies,
      }),
  } satisfies TapelineModule & Record<string, unknown>;
}
