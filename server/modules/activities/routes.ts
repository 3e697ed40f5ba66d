// GET /api/objects and GET /api/objects/{objectId}/activities, in CommBox's envelope.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  activitiesQuerySchema,
  activitySchema,
  conversationObjectSchema,
  objectIdSchema,
} from '../../../contract/activities';
import { envelopeSchema, errorEnvelopeSchema, pagedEnvelopeSchema } from '../../../contract/envelope';
import { idSchema } from '../../../contract/ids';
import { envelope } from '../../lib/http';
import { principalOf } from '../auth/plugin';
import type { ActivitiesService } from './service';

const errors = {
  400: errorEnvelopeSchema,
  401: errorEnvelopeSchema,
  404: errorEnvelopeSchema,
  429: errorEnvelopeSchema,
};

const activitiesRoutes: FastifyPluginAsyncZod<{ activities: ActivitiesService }> = async (app, opts) => {
  app.get(
    '/objects',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['activities'],
        summary: 'The conversations the caller may see, most recent activity first',
        response: { 200: envelopeSchema(z.array(conversationObjectSchema)), ...errors },
      },
    },
    async (request) => envelope(await opts.activities.listObjects(principalOf(request).user)),
  );

  app.get(
    '/objects/:objectId/activities',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['activities'],
        summary: 'An object’s activities, newest first; activityType=27 gives its recordings',
        description:
          'Without `limit` every activity is returned. With `limit` (1–500) the envelope carries `nextCursor`; ' +
          'pass it back as `cursor` for the next page (null on the last page).',
        params: z.object({ objectId: objectIdSchema }),
        querystring: activitiesQuerySchema,
        response: { 200: pagedEnvelopeSchema(activitySchema), ...errors },
      },
    },
    async (request) => {
      const { activities, nextCursor } = await opts.activities.listActivities(
        principalOf(request).user,
        request.params.objectId,
        request.query,
      );
      const body = envelope(activities);
      return request.query.limit === undefined ? body : { ...body, nextCursor };
    },
  );

  app.get(
    '/activities/:activityId/download',
    {
      onRequest: app.authenticate,
      config: { audit: { action: 'media.downloaded', resource: { type: 'recording', param: 'activityId' } } },
      schema: {
        tags: ['activities'],
        summary:
          'Download a recording’s file (Content-Disposition: attachment); audited as a download, not a play',
        params: z.object({ activityId: idSchema }),
        // No response schema: the body is the file itself (errors are the usual envelope).
      },
    },
    async (request, reply) => {
      const file = await opts.activities.download(principalOf(request).user, request.params.activityId);
      return reply
        .type(file.contentType)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .header('cache-control', 'no-store')
        .send(file.body);
    },
  );
};

export default activitiesRoutes;
