// GET /api/queue: the caller's next things to do, for the home page.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { envelopeSchema } from '../../../contract/envelope';
import { queueSchema } from '../../../contract/queue';
import { envelope, readErrors } from '../../lib/http';
import { principalOf } from '../auth/plugin';
import type { QueueService } from './service';

const queueRoutes: FastifyPluginAsyncZod<{ queue: QueueService }> = async (app, { queue }) => {
  app.get(
    '/queue',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['qa: queue'],
        summary: 'What the caller should do next, by role; each list newest first, at most 20 items',
        description:
          'Admins and QA managers (`kind: reviewer`): recordings to evaluate, their own drafts, the number of ' +
          'open disputes. Agents (`kind: agent`): submitted evaluations to acknowledge or dispute, their latest ' +
          'recordings. Trainers and supervisors (`kind: team`): the latest recordings of their teams with the ' +
          'latest submitted score. Only recordings the caller may see.',
        response: { 200: envelopeSchema(queueSchema), ...readErrors },
      },
    },
    async (request) => envelope(await queue.forUser(principalOf(request).user)),
  );
};

export default queueRoutes;
