// POST /api/objects (idempotent on externalId) and PATCH /api/objects/{objectId}; GET is in activities.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { objectIdSchema } from '../../../contract/activities';
import { envelopeSchema } from '../../../contract/envelope';
import {
  createObjectRequestSchema,
  createdObjectSchema,
  updateObjectRequestSchema,
} from '../../../contract/objects';
import { envelope, writeErrors } from '../../lib/http';
import { principalOf } from '../auth/plugin';
import type { ObjectsService } from './service';

const tags = ['objects'];
const one = envelopeSchema(createdObjectSchema);

const objectsRoutes: FastifyPluginAsyncZod<{ objects: ObjectsService }> = async (app, opts) => {
  const { objects } = opts;

  app.post(
    '/objects',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary: 'Create a conversation (object); the same externalId answers 200 with the same one',
        description:
          '`team` is a team id, `agent` a username. Admins and their API keys create conversations for any ' +
          'agent and team; an agent only for themselves, in one of their teams. With `externalId` creation ' +
          'is idempotent, also under concurrency: the first create answers 201, every other 200 with the ' +
          'same object (409 if that conversation is one the caller may not see).',
        body: createObjectRequestSchema,
        response: { 200: one, 201: one, ...writeErrors },
      },
    },
    async (request, reply) => {
      const { object, created } = await objects.create(principalOf(request).user, request.body);
      reply.code(created ? 201 : 200);
      return envelope(object, created ? 201 : 200);
    },
  );

  app.patch(
    '/objects/:objectId',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary: 'Change a conversation’s title, team, agent or externalId (admins and integrations)',
        params: z.object({ objectId: objectIdSchema }),
        body: updateObjectRequestSchema,
        response: { 200: one, ...writeErrors },
      },
    },
    async (request) =>
      envelope(await objects.update(principalOf(request).user, request.params.objectId, request.body)),
  );
};

export default objectsRoutes;
