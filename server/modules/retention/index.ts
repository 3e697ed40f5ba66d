// The retention module: legal holds, deletion on request, per-team retention and its daily job.
import { randomUUID } from 'node:crypto';
import { intervalJob } from '../../lib/jobs';
import type { AccessControl } from '../access/service';
import type { AuditTrail } from '../audit/trail';
import type { CoreDeps, TapelineModule } from '../module';
import retentionRoutes from './routes';
import { retentionService } from './service';

export function retentionModule({ db, storage, log }: CoreDeps, access: AccessControl, trail: AuditTrail) {
  const service = retentionService({ db, access, storage, trail, log });
  // Every instance looks every hour; the lease in the database lets one of them run it once a day.
  const holder = randomUUID();
  return {
    service,
    routes: (api) => api.register(retentionRoutes, { retention: service }),
    jobs: [intervalJob('retention', 3600, () => service.runIfDue(holder), log, { atStart: true })],
  } satisfies TapelineModule & Record<string, unknown>;
}
