// The queue module: GET /api/queue, the caller's next things to do.
import type { CoreDeps, TapelineModule } from '../module';
import queueRoutes from './routes';
import { queueService } from './service';

export function queueModule({ db }: CoreDeps) {
  const service = queueService(db);
  return {
    service,
    routes: (api) => api.register(queueRoutes, { queue: service }),
  } satisfies TapelineModule & Record<string, unknown>;
}
