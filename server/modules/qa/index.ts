// The QA module: scorecards, evaluations, agents' answers and disputes, annotations.
import type { AccessControl } from '../access/service';
import type { CoreDeps, TapelineModule } from '../module';
import annotationsRoutes from './annotations/routes';
import { annotationsService } from './annotations/service';
import disputesRoutes from './disputes/routes';
import { disputesService } from './disputes/service';
import evaluationsRoutes from './evaluations/routes';
import { evaluationsService } from './evaluations/service';
import scorecardsRoutes from './scorecards/routes';
import { scorecardsService } from './scorecards/service';

export function qaModule({ db }: CoreDeps, access: AccessControl) {
  const scorecards = scorecardsService(db, access);
  const evaluations = evaluationsService(db, access);
  const disputes = disputesService(db, access);
  const annotations = annotationsService(db, access);
  return {
    scorecards,
    evaluations,
    disputes,
    annotations,
    async routes(api) {
      await api.register(scorecardsRoutes, { scorecards });
      await api.register(evaluationsRoutes, { evaluations });
      await api.register(disputesRoutes, { disputes });
      await api.register(annotationsRoutes, { annotations });
    },
  } satisfies TapelineModule & Record<string, unknown>;
}
