// The playlists module: trainers' clips of calls, assigned to agents, with progress measured as played.
import type { AccessControl } from '../access/service';
import type { AuditTrail } from '../audit/trail';
import type { CoreDeps, TapelineModule } from '../module';
import playlistsRoutes from './routes';
import { playlistsService } from './service';

export function playlistsModule({ db, storage }: CoreDeps, access: AccessControl, trail: AuditTrail) {
  const service = playlistsService({ db, access, storage, trail });
  return {
    service,
    routes: (api) => api.register(playlistsRoutes, { playlists: service }),
  } satisfies TapelineModule & Record<string, unknown>;
}
