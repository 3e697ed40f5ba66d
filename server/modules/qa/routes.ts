// Quality assurance under /api: scorecards, evaluations and disputes, annotations, the caller's queue.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Database } from '../../db/database';
import annotationsRoutes from './annotations/routes';
import { annotationsService } from './annotations/service';
import { disputesService } from './evaluations/disputes-service';
import evaluationsRoutes from './evaluations/routes';
import { evaluationsService } from './evaluations/service';
import queueRoutes from './queue-routes';
import { queueService } from './queue-service';
import scorecardsRoutes from './scorecards/routes';
import { scorecardsService } from './scorecards/service';

const qaRoutes: FastifyPluginAsyncZod<{ db: Database }> = async (app, { db }) => {
  await app.register(scorecardsRoutes, { scorecards: scorecardsService(db) });
  await app.register(evaluationsRoutes, {
    evaluations: evaluationsService(db),
    disputes: disputesService(db),
  });
  await app.register(annotationsRoutes, { annotations: annotationsService(db) });
  await app.register(queueRoutes, { queue: queueService(db) });
};

export default qaRoutes;
