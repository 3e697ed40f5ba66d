// /api/scorecards: list, read (current or a given version), create, edit (new version), archive.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { envelopeSchema } from '../../../../contract/envelope';
import { idSchema } from '../../../../contract/ids';
import {
  scorecardConflictSchema,
  scorecardInputSchema,
  scorecardListQuerySchema,
  scorecardSchema,
  scorecardUpdateSchema,
} from '../../../../contract/scorecards';
import { envelope, readErrors, writeErrors } from '../../../lib/http';
import { principalOf } from '../../auth/plugin';
import { replyingToConflicts } from '../conflict';
import type { ScorecardsService } from './service';

const tags = ['qa: scorecards'];
const one = envelopeSchema(scorecardSchema);
const params = z.object({ id: idSchema });

const scorecardsRoutes: FastifyPluginAsyncZod<{ scorecards: ScorecardsService }> = async (app, opts) => {
  const { scorecards } = opts;

  app.get(
    '/scorecards',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary: 'Scorecards (current versions); archived ones too with includeArchived=true',
        description: 'Any signed-in user may read scorecards; only admins and QA managers write them.',
        querystring: scorecardListQuerySchema,
        response: { 200: envelopeSchema(z.array(scorecardSchema)), ...readErrors },
      },
    },
    async (request) => envelope(await scorecards.list(request.query.includeArchived)),
  );

  app.get(
    '/scorecards/:id',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary: 'A scorecard’s current version',
        params,
        response: { 200: one, ...readErrors },
      },
    },
    async (request) => envelope(await scorecards.get(request.params.id)),
  );

  app.get(
    '/scorecards/:id/versions/:version',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary: 'One version of a scorecard, exactly as evaluations made with it saw it',
        params: params.extend({
          version: z
            .string()
            .regex(/^[1-9][0-9]{0,8}$/, 'version must be a positive integer')
            .transform(Number),
        }),
        response: { 200: one, ...readErrors },
      },
    },
    async (request) => envelope(await scorecards.getVersion(request.params.id, request.params.version)),
  );

  app.post(
    '/scorecards',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary: 'Create a scorecard (version 1); admin and QA managers',
        description: 'Section and criterion ids are optional: the server makes stable ones.',
        body: scorecardInputSchema,
        response: { 201: envelopeSchema(scorecardSchema), ...writeErrors },
      },
    },
    async (request, reply) => {
      const created = await scorecards.create(principalOf(request).user, request.body);
      return reply.code(201).send(envelope(created, 201));
    },
  );

  app.put(
    '/scorecards/:id',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary: 'Edit a scorecard: publishes version n+1; `version` must be the current one (else 409)',
        description:
          'Every edit publishes a new immutable version; evaluations keep the version they were made with. ' +
          'Keep the ids of sections and criteria that stay the same. 409 carries the current scorecard in `data`.',
        params,
        body: scorecardUpdateSchema,
        response: { 200: one, ...writeErrors, 409: scorecardConflictSchema },
      },
    },
    async (request, reply) =>
      replyingToConflicts(reply, async () =>
        envelope(await scorecards.update(principalOf(request).user, request.params.id, request.body)),
      ),
  );

  app.post(
    '/scorecards/:id/archive',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary: 'Archive a scorecard: no new evaluations with it; existing ones keep showing it',
        params,
        response: { 200: one, ...writeErrors },
      },
    },
    async (request) => envelope(await scorecards.archive(principalOf(request).user, request.params.id)),
  );
};

export default scorecardsRoutes;
