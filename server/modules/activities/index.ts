// The activities module: the CommBox Activities API over conversations and their recording activities.
import { cursorCodec } from '../../lib/signed-cursor';
import type { AccessControl } from '../access/service';
import type { CoreDeps, TapelineModule } from '../module';
import { activitiesRepo } from './repo';
import activitiesRoutes from './routes';
import { activitiesService } from './service';

export function activitiesModule({ db, storage, signingSecret }: CoreDeps, access: AccessControl) {
  const service = activitiesService({
    repo: activitiesRepo(db),
    access,
    storage,
    cursors: cursorCodec(signingSecret),
  });
  return {
    service,
    routes: (api) => api.register(activitiesRoutes, { activities: service }),
  } satisfies TapelineModule & Record<string, unknown>;
}
