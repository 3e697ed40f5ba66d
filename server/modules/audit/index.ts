// The audit module: the hash-chained trail (its batching writer is a job: flushed every second and on
// close), reading and exporting it, and `verify`.
import { cursorCodec } from '../../lib/signed-cursor';
import type { AccessControl } from '../access/service';
import type { CoreDeps, TapelineModule } from '../module';
import { auditRepo } from './repo';
import auditRoutes from './routes';
import { auditService } from './service';
import { auditTrail } from './trail';

export function auditModule({ db, log, signingSecret }: CoreDeps, access: AccessControl) {
  const trail = auditTrail(db, log);
  const service = auditService({ repo: auditRepo(db), trail, access, cursors: cursorCodec(signingSecret) });
  return {
    trail,
    service,
    routes: (api) => api.register(auditRoutes, { audit: service }),
    jobs: [trail.job],
  } satisfies TapelineModule & Record<string, unknown>;
}
