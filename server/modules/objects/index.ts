// The objects module: creating and editing conversations (reading them is the activities module's).
import type { AccessControl } from '../access/service';
import type { CoreDeps, TapelineModule } from '../module';
import objectsRoutes from './routes';
import { objectsService } from './service';

export function objectsModule({ db }: CoreDeps, access: AccessControl) {
  const service = objectsService({ db, access });
  return {
    service,
    routes: (api) => api.register(objectsRoutes, { objects: service }),
  } satisfies TapelineModule & Record<string, unknown>;
}
